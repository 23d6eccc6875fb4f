"""Wrap-up: log the contact (interaction, new facts, a new commitment) in one action."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QObject, Signal

from copilot.services import ServiceProvider
from copilot.storage.kinds import Channel, Industry
from copilot.ui.controllers.base import Controller
from copilot.ui.tasks import TaskRunner


@dataclass(frozen=True)
class WrapUpForm:
    """What the agent filled in; plain values, safe to hand to a worker."""

    customer_id: int
    channel: Channel = Channel.phone
    outcome: str = ""
    summary: str = ""
    facts: tuple[str, ...] = ()
    commitment: str = ""
    due_at: datetime | None = None
    industry: str = "general"
    agent: str = ""
    # Compliance-gate overrides during this contact: (gate kind, when), never the draft text.
    overrides: tuple[tuple[str, datetime], ...] = ()


@dataclass(frozen=True)
class WrapUpResult:
    customer_id: int
    interaction_id: int
    contacts_7d: int  # including the contact just logged
    facts_added: int = 0
    commitment_added: bool = False
    already_saved: bool = False  # a retry found the contact saved by an earlier attempt


class WrapUpController(Controller):
    """Saves a `WrapUpForm` through `CustomerService.log_contact` off the GUI thread.

    Each form gets a contact key (a random id) when it is first submitted; saving the same
    form again after a failure reuses it, so an attempt that did commit before failing (a
    timeout, a lost answer) is not saved a second time. A saved form, or a changed one,
    gets a new key.
    """

    saved = Signal(object)  # WrapUpResult

    def __init__(self, gate: ServiceProvider, runner: TaskRunner, parent: QObject | None = None):
        super().__init__(gate, runner, parent)
        self.saving = False
        self._pending: tuple[WrapUpForm, str] | None = None  # the unsaved form and its key

    def contact_key(self, form: WrapUpForm) -> str:
        """The key for saving `form`: the pending one for the same form, else a new one."""
        if self._pending is None or self._pending[0] != form:
            self._pending = (form, uuid.uuid4().hex)
        return self._pending[1]

    def save(self, form: WrapUpForm) -> bool:
        """Start saving; False (and nothing happens) while a save is already running."""
        if self.saving:
            return False
        self.saving = True
        gate = self.gate
        key = self.contact_key(form)

        def op() -> WrapUpResult:
            customers = gate.get().customers
            # Loaded by now (gate.get() opened the store): not an import on this thread.
            from copilot.storage.schemas import CommitmentIn, OverrideIn

            try:
                industry = Industry(form.industry)
            except ValueError:
                industry = Industry.general
            commitment = form.commitment.strip()
            promises = (
                [CommitmentIn(text=commitment, due_at=form.due_at)]
                if commitment and form.due_at is not None
                else []
            )
            # One transaction: the contact, its facts and its promise are saved together or
            # not at all. The store masks card numbers, CVVs and OTPs in every text field.
            logged = customers.log_contact(
                contact_key=key,
                customer_id=form.customer_id,
                channel=form.channel,
                agent=form.agent,
                summary=form.summary.strip(),
                outcome=form.outcome.strip(),
                industry=industry,
                facts=[f.strip() for f in form.facts if f.strip()],
                commitments=promises,
                overrides=[OverrideIn(kind=kind, at=at) for kind, at in form.overrides],
            )
            return WrapUpResult(
                customer_id=logged.customer_id,
                interaction_id=logged.interaction_id,
                contacts_7d=logged.contacts_7d,
                facts_added=logged.facts_added,
                commitment_added=logged.commitments_added > 0,
                already_saved=logged.already_saved,
            )

        def done(result: WrapUpResult) -> None:
            self.saving = False
            if self._pending is not None and self._pending[1] == key:
                self._pending = None  # saved: the next form is another contact
            self.saved.emit(result)

        def error(_: BaseException) -> None:
            self.saving = False  # the key stays with the form, for the retry

        self.run(op, done, on_error=error)
        return True
