"""The compliance gate's rules: which problems in a draft stop a one-click copy."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from copilot.context.engine import Analysis

__all__ = ["GATE_KINDS", "Blocker", "blockers"]

# Stable keys: an override is recorded under them (never the draft's text), and the panel
# names each one in the agent's language.
GATE_KINDS = (
    "asks_otp",
    "asks_pin",
    "asks_cvv",
    "asks_password",
    "asks_card_number",
    "asks_secret",
    "card_number",
)
# Which secret a sensitive_data_request asks for, by the words of its span (both languages).
_ASKED = (
    ("asks_card_number", re.compile(r"\b(card number|nomor kartu)\b")),
    ("asks_cvv", re.compile(r"\b(cvv|cvc)\b")),
    ("asks_pin", re.compile(r"\bpin\b")),
    ("asks_password", re.compile(r"\b(password|passcode|sandi)\b")),
    ("asks_otp", re.compile(r"\b(otp|code|kode)\b")),
)


_SENTENCE_END = re.compile(r"[.!?\n]")


@dataclass(frozen=True, slots=True)
class Blocker:
    """One must-level problem in a draft: its gate kind and where it is."""

    kind: str
    start: int
    end: int


def asked_secrets(request: str) -> tuple[str, ...]:
    """The gate kinds a request for secrets asks for, from its words ("your OTP and CVV")."""
    words = " ".join(re.findall(r"\w+", request.lower()))
    found = sorted(
        (match.start(), kind) for kind, pattern in _ASKED if (match := pattern.search(words))
    )
    kinds = tuple(kind for _position, kind in found)  # in the order the draft names them
    # "kode" alone is the OTP; next to "pin" or "cvv" it is part of their name.
    if len(kinds) > 1 and "asks_otp" in kinds and not re.search(r"\botp\b", words):
        kinds = tuple(kind for kind in kinds if kind != "asks_otp")
    return kinds or ("asks_secret",)


def blockers(analysis: Analysis, draft: str) -> tuple[Blocker, ...]:
    """The problems in `draft` (analysed as `analysis`, role agent) that an agent must not
    copy with one click: asking for a PIN, OTP, CVV, password or full card number, and a
    full card number in the text. One per kind, in reading order."""
    found = []
    for signal in analysis.signals:
        if signal.kind != "sensitive_data_request":
            continue
        # The request reaches to the end of its sentence: "send your OTP and the CVV" asks
        # for both, though the rule's words end at "OTP".
        end = _SENTENCE_END.search(draft, signal.end)
        request = draft[signal.start : end.start() if end else len(draft)]
        found += [Blocker(kind, signal.start, signal.end) for kind in asked_secrets(request)]
    found += [
        Blocker("card_number", p.start, p.end) for p in analysis.pii if p.kind == "card_number"
    ]
    first: dict[str, Blocker] = {}
    for blocker in sorted(found, key=lambda b: (b.start, b.end)):
        first.setdefault(blocker.kind, blocker)  # one per kind: an override is per kind
    return tuple(first.values())
