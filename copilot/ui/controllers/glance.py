"""At a glance: what the header shows about the open customer, from the story, the find query,
the Now analysis and the draft's reminders.

The rules (which identifier matched, how alarming a contact count is) are plain functions,
tested without a window; `GlanceController` only keeps the latest inputs and says when the
picture changed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from copilot.ui.controllers.items import Reminder, contact_number
from copilot.vocabulary import SEVERITIES

if TYPE_CHECKING:
    from copilot.context.engine import Analysis
    from copilot.storage.schemas import CustomerRead, IdentifierRead, Story

# How alarming the n-th contact in a window is. The 2nd contact is worth a glance, the 3rd-4th
# a warning, the 5th+ a problem, and ten or more (someone calling every day) the worst look,
# so the 87th never looks like the 2nd.
CONTACT_LEVELS = ((10, "severe"), (5, "high"), (3, "raised"), (2, "mild"), (0, "none"))

# A digits-only query shorter than this is too weak to say which identifier matched.
MIN_MATCH_DIGITS = 4


def severity_rank(severity: str) -> int:
    """must before should before tip; unknown severities last."""
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


def contact_level(number: int) -> str:
    """The scale step for the `number`-th contact: none, mild, raised, high or severe."""
    return next(level for floor, level in CONTACT_LEVELS if number >= floor)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def matched_identifier(query: str, identifiers: Sequence[IdentifierRead]) -> str:
    """The identifier the agent found the customer with, else the first one ("" if none).

    Phone numbers are stored in E.164 (+62812...) but typed as 0812-...: a query matches when
    its digits, without the trunk 0, end the identifier's digits (that also covers the "last
    4+ digits" search). Other values match case-insensitively, whole or (when the query has
    a digit or an @) as a part.
    """
    if not identifiers:
        return ""
    typed = query.strip().casefold()
    digits = _digits(typed).lstrip("0")
    # A part of a value counts only when it looks like one ("pol-2024", "siti@ex"): a name
    # typed to find the customer ("Siti") is not their e-mail address.
    partial = len(typed) >= MIN_MATCH_DIGITS and any(c.isdigit() or c == "@" for c in typed)
    if typed:
        for identifier in identifiers:
            value = identifier.value.casefold()
            if typed == value or (partial and typed in value):
                return identifier.value
        if len(digits) >= MIN_MATCH_DIGITS:
            for identifier in identifiers:
                if _digits(identifier.value).endswith(digits):
                    return identifier.value
    return identifiers[0].value


@dataclass(frozen=True)
class Glance:
    """Everything the header shows; texts the widget translates are kept as keys."""

    name: str
    salutation: str  # a key of copilot.vocabulary.SALUTATIONS, "" when unknown
    identifier: str
    contact_7d: int  # this contact's number in the last 7 days (1 = the first)
    contact_30d: int
    overdue: int
    critical_facts: tuple[str, ...] = ()
    signals: tuple[str, ...] = ()  # customer signal kinds, strongest first
    must_reminders: tuple[Reminder, ...] = ()

    @property
    def level_7d(self) -> str:
        return contact_level(self.contact_7d)


def build_glance(
    story: Story,
    *,
    query: str,
    logged: bool,
    signals: Sequence[str] = (),
    reminders: Sequence[Reminder] = (),
) -> Glance:
    """The header's picture of `story`'s customer (pure: no Qt, no database)."""
    customer: CustomerRead = story.customer
    return Glance(
        name=customer.name,
        salutation=customer.salutation,
        identifier=matched_identifier(query, customer.identifiers),
        contact_7d=contact_number(story.contacts_7d, logged=logged),
        contact_30d=contact_number(story.contacts_30d, logged=logged),
        overdue=sum(1 for c in story.commitments if c.overdue),
        critical_facts=tuple(f.text for f in story.facts if f.critical),
        signals=tuple(dict.fromkeys(signals)),
        must_reminders=tuple(r for r in reminders if r.severity == "must"),
    )


class GlanceController(QObject):
    """Keeps the header's inputs and emits `changed` with a fresh Glance (None: no customer)."""

    changed = Signal(object)  # Glance | None

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.story: Story | None = None
        self.query = ""
        self.logged = False
        self.signals: tuple[str, ...] = ()
        self.reminders: tuple[Reminder, ...] = ()
        self.glance: Glance | None = None

    def set_query(self, query: str) -> None:
        """What the agent searched with when they opened the customer (shown with the story
        that follows, not with the previous customer's)."""
        self.query = query

    def set_story(self, story: Story, *, logged: bool = False) -> None:
        if self.story is not None and self.story.customer.id != story.customer.id:
            self.signals = ()  # the previous customer's mood is not this one's
        self.story = story
        self.logged = logged
        self._publish()

    def set_analysis(self, analysis: Analysis) -> None:
        """The Now analysis of the customer's message: its signal kinds, strongest first."""
        ranked = sorted(analysis.signals, key=lambda s: severity_rank(s.severity))
        self.signals = tuple(s.kind for s in ranked)
        self._publish()

    def message_changed(self, text: str) -> None:
        """An empty message box has no mood: the last analysis' signals go."""
        if not text.strip() and self.signals:
            self.signals = ()
            self._publish()

    def set_reminders(self, reminders: list[Reminder]) -> None:
        self.reminders = tuple(reminders)
        self._publish()

    def clear(self) -> None:
        self.story = None
        self._publish()

    def _publish(self) -> None:
        if self.story is None:
            glance = None
        else:
            glance = build_glance(
                self.story,
                query=self.query,
                logged=self.logged,
                signals=self.signals,
                reminders=self.reminders,
            )
        if glance != self.glance:
            self.glance = glance
            self.changed.emit(glance)
