"""Plain values the panel shows (hint cards, draft reminders) and the small rules behind them.

No Qt widgets here: these are built on worker threads from the engine's `Analysis` and handed
to the GUI thread, and the rules (contact ordinal, which reminder can be applied) are tested
without a window.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from copilot.context.present import with_signal_words

# Customer signal kinds that matter as much as a compliance hint: a vulnerable or abusive
# customer changes how the whole contact must be handled.
_SIGNAL_SEVERITY = {
    "vulnerability": "must",
    "abusive": "must",
    "churn_risk": "should",
    "frustration": "should",
    "repeat_contact": "should",
    "urgency": "should",
    "confusion": "tip",
}

# Draft signals whose span can be swapped for better wording. The others describe the whole
# draft (too long, no empathy) or must be removed rather than reworded (asking for a PIN).
_REPLACEABLE_KINDS = frozenset(
    {"blame", "dismissive", "negative_phrasing", "jargon", "overpromise", "shouting"}
)

_SENTENCE_START = re.compile(r"([.!?]\s+)(\w)")
_Q = '"“”„«»'
_QUOTED = re.compile(rf"[{_Q}]([^{_Q}]{{1,160}})[{_Q}]")
# "better" instead of "worse" / "better" bukan "worse"
_INSTEAD_OF = re.compile(
    rf"[{_Q}]([^{_Q}]{{1,160}})[{_Q}]\s+(?:instead of|bukan|daripada)\s+"
    rf"[{_Q}]([^{_Q}]{{1,160}})[{_Q}]",
    re.IGNORECASE,
)
# Instead of "worse", try: "better" / Daripada "worse", coba: "better"
_DONT_SAY = re.compile(
    rf"(?:instead of|daripada)\s+[{_Q}]([^{_Q}]{{1,160}})[{_Q}]"
    rf"[^{_Q}]{{0,20}}[{_Q}]([^{_Q}]{{1,160}})[{_Q}]",
    re.IGNORECASE,
)

MAX_ANALYSED_CHARS = 20_000  # the panel never sends more than this to the engine per keystroke


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


@dataclass(frozen=True)
class Reminder:
    """One note under the draft: a tone signal or a piece of personal data, with its span."""

    kind: str  # a draft signal kind, or "pii:<kind>"
    start: int
    end: int
    message: str
    suggestion: str = ""
    replacement: str | None = None  # set when "Apply" can swap the span for this text
    is_pii: bool = False
    span: str = ""  # the draft text at start:end when analysed (Apply checks it is unchanged)

    @property
    def severity(self) -> str:
        """ "must" for what can break a rule (personal data, asking for codes), else "should"."""
        return "must" if self.is_pii or self.kind == "sensitive_data_request" else "should"


_ORDER = {"must": 0, "should": 1, "tip": 2}


def hint_items(analysis: Any, text: str) -> list[HintItem]:
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
            id=str(h.id),
            kind="hint",
            severity=str(h.severity),
            title=str(h.title),
            text=str(h.text),
            why=tuple(str(w) for w in (h.why or ())),
            reason=str(getattr(h, "reason", "") or ""),
            checklist=tuple(str(c) for c in (getattr(h, "checklist", ()) or ())),
            covers=getattr(h, "signal", None) or None,
        )
        for h in analysis.hints
    ]
    signals = []
    for s in analysis.signals:
        kind = str(s.kind)
        start, end = int(s.start), int(s.end)
        span = text[start:end].strip() if end > start else ""
        severity = _SIGNAL_SEVERITY.get(kind, "tip")
        covering = [i for i, hint in enumerate(hints) if hint.covers == kind]
        if covering:
            for i in covering:
                hint = hints[i]
                hints[i] = replace(
                    hint,
                    why=with_signal_words(hint.why, span),
                    severity=min(hint.severity, severity, key=lambda v: _ORDER.get(v, 3)),
                )
            continue
        signals.append(
            HintItem(
                id=f"signal:{kind}",
                kind="signal",
                severity=severity,
                title=str(s.message),
                text=str(s.suggestion or ""),
                why=(span,) if span else (),
            )
        )
    hints.sort(key=lambda item: _ORDER.get(item.severity, 3))
    signals.sort(key=lambda item: _ORDER.get(item.severity, 3))
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


def reminders(analysis: Any, draft: str) -> list[Reminder]:
    """Notes for the draft: tone signals (with a replacement when one is concrete) and PII."""
    notes: list[Reminder] = []
    for s in analysis.signals:
        start, end = int(s.start), int(s.end)
        kind = str(s.kind)
        if kind == "shouting":
            # Take the "!!!" after the shouted words too, so Apply calms both.
            while end < len(draft) and draft[end] == "!":
                end += 1
        notes.append(
            Reminder(
                kind=kind,
                start=start,
                end=end,
                message=str(s.message),
                suggestion=str(s.suggestion or ""),
                # An explicit replacement from the tone data wins over reading the suggestion.
                replacement=getattr(s, "replacement", None)
                or replacement_for(kind, str(s.suggestion or ""), draft[start:end]),
                span=draft[start:end],
            )
        )
    for p in analysis.pii:
        notes.append(
            Reminder(
                kind=f"pii:{p.kind}",
                start=int(p.start),
                end=int(p.end),
                message=str(p.kind),
                is_pii=True,
                span=draft[int(p.start) : int(p.end)],
            )
        )
    # Compliance first (asking for a PIN/OTP, personal data), then in reading order.
    notes.sort(key=lambda r: (0 if r.severity == "must" else 1, r.start, r.end))
    return notes


def replacement_for(kind: str, suggestion: str, span: str) -> str | None:
    """The wording "Apply" puts in place of `span`, or None when the suggestion is advice.

    Concrete means the suggestion names the better words for exactly this span:
    `"our specialist team" instead of "L2"` (or `bukan`), `Instead of "x", try: "y"`, a
    single short quotation without a "..." the agent would still have to fill in, or a
    short bare phrase. Shouting is fixed by sentence case. Anything else (missing empathy,
    too long, a request for a PIN, example sentences with placeholders) is shown, never
    applied: the agent's draft must not gain words they did not choose.
    """
    target = " ".join(span.split()).lower()
    if kind not in _REPLACEABLE_KINDS or not target:
        return None
    if kind == "shouting":
        lowered = span.lower()
        while "!!" in lowered:
            lowered = lowered.replace("!!", "!")
        lowered = _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), lowered)
        return lowered[:1].upper() + lowered[1:]
    for better, worse in _INSTEAD_OF.findall(suggestion):
        if worse.strip().lower() == target:
            return _concrete(better)
    for worse, better in _DONT_SAY.findall(suggestion):
        if worse.strip().lower().rstrip(". …") == target or worse.strip().lower() == target:
            return _concrete(better)
    quoted = [q.strip() for q in _QUOTED.findall(suggestion)]
    if len(quoted) == 1 and quoted[0].lower() != target:
        return _concrete(quoted[0], max_words=8)
    if not quoted and "'" not in suggestion:
        words = suggestion.split()
        if 0 < len(words) <= 8 and not suggestion.rstrip().endswith((".", "?", ":", "!")):
            return suggestion.strip()
    return None


def _concrete(wording: str, max_words: int = 20) -> str | None:
    wording = wording.strip().rstrip(",;")
    if not wording or "..." in wording or "…" in wording or len(wording.split()) > max_words:
        return None
    return wording


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
