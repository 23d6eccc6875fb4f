"""Opening the database off the GUI thread, the first-run check, and loading demo data."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from copilot.services import ServiceProvider
from copilot.ui.controllers.base import Controller
from copilot.ui.tasks import ProgressRelay, TaskRunner

DEMO_CUSTOMERS = 200
# With a quick lookup, when to start opening the full store: its import of SQLModel holds the
# GIL for about half a second, and the first lookups should not share it. Anything that needs
# the store sooner (a chosen customer's story, a wrap-up) opens it at once.
FULL_OPEN_DELAY_MS = 300


class DatabaseController(Controller):
    """Emits `opened(has_customers)` once customers can be found, `ready()` once the full store
    is open; loads demo data on request.

    With a quick lookup, `opened` comes as soon as it has the key and `ready` when the worker
    has imported SQLModel and opened the store behind it; without one, both come together.
    """

    opened = Signal(bool)
    ready = Signal()
    demo_progressed = Signal(int, int)  # done, total
    demo_loaded = Signal(int)  # customers now in the database

    def __init__(self, gate: ServiceProvider, runner: TaskRunner, parent: QObject | None = None):
        super().__init__(gate, runner, parent)
        self.loading_demo = False
        self._relay = ProgressRelay(self)
        self._relay.progressed.connect(self.demo_progressed)

    def open(self) -> None:
        """Open (or retry opening) the database; `failed` carries e.g. WrongPassphraseError."""
        gate = self.gate
        ready = gate.quick_ready()

        def done(result: tuple[bool, bool]) -> None:
            has_customers, full = result
            self.opened.emit(has_customers)
            if full:
                self.ready.emit()
            else:
                QTimer.singleShot(FULL_OPEN_DELAY_MS, self, self._open_full)

        if ready is not None and ready.had_customers is not None:
            # Opened while Qt was loading, and it read whether anyone is there: no worker
            # round trip, and the panel's first paint is already the right page.
            done((ready.had_customers, False))
            return

        def op() -> tuple[bool, bool]:
            # Whether anyone is there, not how many: counting a million customers on an
            # encrypted file costs a noticeable part of the panel's start-up.
            store = gate.quick()
            if store is not None:
                return store.has_customers(), False
            return gate.get().customers.has_customers(), True

        self.run(op, done, key="open")

    def _open_full(self) -> None:
        self.run(self.gate.get, lambda _services: self.ready.emit(), key="open-full")

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
