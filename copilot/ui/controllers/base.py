"""What every panel controller shares: the service provider, the runner, error forwarding."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from copilot.services import ServiceProvider
from copilot.ui.tasks import TaskRunner


class Controller(QObject):
    """Base for the per-step controllers: they run work through the runner and never raise
    into Qt; every failure becomes `failed(exception)`.

    `gate` is the panel's one ServiceProvider; `gate.get()` opens the services, so only
    operations running on the runner's workers call it, never the GUI thread.
    """

    failed = Signal(object)

    def __init__(self, gate: ServiceProvider, runner: TaskRunner, parent: QObject | None = None):
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
