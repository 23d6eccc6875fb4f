"""Now: analyse the customer's latest message; keep hints pinned or dismissed per contact."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from copilot.services import ServiceProvider
from copilot.ui.controllers.base import Controller
from copilot.ui.controllers.items import HintItem, hint_items, merge_for_contact
from copilot.ui.tasks import TaskRunner
from copilot.vocabulary import MAX_LONG_TEXT

if TYPE_CHECKING:
    from copilot.context.engine import Analysis, Engine

NOW_DEBOUNCE_MS = 200


class NowController(Controller):
    """Runs `analyze(role="customer")` as the agent pastes or types (key "now")."""

    analysis_ready = Signal(object)  # Analysis
    hints_changed = Signal(list)  # list[HintItem], what the Now section shows
    announced = Signal(str)  # text for screen readers when new cards appear

    def __init__(self, gate: ServiceProvider, runner: TaskRunner, parent: QObject | None = None):
        super().__init__(gate, runner, parent)
        self.industry = "general"
        self.contact: int | None = None  # the customer id, None before one is chosen
        self.contacts_7d = 0  # logged before this contact
        self.open_commitments = 0
        self.overdue_commitments = 0
        self.text = ""
        self.fresh: list[HintItem] = []
        self.shown: list[HintItem] = []
        # Per contact: what the agent pinned (kept even when the text changes) and dismissed
        # (never shown again for this contact).
        self._pinned: dict[int | None, dict[str, HintItem]] = {}
        self._dismissed: dict[int | None, set[str]] = {}
        self._timer = self.debouncer(NOW_DEBOUNCE_MS, self.analyze_now)

    # -- inputs ----------------------------------------------------------------------------

    def set_industry(self, industry: str) -> None:
        if industry != self.industry:
            self.industry = industry
            if self.text.strip():
                self._timer.start()

    def set_contact(
        self,
        customer_id: int | None,
        *,
        contacts_7d: int = 0,
        open_commitments: int = 0,
        overdue_commitments: int = 0,
    ) -> None:
        changed = customer_id != self.contact
        self.contact = customer_id
        self.contacts_7d = contacts_7d
        self.open_commitments = open_commitments
        self.overdue_commitments = overdue_commitments
        if changed:
            self._publish(announce=False)
        if self.text.strip() or overdue_commitments:
            self._timer.start()  # overdue promises call for a hint before any message

    def set_text(self, text: str) -> None:
        self.text = text
        self._timer.start()

    # -- actions ---------------------------------------------------------------------------

    def warm_up(self) -> None:
        """Build the context engine now, while the agent is not typing yet.

        Loading the packs compiles patterns in C calls that hold the GIL for tens of
        milliseconds; done on the first keystroke, that shows as a stall in the typing.
        """

        def op() -> Engine:
            from copilot.context import default_engine

            return default_engine()

        self.run(op, lambda _engine: None, key="warm-engine")

    def analyze_now(self) -> None:
        self._timer.stop()
        # The engine caps length too; capping here keeps a 5 MB paste from being copied
        # into every task while the agent keeps typing.
        text = self.text[:MAX_LONG_TEXT]
        if not text.strip() and not self.overdue_commitments:
            self.run(lambda: None, lambda _: self._analysed(None, ""), key="now")
            return
        # A General campaign lets the engine choose the pack per message (each card says which).
        industry = "auto" if self.industry == "general" else self.industry
        history_args = {
            "contacts_7d": self.contacts_7d,
            "open_commitments": self.open_commitments,
            "overdue_commitments": self.overdue_commitments,
        }

        def op() -> Analysis:
            # Imported here: the engine compiles its packs on first use, on this worker.
            from copilot.context import analyze
            from copilot.context.engine import History

            return analyze(
                text, role="customer", industry=industry, history=History(**history_args)
            )

        self.run(op, lambda analysis: self._analysed(analysis, text), key="now")

    def pin(self, item_id: str) -> None:
        item = next((i for i in self.shown if i.id == item_id), None)
        if item is None:
            return
        self._pinned.setdefault(self.contact, {})[item_id] = item
        self._publish(announce=False)

    def unpin(self, item_id: str) -> None:
        self._pinned.get(self.contact, {}).pop(item_id, None)
        self._publish(announce=False)

    def dismiss(self, item_id: str) -> None:
        self._pinned.get(self.contact, {}).pop(item_id, None)
        self._dismissed.setdefault(self.contact, set()).add(item_id)
        self._publish(announce=False)

    def pinned_items(self) -> list[HintItem]:
        return list(self._pinned.get(self.contact, {}).values())

    def forget_contact(self, customer_id: int | None) -> None:
        """After the wrap-up: the next contact with this customer starts clean."""
        self._pinned.pop(customer_id, None)
        self._dismissed.pop(customer_id, None)
        if customer_id == self.contact:
            self._publish(announce=False)

    # -- results ---------------------------------------------------------------------------

    def _analysed(self, analysis: Analysis | None, text: str) -> None:
        self.fresh = hint_items(analysis, text) if analysis is not None else []
        if analysis is not None:
            self.analysis_ready.emit(analysis)
        self._publish(announce=True)

    def _publish(self, *, announce: bool) -> None:
        before = {i.id for i in self.shown}
        self.shown = merge_for_contact(
            self.fresh,
            self._pinned.get(self.contact, {}),
            self._dismissed.get(self.contact, set()),
        )
        self.hints_changed.emit(list(self.shown))
        new = [i for i in self.shown if i.id not in before]
        if announce and new:
            titles = "; ".join(i.title for i in new[:3])
            self.announced.emit(self.tr("New hint: {titles}").replace("{titles}", titles))
