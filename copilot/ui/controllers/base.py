"""What every panel controller shares: lazy access to the services and error forwarding."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from copilot.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from copilot.app import Services


class ServiceGate:
    """Opens the services on first use, on whichever worker thread asks first.

    Opening the database can take seconds (key derivation, migrations), so it never happens on
    the GUI thread: the first task that needs the services pays for it. The lock makes two
    tasks starting together open it once.
    """

    def __init__(self, provider: Callable[[], Services]) -> None:
        self._provider = provider
        self._lock = threading.Lock()
        self._services: Services | None = None

    def get(self) -> Services:
        with self._lock:
            if self._services is None:
                self._services = self._provider()
            return self._services

    @property
    def is_open(self) -> bool:
        return self._services is not None


class Controller(QObject):
    """Base for the per-step controllers: they run work through the runner and never raise
    into Qt; every failure becomes `failed(exception)`."""

    failed = Signal(object)

    def __init__(self, gate: ServiceGate, runner: TaskRunner, parent: QObject | None = None):
        super().__init__(parent)
        self.gate = gate
        self.runner = runner

    def run(
        self,
        op: Callable[[], Any],
        on_done: Callable[[Any], None],
        *,
        key: str | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> int:
        def error(exc: BaseException) -> None:
            if on_error is not None:
                on_error(exc)
            self.failed.emit(exc)

        return self.runner.submit(op, on_done, error, key=key)

    def debouncer(self, ms: int, slot: Callable[[], None]) -> QTimer:
        """A single-shot timer restarted on every keystroke; `slot` runs once typing pauses."""
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(ms)
        timer.timeout.connect(slot)
        return timer
