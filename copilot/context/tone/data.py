"""The tone data in typed form: signals, rules, politeness markers, and the loaded whole."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from copilot.context.packs import Localized
from copilot.context.tone.lexicon import Lexicon

EMPATHY = "empathy"  # agent rule kind that is a marker, not a signal


class ToneDataError(ValueError):
    """A tone data file is malformed: the message names the file and what is wrong."""


@dataclass(frozen=True, slots=True)
class Signal:
    """One tone signal: its kind, the span that triggered it, a message and a suggestion.

    `severity` (must | should | tip) comes from the tone data's `[signal.<kind>]`. `rewrite`
    is the wording that may replace `start:end` (the draft's Apply button), or None when the
    signal is advice only: from the rule's `rewrite`, or for shouting the span in sentence case.
    """

    kind: str
    message: str
    start: int
    end: int
    suggestion: str
    severity: str
    rewrite: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "suggestion": self.suggestion,
            "severity": self.severity,
            "rewrite": self.rewrite,
        }


@dataclass(frozen=True, slots=True)
class ToneRule:
    kind: str
    weight: float
    negatable: bool
    suggestion: Localized | None
    rewrite: Localized | None = None


@dataclass(frozen=True, slots=True)
class SignalText:
    """What `[signal.<kind>]` says about every signal of its kind."""

    severity: str
    message: Localized
    suggestion: Localized


@dataclass(frozen=True, slots=True)
class PolitenessMarker:
    weight: float
    at: str  # "any" | "start" | "inside"


@dataclass(frozen=True)
class ToneData:
    """Everything loaded from resources/tone/, before compiling."""

    texts: Mapping[str, SignalText]  # by kind
    customer_rules: tuple[tuple[ToneRule, tuple[str, ...], tuple[str, ...]], ...]
    agent_rules: tuple[tuple[ToneRule, tuple[str, ...], tuple[str, ...]], ...]
    markers: tuple[tuple[PolitenessMarker, tuple[str, ...]], ...]
    lexicon: Lexicon
    threshold: float = 1.5
    emphasis_weight: float = 0.0
    max_words: int = 120
    max_chars: int = 800
    files: tuple[Path, ...] = field(default=())
