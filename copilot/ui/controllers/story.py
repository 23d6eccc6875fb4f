"""The story so far: load a customer's story, and add or edit facts and commitments inline."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from copilot.services import ServiceProvider
from copilot.storage.kinds import CommitmentStatus
from copilot.ui.controllers.base import Controller
from copilot.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from copilot.storage.schemas import Story

STORY_LIMIT = 5  # interactions shown at first: a glance, not a history lesson
STORY_LIMIT_EXPANDED = 50


class StoryController(Controller):
    """Owns which customer is open; every change is saved off the GUI thread, then reloaded."""

    customer_loaded = Signal(object)  # Story
    saved = Signal(str)  # a short confirmation, e.g. "Fact saved"

    def __init__(
        self,
        gate: ServiceProvider,
        runner: TaskRunner,
        parent: QObject | None = None,
        *,
        agent: str | None = None,
    ):
        super().__init__(gate, runner, parent)
        # The name from the agent's profile (PanelWidget.set_agent), never the OS login name:
        # shared desks log in as "cc-user01", which tells a team leader nothing.
        self.agent = agent or ""
        self.customer_id: int | None = None
        self.story: Story | None = None
        self.limit = STORY_LIMIT

    def load(self, customer_id: int, *, expanded: bool = False) -> None:
        if customer_id != self.customer_id:
            self.story = None
        self.customer_id = customer_id
        self.limit = STORY_LIMIT_EXPANDED if expanded else STORY_LIMIT
        self.reload()

    def reload(self) -> None:
        if self.customer_id is None:
            return
        gate, customer_id, limit = self.gate, self.customer_id, self.limit

        def op() -> Story:
            return gate.get().customers.story(customer_id, limit=limit)

        self.run(op, self._loaded, key="story")

    def show_more(self) -> None:
        if self.customer_id is not None:
            self.load(self.customer_id, expanded=True)

    def _loaded(self, story: Story) -> None:
        if story.customer.id != self.customer_id:
            return  # the agent moved on to another customer meanwhile
        self.story = story
        self.customer_loaded.emit(story)

    # -- edits -----------------------------------------------------------------------------

    def _save(self, op: Callable[[], Any], confirmation: str) -> None:
        def done(_: Any) -> None:
            self.saved.emit(confirmation)
            self.reload()

        self.run(op, done)

    def add_fact(self, text: str, expires_at: datetime | None = None) -> None:
        text, customer_id, gate, agent = text.strip(), self.customer_id, self.gate, self.agent
        if not text or customer_id is None:
            return
        self._save(
            lambda: gate.get().customers.add_fact(
                customer_id=customer_id, text=text, created_by=agent, expires_at=expires_at
            ),
            self.tr("Fact saved"),
        )

    def update_fact(self, fact_id: int, text: str) -> None:
        text, gate = text.strip(), self.gate
        if not text:
            self.remove_fact(fact_id)
            return
        self._save(
            lambda: gate.get().customers.update_fact(fact_id=fact_id, text=text),
            self.tr("Fact saved"),
        )

    def remove_fact(self, fact_id: int) -> None:
        gate = self.gate
        self._save(
            lambda: gate.get().customers.remove_fact(fact_id=fact_id), self.tr("Fact removed")
        )

    def add_commitment(self, text: str, due_at: datetime) -> None:
        text, customer_id, gate, agent = text.strip(), self.customer_id, self.gate, self.agent
        if not text or customer_id is None:
            return
        self._save(
            lambda: gate.get().customers.add_commitment(
                customer_id=customer_id, text=text, due_at=due_at, made_by=agent
            ),
            self.tr("Commitment saved"),
        )

    def set_commitment_status(self, commitment_id: int, status: CommitmentStatus) -> None:
        gate = self.gate
        self._save(
            lambda: gate.get().customers.set_commitment_status(
                commitment_id=commitment_id, status=status
            ),
            self.tr("Commitment updated"),
        )
