"""Find: look customers up as the agent types, search notes, and create one when nobody matches."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from copilot.errors import InputError
from copilot.services import ServiceProvider
from copilot.storage.identity import normalise
from copilot.storage.kinds import IdentifierKind
from copilot.ui.controllers.base import Controller
from copilot.ui.tasks import TaskRunner
from copilot.vocabulary import DEFAULT_REGION, MAX_IDENTIFIER_LENGTH

if TYPE_CHECKING:
    from copilot.storage.found import Found
    from copilot.storage.schemas import CustomerRead, SearchHit

FIND_DEBOUNCE_MS = 150
# Rows the list shows; one more is asked for, so the list can say that more exist.
FIND_LIMIT = 20
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

    The create form's first guess of the kind (the agent can change it); the form then shows
    the value as the store will keep it, or why it cannot (an impossible phone number is an
    error to fix, never silently stored as something else).
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


class Problem(StrEnum):
    """Why a new customer cannot be saved yet (the form words each in the UI's language)."""

    name_missing = "name_missing"
    name_not_a_name = "name_not_a_name"
    identifier_missing = "identifier_missing"
    phone_invalid = "phone_invalid"
    email_invalid = "email_invalid"
    identifier_invalid = "identifier_invalid"


@dataclass(frozen=True, slots=True)
class NewCustomerCheck:
    """A new customer as it would be saved: the identifier's stored form, or what is wrong."""

    stored: str | None  # the identifier exactly as the store will keep it (E.164 for a phone)
    name_problem: Problem | None
    identifier_problem: Problem | None

    @property
    def ok(self) -> bool:
        return self.name_problem is None and self.identifier_problem is None and bool(self.stored)


def check_name(name: str) -> Problem | None:
    """A real name: some letters, not a number or an address (never a placeholder)."""
    clean = " ".join(name.split())
    if not clean:
        return Problem.name_missing
    letters = sum(ch.isalpha() for ch in clean)
    if letters < 2 or "@" in clean or sum(ch.isdigit() for ch in clean) > letters:
        return Problem.name_not_a_name
    return None


def check_new_customer(
    name: str, kind: IdentifierKind, value: str, region: str = DEFAULT_REGION
) -> NewCustomerCheck:
    """What creating this customer would store, checked as the store checks it (normalise)."""
    stored: str | None = None
    problem: Problem | None = None
    if not value.strip():
        problem = Problem.identifier_missing
    else:
        try:
            stored = normalise(kind, value, region)
        except InputError:
            problem = {
                IdentifierKind.phone: Problem.phone_invalid,
                IdentifierKind.email: Problem.email_invalid,
            }.get(kind, Problem.identifier_invalid)
    return NewCustomerCheck(stored, check_name(name), problem)


class FindController(Controller):
    """Debounced lookup (stale results dropped by the runner's "find" key), notes search and
    creation."""

    results_found = Signal(str, list)  # query, list[CustomerRead] (best first)
    matches_found = Signal(str, list, bool)  # the same as list[Found] (how each matched), more
    notes_found = Signal(str, list)  # query, list[SearchHit]
    customer_created = Signal(object)  # CustomerRead
    create_failed = Signal(object)  # the exception: the form stays open to fix it

    def __init__(self, gate: ServiceProvider, runner: TaskRunner, parent: QObject | None = None):
        super().__init__(gate, runner, parent)
        self._pending = ""
        self._timer = self.debouncer(FIND_DEBOUNCE_MS, self.search_now)
        self._notes_timer = self.debouncer(FIND_DEBOUNCE_MS, self.search_notes)
        self._creating = False

    @property
    def region(self) -> str:
        return self.gate.settings.default_region or DEFAULT_REGION

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
            self.run(lambda: [], lambda _: self._found("", [], more=False), key="find")
            return
        gate = self.gate

        def op() -> list[Found]:
            # The quick lookup answers while the full store is still opening (ServiceProvider).
            store = gate.quick()
            if store is not None:
                return store.find_matches(text, limit=FIND_LIMIT + 1)
            return gate.get().customers.find_matches(text, limit=FIND_LIMIT + 1)

        def done(found: list[Found]) -> None:
            self._found(text, found[:FIND_LIMIT], more=len(found) > FIND_LIMIT)

        self.run(op, done, key="find")

    def _found(self, query: str, found: list[Found], *, more: bool) -> None:
        self.matches_found.emit(query, list(found), more)
        self.results_found.emit(query, [f.customer for f in found])

    def schedule_notes_search(self, query: str) -> None:
        """Called on every keystroke while the box searches notes; runs once typing pauses."""
        self._pending = query
        self._notes_timer.start()

    def search_notes(self, query: str | None = None) -> None:
        """Full-text search of notes, summaries and facts (the newest hits first)."""
        self._notes_timer.stop()
        text = (self._pending if query is None else query).strip()[:MAX_QUERY_CHARS]
        if not text:
            self.run(lambda: [], lambda _: self.notes_found.emit("", []), key="find")
            return
        gate = self.gate

        def op() -> list[SearchHit]:
            return gate.get().customers.search(text, limit=FIND_LIMIT)

        self.run(op, lambda hits: self.notes_found.emit(text, list(hits)), key="find")

    def check_new_customer(self, name: str, kind: IdentifierKind, value: str) -> NewCustomerCheck:
        """`check_new_customer` in this desk's region (pure: safe on the GUI thread)."""
        return check_new_customer(name, kind, value, self.region)

    def create_customer(self, name: str, kind: str, value: str) -> None:
        """Create a customer with a real name and one valid identifier; once per request
        (a second Enter while the first is saving does nothing)."""
        identifier_kind = IdentifierKind(kind)
        check = self.check_new_customer(name, identifier_kind, value)
        if not check.ok or self._creating:
            return
        self._creating = True
        gate = self.gate
        clean_name = " ".join(name.split())

        def op() -> CustomerRead:
            # Loaded by now (gate.get() opened the store): not an import on this thread.
            from copilot.storage.schemas import IdentifierIn

            typed = IdentifierIn(kind=identifier_kind, value=value)
            return gate.get().customers.create_customer(name=clean_name, identifiers=[typed])

        def done(customer: CustomerRead) -> None:
            self._creating = False
            self.customer_created.emit(customer)

        def error(exc: BaseException) -> None:
            self._creating = False
            self.create_failed.emit(exc)

        self.run(op, done, on_error=error)
