"""The customer's record: rename, identifiers, critical facts and merging, off the GUI thread.

Mistakes the agent can fix (an invalid number, the last identifier, a number that is someone
else's) come back as `refused(where, message)` for the dialog to show beside the field; only
what the agent cannot fix (a locked or broken database) goes to the window's banner.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from copilot.errors import IdentityConflictError, InputError, NotFoundError
from copilot.services import ServiceProvider
from copilot.storage.kinds import IdentifierKind
from copilot.ui.controllers.base import Controller
from copilot.ui.tasks import TaskRunner
from copilot.vocabulary import DEFAULT_REGION

if TYPE_CHECKING:
    from copilot.storage.schemas import CustomerRead

# The fields a refusal is shown beside.
NAME, IDENTIFIER, FACT, MERGE = "name", "identifier", "fact", "merge"
FIND_LIMIT = 8  # merge candidates: a short list to choose from, never the first one silently
EDITABLE_KINDS = (IdentifierKind.phone, IdentifierKind.email, IdentifierKind.account)


@dataclass(frozen=True)
class StoredForm:
    """How an identifier typed in the dialog will be stored, or why it cannot be."""

    value: str = ""  # the stored form (E.164 phone, case-folded email, compact account)
    problem: str = ""  # the store's own reason, when the value is unusable


def stored_form(kind: IdentifierKind, typed: str, region: str = DEFAULT_REGION) -> StoredForm:
    """The value exactly as the store will keep it (the store's own normaliser), for the
    preview under the box; pure and quick (no database), so it runs as the agent types."""
    from copilot.storage.identity import normalise

    if not typed.strip():
        return StoredForm()
    try:
        return StoredForm(value=normalise(kind, typed, region))
    except InputError as exc:
        return StoredForm(problem=exc.message)


class RecordController(Controller):
    """Edits one customer's record; each edit is one service call in its own transaction."""

    saved = Signal(str, object)  # where (NAME, IDENTIFIER, FACT, MERGE), CustomerRead after it
    refused = Signal(str, str)  # where, the reason (the store's message)
    candidates_found = Signal(str, list)  # query, list[CustomerRead] (never the open customer)
    preview_ready = Signal(object)  # MergePreview
    merged = Signal(object)  # CustomerRead: the customer kept

    def __init__(self, gate: ServiceProvider, runner: TaskRunner, parent: QObject | None = None):
        super().__init__(gate, runner, parent)
        self.agent = ""  # the agent's profile name, recorded on facts and in the merge audit

    @property
    def region(self) -> str:
        return self.gate.settings.default_region

    def _edit(
        self,
        where: str,
        op: Callable[[], Any],
        done: Callable[[Any], None],
        *,
        refusal: str = "",
    ) -> None:
        """Run `op`; the agent's own mistakes become `refused(where, …)`, the rest `failed`.

        `refusal` is the agent's wording of the one InputError `op` can raise; other input
        errors keep the store's message (the dialog's limits keep them rare).
        """

        def error(exc: BaseException) -> None:
            if isinstance(exc, IdentityConflictError):
                self.refused.emit(
                    where,
                    self.tr(
                        "It belongs to another customer. If they are the same person, "
                        "use Merge below."
                    ),
                )
            elif isinstance(exc, InputError | NotFoundError):
                self.refused.emit(
                    where, refusal if isinstance(exc, InputError) and refusal else exc.message
                )
            else:
                self.failed.emit(exc)

        self.runner.submit(op, done, error)

    def _then_saved(self, where: str) -> Callable[[CustomerRead], None]:
        return lambda customer: self.saved.emit(where, customer)

    # -- name and identifiers --------------------------------------------------------------

    def rename(self, customer_id: int, name: str, salutation: str) -> None:
        gate, name = self.gate, " ".join(name.split())
        if not name:
            self.refused.emit(NAME, self.tr("Type the customer's name."))
            return
        self._edit(
            NAME,
            lambda: gate.get().customers.rename_customer(
                customer_id=customer_id, name=name, salutation=salutation
            ),
            self._then_saved(NAME),
        )

    def add_identifier(self, customer_id: int, kind: IdentifierKind, value: str) -> None:
        from copilot.storage.schemas import IdentifierIn

        form = stored_form(kind, value, self.region)
        if form.problem or not form.value:
            self.refused.emit(IDENTIFIER, form.problem or self.tr("Type a value first."))
            return
        gate, identifier = self.gate, IdentifierIn(kind=kind, value=value.strip())
        self._edit(
            IDENTIFIER,
            lambda: gate.get().customers.add_identifier(
                customer_id=customer_id, identifier=identifier
            ),
            self._then_saved(IDENTIFIER),
        )

    def remove_identifier(self, customer_id: int, kind: IdentifierKind, value: str) -> None:
        from copilot.storage.schemas import IdentifierIn

        gate, identifier = self.gate, IdentifierIn(kind=kind, value=value)
        self._edit(
            IDENTIFIER,
            lambda: gate.get().customers.remove_identifier(
                customer_id=customer_id, identifier=identifier
            ),
            self._then_saved(IDENTIFIER),
            # The store refuses to remove the last one: the customer could not be found again.
            refusal=self.tr(
                "This is the customer's only phone, email or account. Add another first, "
                "or they could not be found again."
            ),
        )

    # -- facts -----------------------------------------------------------------------------

    def add_fact(self, customer_id: int, text: str, *, critical: bool) -> None:
        gate, text, agent = self.gate, text.strip(), self.agent
        if not text:
            self.refused.emit(FACT, self.tr("Type the fact first."))
            return

        def op() -> CustomerRead:
            customers = gate.get().customers
            customers.add_fact(
                customer_id=customer_id, text=text, created_by=agent, critical=critical
            )
            return customers.get_customer(customer_id)

        self._edit(FACT, op, self._then_saved(FACT))

    def set_critical(self, customer_id: int, fact_id: int, text: str, critical: bool) -> None:
        gate = self.gate

        def op() -> CustomerRead:
            customers = gate.get().customers
            customers.update_fact(fact_id=fact_id, text=text, critical=critical)
            return customers.get_customer(customer_id)

        self._edit(FACT, op, self._then_saved(FACT))

    # -- merging ---------------------------------------------------------------------------

    def find_candidates(self, customer_id: int, query: str) -> None:
        """Customers matching `query` to merge into `customer_id` (never itself)."""
        gate, text = self.gate, query.strip()
        if not text:
            self.candidates_found.emit(query, [])
            return

        def op() -> list[CustomerRead]:
            found = gate.get().customers.find(text, limit=FIND_LIMIT + 1)
            return [c for c in found if c.id != customer_id][:FIND_LIMIT]

        self.run(op, lambda found: self.candidates_found.emit(query, found), key="merge-find")

    def preview_merge(self, keep_id: int, merge_id: int) -> None:
        gate = self.gate
        self._edit(
            MERGE,
            lambda: gate.get().customers.merge_preview(keep_id=keep_id, merge_id=merge_id),
            self.preview_ready.emit,
        )

    def merge(self, keep_id: int, merge_id: int) -> None:
        """Merge for real (recorded in the store's audit with the agent's name)."""
        gate, agent = self.gate, self.agent

        def done(customer: CustomerRead) -> None:
            self.merged.emit(customer)
            self.saved.emit(MERGE, customer)

        self._edit(
            MERGE,
            lambda: gate.get().customers.merge(keep_id=keep_id, merge_id=merge_id, by=agent),
            done,
        )
