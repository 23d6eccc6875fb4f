"""Find: look customers up as the agent types, and create one when nobody matches."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from copilot.errors import InputError
from copilot.services import ServiceProvider
from copilot.storage.kinds import IdentifierKind
from copilot.ui.controllers.base import Controller
from copilot.ui.tasks import TaskRunner
from copilot.vocabulary import MAX_IDENTIFIER_LENGTH

if TYPE_CHECKING:
    from copilot.storage.schemas import CustomerRead

FIND_DEBOUNCE_MS = 150
# A pasted paragraph is not an identifier: look up its start only. Nothing the store can
# match is longer than an identifier (names are shorter).
MAX_QUERY_CHARS = MAX_IDENTIFIER_LENGTH

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[\d\s().-]{8,}$")
_TICKET = re.compile(r"^(#|tkt|tix|ticket|inc|case)[\s-]?\w+$", re.IGNORECASE)
_CODE = re.compile(r"^(?=.*\d)[\w./-]{4,}$")


@dataclass(frozen=True, slots=True)
class IdentifierHit:
    """An identifier as a query reads (the store normalises and validates it when saved)."""

    kind: IdentifierKind
    value: str


def identifier_from_query(query: str) -> IdentifierHit | None:
    """What a typed query is as an identifier, or None when it reads as a name.

    Used only when creating a customer from a query nothing matched; the store normalises
    and validates the value (an impossible phone number falls back to an account number).
    """
    text = query.strip()
    if not text:
        return None
    if _EMAIL.match(text):
        return IdentifierHit(IdentifierKind.email, text)
    if _TICKET.match(text):
        return IdentifierHit(IdentifierKind.ticket, text)
    if _PHONE.match(text) and sum(c.isdigit() for c in text) >= 8:
        return IdentifierHit(IdentifierKind.phone, text)
    if _CODE.match(text):
        return IdentifierHit(IdentifierKind.account, text)
    return None


class FindController(Controller):
    """Debounced lookup (stale results dropped by the runner's "find" key) and creation."""

    results_found = Signal(str, list)  # query, list[CustomerRead]
    customer_created = Signal(object)  # CustomerRead

    def __init__(self, gate: ServiceProvider, runner: TaskRunner, parent: QObject | None = None):
        super().__init__(gate, runner, parent)
        self._pending = ""
        self._timer = self.debouncer(FIND_DEBOUNCE_MS, self.search_now)

    def schedule_search(self, query: str) -> None:
        """Called on every keystroke; the lookup runs once typing pauses."""
        self._pending = query
        self._timer.start()

    def search_now(self, query: str | None = None) -> None:
        self._timer.stop()
        if query is not None:
            self._pending = query
        text = self._pending.strip()[:MAX_QUERY_CHARS]
        if not text:
            # Invalidate any lookup still running so its results don't reappear.
            self.run(lambda: [], lambda _: self.results_found.emit("", []), key="find")
            return
        gate = self.gate

        def op() -> list[CustomerRead]:
            # The quick lookup answers while the full store is still opening (ServiceProvider).
            store = gate.quick()
            if store is not None:
                return store.find(text, limit=20)
            return gate.get().customers.find(text, limit=20)

        self.run(op, lambda found: self.results_found.emit(text, list(found)), key="find")

    def create_customer(self, name: str, query: str) -> None:
        """Create a customer named `name` with the identifier the agent typed (if any)."""
        gate = self.gate
        clean_name = " ".join(name.split())
        identifier = identifier_from_query(query)
        # A customer always has a name on screen; until the agent learns it, the identifier.
        clean_name = clean_name or " ".join(query.split())

        def op() -> CustomerRead:
            customers = gate.get().customers
            # Loaded by now (gate.get() opened the store): not an import on this thread.
            from copilot.storage.schemas import IdentifierIn

            if identifier is None:
                return customers.create_customer(name=clean_name)
            typed = IdentifierIn(kind=identifier.kind, value=identifier.value)
            try:
                return customers.create_customer(name=clean_name, identifiers=[typed])
            except InputError:
                if identifier.kind is not IdentifierKind.phone:
                    raise
                # Looked like a phone but isn't a valid number: an order or account number.
                fallback = IdentifierIn(kind=IdentifierKind.account, value=identifier.value)
                return customers.create_customer(name=clean_name, identifiers=[fallback])

        self.run(op, self.customer_created.emit)
