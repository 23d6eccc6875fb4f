"""Draft: tone reminders and personal data in the agent's reply, copy, and crash-safe autosave."""

from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication

from copilot.ui.controllers.base import Controller, ServiceGate
from copilot.ui.controllers.items import MAX_ANALYSED_CHARS, Reminder, reminders
from copilot.ui.tasks import TaskRunner

DRAFT_DEBOUNCE_MS = 250
AUTOSAVE_DEBOUNCE_MS = 600
UNASSIGNED = "unassigned"  # the file for a draft typed before a customer was chosen


class DraftStore:
    """Drafts as `drafts/<customer_id>.txt` in the data folder, written atomically.

    Writes come from worker threads in any order; a sequence number per file makes an older
    write that finishes late a no-op, so the file always holds the newest text.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._lock = threading.Lock()
        self._written: dict[str, int] = {}

    def path(self, customer_id: int | None) -> Path:
        name = UNASSIGNED if customer_id is None else str(int(customer_id))
        return self.folder / f"{name}.txt"

    def write(self, customer_id: int | None, text: str, seq: int) -> None:
        # Card numbers, CVVs and OTPs must never reach the disk, not even in a draft the agent
        # is still typing: mask them as the store does for every free-text field. The rest of
        # the draft is the agent's own text and is kept as typed.
        from copilot.context.pii import mask_payment_secrets

        safe = mask_payment_secrets(text) if text else ""
        target = self.path(customer_id)
        with self._lock:
            if seq < self._written.get(target.name, -1):
                return
            self._written[target.name] = seq
            if not safe.strip():
                target.unlink(missing_ok=True)
                return
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".draft-", suffix=".tmp", dir=self.folder)
            try:
                with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                    handle.write(safe)
                    handle.flush()
                    os.fsync(handle.fileno())
                # Atomic on the same folder: a crash leaves the old draft or the new, never half.
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise

    def read(self, customer_id: int | None) -> str:
        try:
            return self.path(customer_id).read_text(encoding="utf-8")
        except FileNotFoundError:
            return ""


class DraftController(Controller):
    """Analyses the draft (role="agent", key "draft") and autosaves it per customer."""

    reminders_changed = Signal(list)  # list[Reminder]
    draft_restored = Signal(object, str)  # customer id (or None), text
    copied = Signal(str)  # the confirmation shown in the status line

    def __init__(self, gate: ServiceGate, runner: TaskRunner, parent: QObject | None = None):
        super().__init__(gate, runner, parent)
        self.industry = "general"
        self.customer_text = ""
        self.contact: int | None = None
        self.text = ""
        self.current: list[Reminder] = []
        self._seq = 0
        self._store: DraftStore | None = None
        self._store_lock = threading.Lock()
        self._analyse_timer = self.debouncer(DRAFT_DEBOUNCE_MS, self.analyze_now)
        self._save_timer = self.debouncer(AUTOSAVE_DEBOUNCE_MS, self.save_now)

    def store(self) -> DraftStore:
        """The draft folder inside the data folder (needs the services: call on a worker)."""
        with self._store_lock:
            if self._store is None:
                self._store = DraftStore(Path(self.gate.get().settings.data_dir) / "drafts")
            return self._store

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
        text = self.text[:MAX_ANALYSED_CHARS]
        if not text.strip():
            self.run(lambda: None, lambda _: self._analysed(None, ""), key="draft")
            return
        customer_text = self.customer_text[:MAX_ANALYSED_CHARS] or None
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
        seq, contact, text, store = self._seq, self.contact, self.text, self.store
        self.run(lambda: store().write(contact, text, seq), lambda _: None)

    def restore(self, customer_id: int | None) -> None:
        """Read the saved draft for `customer_id`; `draft_restored` carries it (maybe "")."""
        store = self.store
        self.run(
            lambda: store().read(customer_id),
            lambda text: self.draft_restored.emit(customer_id, text),
            key="draft-restore",
        )

    def clear_saved(self, customer_id: int | None) -> None:
        """Forget the saved draft (after the wrap-up is logged)."""
        self._save_timer.stop()
        self._seq += 1
        seq, store = self._seq, self.store
        self.run(lambda: store().write(customer_id, "", seq), lambda _: None)

    def copy(self, text: str) -> bool:
        """Put the draft on the clipboard; only ever called from an explicit agent action."""
        if not text.strip():
            return False
        QGuiApplication.clipboard().setText(text)
        self.copied.emit(self.tr("Copied"))
        return True
