"""Plain values the panel shows (hint cards, draft reminders) and the small rules behind them.

No Qt widgets here: these are built on worker threads from the engine's `Analysis` and handed
to the GUI thread, and the rules (contact ordinal, the order of cards) are tested without a
window. What a signal weighs and what Apply writes come from the tone data, through `Signal`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from copilot.context.present import with_signal_words
from copilot.vocabulary import SEVERITIES

if TYPE_CHECKING:
    from copilot.context.engine import Analysis

# Personal data in a draft can break a rule (card numbers, OTPs): always a "must".
PII_SEVERITY = "must"


@dataclass(frozen=True)
class HintItem:
    """One card in the Now section: a pack hint or a customer signal."""

    id: str  # the hint id, or "signal:<kind>"
    kind: str  # "hint" or "signal"
    severity: str  # must | should | tip
    title: str
    text: str
    why: tuple[str, ...] = ()
    reason: str = ""
    checklist: tuple[str, ...] = ()
    pinned: bool = False
    # For a pack hint that is the playbook for a customer signal kind (the pack's `signal`):
    # that signal is shown on this card instead of as a card of its own.
    covers: str | None = None
    pack: str = ""  # the pack a hint came from (an industry or "general"); "" for a signal


@dataclass(frozen=True)
class Reminder:
    """One note under the draft: a tone signal or a piece of personal data, with its span."""

    kind: str  # a draft signal kind, or "pii:<kind>"
    start: int
    end: int
    message: str
    severity: str  # must | should | tip
    suggestion: str = ""
    rewrite: str | None = None  # set when "Apply" can swap the span for this text
    is_pii: bool = False
    span: str = ""  # the draft text at start:end when analysed (Apply checks it is unchanged)


def _rank(severity: str) -> int:
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


def hint_items(analysis: Analysis, text: str) -> list[HintItem]:
    """Cards for a customer message: pack hints first (must, should, tip), then signals.

    A signal's "why" is the span of `text` (the analysed message) that raised it. A signal
    whose kind a hint covers (the hint is its playbook) is not a card of its own: saying the
    same thing twice is noise. Its words join that hint's "why", so the reason it fired stays
    visible, and the card takes the stronger of the two severities (a vulnerable or abusive
    customer stays a "must"). A signal with no words (raised from the contact history) adds
    nothing to a covering hint; with no hint covering it, it is a card as before.
    """
    hints = [
        HintItem(
            id=h.id,
            kind="hint",
            severity=h.severity,
            title=h.title,
            text=h.text,
            why=h.why,
            reason=h.reason,
            checklist=h.checklist,
            covers=h.signal,
            pack=h.pack,
        )
        for h in analysis.hints
    ]
    signals = []
    for s in analysis.signals:
        span = text[s.start : s.end].strip() if s.end > s.start else ""
        covering = [i for i, hint in enumerate(hints) if hint.covers == s.kind]
        if covering:
            for i in covering:
                hint = hints[i]
                hints[i] = replace(
                    hint,
                    why=with_signal_words(hint.why, span),
                    severity=min(hint.severity, s.severity, key=_rank),
                )
            continue
        signals.append(
            HintItem(
                id=f"signal:{s.kind}",
                kind="signal",
                severity=s.severity,
                title=s.message,
                text=s.suggestion,
                why=(span,) if span else (),
            )
        )
    hints.sort(key=lambda item: _rank(item.severity))
    signals.sort(key=lambda item: _rank(item.severity))
    return hints + signals


def merge_for_contact(
    fresh: list[HintItem], pinned: dict[str, HintItem], dismissed: set[str]
) -> list[HintItem]:
    """What the Now section shows: pinned cards first (even if the text changed), then the
    fresh ones that are neither pinned nor dismissed for this contact. A signal card whose
    kind a pinned hint covers stays hidden (the pinned hint is its playbook)."""
    shown = [replace(item, pinned=True) for item in pinned.values()]
    covered = {item.covers for item in shown if item.covers}
    shown += [
        item
        for item in fresh
        if item.id not in pinned
        and item.id not in dismissed
        and not (item.kind == "signal" and item.id.removeprefix("signal:") in covered)
    ]
    return shown


def reminders(analysis: Analysis, draft: str) -> list[Reminder]:
    """Notes for the draft: tone signals (with the tone data's rewrite, if any) and PII."""
    notes = [
        Reminder(
            kind=s.kind,
            start=s.start,
            end=s.end,
            message=s.message,
            severity=s.severity,
            suggestion=s.suggestion,
            rewrite=s.rewrite,
            span=draft[s.start : s.end],
        )
        for s in analysis.signals
    ]
    notes += [
        Reminder(
            kind=f"pii:{p.kind}",
            start=p.start,
            end=p.end,
            message=p.kind,
            severity=PII_SEVERITY,
            is_pii=True,
            span=draft[p.start : p.end],
        )
        for p in analysis.pii
    ]
    # Compliance first (asking for a PIN/OTP, personal data), then in reading order.
    notes.sort(key=lambda r: (_rank(r.severity), r.start, r.end))
    return notes


def ordinal(n: int, patterns: Mapping[str, str] | None = None) -> str:
    """English ordinal ("1st", "2nd", "3rd", "11th", "22nd") from four translatable patterns.

    `patterns` maps "st", "nd", "rd", "th" to the translated "{n}st"...; Indonesian turns
    all four into "ke-{n}" (see `copilot.ui.widgets.common.ordinal_patterns`).
    """
    table = {"st": "{n}st", "nd": "{n}nd", "rd": "{n}rd", "th": "{n}th"}
    if patterns:
        table.update(patterns)
    teens = 10 <= n % 100 <= 20  # 11th, 12th, 13th, not 11st
    suffix = "th" if teens else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return table[suffix].replace("{n}", str(n))


def contact_number(contacts_7d: int, *, logged: bool) -> int:
    """Which contact in the last 7 days this one is.

    `contacts_7d` counts the interactions already logged in the last 7 days. Until the agent
    saves the wrap-up, this contact is not among them, so it is number contacts_7d + 1; once
    saved it is counted already.
    """
    return max(contacts_7d, 0) + (0 if logged else 1)


def show_contact_count(number: int) -> bool:
    """A second or later contact within 7 days is worth a line: the customer is coming back."""
    return number >= 2


def first_sentence(text: str, limit: int = 200) -> str:
    """The first sentence (or line) of a customer message, for a summary; at most `limit`."""
    # Cut first: the search below must stay linear on a 20,000-character paste.
    text = text.strip()[: limit * 2].split("\n", 1)[0].strip() if text else ""
    match = re.search(r"(.+?[.!?])(\s|$)", text)
    sentence = match.group(1) if match else text
    if len(sentence) > limit:
        sentence = sentence[: limit - 1].rstrip() + "…"
    return sentence
