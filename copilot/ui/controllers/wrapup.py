"""Wrap-up: log the contact (interaction, new facts, a new commitment) in one action."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from PySide6.QtCore import QObject, Signal

from copilot.storage.kinds import Channel, Industry
from copilot.ui.controllers.base import Controller, ServiceGate
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


@dataclass(frozen=True)
class WrapUpResult:
    customer_id: int
    interaction_id: int
    contacts_7d: int  # including the contact just logged
    facts_added: int = 0
    commitment_added: bool = False
    problems: tuple[str, ...] = field(default=())


class WrapUpController(Controller):
    """Saves a `WrapUpForm` through the services off the GUI thread."""

    saved = Signal(object)  # WrapUpResult

    def __init__(self, gate: ServiceGate, runner: TaskRunner, parent: QObject | None = None):
        super().__init__(gate, runner, parent)
        self.saving = False

    def save(self, form: WrapUpForm) -> bool:
        """Start saving; False (and nothing happens) while a save is already running."""
        if self.saving:
            return False
        self.saving = True
        gate = self.gate

        def op() -> WrapUpResult:
            customers = gate.get().customers
            # Loaded by now (gate.get() opened the store): not an import on this thread.
            from copilot.storage.schemas import InteractionCreate

            try:
                industry = Industry(form.industry)
            except ValueError:
                industry = Industry.general
            # The store masks card numbers, CVVs and OTPs in every free-text field it writes.
            result = customers.add_interaction(
                InteractionCreate(
                    customer_id=form.customer_id,
                    channel=form.channel,
                    agent=form.agent,
                    summary=form.summary.strip(),
                    outcome=form.outcome.strip(),
                    industry=industry,
                )
            )
            facts = [f.strip() for f in form.facts if f.strip()]
            for text in facts:
                customers.add_fact(customer_id=result.customer_id, text=text, created_by=form.agent)
            commitment = form.commitment.strip()
            if commitment and form.due_at is not None:
                customers.add_commitment(
                    customer_id=result.customer_id,
                    text=commitment,
                    due_at=form.due_at,
                    made_by=form.agent,
                )
            story = customers.story(result.customer_id, limit=1)
            return WrapUpResult(
                customer_id=result.customer_id,
                interaction_id=result.interaction_id,
                contacts_7d=story.contacts_7d,
                facts_added=len(facts),
                commitment_added=bool(commitment and form.due_at is not None),
            )

        def done(result: WrapUpResult) -> None:
            self.saving = False
            self.saved.emit(result)

        def error(_: BaseException) -> None:
            self.saving = False

        self.run(op, done, on_error=error)
        return True
