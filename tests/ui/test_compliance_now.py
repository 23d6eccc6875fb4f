"""Now cards that help: a pasted secret in any campaign, the pack each hint came from, and
overdue promises from the story reaching the engine."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot

from copilot.services import ServiceProvider
from copilot.storage.schemas import IdentifierIn, IdentifierKind
from copilot.ui.panel import PAGE_OPENING, PanelWidget
from copilot.ui.tasks import TaskRunner
from copilot.ui.widgets.now import HintCard

WAIT_MS = 10_000


@pytest.fixture
def make_panel(
    qtbot: QtBot, panel_services: ServiceProvider, panel_runner: TaskRunner
) -> Callable[[], PanelWidget]:
    def make() -> PanelWidget:
        panel = PanelWidget(panel_services, panel_runner)
        qtbot.addWidget(panel)
        panel.resize(360, 900)
        panel.show()
        qtbot.waitUntil(lambda: panel.stack.currentIndex() != PAGE_OPENING, timeout=WAIT_MS)
        panel.show_main()
        return panel

    return make


def card(qtbot: QtBot, panel: PanelWidget, hint_id: str) -> HintCard:
    def shown() -> HintCard | None:
        return next((c for c in panel.now.cards.cards if c.item.id == hint_id), None)

    qtbot.waitUntil(lambda: shown() is not None, timeout=WAIT_MS)
    found = shown()
    assert found is not None
    return found


@pytest.mark.parametrize("industry", ["insurance", "logistics", "health", "general"])
def test_a_pasted_otp_raises_the_dont_repeat_it_card_in_any_campaign(
    qtbot: QtBot, make_panel: Callable[[], PanelWidget], industry: str
) -> None:
    panel = make_panel()
    panel.set_industry(industry)
    panel.now.edit.setPlainText("ini kode OTP saya 482913, tolong cepat")
    hint = card(qtbot, panel, "general.secret_shared")
    assert hint.item.severity == "must"
    assert hint.details.isVisibleTo(hint)  # a must opens by default
    assert "jangan diulang" in hint.title.text().lower()
    assert hint.pack.text() == "General"


def test_a_general_campaign_picks_the_pack_per_message_and_labels_it(
    qtbot: QtBot, make_panel: Callable[[], PanelWidget]
) -> None:
    panel = make_panel()
    panel.set_industry("general")
    panel.now.edit.setPlainText("klaim saya ditolak padahal polis masih aktif")
    qtbot.waitUntil(
        lambda: any(c.item.pack == "insurance" for c in panel.now.cards.cards), timeout=WAIT_MS
    )
    insurance = next(c for c in panel.now.cards.cards if c.item.pack == "insurance")
    assert insurance.pack.text() == "Insurance" and insurance.pack.isVisibleTo(insurance)
    assert insurance.pack.accessibleName() == "From the Insurance pack"
    panel.now.edit.setPlainText("paket saya belum sampai, resi tidak update")
    qtbot.waitUntil(
        lambda: any(c.item.pack == "logistics" for c in panel.now.cards.cards), timeout=WAIT_MS
    )


def test_a_fixed_campaign_keeps_other_packs_out(
    qtbot: QtBot, make_panel: Callable[[], PanelWidget]
) -> None:
    panel = make_panel()
    panel.set_industry("telecom")
    with qtbot.waitSignal(panel.now_controller.analysis_ready, timeout=WAIT_MS) as ready:
        panel.now.edit.setPlainText("klaim saya ditolak padahal polis masih aktif")
    assert ready.args[0].industry == "telecom"
    assert all(h.pack in ("telecom", "general") for h in ready.args[0].hints)


def test_three_overdue_promises_in_the_story_raise_the_broken_promise_card(
    qtbot: QtBot, make_panel: Callable[[], PanelWidget], panel_services: ServiceProvider
) -> None:
    customers = panel_services.get().customers
    customer = customers.create_customer(
        name="Rina Wulandari",
        identifiers=[IdentifierIn(kind=IdentifierKind.phone, value="0813-1111-2222")],
    )
    now = datetime.now(UTC)
    for days in (1, 3, 6):
        customers.add_commitment(
            customer_id=customer.id,
            text=f"Call back about the refund ({days} days late)",
            due_at=now - timedelta(days=days),
            made_by="ayu",
        )
    panel = make_panel()
    panel.open_customer(customer)
    # No message typed yet: the history alone is reason enough.
    hint = card(qtbot, panel, "general.broken_promise")
    assert hint.item.why == ("3 overdue promises",)
    assert "own it" in hint.title.text()
    assert panel.now_controller.overdue_commitments == 3


def test_one_overdue_promise_is_not_yet_a_broken_promise_card(
    qtbot: QtBot, make_panel: Callable[[], PanelWidget], seeded_customer: object
) -> None:
    panel = make_panel()
    panel.open_customer(seeded_customer)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: panel.story.story is not None, timeout=WAIT_MS)
    with qtbot.waitSignal(panel.now_controller.analysis_ready, timeout=WAIT_MS) as ready:
        panel.now.edit.setPlainText("halo, ada kabar?")
    assert "general.broken_promise" not in {h.id for h in ready.args[0].hints}
