"""Wrap-up: log the contact (interaction, new facts, a new commitment) in one action."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from copilot.services import ServiceProvider
from copilot.storage.kinds import Channel, Industry
from copilot.ui.controllers.base import Controller
from copilot.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from copilot.context.reasons import ReasonCode
    from copilot.ui.controllers.items import HintItem

Reasons = dict[str, tuple["ReasonCode", ...]]  # industry -> its reason codes, in pack order


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
    reason_code: str = ""
    identity_verified: bool = False
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
    # The earlier attempt that did save held other text than the retry: the retry's changes
    # are not in the store (a key saves once), so the form keeps them for the agent.
    changes_not_saved: bool = False


@dataclass
class _Contact:
    """One contact in progress: whose, since when, and the key all its save attempts share."""

    customer_id: int
    started: float  # the monotonic clock when the agent opened the customer
    key: str = field(default_factory=lambda: uuid.uuid4().hex)
    first_attempt: WrapUpForm | None = None
    promises: list[str] = field(default_factory=list)  # added in the story during the contact


class WrapUpController(Controller):
    """Saves a `WrapUpForm` through `CustomerService.log_contact` off the GUI thread.

    A contact starts when the agent opens the customer; its key (a random id) is kept across
    every save attempt until one succeeds, whatever the agent changes in between, so an
    attempt that did commit before failing (a timeout, a lost answer) is never saved twice.
    The handle time is measured on the monotonic clock from that start to the save.
    """

    saved = Signal(object)  # WrapUpResult
    reasons_loaded = Signal(object)  # Reasons
    promises_changed = Signal()  # a promise was made in the story: the summary says so

    def __init__(
        self,
        gate: ServiceProvider,
        runner: TaskRunner,
        parent: QObject | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ):
        super().__init__(gate, runner, parent)
        self.saving = False
        self.clock = clock  # monotonic: a wall-clock change mid-call cannot skew handle time
        self._contact: _Contact | None = None

    # -- the contact in progress -----------------------------------------------------------

    def start_contact(self, customer_id: int, *, restart: bool = False) -> None:
        """The agent opened `customer_id`: a new contact starts, unless it is the one in
        progress (opening the same customer again mid-call keeps its clock and key)."""
        current = self._contact
        if restart or current is None or current.customer_id != customer_id:
            self._contact = _Contact(customer_id, started=self.clock())

    def contact_key(self, customer_id: int) -> str:
        """The key every save attempt of the contact in progress with `customer_id` uses."""
        self.start_contact(customer_id)
        assert self._contact is not None
        return self._contact.key

    def handle_seconds(self) -> int | None:
        """Seconds since the contact in progress started (None before one started)."""
        if self._contact is None:
            return None
        return max(0, round(self.clock() - self._contact.started))

    # -- reason codes ----------------------------------------------------------------------

    def load_reasons(self) -> None:
        """Read every industry's reason codes from the packs, on a worker (file reads)."""

        def op() -> Reasons:
            from copilot.context.reasons import load_reasons

            return load_reasons()

        self.run(op, self.reasons_loaded.emit, key="reasons")

    # -- the summary -----------------------------------------------------------------------

    def promise_made(self, text: str, _due: object = None) -> None:
        """A promise added in the story during the contact in progress."""
        if self._contact is not None and text.strip():
            self._contact.promises.append(text.strip())
            self.promises_changed.emit()

    def summary_for(
        self, shown: Sequence[HintItem], pinned: Sequence[HintItem], commitment: str = ""
    ) -> str:
        """What happened, as the prefilled summary says it: the detected issue (the top hint
        of the latest message), the hints the agent acted on (pinned) and the promises made.
        Never the customer's own (often angry, sometimes personal) words."""
        hints = [item for item in shown if item.kind == "hint"]
        # The industry's hint names the problem ("Claim denied"); general ones say how to
        # handle the call (a repeat contact, an escalation), which is not what it was about.
        top = next((h for h in hints if not h.id.startswith("general.")), None) or next(
            iter(hints), None
        )
        issue = top.title.split(": ", 1)[0] if top is not None else ""
        lines = []
        if issue:
            lines.append(self.tr("Issue: {issue}").replace("{issue}", issue))
        acted = [item.title for item in pinned]  # the advice followed, even for the issue
        if acted:
            lines.append(self.tr("Acted on: {hints}").replace("{hints}", "; ".join(acted)))
        earlier = self._contact.promises if self._contact is not None else []
        made = [text for text in (*earlier, commitment.strip()) if text]
        if made:
            lines.append(self.tr("Promised: {promises}").replace("{promises}", "; ".join(made)))
        return "\n".join(lines)

    # -- saving ----------------------------------------------------------------------------

    def save(self, form: WrapUpForm) -> bool:
        """Start saving; False (and nothing happens) while a save is already running."""
        if self.saving:
            return False
        self.saving = True
        gate = self.gate
        key = self.contact_key(form.customer_id)
        contact = self._contact
        assert contact is not None
        if contact.first_attempt is None:
            contact.first_attempt = form
        handle_seconds = self.handle_seconds()

        def op() -> WrapUpResult:
            return _log(gate, form, key, handle_seconds)

        def done(result: WrapUpResult) -> None:
            self.saving = False
            if self._contact is contact:
                # Saved: the next wrap-up with this customer is another contact, from now.
                self._contact = _Contact(form.customer_id, started=self.clock())
            if result.already_saved and contact.first_attempt != form:
                result = replace(result, changes_not_saved=True)
            self.saved.emit(result)

        def error(_: BaseException) -> None:
            self.saving = False  # the key stays with the contact, for the retry

        self.run(op, done, on_error=error)
        return True


def _log(gate: ServiceProvider, form: WrapUpForm, key: str, handle: int | None) -> WrapUpResult:
    """On a worker: the one `log_contact` call that saves the whole wrap-up."""
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
    # One transaction: the contact, its facts and its promise are saved together or not at
    # all. The store masks card numbers, CVVs and OTPs in every text field.
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
        reason_code=form.reason_code,
        handle_seconds=handle,
        identity_verified=form.identity_verified,
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
