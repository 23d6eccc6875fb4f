"""`copilot open VALUE` in the panel: look the caller up once the database is open."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from copilot.services import ServiceProvider
from copilot.ui.controllers.base import Controller
from copilot.ui.tasks import TaskRunner
from copilot.vocabulary import MAX_IDENTIFIER_LENGTH

if TYPE_CHECKING:
    from copilot.storage.found import Found

log = logging.getLogger(__name__)

OPEN_LIMIT = 20  # as many as the find list shows


class OpenController(Controller):
    """Finds the customers a caller's identifier matches; the panel shows one story, the
    list to choose from, or the new-caller card.

    A request that arrives while the database is still opening (a panel started by
    `copilot open`) waits for `set_ready()`; a newer request replaces an older one (the
    runner's "open" key drops the stale answer), because only the latest caller is on the line.
    """

    found = Signal(str, list)  # the value, list[Found] (empty: a new caller)

    def __init__(self, gate: ServiceProvider, runner: TaskRunner, parent: QObject | None = None):
        super().__init__(gate, runner, parent)
        self._ready = False
        self._pending: str | None = None

    def request(self, value: str) -> None:
        """Look `value` up now, or as soon as the database is open."""
        value = value.strip()[:MAX_IDENTIFIER_LENGTH]
        if not value:
            return
        if not self._ready:
            self._pending = value
            return
        self._lookup(value)

    def set_ready(self, *_: object) -> None:
        """The database is open (DatabaseController.opened): run a request that waited."""
        self._ready = True
        pending, self._pending = self._pending, None
        if pending:
            self._lookup(pending)

    def _lookup(self, value: str) -> None:
        gate = self.gate

        def op() -> list[Found]:
            # The quick lookup answers at once in a running panel; the full store otherwise.
            store = gate.quick()
            if store is not None:
                return store.find_matches(value, limit=OPEN_LIMIT)
            return gate.get().customers.find_matches(value, limit=OPEN_LIMIT)

        def done(customers: list[Found]) -> None:
            # The count only: the value is a customer's phone or email.
            log.debug("open: %d match(es)", len(customers))
            self.found.emit(value, list(customers))

        self.run(op, done, key="open")
