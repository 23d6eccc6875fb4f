"""The daily integrity check: run on a worker when due; a failed one is reported until fixed."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from copilot.errors import DatabaseCorruptError
from copilot.services import ServiceProvider
from copilot.ui.controllers.base import Controller
from copilot.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

# The first check waits until the start-up work is done (the full open, the context engine's
# warm-up a second after it, the first lookups): a due check reads the whole file, seconds on
# a large database, and should not share the desk machine's few cores with them.
FIRST_CHECK_DELAY_MS = 10_000
# Asking hourly is cheap (one small file read while the daily check is not due) and catches
# the day turning over on a panel left open for a week.
CHECK_INTERVAL_MS = 60 * 60 * 1000


class HealthController(Controller):
    """Asks `copilot.storage.health.check_if_due` once the store is open, then hourly.

    `damage_found(problem)` carries the first problem of a failed check (the health module
    repeats a failed check each time, so a damaged database keeps saying so); `found_healthy()`
    follows a check that passed. Nothing is emitted while the daily check is not due.
    """

    damage_found = Signal(str)
    found_healthy = Signal()

    def __init__(
        self,
        gate: ServiceProvider,
        runner: TaskRunner,
        parent: QObject | None = None,
        *,
        first_delay_ms: int = FIRST_CHECK_DELAY_MS,
        interval_ms: int = CHECK_INTERVAL_MS,
    ) -> None:
        super().__init__(gate, runner, parent)
        self.first_delay_ms = first_delay_ms
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    def start(self) -> None:
        """Called when the full store is open (`DatabaseController.ready`); idempotent."""
        if self._timer.isActive():
            return
        self._timer.start()
        # Parented to self: a panel closed before the delay ends never runs the check.
        QTimer.singleShot(self.first_delay_ms, self, self.check)

    def check(self) -> None:
        """Submit one `check_if_due` to a worker; the GUI thread only waits for its signal."""
        gate = self.gate

        def op() -> tuple[str, ...] | None:
            # Imported on the worker: the health module pulls in the storage layer, which the
            # GUI thread never imports (tests/ui/test_quick_start.py).
            from copilot.storage import health

            report = health.check_if_due(gate.get().database)
            return None if report is None else report.problems

        # Not self.run: a failure to *run* the check (a busy file, a closed store at shutdown)
        # must not pop the error banner every hour while the agent works; it is retried.
        self.runner.submit(op, self._checked, self._check_failed, key="health")

    def _checked(self, problems: tuple[str, ...] | None) -> None:
        if problems is None:
            return
        if problems:
            self.damage_found.emit(problems[0])
        else:
            self.found_healthy.emit()

    def _check_failed(self, exc: BaseException) -> None:
        if isinstance(exc, DatabaseCorruptError):
            # The store refused to be read: that is the damage the check looks for.
            self.damage_found.emit(exc.message)
            return
        log.warning("integrity check not run, retried in an hour: %s", exc)
