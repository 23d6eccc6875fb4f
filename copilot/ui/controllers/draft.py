"""Draft: tone reminders and personal data in the agent's reply, copy, and crash-safe autosave."""

from __future__ import annotations

import threading
from collections.abc import Callable
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

    def __init__(self, gate: ServiceProvider, runner: TaskRunner, parent: QObject | None = None):
        super().__init__(gate, runner, parent)
        self.industry = "general"
        self.customer_text = ""
        self.contact: int | None = None
        self.text = ""
        self.current: list[Reminder] = []
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
        self.contact = customer_id

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

            return analyze(text, role="agent", customer_text=customer_text, industry=industry)

        self.run(op, lambda analysis: self._analysed(analysis, text), key="draft")

    def _analysed(self, analysis: Any, text: str) -> None:
        self.current = reminders(analysis, text) if analysis is not None else []
        self.reminders_changed.emit(list(self.current))

    def save_now(self) -> None:
        self._save_timer.stop()
        self._seq += 1
        seq, contact, text, writer = self._seq, self.contact, self.text, self.writer
        self.run(lambda: writer.write(contact, text, seq), lambda _: None)

    def save_pending(self) -> None:
        """Write now an autosave still waiting for its debounce (the panel is closing)."""
        if self._save_timer.isActive():
            self.save_now()

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
        """Put the draft on the clipboard; only ever called from an explicit agent action."""
        if not text.strip():
            return False
        QGuiApplication.clipboard().setText(text)
        self.copied.emit(self.tr("Copied"))
        return True
