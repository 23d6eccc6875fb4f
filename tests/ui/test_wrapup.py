"""The wrap-up makes a good record: saved once, confirmed once in the UI's language, its summary
prefilled from what happened, with a reason code, the handle time and the agent's own name."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from copilot.errors import DatabaseLockedError
from copilot.services import ServiceProvider
from copilot.storage.schemas import CustomerRead, InteractionRead
from copilot.ui.controllers import WrapUpForm
from copilot.ui.panel import PanelWidget
from copilot.ui.widgets.wrapup import CHANGES_NOT_SAVED, NOT_SAVED

WAIT_MS = 10_000
ANGRY_CLAIM = (
    "Sudah 3x saya telepon, klaim saya ditolak terus! Saya kecewa sekali, mau tutup polis saja."
)


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def indonesian(qapp: Any) -> Iterator[None]:
    from copilot.ui.shell.i18n import LanguageSwitcher

    switcher = LanguageSwitcher(qapp)
    assert switcher.set_language("id")
    yield
    switcher.set_language("en")


def open_customer(qtbot: QtBot, panel: PanelWidget, customer: CustomerRead) -> None:
    panel.open_customer(customer)
    qtbot.waitUntil(
        lambda: panel.story.story is not None and panel.story.story.customer.id == customer.id,
        timeout=WAIT_MS,
    )


def save(qtbot: QtBot, panel: PanelWidget) -> list[str]:
    """Save the wrap-up; every status line the panel showed until the save finished."""
    shown: list[str] = []
    panel.status.connect(shown.append)
    with qtbot.waitSignal(panel.wrapup_controller.saved, timeout=WAIT_MS):
        panel.save_wrapup()
    qtbot.waitUntil(lambda: not panel.story_controller.runner.is_busy(), timeout=WAIT_MS)
    panel.status.disconnect(shown.append)
    return shown


def latest(services: ServiceProvider, customer: CustomerRead) -> InteractionRead:
    return services.get().customers.story(customer.id).interactions[0]


def total(services: ServiceProvider, customer: CustomerRead) -> int:
    return services.get().customers.story(customer.id).total_interactions


# -- saved once ----------------------------------------------------------------------------


def test_a_commit_whose_answer_was_lost_is_saved_once_even_after_the_agent_edits(
    qtbot: QtBot,
    make_panel: Callable[..., PanelWidget],
    panel_services: ServiceProvider,
    seeded_customer: CustomerRead,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    panel = make_panel()
    open_customer(qtbot, panel, seeded_customer)
    panel.wrapup.summary.setPlainText("Asked about the payout")
    customers = panel_services.get().customers
    real, keys = customers.log_contact, []

    def commit_then_lose_the_answer(**fields: Any) -> Any:
        keys.append(fields["contact_key"])
        real(**fields)
        raise DatabaseLockedError("the answer was lost on the way back")

    with monkeypatch.context() as patch:
        patch.setattr(customers, "log_contact", commit_then_lose_the_answer)
        with qtbot.waitSignal(panel.failed, timeout=WAIT_MS):
            panel.save_wrapup()
    assert panel.wrapup.confirmation.text().startswith("Not saved yet")
    assert panel.wrapup.confirmation.property("kind") == "attention"  # not a green "done"
    # The agent, told it was not saved, improves the summary and saves again.
    panel.wrapup.summary.setPlainText("Asked about the payout; sent the claim form again")
    shown = save(qtbot, panel)

    assert total(panel_services, seeded_customer) == 3  # two before, one now: never two now
    assert latest(panel_services, seeded_customer).summary == "Asked about the payout"
    assert shown == ["Saved — 3rd contact in 7 days"]
    # The edit made after the committed try is not silently dropped: it stays, and says so.
    assert not panel.wrapup.confirmation.isHidden()
    assert "Already saved by your earlier try" in panel.wrapup.confirmation.text()
    assert "sent the claim form again" in panel.wrapup.summary.toPlainText()
    assert len(set(keys)) == 1


def test_a_save_that_failed_before_committing_is_saved_by_the_retry_with_the_same_key(
    qtbot: QtBot,
    make_panel: Callable[..., PanelWidget],
    panel_services: ServiceProvider,
    seeded_customer: CustomerRead,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    panel = make_panel()
    open_customer(qtbot, panel, seeded_customer)
    panel.wrapup.summary.setPlainText("Asked about the payout")
    customers = panel_services.get().customers
    real, keys = customers.log_contact, []

    def fail_before_commit(**fields: Any) -> Any:
        keys.append(fields["contact_key"])
        raise DatabaseLockedError("busy")

    def record_key(**fields: Any) -> Any:
        keys.append(fields["contact_key"])
        return real(**fields)

    with monkeypatch.context() as patch:
        patch.setattr(customers, "log_contact", fail_before_commit)
        with qtbot.waitSignal(panel.failed, timeout=WAIT_MS):
            panel.save_wrapup()
    assert total(panel_services, seeded_customer) == 2
    monkeypatch.setattr(customers, "log_contact", record_key)
    panel.wrapup.summary.setPlainText("Asked about the payout (edited)")
    save(qtbot, panel)
    assert total(panel_services, seeded_customer) == 3
    assert latest(panel_services, seeded_customer).summary == "Asked about the payout (edited)"
    assert keys[0] == keys[1]
    assert panel.wrapup.confirmation.isHidden() and panel.wrapup.summary.toPlainText() == ""
    # The next contact gets a key of its own.
    panel.wrapup.summary.setPlainText("Called back")
    save(qtbot, panel)
    assert keys[2] != keys[0]
    assert total(panel_services, seeded_customer) == 4


def test_a_contact_key_lasts_until_saved_or_another_customer_is_opened(
    make_panel: Callable[..., PanelWidget],
) -> None:
    controller = make_panel().wrapup_controller
    controller.start_contact(1)
    key = controller.contact_key(1)
    assert len(key) == 32
    controller.start_contact(1)  # the same customer opened again mid-call
    assert controller.contact_key(1) == key
    assert controller.contact_key(2) not in {key}
    controller.start_contact(2, restart=True)  # a new call after the last one was saved
    assert controller.contact_key(2) != key


def test_a_double_save_while_one_runs_is_refused(
    qtbot: QtBot,
    make_panel: Callable[..., PanelWidget],
    panel_services: ServiceProvider,
    seeded_customer: CustomerRead,
) -> None:
    panel = make_panel()
    open_customer(qtbot, panel, seeded_customer)
    form = WrapUpForm(customer_id=seeded_customer.id, summary="once")
    assert panel.wrapup_controller.save(form)
    assert not panel.wrapup_controller.save(form)
    qtbot.waitUntil(lambda: not panel.wrapup_controller.saving, timeout=WAIT_MS)
    assert total(panel_services, seeded_customer) == 3


# -- one confirmation, in the UI's language --------------------------------------------------


def test_one_confirmation_in_indonesian_and_none_in_english(
    qtbot: QtBot,
    make_panel: Callable[..., PanelWidget],
    seeded_customer: CustomerRead,
    indonesian: None,
) -> None:
    panel = make_panel()
    open_customer(qtbot, panel, seeded_customer)
    panel.wrapup.summary.setPlainText("Tanya status klaim")
    shown = save(qtbot, panel)
    assert shown == ["Tersimpan — kontak ke-3 dalam 7 hari"]
    assert panel.wrapup.confirmation.isHidden()  # not a second "Saved" under the button


def test_the_line_under_save_follows_a_language_switch(
    qtbot: QtBot, make_panel: Callable[..., PanelWidget], qapp: Any
) -> None:
    from copilot.ui.shell.i18n import LanguageSwitcher

    wrap = make_panel().wrapup
    wrap.set_state(NOT_SAVED)
    switcher = LanguageSwitcher(qapp)
    try:
        assert switcher.set_language("id")
        qtbot.waitUntil(lambda: not wrap.confirmation.text().startswith("Not"), timeout=WAIT_MS)
        assert wrap.confirmation.text().startswith("Belum tersimpan")
        wrap.set_state(CHANGES_NOT_SAVED)
        assert "Already" not in wrap.confirmation.text()
    finally:
        switcher.set_language("en")


# -- the summary ---------------------------------------------------------------------------


def test_summary_says_the_issue_the_hints_acted_on_and_the_promise_not_the_customers_words(
    qtbot: QtBot, make_panel: Callable[..., PanelWidget], seeded_customer: CustomerRead
) -> None:
    panel = make_panel()
    panel.set_industry("insurance")
    open_customer(qtbot, panel, seeded_customer)
    with qtbot.waitSignal(panel.now_controller.hints_changed, timeout=WAIT_MS):
        panel.now.edit.setPlainText(ANGRY_CLAIM)
    hints = {item.id: item for item in panel.now_controller.fresh if item.kind == "hint"}
    denied, repeat = hints["insurance.claim_denied"], hints["general.repeat_contact"]
    summary = panel.wrapup.summary.toPlainText()
    # The industry's hint names the problem; the general "repeat contact" one is how to
    # handle the call, not what it was about. The title's advice after ": " is left out.
    assert summary.splitlines()[0] == "Issue: " + denied.title.split(": ")[0]
    assert "Issue: " + repeat.title.split(": ")[0] not in summary
    assert "kecewa" not in summary and "Sudah 3x" not in summary  # not the customer's words

    panel.now_controller.pin(repeat.id)
    assert f"Acted on: {repeat.title}" in panel.wrapup.summary.toPlainText()
    panel.wrapup.commitment.setText("Call back with the appeal result")
    assert "Promised: Call back with the appeal result" in panel.wrapup.summary.toPlainText()


def test_a_prefill_never_overwrites_what_the_agent_typed_even_an_emptied_box(
    qtbot: QtBot, make_panel: Callable[..., PanelWidget], seeded_customer: CustomerRead
) -> None:
    panel = make_panel()
    open_customer(qtbot, panel, seeded_customer)
    wrap = panel.wrapup
    wrap.prefill_summary("Issue: first")
    wrap.prefill_summary("Issue: second")
    assert wrap.summary.toPlainText() == "Issue: second"
    wrap.summary.setPlainText("My own words")
    wrap.prefill_summary("Issue: third")
    assert wrap.summary.toPlainText() == "My own words"
    wrap.summary.clear()  # the agent deleted it on purpose
    wrap.commitment.setText("Call back")
    assert wrap.summary.toPlainText() == ""
    wrap.reset()  # the next contact starts with a prefill again
    wrap.prefill_summary("Issue: next")
    assert wrap.summary.toPlainText() == "Issue: next"


# -- reason codes, handle time, identity ---------------------------------------------------


def test_reason_codes_follow_the_industry_and_language_and_are_stored_as_keys(
    qtbot: QtBot,
    make_panel: Callable[..., PanelWidget],
    panel_services: ServiceProvider,
    seeded_customer: CustomerRead,
    qapp: Any,
) -> None:
    from copilot.ui.shell.i18n import LanguageSwitcher

    panel = make_panel()
    reason = panel.wrapup.reason
    qtbot.waitUntil(lambda: reason.count() > 1, timeout=WAIT_MS)  # general's, from the packs
    assert reason.itemData(1) == "information"
    panel.set_industry("insurance")
    assert reason.itemText(1) == "Claim status" and reason.itemData(1) == "claim_status"
    reason.setCurrentIndex(1)
    switcher = LanguageSwitcher(qapp)
    try:
        assert switcher.set_language("id")
        qtbot.waitUntil(lambda: reason.itemText(1) == "Status klaim", timeout=WAIT_MS)
        assert reason.currentData() == "claim_status"  # the choice survives the switch
    finally:
        switcher.set_language("en")
    open_customer(qtbot, panel, seeded_customer)
    reason.setCurrentIndex(reason.findData("claim_status"))
    save(qtbot, panel)
    assert latest(panel_services, seeded_customer).reason_code == "claim_status"
    assert reason.currentIndex() == 0  # the next contact starts without a reason


def test_handle_time_runs_from_opening_the_customer_to_saving(
    qtbot: QtBot,
    make_panel: Callable[..., PanelWidget],
    panel_services: ServiceProvider,
    seeded_customer: CustomerRead,
) -> None:
    panel = make_panel()
    clock = FakeClock()
    panel.wrapup_controller.clock = clock
    open_customer(qtbot, panel, seeded_customer)
    clock.now += 100
    open_customer(qtbot, panel, seeded_customer)  # found again mid-call: the clock runs on
    clock.now += 142.4
    save(qtbot, panel)
    assert latest(panel_services, seeded_customer).handle_seconds == 242
    clock.now += 600  # the next call with the same customer starts when it is opened
    open_customer(qtbot, panel, seeded_customer)
    clock.now += 30
    panel.wrapup.summary.setPlainText("Second call")
    save(qtbot, panel)
    assert latest(panel_services, seeded_customer).handle_seconds == 30


def test_identity_verified_is_saved_for_this_contact_only(
    qtbot: QtBot,
    make_panel: Callable[..., PanelWidget],
    panel_services: ServiceProvider,
    seeded_customer: CustomerRead,
) -> None:
    panel = make_panel()
    open_customer(qtbot, panel, seeded_customer)
    panel.wrapup.identity_verified.setChecked(True)
    save(qtbot, panel)
    assert latest(panel_services, seeded_customer).identity_verified is True
    assert not panel.wrapup.identity_verified.isChecked()
    panel.wrapup.summary.setPlainText("Another contact")
    save(qtbot, panel)
    assert latest(panel_services, seeded_customer).identity_verified is False


# -- the agent's name ----------------------------------------------------------------------


def test_the_profile_name_is_recorded_never_the_os_login(
    qtbot: QtBot,
    make_panel: Callable[..., PanelWidget],
    panel_services: ServiceProvider,
    seeded_customer: CustomerRead,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import getpass

    monkeypatch.setattr(getpass, "getuser", lambda: "cc-desk-07")
    panel = make_panel()
    open_customer(qtbot, panel, seeded_customer)
    assert panel.wrapup.profile_button.isVisibleTo(panel.wrapup)  # asked kindly, in place
    with qtbot.waitSignal(panel.profile_requested, timeout=WAIT_MS):
        panel.wrapup.profile_button.click()
    panel.set_agent("Dewi Lestari")  # what the window does once the profile is saved
    assert not panel.wrapup.profile_button.isVisibleTo(panel.wrapup)
    panel.wrapup.commitment.setText("Call back tomorrow")
    panel.wrapup.facts.setPlainText("Prefers Bahasa Indonesia")
    save(qtbot, panel)
    story = panel_services.get().customers.story(seeded_customer.id)
    assert story.interactions[0].agent == "Dewi Lestari"
    assert {c.made_by for c in story.commitments if c.text == "Call back tomorrow"} == {
        "Dewi Lestari"
    }
    assert {f.created_by for f in story.facts if f.text == "Prefers Bahasa Indonesia"} == {
        "Dewi Lestari"
    }
    # Shown where a colleague looks for whom to ask: on the promise, and on the fact.
    qtbot.waitUntil(
        lambda: any(
            "promised by Dewi Lestari" in r.label.text() for r in panel.story.commitment_rows
        ),
        timeout=WAIT_MS,
    )
    row = next(r for r in panel.story.fact_rows if r.fact.text == "Prefers Bahasa Indonesia")
    assert row.label.toolTip() == "Added by Dewi Lestari"


def test_without_a_profile_nothing_is_signed_with_the_login_name(
    qtbot: QtBot,
    make_panel: Callable[..., PanelWidget],
    panel_services: ServiceProvider,
    seeded_customer: CustomerRead,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import getpass

    monkeypatch.setattr(getpass, "getuser", lambda: "cc-desk-07")
    panel = make_panel()
    open_customer(qtbot, panel, seeded_customer)
    save(qtbot, panel)
    assert latest(panel_services, seeded_customer).agent == ""


def test_stored_outcome_keys_are_shown_in_the_ui_language(indonesian: None) -> None:
    from copilot.ui.models import outcome_label

    assert outcome_label("follow_up") == "Perlu tindak lanjut"
    assert outcome_label("escalated") != "Escalated"
    assert outcome_label("Pelanggan kirim dokumen") == "Pelanggan kirim dokumen"


def test_the_chosen_outcome_follows_a_language_switch_and_typed_words_stay(
    qtbot: QtBot, make_panel: Callable[..., PanelWidget], qapp: Any
) -> None:
    from copilot.ui.shell.i18n import LanguageSwitcher

    wrap = make_panel().wrapup
    assert wrap.outcome.currentText() == "Resolved"
    switcher = LanguageSwitcher(qapp)
    try:
        assert switcher.set_language("id")
        qtbot.waitUntil(lambda: wrap.outcome.currentText() != "Resolved", timeout=WAIT_MS)
        assert wrap.outcome_value() == "resolved"  # no English "Resolved" left on screen
        wrap.outcome.setCurrentText("Pelanggan kirim dokumen besok")
        switcher.set_language("en")
        qtbot.waitUntil(lambda: wrap.outcome.itemText(0) == "Resolved", timeout=WAIT_MS)
        assert wrap.outcome.currentText() == "Pelanggan kirim dokumen besok"
    finally:
        switcher.set_language("en")
