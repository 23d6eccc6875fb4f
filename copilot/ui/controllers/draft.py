"""Draft: tone reminders and personal data in the agent's reply, copy, and crash-safe autosave."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication

from copilot.services import ServiceProvider
from copilot.ui.controllers.base import Controller
from copilot.ui.controllers.items import Reminder, reminders
from copilot.ui.tasks import TaskRunner
from copilot.vocabulary import MAX_LONG_TEXT

if TYPE_CHECKING:
    from copilot.storage.drafts import DraftService

DRAFT_DEBOUNCE_MS = 250
AUTOSAVE_DEBOUNCE_MS = 600


@dataclass(frozen=True)
class Override:
    """The agent copied a draft the compliance gate stopped: what kind of problem, and when.

    Never the draft's text: the record says that a rule was overridden, not what was said.
    """

    kind: str  # a gate kind (copilot.context.compliance.GATE_KINDS)
    at: datetime


class DraftWriter:
    """Writes drafts to the store (`Services.drafts`) from worker threads, newest last.

    Autosaves finish on pool threads in any order; a sequence number per customer makes an
    older write that finishes late a no-op, so the store always holds the newest text.
    """

    def __init__(self, drafts: Callable[[], DraftService]) -> None:
        self._drafts = drafts
        self._lock = threading.Lock()
        self._written: dict[int | None, int] = {}

    def write(self, customer_id: int | None, text: str, seq: int) -> None:
        drafts = self._drafts()  # may open the store: outside the lock
        # Held across the write, so the check and the write it guards happen as one.
        with self._lock:
            if seq < self._written.get(customer_id, -1):
                return
            self._written[customer_id] = seq
            # The store masks card numbers, CVVs and OTPs; an empty text clears the draft.
            drafts.save(customer_id, text)

    def read(self, customer_id: int | None) -> str:
        return self._drafts().get(customer_id)


class DraftController(Controller):
    """Analyses the draft (role="agent", key "draft") and autosaves it per customer."""

    reminders_changed = Signal(list)  # list[Reminder]
    draft_restored = Signal(object, str)  # customer id (or None), text
    copied = Signal(str)  # the confirmation shown in the status line
    # Copy was stopped: the gate kinds of the must-level problems (the agent may override).
    copy_blocked = Signal(list)
    overridden = Signal(list)  # copied anyway: the gate kinds recorded as overrides

    def __init__(self, gate: ServiceProvider, runner: TaskRunner, parent: QObject | None = None):
        super().__init__(gate, runner, parent)
        self.industry = "general"
        self.customer_text = ""
        self.contact: int | None = None
        self.text = ""
        self.current: list[Reminder] = []
        # The compliance gate: the text the last analysis was of, the gate kinds it found, a
        # copy waiting for the analysis of its text, and the overrides for the wrap-up.
        self.analysed_text = ""
        self.blocked: list[str] = []
        # Per customer (None: before one was found), so an override on one caller's draft is
        # never saved with another caller's wrap-up.
        self._overrides: dict[int | None, list[Override]] = {}
        self._pending_copy: str | None = None
        self._seq = 0
        gate = self.gate
        self.writer = DraftWriter(lambda: gate.get().drafts)
        self._analyse_timer = self.debouncer(DRAFT_DEBOUNCE_MS, self.analyze_now)
        self._save_timer = self.debouncer(AUTOSAVE_DEBOUNCE_MS, self.save_now)

    # -- inputs ----------------------------------------------------------------------------

    def set_industry(self, industry: str) -> None:
        self.industry = industry

    def set_customer_text(self, text: str) -> None:
        self.customer_text = text
        if self.text.strip():
            self._analyse_timer.start()

    def set_text(self, text: str, *, save: bool = True) -> None:
        """The draft changed; `save=False` when the panel itself put it there (restored)."""
        self.text = text
        self._analyse_timer.start()
        if save:
            self._save_timer.start()

    def set_contact(self, customer_id: int | None) -> None:
        """Switch to another customer: save this draft under the old one first."""
        if customer_id == self.contact:
            return
        if self._save_timer.isActive():
            self.save_now()
        if self.contact is None and customer_id is not None and None in self._overrides:
            # The draft typed before the customer was found is theirs now, and so is its record.
            self._overrides.setdefault(customer_id, []).extend(self._overrides.pop(None))
        self.contact = customer_id

    @property
    def overrides(self) -> list[Override]:
        """The current customer's drafts copied past the gate, for their wrap-up."""
        return list(self._overrides.get(self.contact, ()))

    # -- actions ---------------------------------------------------------------------------

    def analyze_now(self) -> None:
        self._analyse_timer.stop()
        text = self.text[:MAX_LONG_TEXT]
        if not text.strip():
            self.run(lambda: None, lambda _: self._analysed(None, ""), key="draft")
            return
        customer_text = self.customer_text[:MAX_LONG_TEXT] or None
        industry = self.industry

        def op() -> Any:
            from copilot.context import analyze
            from copilot.context.compliance import blockers

            analysis = analyze(text, role="agent", customer_text=customer_text, industry=industry)
            return analysis, [b.kind for b in blockers(analysis, text)]

        self.run(op, lambda result: self._analysed(result, text), key="draft")

    def _analysed(self, result: Any, text: str) -> None:
        analysis, blocked = result if result is not None else (None, [])
        self.current = reminders(analysis, text) if analysis is not None else []
        self.analysed_text, self.blocked = text, blocked
        self.reminders_changed.emit(list(self.current))
        pending, self._pending_copy = self._pending_copy, None
        if pending is not None and pending == text:
            self._copy_checked(text)

    def save_now(self) -> None:
        self._save_timer.stop()
        self._seq += 1
        seq, contact, text, writer = self._seq, self.contact, self.text, self.writer
        self.run(lambda: writer.write(contact, text, seq), lambda _: None)

    def restore(self, customer_id: int | None) -> None:
        """Read the saved draft for `customer_id`; `draft_restored` carries it (maybe "")."""
        writer = self.writer
        self.run(
            lambda: writer.read(customer_id),
            lambda text: self.draft_restored.emit(customer_id, text),
            key="draft-restore",
        )

    def clear_saved(self, customer_id: int | None) -> None:
        """Forget the saved draft (after the wrap-up is logged)."""
        self._save_timer.stop()
        self._seq += 1
        seq, writer = self._seq, self.writer
        self.run(lambda: writer.write(customer_id, "", seq), lambda _: None)

    def copy(self, text: str) -> bool:
        """Put the draft on the clipboard, unless the compliance gate stops it; only ever
        called from an explicit agent action. False when there is nothing to copy.

        The gate judges exactly `text`: when the last analysis was of another text (the agent
        typed within the debounce), the copy waits for the analysis of this one.
        """
        if not text.strip():
            return False
        if text == self.analysed_text and not self._analyse_timer.isActive():
            self._copy_checked(text)
        else:
            self._pending_copy = text
            self.text = text
            self.analyze_now()
        return True

    def _copy_checked(self, text: str) -> None:
        if self.blocked:
            self.copy_blocked.emit(list(self.blocked))
            return
        QGuiApplication.clipboard().setText(text)
        self.copied.emit(self.tr("Copied"))

    def copy_anyway(self, text: str) -> bool:
        """The agent's deliberate second action after the gate stopped `text`: copy it and
        record one override per problem (kind and time, never the text) for the wrap-up."""
        if text != self.analysed_text or not self.blocked:
            return self.copy(text)  # nothing (or something else) was stopped: the normal way
        now = datetime.now(UTC)
        self._overrides.setdefault(self.contact, []).extend(
            Override(kind, now) for kind in self.blocked
        )
        QGuiApplication.clipboard().setText(text)
        self.overridden.emit(list(self.blocked))
        return True

    def clear_overrides(self, customer_id: int | None) -> None:
        """After `customer_id`'s wrap-up is saved: their overrides are in the record now."""
        self._overrides.pop(customer_id, None)
