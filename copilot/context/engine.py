"""The context engine: compiled packs and tone data, and `analyze()` over one message."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from operator import itemgetter
from pathlib import Path

from copilot.context.language import detect_industry, detect_language
from copilot.context.matching import Hit, Matcher, MatcherBuilder
from copilot.context.packs import HintSpec, LoadResult, Localized, Pack, load_packs
from copilot.context.pii import PiiCache, PiiMatch, redact
from copilot.context.text import Tokens
from copilot.context.tone import Signal, ToneModel
from copilot.resources import resources_dir
from copilot.vocabulary import INDUSTRIES, MAX_LONG_TEXT, SEVERITIES

__all__ = ["MAX_ANALYSED_CHARS", "ROLES", "Analysis", "Engine", "Hint", "History"]

log = logging.getLogger(__name__)

ROLES = ("customer", "agent")
# Hints, tone and language look at most this many characters: the first and the last half.
# A side panel analyses one message per keystroke; a pasted 10 MB log must not freeze it.
# PII is different: `redacted` must never leak, so PII detection covers the whole text (it is
# linear-time, about a second for 10 MB).
MAX_ANALYSED_CHARS = MAX_LONG_TEXT
_SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}
_RANK_AND_POSITION = itemgetter(0, 1)
# Bound on the engine's cache of built Hint objects (see `_hints_for`).
_HINT_CACHE_LIMIT = 4096
# Bound on the engine's memo of customer messages judged upset or not (`_customer_upset`).
_UPSET_CACHE_LIMIT = 64
# How many recently analysed texts Tokens may reuse a prefix of.
_RECENT_TEXTS = 4
# Trigger groups in the engine's one matcher.
_HINTS, _CUSTOMER_RULES, _AGENT_RULES = 1, 2, 4


@dataclass(frozen=True, slots=True)
class History:
    """What the store knows about this customer, so the engine can see patterns in time."""

    contacts_7d: int = 0
    contacts_30d: int = 0
    open_commitments: int = 0
    overdue_commitments: int = 0


@dataclass(frozen=True, slots=True)
class Hint:
    """A hint that fired, in the analysed text's language, with the words that fired it."""

    id: str
    title: str
    text: str
    severity: str
    why: tuple[str, ...]
    reason: str
    checklist: tuple[str, ...]
    # The customer signal kind this hint is the playbook for (the pack's `signal`), or None.
    # The Analysis keeps that signal too; presentation shows the two as one.
    signal: str | None = None
    # The pack the hint came from (an industry, or "general"): with the campaign on General
    # the industry is chosen per message, so the panel says which pack spoke.
    pack: str = "general"

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "text": self.text,
            "severity": self.severity,
            "why": list(self.why),
            "reason": self.reason,
            "checklist": list(self.checklist),
            "signal": self.signal,
            "pack": self.pack,
        }


@dataclass(frozen=True, slots=True)
class Analysis:
    """The result of analysing one text (see docs/ARCHITECTURE.md, "Context contract")."""

    language: str
    industry: str
    hints: tuple[Hint, ...] = ()
    signals: tuple[Signal, ...] = ()
    pii: tuple[PiiMatch, ...] = ()
    redacted: str = ""
    # Not part of the JSON contract: True when only the first and last MAX_ANALYSED_CHARS/2
    # characters were analysed for hints and tone.
    truncated: bool = field(default=False, compare=False)

    def to_dict(self) -> dict[str, object]:
        return {
            "language": self.language,
            "industry": self.industry,
            "hints": [h.to_dict() for h in self.hints],
            "signals": [s.to_dict() for s in self.signals],
            "pii": [p.to_dict() for p in self.pii],
            "redacted": self.redacted,
        }

    def to_json(self, *, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


_NONE: frozenset[str] = frozenset()
# What a hint's "why" says when personal data in the message fired it (HintSpec.pii).
_PII_WORDS = {
    "card_number": Localized("card number", "nomor kartu"),
    "cvv": Localized("CVV", "CVV"),
    "otp": Localized("one-time code or PIN", "kode OTP atau PIN"),
}


@dataclass(frozen=True, slots=True)
class _Facts:
    """What conditional hints look at besides the words: PII kinds found, overdue promises."""

    pii: frozenset[str]
    overdue: int


def _condition_words(spec: HintSpec, facts: _Facts, language: str) -> tuple[str, ...]:
    """Why `spec` fires on `facts` (its "why" words), or () when its condition is not met."""
    reasons: list[str] = []
    for kind in sorted(spec.pii & facts.pii):
        label = _PII_WORDS.get(kind)
        reasons.append(label.get(language) if label else kind.replace("_", " "))
    if spec.overdue_at_least and facts.overdue >= spec.overdue_at_least:
        reasons.append(
            f"{facts.overdue} janji lewat batas waktu"
            if language == "id"
            else f"{facts.overdue} overdue promises"
        )
    return tuple(reasons)


class _Window:
    """The part of a long text that is analysed, and how to map its offsets back."""

    def __init__(self, text: str, limit: int) -> None:
        if len(text) <= limit:
            self.text, self.cut, self.shift = text, len(text), 0
            return
        half = limit // 2
        head, tail = text[:half], text[-half:]
        self.text = head + "\n" + tail
        self.cut = len(head) + 1  # offsets at or past this are in the tail
        self.shift = len(text) - half - self.cut

    @property
    def truncated(self) -> bool:
        return self.shift != 0

    def offset(self, position: int) -> int:
        return position + self.shift if position >= self.cut else position


class Engine:
    """Hint packs and tone data compiled once; `analyze` is then cheap enough per keystroke.

    Safe to share between threads: after construction the only mutable state is the
    matchers' word caches, whose dict operations are atomic under the GIL.
    """

    def __init__(
        self,
        packs_dir: Path | None = None,
        *,
        tone_dir: Path | None = None,
        max_chars: int = MAX_ANALYSED_CHARS,
    ) -> None:
        result: LoadResult = load_packs(packs_dir)
        for error in result.errors:
            # A broken pack must not take the panel down: the others still load, and
            # `copilot packs check` shows the same errors to whoever edits the packs.
            log.warning("hint pack skipped: %s", error.message)
        self.packs: tuple[Pack, ...] = result.packs
        self.pack_errors = result.errors
        self.tone = ToneModel.from_directory(tone_dir or resources_dir() / "tone")
        self.max_chars = max_chars
        self._hints: list[HintSpec] = [hint for pack in self.packs for hint in pack.hints]
        self._matcher = self._compile()
        self._owners = [hint.industry for hint in self._hints]
        self._ranks = [_SEVERITY_RANK[hint.severity] for hint in self._hints]
        self._hint_cache: dict[tuple[int, str, tuple[str, ...]], Hint] = {}
        # Hints that fire on what the words cannot show: personal data in the message, or the
        # customer's overdue promises (HintSpec.pii, HintSpec.overdue_at_least).
        self._conditional = [
            index for index, hint in enumerate(self._hints) if hint.pii or hint.overdue_at_least
        ]
        # Words already seen with no letter repeated three times (see Tokens): lets most
        # keystrokes skip the search for "lamaaaa"-style runs. Grows with the vocabulary seen,
        # bounded in text.py; set operations are atomic under the GIL, like the word caches.
        self._known_words: set[str] = set()
        # What each number in a message is, by its context (see pii.find_pii): a keystroke
        # re-reads the same numbers in the same context. Bounded (pii.match.CACHE_LIMIT).
        self._pii_cache: PiiCache = {}
        self._upset_cache: dict[str, bool] = {}
        # The last few texts analysed: the next keystroke's text mostly starts like one of
        # them, and Tokens reuses the words of that common prefix.
        self._recent: tuple[Tokens, ...] = ()

    def _compile(self) -> Matcher:
        builder = MatcherBuilder()
        for pack in self.packs:
            for trigger in pack.detect:
                builder.add(trigger, ("detect", pack.industry))
        for index, hint in enumerate(self._hints):
            for trigger in hint.triggers:
                builder.add(trigger, ("hint", index))
            for trigger in hint.exclude:
                builder.add(trigger, ("hint_exclude", index))
        # The tone rules go into the same matcher (their keys are "rule"/"exclude"), each role
        # in its own group: one pass over the words finds hints and the role's tone cues.
        self.tone.add_rules(builder, "customer", _CUSTOMER_RULES)
        self.tone.add_rules(builder, "agent", _AGENT_RULES)
        return builder.build()

    def clear_caches(self) -> None:
        """Forget everything remembered between calls (to free memory, or to measure a first
        call); results never depend on these caches."""
        self._matcher.clear_cache()
        self.tone.clear_caches()
        for cache in (self._known_words, self._pii_cache, self._hint_cache, self._upset_cache):
            cache.clear()
        self._recent = ()

    @property
    def industries(self) -> tuple[str, ...]:
        return tuple(pack.industry for pack in self.packs)

    @property
    def hint_count(self) -> int:
        return len(self._hints)

    def analyze(
        self,
        text: str,
        *,
        role: str = "customer",
        customer_text: str | None = None,
        industry: str = "auto",
        language: str = "auto",
        history: History | None = None,
    ) -> Analysis:
        """Hints, tone signals, PII and language of one message (see the Context contract)."""
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        if role not in ROLES:
            raise ValueError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
        if industry != "auto" and industry not in INDUSTRIES:
            raise ValueError(
                f"industry must be auto or one of {', '.join(INDUSTRIES)}, not {industry!r}"
            )
        if language not in ("auto", "en", "id"):
            raise ValueError(f"language must be auto, en or id, not {language!r}")
        if not text.strip():
            fixed_language = "en" if language == "auto" else language
            fixed_industry = "general" if industry == "auto" else industry
            # No message yet, but the history may already call for a hint (overdue promises).
            facts = _Facts(frozenset(), history.overdue_commitments if history else 0)
            fired = self._conditional_hints({}, fixed_industry, fixed_language, facts)
            return Analysis(
                fixed_language,
                fixed_industry,
                hints=tuple(hint for _rank, _pos, hint in sorted(fired, key=_RANK_AND_POSITION)),
                redacted=text,
            )

        window = _Window(text, self.max_chars)
        tokens = Tokens(window.text, self._known_words, self._recent)
        # Replaced, not mutated: another thread may be reading the old tuple.
        self._recent = (tokens, *self._recent[: _RECENT_TEXTS - 1])
        lang = detect_language(tokens.words) if language == "auto" else language
        groups = _HINTS | (_CUSTOMER_RULES if role == "customer" else _AGENT_RULES)
        hits = self._matcher.find(tokens.words, groups)
        redaction = redact(text, cache=self._pii_cache)
        facts = _Facts(
            frozenset(match.kind for match in redaction.matches)
            if role == "customer" and redaction.matches
            else _NONE,
            history.overdue_commitments if history and role == "customer" else 0,
        )
        chosen, hints, tone_hits = self._hints_for(tokens, hits, industry, lang, facts)
        if role == "customer":
            signals, _score = self.tone.customer_signals(
                tokens, lang, contacts_7d=history.contacts_7d if history else 0, hits=tone_hits
            )
        else:
            upset = self._customer_upset(customer_text) if customer_text else None
            signals = self.tone.agent_signals(tokens, lang, customer_upset=upset, hits=tone_hits)
        if window.truncated:
            signals = [
                replace(s, start=window.offset(s.start), end=window.offset(s.end)) for s in signals
            ]
        return Analysis(
            language=lang,
            industry=chosen,
            hints=tuple(hints),
            signals=tuple(signals),
            pii=redaction.matches,
            redacted=redaction.text,
            truncated=window.truncated,
        )

    def _tokens(self, text: str) -> Tokens:
        return Tokens(_Window(text, self.max_chars).text, self._known_words)

    def _customer_upset(self, customer_text: str) -> bool:
        """Whether the customer's message reads as upset (for missing_empathy), memoised: the
        agent types a draft keystroke by keystroke against the same customer message."""
        text = _Window(customer_text, self.max_chars).text
        upset = self._upset_cache.get(text)
        if upset is None:
            upset = self.tone.is_upset(Tokens(text, self._known_words))
            if len(self._upset_cache) >= _UPSET_CACHE_LIMIT:
                self._upset_cache.clear()
            self._upset_cache[text] = upset
        return upset

    def _hints_for(
        self, tokens: Tokens, hits: Sequence[Hit], industry: str, language: str, facts: _Facts
    ) -> tuple[str, list[Hint], list[Hit]]:
        """Hints fired by `hits`, and the hits that are not the hints' (the tone rules')."""
        scores: dict[str, float] = {}
        fired: dict[int, list[int]] = {}
        excluded: set[int] = set()
        owners = self._owners
        others: list[Hit] = []
        for hit in hits:
            (tag, ref), positions = hit
            if tag == "detect":
                scores[ref] = scores.get(ref, 0.0) + 1.0
            elif tag == "hint":
                if ref in fired:
                    fired[ref].extend(positions)
                else:
                    fired[ref] = list(positions)
                owner = owners[ref]
                scores[owner] = scores.get(owner, 0.0) + 1.0
            elif tag == "hint_exclude":
                excluded.add(ref)
            else:
                others.append(hit)
        chosen = detect_industry(scores) if industry == "auto" else industry
        words: dict[int, tuple[int, tuple[str, ...]]] = {}
        for index, fired_at in fired.items():
            if index in excluded or owners[index] not in (chosen, "general"):
                continue
            spots = sorted(set(fired_at))
            # The words as written, lower-cased, first occurrence first (dict: ordered set).
            words[index] = (
                spots[0],
                tuple(dict.fromkeys([tokens.surface(p).lower() for p in spots])),
            )
        selected = self._conditional_hints(words, chosen, language, facts)
        selected.sort(key=_RANK_AND_POSITION)
        return chosen, [hint for _rank, _pos, hint in selected], others

    def _conditional_hints(
        self,
        words: dict[int, tuple[int, tuple[str, ...]]],
        chosen: str,
        language: str,
        facts: _Facts,
    ) -> list[tuple[int, int, Hint]]:
        """Hints for the trigger words found (`words`: index -> first position, words) and
        those whose condition (personal data, overdue promises) `facts` meets."""
        found = dict(words)
        for index in self._conditional:
            spec = self._hints[index]
            if spec.industry not in (chosen, "general"):
                continue
            reasons = _condition_words(spec, facts, language)
            if reasons:
                position, why = found.get(index, (0, ()))
                found[index] = (position, (*why, *reasons))
        return [
            (self._ranks[index], position, self._hint(index, language, why))
            for index, (position, why) in found.items()
        ]

    def _hint(self, index: int, language: str, why: tuple[str, ...]) -> Hint:
        key = (index, language, why)
        hint = self._hint_cache.get(key)
        if hint is None:
            # Hints are immutable, so one is built once per (hint, language, words) and
            # reused: most keystrokes fire the same hints for the same words as the last.
            spec = self._hints[index]
            hint = Hint(
                id=spec.id,
                title=spec.title.get(language),
                text=spec.text.get(language),
                severity=spec.severity,
                why=why,
                reason=spec.why.get(language),
                checklist=tuple(spec.checklist.get(language, ())),
                signal=spec.signal,
                pack=spec.industry,
            )
            if len(self._hint_cache) >= _HINT_CACHE_LIMIT:
                self._hint_cache.clear()
            self._hint_cache[key] = hint
        return hint

    # --- scores the evaluation measures (the same code paths as analyze) ----------------------

    def customer_negativity(self, text: str) -> float:
        """The customer negativity score behind the frustration signal (fires at threshold)."""
        score, _span = self.tone.negativity(self._tokens(text))
        return score

    @property
    def frustration_threshold(self) -> float:
        return self.tone.data.threshold

    def customer_signal_kinds(self, text: str) -> set[str]:
        """Kinds of customer signals analyze() would report for `text` (no PII, no hints)."""
        signals, _score = self.tone.customer_signals(self._tokens(text), "en")
        return {s.kind for s in signals}

    def politeness(self, text: str) -> float:
        """Agent politeness score of a draft: higher is more polite."""
        return self.tone.politeness(self._tokens(text))


def hint_ids(analysis: Analysis) -> Sequence[str]:
    return [hint.id for hint in analysis.hints]
