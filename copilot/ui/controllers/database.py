"""Opening the database off the GUI thread, the first-run check, and loading demo data."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from copilot.ui.controllers.base import Controller, ServiceGate
from copilot.ui.tasks import ProgressRelay, TaskRunner

DEMO_CUSTOMERS = 200


class DatabaseController(Controller):
    """Emits `opened(has_customers)` once the services are up; loads demo data on request."""

    opened = Signal(bool)
    demo_progressed = Signal(int, int)  # done, total
    demo_loaded = Signal(int)  # customers now in the database

    def __init__(self, gate: ServiceGate, runner: TaskRunner, parent: QObject | None = None):
        super().__init__(gate, runner, parent)
        self.loading_demo = False
        self._relay = ProgressRelay(self)
        self._relay.progressed.connect(self.demo_progressed)

    def open(self) -> None:
        """Open (or retry opening) the database; `failed` carries e.g. WrongPassphraseError."""
        gate = self.gate
        # Whether anyone is there, not how many: counting a million customers on an encrypted
        # file costs a noticeable part of the panel's start-up.
        self.run(lambda: gate.get().customers.has_customers(), self.opened.emit, key="open")

    def load_demo(self, customers: int = DEMO_CUSTOMERS) -> None:
        if self.loading_demo:
            return
        self.loading_demo = True
        gate, report = self.gate, self._relay.report

        def op() -> int:
            from copilot.storage import demo

            services = gate.get()
            demo.generate(services.database, customers=customers, progress=report)
            return services.customers.count_customers()

        def done(count: int) -> None:
            self.loading_demo = False
            self.demo_loaded.emit(count)

        def error(_: BaseException) -> None:
            self.loading_demo = False

        self.run(op, done, on_error=error)
