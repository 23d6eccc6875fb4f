"""Opening the database off the GUI thread, the first-run check, and loading demo data."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from copilot.ui.controllers.base import Controller, ServiceGate
from copilot.ui.tasks import ProgressRelay, TaskRunner

if TYPE_CHECKING:
    from copilot.storage.quick import QuickStore

DEMO_CUSTOMERS = 200


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

    def __init__(
        self,
        gate: ServiceGate,
        runner: TaskRunner,
        parent: QObject | None = None,
        quick: Callable[[], QuickStore | None] | None = None,
    ):
        super().__init__(gate, runner, parent)
        self._quick = quick
        self.loading_demo = False
        self._relay = ProgressRelay(self)
        self._relay.progressed.connect(self.demo_progressed)

    def open(self) -> None:
        """Open (or retry opening) the database; `failed` carries e.g. WrongPassphraseError."""
        gate, quick = self.gate, self._quick

        def op() -> tuple[bool, bool]:
            # Whether anyone is there, not how many: counting a million customers on an
            # encrypted file costs a noticeable part of the panel's start-up.
            store = quick() if quick is not None else None
            if store is not None:
                return store.has_customers(), False
            return gate.get().customers.has_customers(), True

        def done(result: tuple[bool, bool]) -> None:
            has_customers, full = result
            self.opened.emit(has_customers)
            if full:
                self.ready.emit()
            else:
                self.run(gate.get, lambda _services: self.ready.emit(), key="open-full")

        self.run(op, done, key="open")

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
