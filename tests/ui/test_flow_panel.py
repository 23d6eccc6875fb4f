"""The panel's flow against the real store on a temp encrypted database (no mocks of the store).

Find → story → create → wrap-up → welcome/demo → errors, driven through widget methods.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import event
from sqlalchemy.orm import Session as OrmSession

from copilot.config import Settings
from copilot.errors import DatabaseLockedError, WrongPassphraseError
from copilot.services import ServiceProvider, Services
from copilot.storage.db import open_database
from copilot.storage.drafts import DraftService
from copilot.storage.schemas import (
    Channel,
    CustomerRead,
    IdentifierIn,
    IdentifierKind,
    InteractionCreate,
)
from copilot.storage.service import CustomerService
from copilot.ui.panel import PAGE_MAIN, PAGE_OPENING, PAGE_WELCOME, PanelWidget
from copilot.ui.tasks import TaskRunner

PASSPHRASE = "test"
WAIT_MS = 10_000


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    return tmp_path / "t.db"


@pytest.fixture
def services(tmp_path: Path, db_file: Path) -> Iterator[Services]:
    database = open_database(str(db_file), passphrase=PASSPHRASE, busy_timeout_ms=200)
    built = Services(
        settings=Settings(data_dir=tmp_path / "data"),
        database=database,
        customers=CustomerService(database),
        drafts=DraftService(database),
    )
    yield built
    built.close()


@pytest.fixture
def runner(services: Services, qapp: object) -> Iterator[TaskRunner]:
    # Depends on `services` so it shuts down (and its workers finish) before the database closes.
    r = TaskRunner()
    yield r
    r.shutdown()


@pytest.fixture
def make_panel(qtbot: QtBot, services: Services, runner: TaskRunner) -> Callable[[], PanelWidget]:
    def make() -> PanelWidget:
        panel = PanelWidget(ServiceProvider(services.settings, lambda _s, _k: services), runner)
        qtbot.addWidget(panel)
        panel.resize(400, 900)
        panel.show()
        qtbot.waitUntil(lambda: panel.stack.currentIndex() != PAGE_OPENING, timeout=WAIT_MS)
        return panel

    return make


@pytest.fixture
def siti(services: Services) -> CustomerRead:
    """A customer with a pinned fact, an overdue promise and two contacts this week."""
    customers = services.customers
    customer = customers.create_customer(
        name="Siti Aminah",
        identifiers=[IdentifierIn(kind=IdentifierKind.phone, value="0812-3456-7890")],
    )
    now = datetime.now(UTC)
    for days in (1, 3):
        customers.add_interaction(
            InteractionCreate(
                customer_id=customer.id,
                channel=Channel.whatsapp,
                started_at=now - timedelta(days=days),
                summary=f"Asked why the claim is late ({days} days ago)",
                outcome="follow-up",
                agent="ayu",
            )
        )
    customers.add_fact(customer_id=customer.id, text="Prefers WhatsApp after 6pm", created_by="ayu")
    customers.add_commitment(
        customer_id=customer.id,
        text="Call back with the claim decision",
        due_at=now - timedelta(days=1),
        made_by="ayu",
    )
    return customer


def open_by_find(qtbot: QtBot, panel: PanelWidget, query: str) -> None:
    find = panel.find_section
    find.edit.setText(query)
    qtbot.waitUntil(
        lambda: find.model.query == query.strip() and find.model.rowCount() > 0, timeout=WAIT_MS
    )
    find.choose_current()
    if find.results.isVisible() and find.results.currentIndex().isValid():
        # Not one exact identifier: Enter went to the list; a second Enter opens the choice.
        qtbot.keyClick(find.results, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: panel.story.isVisible() and panel.story.story is not None, timeout=WAIT_MS
    )


# -- find and the story so far ------------------------------------------------------------


def test_find_by_phone_in_another_format_shows_the_story(
    qtbot: QtBot, make_panel: Callable[[], PanelWidget], siti: CustomerRead
) -> None:
    panel = make_panel()
    assert panel.stack.currentIndex() == PAGE_MAIN
    open_by_find(qtbot, panel, "+62 812 3456 7890")

    story, header = panel.story, panel.header
    assert header.name.text() == "Siti Aminah"
    assert header.identifier.text() == "+6281234567890"  # the identifier that matched
    assert [row.fact.text for row in story.fact_rows] == ["Prefers WhatsApp after 6pm"]
    (commitment,) = story.commitment_rows
    assert commitment.property("overdue") == "true"  # the theme colours it
    assert "overdue" in commitment.label.text()
    # Two contacts logged in the last 7 days: this one is the third.
    assert header.contacts.isVisible()
    assert header.contacts.text() == "3rd contact in 7 days"
    assert header.contacts.property("level") == "raised"
    assert story.timeline_model.rowCount() == 2


def test_the_context_engine_is_built_before_the_agent_types(
    qtbot: QtBot, make_panel: Callable[[], PanelWidget], siti: CustomerRead
) -> None:
    from copilot.context import default_engine

    default_engine.cache_clear()
    make_panel()
    # Built on a worker shortly after the database opens, not on the first keystroke.
    qtbot.waitUntil(lambda: default_engine.cache_info().currsize == 1, timeout=WAIT_MS)


def test_find_shows_results_as_you_type_through_the_debounce(
    qtbot: QtBot, make_panel: Callable[[], PanelWidget], siti: CustomerRead
) -> None:
    panel = make_panel()
    with qtbot.waitSignal(panel.finder.results_found, timeout=WAIT_MS) as blocker:
        panel.find_section.edit.setText("Siti")
    query, found = blocker.args
    assert query == "Siti"
    assert [c.name for c in found] == ["Siti Aminah"]
    assert panel.find_section.results.isVisible()


def test_a_first_contact_shows_no_repeat_line(
    qtbot: QtBot, make_panel: Callable[[], PanelWidget], services: Services
) -> None:
    services.customers.create_customer(
        name="Budi Santoso",
        identifiers=[IdentifierIn(kind=IdentifierKind.email, value="budi@example.com")],
    )
    panel = make_panel()
    open_by_find(qtbot, panel, "BUDI@example.com ")
    assert panel.header.name.text() == "Budi Santoso"
    assert panel.header.contacts.text() == "1st contact in 7 days"
    assert panel.header.contacts_30d.isHidden()  # no earlier contact in 30 days either
    assert panel.header.contacts.property("level") == "none"
    assert panel.story.commitment_rows == []


def test_show_more_expands_the_timeline(
    qtbot: QtBot, make_panel: Callable[[], PanelWidget], services: Services
) -> None:
    customer = services.customers.create_customer(name="Rina")
    for i in range(8):
        services.customers.add_interaction(
            InteractionCreate(customer_id=customer.id, summary=f"contact {i}")
        )
    panel = make_panel()
    open_by_find(qtbot, panel, "Rina")
    assert panel.story.timeline_model.rowCount() == 5
    assert panel.story.more_button.isVisible()
    panel.story.more_button.click()
    qtbot.waitUntil(lambda: panel.story.timeline_model.rowCount() == 8, timeout=WAIT_MS)
    assert not panel.story.more_button.isVisible()
    panel.story.show_details(panel.story.timeline_model.index(0, 0))
    assert "contact" in panel.story.details.text()


def test_add_and_edit_a_fact_and_a_commitment_inline(
    qtbot: QtBot, make_panel: Callable[[], PanelWidget], services: Services, siti: CustomerRead
) -> None:
    panel = make_panel()
    open_by_find(qtbot, panel, "0812 3456 7890")
    story = panel.story

    story.new_fact.setText("Hard of hearing: speak slowly")
    with qtbot.waitSignal(panel.status, timeout=WAIT_MS):
        story.new_fact.returnPressed.emit()
    qtbot.waitUntil(lambda: len(story.fact_rows) == 2, timeout=WAIT_MS)
    assert story.fact_rows[0].fact.text == "Hard of hearing: speak slowly"

    row = story.fact_rows[0]
    row.edit_button.click()
    assert row.editor.isVisible()
    row.editor.setText("typo")
    panel.action_clear.trigger()  # Esc cancels the edit, nothing saved
    assert not row.is_editing() and row.label.text() == "Hard of hearing: speak slowly"
    row.edit_button.click()
    row.editor.setText("Hard of hearing: speak slowly and clearly")
    row.editor.returnPressed.emit()
    qtbot.waitUntil(
        lambda: story.fact_rows[0].fact.text == "Hard of hearing: speak slowly and clearly",
        timeout=WAIT_MS,
    )

    story.new_commitment.setText("Send the claim form by email")
    story.add_commitment_button.click()
    qtbot.waitUntil(lambda: len(story.commitment_rows) == 2, timeout=WAIT_MS)
    saved = services.customers.story(siti.id)
    assert {c.text for c in saved.commitments} == {
        "Call back with the claim decision",
        "Send the claim form by email",
    }
    due = next(c for c in saved.commitments if c.text.startswith("Send")).due_at
    assert due.astimezone().hour == 17  # the default: tomorrow 17:00 local

    overdue_row = next(r for r in story.commitment_rows if r.commitment.overdue)
    overdue_row.done_button.click()
    qtbot.waitUntil(lambda: len(story.commitment_rows) == 1, timeout=WAIT_MS)


# -- unknown identifier → create in two keystrokes ----------------------------------------


def test_two_enters_on_an_unknown_number_never_create_a_customer(
    qtbot: QtBot, make_panel: Callable[[], PanelWidget], services: Services
) -> None:
    panel = make_panel()
    panel.welcome.skip_button.click()  # an empty database starts on the welcome page
    find = panel.find_section
    find.edit.setText("0899-1111-2222")
    qtbot.waitUntil(lambda: find.model.query == "0899-1111-2222", timeout=WAIT_MS)
    assert find.model.rowCount() == 1 and find.model.is_create_row(0)
    assert "No customer matches" in find.status.text()

    qtbot.keyClick(find.edit, Qt.Key.Key_Return)  # Enter 1: the create form, number in place
    form = find.create_form
    assert form.isVisible() and form.value.text() == "0899-1111-2222"
    assert "+6289911112222" in form.preview.text()  # shown as it will be stored, before saving
    assert find.create_name.text() == ""  # no "New customer" placeholder
    qtbot.keyClick(find.create_name, Qt.Key.Key_Return)  # Enter 2: no name yet, nothing saved
    assert form.name_error.isVisible() and "name" in form.name_error.text()
    assert services.customers.find("+62 899 1111 2222") == []

    find.create_name.setText("Dewi Lestari")
    qtbot.keyClick(find.create_name, Qt.Key.Key_Return)
    qtbot.keyClick(find.create_name, Qt.Key.Key_Return)  # a hasty extra Enter: still one
    qtbot.waitUntil(lambda: panel.story.story is not None, timeout=WAIT_MS)
    (created,) = services.customers.find("+62 899 1111 2222")
    assert created.name == "Dewi Lestari" and len(services.customers.find("Dewi")) == 1
    assert panel.customer is not None and panel.customer.id == created.id
    assert created.identifiers[0].value == "+6289911112222"
    assert panel.wrapup.isEnabled()


def test_unknown_name_is_prefilled_as_the_name_and_needs_an_identifier(
    qtbot: QtBot, make_panel: Callable[[], PanelWidget], services: Services
) -> None:
    panel = make_panel()
    panel.welcome.skip_button.click()
    find = panel.find_section
    find.edit.setText("Dewi Lestari")
    qtbot.waitUntil(lambda: find.model.query == "Dewi Lestari", timeout=WAIT_MS)
    find.choose_current()
    assert find.create_name.text() == "Dewi Lestari"
    find.submit_create()
    assert "phone, email or number" in find.create_form.preview.text()
    assert services.customers.find("Dewi") == []
    find.create_form.value.setText("0811-2222-3333")
    find.submit_create()
    qtbot.waitUntil(lambda: panel.story.story is not None, timeout=WAIT_MS)
    (created,) = services.customers.find("Dewi")
    assert created.name == "Dewi Lestari"
    assert [i.value for i in created.identifiers] == ["+6281122223333"]


def test_enter_before_the_lookup_answered_still_opens_the_customer(
    qtbot: QtBot, make_panel: Callable[[], PanelWidget], siti: CustomerRead
) -> None:
    panel = make_panel()
    panel.find_section.edit.setText("081234567890")
    panel.find_section.choose_current()  # faster than the 150 ms debounce
    qtbot.waitUntil(lambda: panel.story.story is not None, timeout=WAIT_MS)
    assert panel.header.name.text() == "Siti Aminah"


def test_paste_and_find_reads_the_clipboard_only_when_asked(
    qtbot: QtBot, make_panel: Callable[[], PanelWidget], siti: CustomerRead
) -> None:
    panel = make_panel()
    QGuiApplication.clipboard().setText("62-812-3456-7890\nsecond line ignored")
    qtbot.wait(1)  # let any (wrong) clipboard watcher react: it must not
    assert panel.find_section.edit.text() == ""
    panel.paste_and_find()
    assert panel.find_section.edit.text() == "62-812-3456-7890"
    qtbot.waitUntil(lambda: panel.find_section.model.rowCount() == 1, timeout=WAIT_MS)
    assert panel.find_section.model.index(0, 0).data().startswith("Siti Aminah")


def test_hostile_and_huge_find_queries_never_fail(
    qtbot: QtBot, make_panel: Callable[[], PanelWidget], siti: CustomerRead
) -> None:
    panel = make_panel()
    failures: list[object] = []
    panel.failed.connect(failures.append)
    for query in ['"', "NOT", "*", "(", "kartu-kredit", "O'Brien", "😀", "x" * 100_000]:
        with qtbot.waitSignal(panel.finder.results_found, timeout=WAIT_MS):
            panel.find_section.edit.setText(query)
    assert failures == []


# -- wrap-up -------------------------------------------------------------------------------


def test_wrap_up_saves_the_contact_and_refreshes_the_story(
    qtbot: QtBot, make_panel: Callable[[], PanelWidget], services: Services, siti: CustomerRead
) -> None:
    panel = make_panel()
    open_by_find(qtbot, panel, "081234567890")
    panel.now.edit.setPlainText("Klaim saya belum cair. Tolong dicek.")
    wrap = panel.wrapup
    wrap.set_channel(Channel.chat)
    wrap.outcome.setCurrentText("Escalated")
    wrap.summary.setPlainText("Claim still unpaid; escalated to the claims team")
    wrap.facts.setPlainText("Claim number KLM-778\n\n")
    wrap.commitment.setText("Call back with the escalation result")

    with qtbot.waitSignal(panel.status, timeout=WAIT_MS) as blocker:
        panel.action_save.trigger()  # Ctrl+Enter
    assert blocker.args == ["Saved — 3rd contact in 7 days"]
    assert wrap.confirmation.isHidden()  # one confirmation: the status line

    story = services.customers.story(siti.id)
    assert story.contacts_7d == 3
    latest = story.interactions[0]
    # The offered outcome is stored as its key, the same in every interface language.
    assert (latest.channel, latest.outcome) == (Channel.chat, "escalated")
    assert latest.summary == "Claim still unpaid; escalated to the claims team"
    assert "Claim number KLM-778" in {f.text for f in story.facts}
    assert "Call back with the escalation result" in {c.text for c in story.commitments}

    qtbot.waitUntil(lambda: panel.story.timeline_model.rowCount() == 3, timeout=WAIT_MS)
    # Logged: still the 3rd.
    assert panel.header.contacts.text().startswith("3rd contact in 7 days")
    assert wrap.summary.toPlainText() == "" and panel.now.text() == ""


def test_wrap_up_stores_the_same_outcome_in_either_language(
    qtbot: QtBot, make_panel: Callable[[], PanelWidget], qapp: object
) -> None:
    from copilot.ui.shell.i18n import LanguageSwitcher

    wrap = make_panel().wrapup
    switcher = LanguageSwitcher(qapp)  # type: ignore[arg-type]
    try:
        assert switcher.set_language("id")
        qtbot.waitUntil(lambda: wrap.outcome.itemText(0) == "Terselesaikan", timeout=WAIT_MS)
        wrap.outcome.setCurrentText("Terselesaikan")
        assert wrap.values()["outcome"] == "resolved"
        wrap.outcome.setCurrentText("Pelanggan akan kirim dokumen")  # the agent's own words
        assert wrap.values()["outcome"] == "Pelanggan akan kirim dokumen"
    finally:
        switcher.set_language("en")
    qtbot.waitUntil(lambda: wrap.outcome.itemText(0) == "Resolved", timeout=WAIT_MS)
    wrap.outcome.setCurrentText("Resolved")
    assert wrap.values()["outcome"] == "resolved"


def test_wrap_up_summary_is_prefilled_until_the_agent_edits_it(
    qtbot: QtBot, make_panel: Callable[[], PanelWidget], siti: CustomerRead
) -> None:
    panel = make_panel()
    open_by_find(qtbot, panel, "081234567890")
    wrap = panel.wrapup
    wrap.prefill_summary("first")
    assert wrap.summary.toPlainText() == "first"
    wrap.prefill_summary("second")
    assert wrap.summary.toPlainText() == "second"
    wrap.summary.setPlainText("my own words")
    wrap.prefill_summary("third")
    assert wrap.summary.toPlainText() == "my own words"


def test_database_locked_during_save_keeps_everything_typed(
    qtbot: QtBot,
    make_panel: Callable[[], PanelWidget],
    services: Services,
    db_file: Path,
    siti: CustomerRead,
) -> None:
    panel = make_panel()
    open_by_find(qtbot, panel, "081234567890")
    panel.now.edit.setPlainText("Where is my money?")
    panel.draft.edit.setPlainText("I am checking with the claims team now.")
    panel.wrapup.summary.setPlainText("Asked about the payout")
    panel.wrapup.commitment.setText("Call back tomorrow")

    other = open_database(str(db_file), passphrase=PASSPHRASE)
    try:
        with (
            other.write() as holder,
            qtbot.waitSignal(
                panel.failed,
                timeout=WAIT_MS,
                check_params_cb=lambda exc: isinstance(exc, DatabaseLockedError),
            ),
        ):
            holder.connection()  # BEGIN IMMEDIATE now: the write lock is held until the end
            panel.save_wrapup()
    finally:
        other.close()
    assert panel.now.text() == "Where is my money?"
    assert panel.draft.text() == "I am checking with the claims team now."
    assert panel.wrapup.summary.toPlainText() == "Asked about the payout"
    assert panel.wrapup.commitment.text() == "Call back tomorrow"
    # Once the lock is gone, the same form saves, once.
    assert panel.wrapup.save_button.isEnabled()
    assert "Not saved" in panel.wrapup.confirmation.text()
    with qtbot.waitSignal(panel.status, timeout=WAIT_MS) as saved:
        panel.save_wrapup()
    assert saved.args == ["Saved — 3rd contact in 7 days"]
    assert services.customers.story(siti.id).total_interactions == 3


def test_another_desk_writing_the_moment_the_wrap_up_commits_cannot_split_it(
    qtbot: QtBot,
    make_panel: Callable[[], PanelWidget],
    services: Services,
    db_file: Path,
    siti: CustomerRead,
) -> None:
    """Another desk takes the write lock as soon as the wrap-up's first commit lets go of it.

    A wrap-up saved as several transactions (the contact, then each fact, then the promise)
    would have its later parts refused as "busy" and leave half a contact; one transaction
    has nothing left to write by then.
    """
    panel = make_panel()
    open_by_find(qtbot, panel, "081234567890")
    wrap = panel.wrapup
    wrap.summary.setPlainText("Asked about the payout")
    wrap.facts.setPlainText("Bank account changed")
    wrap.commitment.setText("Call back tomorrow")
    failures: list[object] = []
    panel.failed.connect(failures.append)

    other = open_database(str(db_file), passphrase=PASSPHRASE)
    held: list[Any] = []

    def take_the_lock(_session: object) -> None:
        if not held:
            raw = other.engine.raw_connection()
            raw.driver_connection.execute("BEGIN IMMEDIATE")  # free: the commit just ended
            held.append(raw)

    def release(*_: object) -> None:
        while held:
            raw = held.pop()
            raw.driver_connection.execute("ROLLBACK")
            raw.close()

    panel.wrapup_controller.saved.connect(release)
    panel.wrapup_controller.failed.connect(release)
    event.listen(OrmSession, "after_commit", take_the_lock)
    try:
        panel.save_wrapup()
        qtbot.waitUntil(lambda: not panel.wrapup_controller.saving, timeout=WAIT_MS)
    finally:
        event.remove(OrmSession, "after_commit", take_the_lock)
        release()
        other.close()
    assert failures == []
    story = services.customers.story(siti.id)
    assert story.total_interactions == 3
    assert "Bank account changed" in {f.text for f in story.facts}
    assert "Call back tomorrow" in {c.text for c in story.commitments}


def test_a_retry_after_a_lost_answer_saves_the_contact_once(
    qtbot: QtBot,
    make_panel: Callable[[], PanelWidget],
    services: Services,
    siti: CustomerRead,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    panel = make_panel()
    open_by_find(qtbot, panel, "081234567890")
    panel.wrapup.summary.setPlainText("Asked about the payout")
    panel.wrapup.facts.setPlainText("Bank account changed")
    real = services.customers.log_contact

    def commit_then_lose_the_answer(**fields: Any) -> Any:
        real(**fields)
        raise DatabaseLockedError("the answer was lost on the way back")

    with monkeypatch.context() as patch:
        patch.setattr(services.customers, "log_contact", commit_then_lose_the_answer)
        with qtbot.waitSignal(panel.failed, timeout=WAIT_MS):
            panel.save_wrapup()
    assert "Not saved" in panel.wrapup.confirmation.text()
    assert panel.wrapup.summary.toPlainText() == "Asked about the payout"

    # The agent saves the same form again: the saved contact is found, not saved twice.
    with qtbot.waitSignal(panel.status, timeout=WAIT_MS) as saved:
        panel.save_wrapup()
    assert saved.args == ["Saved — 3rd contact in 7 days"]
    story = services.customers.story(siti.id)
    assert story.total_interactions == 3
    assert [f.text for f in story.facts].count("Bank account changed") == 1

    # The next contact is a new one, with a key of its own.
    panel.wrapup.summary.setPlainText("Called back")
    with qtbot.waitSignal(panel.status, timeout=WAIT_MS) as saved:
        panel.save_wrapup()
    assert saved.args == ["Saved — 4th contact in 7 days"]


def test_saving_without_a_customer_says_what_to_do(
    qtbot: QtBot, make_panel: Callable[[], PanelWidget], siti: CustomerRead
) -> None:
    panel = make_panel()
    with qtbot.waitSignal(panel.status, timeout=WAIT_MS) as blocker:
        panel.save_wrapup()
    assert blocker.args == ["Find or create the customer first"]


# -- drafts: copy and autosave -------------------------------------------------------------


def test_copy_puts_the_draft_on_the_clipboard(
    qtbot: QtBot, make_panel: Callable[[], PanelWidget], siti: CustomerRead
) -> None:
    panel = make_panel()
    QGuiApplication.clipboard().setText("something else")
    panel.draft.edit.setPlainText("Terima kasih, Bu Siti. Kami cek sekarang.")
    with qtbot.waitSignal(panel.status, timeout=WAIT_MS) as blocker:
        panel.action_copy.trigger()
    assert blocker.args == ["Copied"]
    assert QGuiApplication.clipboard().text() == "Terima kasih, Bu Siti. Kami cek sekarang."


def test_draft_is_autosaved_and_restored_when_the_customer_is_reopened(
    qtbot: QtBot,
    make_panel: Callable[[], PanelWidget],
    services: Services,
    siti: CustomerRead,
) -> None:
    panel = make_panel()
    open_by_find(qtbot, panel, "081234567890")
    panel.draft.edit.setPlainText("Mohon maaf, Bu. Kartu 4111 1111 1111 1111 sudah kami blokir.")
    qtbot.waitUntil(lambda: services.drafts.get(siti.id) != "", timeout=WAIT_MS)
    saved = services.drafts.get(siti.id)
    assert "Mohon maaf" in saved
    assert "4111 1111 1111 1111" not in saved  # payment secrets never reach the disk
    assert not (Path(services.settings.data_dir) / "drafts").exists()  # no plain-text files

    # "Crash": a new panel over the same data folder.
    panel.close()
    again = make_panel()
    assert again.draft.text() == ""
    open_by_find(qtbot, again, "081234567890")
    qtbot.waitUntil(lambda: "Mohon maaf" in again.draft.text(), timeout=WAIT_MS)


def test_draft_follows_the_customer(
    qtbot: QtBot, make_panel: Callable[[], PanelWidget], services: Services, siti: CustomerRead
) -> None:
    other = services.customers.create_customer(name="Budi")
    panel = make_panel()
    open_by_find(qtbot, panel, "081234567890")
    panel.draft.edit.setPlainText("For Siti")
    open_by_find(qtbot, panel, "Budi")
    qtbot.waitUntil(lambda: panel.draft.text() == "", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: services.drafts.get(siti.id) == "For Siti", timeout=WAIT_MS)
    open_by_find(qtbot, panel, "081234567890")
    qtbot.waitUntil(lambda: panel.draft.text() == "For Siti", timeout=WAIT_MS)
    assert other.id != siti.id


def test_wrap_up_clears_the_saved_draft(
    qtbot: QtBot, make_panel: Callable[[], PanelWidget], services: Services, siti: CustomerRead
) -> None:
    panel = make_panel()
    open_by_find(qtbot, panel, "081234567890")
    panel.draft.edit.setPlainText("Sudah kami proses.")
    qtbot.waitUntil(lambda: services.drafts.get(siti.id) != "", timeout=WAIT_MS)
    with qtbot.waitSignal(panel.status, timeout=WAIT_MS):
        panel.save_wrapup()
    qtbot.waitUntil(lambda: services.drafts.get(siti.id) == "", timeout=WAIT_MS)
    assert panel.draft.text() == ""


# -- first run and database errors ----------------------------------------------------------


def test_empty_database_welcomes_and_loads_demo_data(
    qtbot: QtBot, make_panel: Callable[[], PanelWidget], services: Services
) -> None:
    panel = make_panel()
    assert panel.stack.currentIndex() == PAGE_WELCOME
    assert all(line.text() for line in panel.welcome.lines)
    progress: list[tuple[int, int]] = []
    panel.database.demo_progressed.connect(lambda done, total: progress.append((done, total)))
    panel.welcome.demo_button.click()
    assert panel.welcome.progress.isVisible()
    assert not panel.welcome.demo_button.isEnabled()
    qtbot.waitUntil(lambda: panel.stack.currentIndex() == PAGE_MAIN, timeout=30_000)
    assert services.customers.count_customers() == 200
    assert progress and progress[-1] == (200, 200)
    assert panel.find_section.isVisible()


def test_start_empty_skips_the_demo(
    qtbot: QtBot, make_panel: Callable[[], PanelWidget], services: Services
) -> None:
    panel = make_panel()
    panel.welcome.skip_button.click()
    assert panel.stack.currentIndex() == PAGE_MAIN
    assert services.customers.count_customers() == 0


def test_database_that_cannot_open_shows_retry_and_emits_failed(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path
) -> None:
    attempts: list[int] = []

    def build(_settings: Settings, _key: object) -> Services:
        attempts.append(1)
        raise WrongPassphraseError("wrong passphrase, or not a Copilot database")

    panel = PanelWidget(ServiceProvider(Settings(data_dir=tmp_path), build), runner)
    qtbot.addWidget(panel)
    panel.show()
    with qtbot.waitSignal(panel.failed, timeout=WAIT_MS) as blocker:
        pass
    assert isinstance(blocker.args[0], WrongPassphraseError)
    assert panel.stack.currentIndex() == PAGE_OPENING
    assert panel.retry_button.isVisible()
    # The banner above says what happened; the page does not repeat the error's own words
    # (they can hold a path or a variable name).
    assert "message above" in panel.opening_label.text()
    assert "wrong passphrase" not in panel.opening_label.text()
    with qtbot.waitSignal(panel.failed, timeout=WAIT_MS):
        panel.retry_button.click()
    assert len(attempts) == 2


def test_the_window_shows_before_the_database_opens(
    qtbot: QtBot, runner: TaskRunner, tmp_path: Path
) -> None:
    """The provider runs on a worker: constructing the panel never calls it on this thread."""
    import threading

    gui = threading.current_thread()
    called_on: list[threading.Thread] = []

    def build(_settings: Settings, _key: object) -> Services:
        called_on.append(threading.current_thread())
        raise WrongPassphraseError("nope")

    panel = PanelWidget(ServiceProvider(Settings(data_dir=tmp_path), build), runner)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.failed, timeout=WAIT_MS):
        pass
    assert called_on and called_on[0] is not gui


# -- keyboard and accessibility -------------------------------------------------------------


def test_every_action_has_text_and_a_shortcut(
    qtbot: QtBot, make_panel: Callable[[], PanelWidget]
) -> None:
    panel = make_panel()
    actions = panel.actions()
    shortcuts = {a.objectName(): a.shortcut().toString() for a in actions}
    assert shortcuts["actionFind"] == "Ctrl+F"
    assert shortcuts["actionPasteFind"] == "Ctrl+Shift+V"
    assert shortcuts["actionCopyDraft"] == "Ctrl+Shift+C"
    assert shortcuts["actionSaveWrapUp"] == "Ctrl+Return"
    assert [shortcuts[f"actionGoto{n}"] for n in ("Story", "Now", "Draft", "WrapUp")] == [
        "Ctrl+1",
        "Ctrl+2",
        "Ctrl+3",
        "Ctrl+4",
    ]
    for action in actions:
        assert action.text(), action.objectName()
        assert not action.shortcut().isEmpty(), action.objectName()
    assert len(set(shortcuts.values())) == len(shortcuts)  # no two actions share a key


def test_every_control_has_an_accessible_name(
    qtbot: QtBot, make_panel: Callable[[], PanelWidget], siti: CustomerRead
) -> None:
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QPlainTextEdit,
        QWidget,
    )

    panel = make_panel()
    open_by_find(qtbot, panel, "081234567890")
    controls = (
        QAbstractButton,
        QLineEdit,
        QPlainTextEdit,
        QComboBox,
        QAbstractItemView,
        QAbstractSpinBox,
    )
    missing = []
    for widget in panel.findChildren(QWidget):
        if not isinstance(widget, controls) or not widget.isVisibleTo(panel):
            continue
        parent = widget.parentWidget()
        # Internal parts of composite widgets: the combo's line edit, spin box internals,
        # a line edit's clear button (Qt names those itself).
        if isinstance(parent, (QComboBox, QAbstractSpinBox, QLineEdit)):
            continue
        if not widget.accessibleName():
            missing.append(f"{type(widget).__name__}#{widget.objectName()}")
    assert missing == []


# -- now: hints and signals ------------------------------------------------------------------

ANGRY_CLAIM = (
    "Sudah 3x saya telepon, klaim saya ditolak terus! Saya kecewa sekali, mau tutup polis saja."
)


def analysed(qtbot: QtBot, panel: PanelWidget, text: str) -> None:
    with qtbot.waitSignal(panel.now_controller.hints_changed, timeout=WAIT_MS):
        panel.now.edit.setPlainText(text)


def test_now_message_shows_hints_and_signals_with_why(
    qtbot: QtBot, make_panel: Callable[[], PanelWidget], siti: CustomerRead
) -> None:
    from copilot.context import analyze

    panel = make_panel()
    panel.set_industry("insurance")
    open_by_find(qtbot, panel, "081234567890")
    expected = analyze(ANGRY_CLAIM, role="customer", industry="insurance")
    assert expected.hints and expected.signals  # the message is a fair test of the panel

    announced: list[str] = []
    panel.now_controller.announced.connect(announced.append)
    panel.focus_now()  # the Now page: its cards are on screen
    analysed(qtbot, panel, ANGRY_CLAIM)

    cards = panel.now.cards.cards
    hint_ids = {c.item.id for c in cards if c.item.kind == "hint"}
    assert {h.id for h in expected.hints} <= hint_ids
    claim = next(c for c in cards if c.item.id == "insurance.claim_denied")
    assert "ditolak" in claim.why.text()
    qtbot.waitUntil(claim.why.isVisible, timeout=WAIT_MS)
    assert claim.frame.property("severity") == "should"
    assert claim.reason.text()
    frustration = next(c for c in cards if c.item.id == "signal:frustration")
    assert frustration.item.why and frustration.item.why[0] in ANGRY_CLAIM
    # "Sudah 3x" raises repeat_contact; general.repeat_contact is its playbook, so the two are
    # one card, whose "why" still shows the words that raised the signal.
    assert "repeat_contact" in {s.kind for s in expected.signals}
    assert not any(c.item.id == "signal:repeat_contact" for c in cards)
    repeat = next(c for c in cards if c.item.id == "general.repeat_contact")
    assert "sudah 3x" in repeat.why.text()
    # Screen readers hear about it; the focus stays where the agent is typing.
    assert announced and announced[-1].startswith("New hint")
    assert panel.window().property("lastAnnouncement") == announced[-1]


def test_pinned_hints_stay_and_dismissed_ones_never_return(
    qtbot: QtBot, make_panel: Callable[[], PanelWidget], siti: CustomerRead
) -> None:
    panel = make_panel()
    panel.set_industry("insurance")
    open_by_find(qtbot, panel, "081234567890")
    analysed(qtbot, panel, ANGRY_CLAIM)

    def card(item_id: str) -> object:
        return next((c for c in panel.now.cards.cards if c.item.id == item_id), None)

    card("insurance.claim_denied").pin_button.click()  # type: ignore[union-attr]
    assert card("insurance.claim_denied").item.pinned  # type: ignore[union-attr]
    card("signal:frustration").dismiss_button.click()  # type: ignore[union-attr]
    assert card("signal:frustration") is None

    analysed(qtbot, panel, "Terima kasih, sudah jelas.")  # nothing fires for this text
    assert card("insurance.claim_denied") is not None  # pinned: still there
    analysed(qtbot, panel, ANGRY_CLAIM)
    assert card("signal:frustration") is None  # dismissed: gone for this contact
    assert card("insurance.cancellation_surrender") is not None
    # Pinned hints go into the wrap-up summary.
    assert "Acted on:" in panel.wrapup.summary.toPlainText()


def test_a_hint_and_the_signal_it_covers_are_one_card(
    qtbot: QtBot, make_panel: Callable[[], PanelWidget], siti: CustomerRead
) -> None:
    text = "Sudah 3x saya telepon, tolong segera!"
    panel = make_panel()
    open_by_find(qtbot, panel, "081234567890")
    analyses: list[object] = []
    panel.now_controller.analysis_ready.connect(analyses.append)
    analysed(qtbot, panel, text)

    cards = panel.now.cards.cards
    about_repeat = [
        c
        for c in cards
        if c.item.id in ("general.repeat_contact", "signal:repeat_contact")
        or "Kontak berulang" in c.item.title
        or "Repeat contact" in c.item.title
    ]
    assert [c.item.id for c in about_repeat] == ["general.repeat_contact"]
    (card,) = about_repeat
    # The reason the signal fired is still on screen, on the hint's card.
    assert "sudah 3x" in card.why.text()
    assert card.item.covers == "repeat_contact"
    # The analysis keeps the signal (reports count signals); only the panel merges.
    assert "repeat_contact" in {s.kind for s in analyses[-1].signals}  # type: ignore[attr-defined]
    # Urgency is said once: as its own card or by the hint that covers it, never both.
    urgency = [
        c.item.id for c in cards if c.item.id in ("signal:urgency", "general.urgent_request")
    ]
    assert len(urgency) == 1


def test_repeat_contact_from_history_alone_still_shows(
    qtbot: QtBot, make_panel: Callable[[], PanelWidget], siti: CustomerRead
) -> None:
    # Siti has two contacts logged this week: this is her third, though the message says
    # nothing about calling before, so no hint covers the signal.
    panel = make_panel()
    open_by_find(qtbot, panel, "081234567890")
    analysed(qtbot, panel, "Halo, saya mau tanya status klaim rawat inap suami saya.")

    ids = [c.item.id for c in panel.now.cards.cards]
    assert "general.repeat_contact" not in ids
    repeat = next(c for c in panel.now.cards.cards if c.item.id == "signal:repeat_contact")
    assert repeat.item.why == ()  # raised from history, not from words in the text
    assert "3" in repeat.item.title


def test_huge_paste_into_now_and_draft_stays_responsive(
    qtbot: QtBot, make_panel: Callable[[], PanelWidget], siti: CustomerRead
) -> None:
    panel = make_panel()
    panel.set_industry("insurance")
    open_by_find(qtbot, panel, "081234567890")
    huge = ("klaim saya ditolak " * 300_000)[: 5 * 1024 * 1024]
    failures: list[object] = []
    panel.failed.connect(failures.append)
    QGuiApplication.clipboard().setText(huge)

    with (
        qtbot.waitSignal(panel.now_controller.hints_changed, timeout=WAIT_MS),
        qtbot.waitSignal(panel.status, timeout=WAIT_MS) as said,
    ):
        panel.now.edit.paste()
    # Cut to a size Qt can lay out per keystroke, and the agent is told.
    assert len(panel.now.text()) == panel.now.edit.max_chars
    assert panel.now.text() == huge[: panel.now.edit.max_chars]
    assert "kept the first 20,000 characters" in said.args[0]
    assert any(c.item.id == "insurance.claim_denied" for c in panel.now.cards.cards)

    with qtbot.waitSignal(panel.draft_controller.reminders_changed, timeout=30_000):
        panel.draft.edit.paste()
    assert len(panel.draft.text()) == panel.draft.edit.max_chars
    panel.draft.edit.insertPlainText("!")  # the box still takes keystrokes
    assert failures == []
    # The event loop still answers: a lookup typed now completes.
    with qtbot.waitSignal(panel.finder.results_found, timeout=WAIT_MS):
        panel.find_section.edit.setText("Siti")


# -- draft: tone reminders and personal data ---------------------------------------------------


def test_draft_tone_reminders_underline_and_suggest(
    qtbot: QtBot, make_panel: Callable[[], PanelWidget], siti: CustomerRead
) -> None:
    panel = make_panel()
    panel.set_industry("insurance")
    open_by_find(qtbot, panel, "081234567890")
    panel.now.edit.setPlainText("I am very angry, my claim was rejected")
    draft = "You should have read the policy. That is not my problem."
    with qtbot.waitSignal(panel.draft_controller.reminders_changed, timeout=WAIT_MS):
        panel.draft.edit.setPlainText(draft)
    qtbot.waitUntil(lambda: len(panel.draft.cards) > 0, timeout=WAIT_MS)
    kinds = {c.reminder.kind for c in panel.draft.cards}
    assert "blame" in kinds
    blame = next(c for c in panel.draft.cards if c.reminder.kind == "blame")
    assert blame.suggestion.text()  # the suggested wording is shown
    assert (0, len("You should have")) in panel.draft.underlined()


def test_apply_replaces_the_span_with_the_suggested_wording(
    qtbot: QtBot, make_panel: Callable[[], PanelWidget], siti: CustomerRead
) -> None:
    panel = make_panel()
    open_by_find(qtbot, panel, "081234567890")
    panel.focus_draft()  # the Draft page: its Apply buttons are on screen
    with qtbot.waitSignal(panel.draft_controller.reminders_changed, timeout=WAIT_MS):
        panel.draft.edit.setPlainText("Mohon tunggu. KAMI SEDANG CEK!!!")
    qtbot.waitUntil(lambda: len(panel.draft.cards) > 0, timeout=WAIT_MS)
    shouting = next(c for c in panel.draft.cards if c.reminder.kind == "shouting")
    qtbot.waitUntil(shouting.apply_button.isVisible, timeout=WAIT_MS)
    shouting.apply_button.click()
    assert panel.draft.text() == "Mohon tunggu. Kami sedang cek!"
    # Advice without concrete wording has no Apply button.
    for c in panel.draft.cards:
        if c.reminder.rewrite is None:
            assert c.apply_button.isHidden()


def test_apply_refuses_when_the_agent_changed_that_part(
    qtbot: QtBot, make_panel: Callable[[], PanelWidget], siti: CustomerRead
) -> None:
    from copilot.ui.controllers.items import Reminder

    panel = make_panel()
    panel.draft.edit.setPlainText("😀 PLEASE WAIT")
    stale = Reminder(
        kind="shouting", start=2, end=13, message="", severity="should", rewrite="x", span="OTHER"
    )
    assert not panel.draft.apply(stale)
    assert panel.draft.text() == "😀 PLEASE WAIT"
    fresh = Reminder(
        kind="shouting",
        start=2,
        end=13,
        message="",
        severity="should",
        rewrite="Please wait",
        span="PLEASE WAIT",
    )
    assert panel.draft.apply(fresh)  # emoji before the span: UTF-16 offsets handled
    assert panel.draft.text() == "😀 Please wait"


def test_personal_data_in_the_draft_is_flagged(
    qtbot: QtBot, make_panel: Callable[[], PanelWidget], siti: CustomerRead
) -> None:
    panel = make_panel()
    open_by_find(qtbot, panel, "081234567890")
    draft = "Kartu Anda 4111 1111 1111 1111 sudah kami blokir."
    with qtbot.waitSignal(panel.draft_controller.reminders_changed, timeout=WAIT_MS):
        panel.draft.edit.setPlainText(draft)
    qtbot.waitUntil(lambda: len(panel.draft.cards) > 0, timeout=WAIT_MS)
    pii = [c for c in panel.draft.cards if c.reminder.is_pii]
    assert pii and pii[0].reminder.kind == "pii:card_number"
    assert "card number" in pii[0].message.text()
    start = draft.index("4111")
    assert (start, start + len("4111 1111 1111 1111")) in panel.draft.underlined()


def test_typing_before_the_saved_draft_arrives_keeps_both(
    qtbot: QtBot, make_panel: Callable[[], PanelWidget], services: Services, siti: CustomerRead
) -> None:
    services.drafts.save(siti.id, "Saved earlier.")
    panel = make_panel()
    panel.open_customer(siti)
    panel.draft.edit.setPlainText("Typed right away.")  # before the restore is delivered
    qtbot.waitUntil(lambda: "Saved earlier." in panel.draft.text(), timeout=WAIT_MS)
    assert panel.draft.text() == "Saved earlier.\n\nTyped right away."


def test_typing_right_after_opening_a_customer_is_never_wiped(
    qtbot: QtBot, make_panel: Callable[[], PanelWidget], siti: CustomerRead
) -> None:
    panel = make_panel()
    panel.open_customer(siti)
    panel.draft.edit.setPlainText("Halo Bu Siti")
    with qtbot.waitSignal(panel.draft_controller.draft_restored, timeout=WAIT_MS):
        pass
    assert panel.draft.text() == "Halo Bu Siti"


def test_switching_language_retranslates_the_panel(
    qtbot: QtBot, make_panel: Callable[[], PanelWidget], siti: CustomerRead, qapp: object
) -> None:
    from copilot.ui.shell.i18n import LanguageSwitcher

    panel = make_panel()
    open_by_find(qtbot, panel, "081234567890")
    assert panel.find_section.title.text() == "Find"
    switcher = LanguageSwitcher(qapp)  # type: ignore[arg-type]
    try:
        assert switcher.set_language("id")
        qtbot.waitUntil(lambda: panel.find_section.title.text() != "Find", timeout=WAIT_MS)
        assert panel.find_section.title.text() == "Cari"
        assert panel.find_section.edit.accessibleName() != "Find customer"
    finally:
        switcher.set_language("en")
    qtbot.waitUntil(lambda: panel.find_section.title.text() == "Find", timeout=WAIT_MS)


def test_the_timeline_speaks_the_panel_language(
    qtbot: QtBot,
    make_panel: Callable[[], PanelWidget],
    services: Services,
    siti: CustomerRead,
    qapp: object,
) -> None:
    from copilot.ui.models import compact_line, details_text
    from copilot.ui.shell.i18n import LanguageSwitcher

    services.customers.add_interaction(
        InteractionCreate(
            customer_id=siti.id,
            channel=Channel.phone,
            started_at=datetime.now(UTC) - timedelta(hours=2),
            summary="Telepon lagi; klaim diproses",
            outcome="escalated",
            agent="ayu",
        )
    )
    panel = make_panel()
    open_by_find(qtbot, panel, "081234567890")
    timeline = panel.story.timeline_model

    def rows() -> list[str]:
        return [timeline.index(r, 0).data() for r in range(timeline.rowCount())]

    assert " · Phone · Escalated — Telepon lagi" in rows()[0]
    switcher = LanguageSwitcher(qapp)  # type: ignore[arg-type]
    try:
        assert switcher.set_language("id")
        qtbot.waitUntil(lambda: panel.find_section.title.text() == "Cari", timeout=WAIT_MS)
        first = rows()[0]
        assert " · Telepon · Dieskalasi — Telepon lagi" in first
        assert "phone" not in first and "escalated" not in first
        # Siti's WhatsApp contacts were logged as "follow-up": the form's label for it.
        assert any("WhatsApp · Perlu tindak lanjut" in row for row in rows())
        assert first == compact_line(timeline.item(0))  # what the list shows is the model's
        details = details_text(timeline.item(0))
        assert "Telepon · Masuk" in details and "Hasil: Dieskalasi" in details
    finally:
        switcher.set_language("en")
    qtbot.waitUntil(lambda: " · Phone · " in rows()[0], timeout=WAIT_MS)


def test_a_fact_that_fails_to_save_is_given_back(
    qtbot: QtBot, make_panel: Callable[[], PanelWidget], db_file: Path, siti: CustomerRead
) -> None:
    panel = make_panel()
    open_by_find(qtbot, panel, "081234567890")
    panel.story.new_fact.setText("Moved to Bandung")
    other = open_database(str(db_file), passphrase=PASSPHRASE)
    try:
        with (
            other.write() as holder,
            qtbot.waitSignal(
                panel.failed,
                timeout=WAIT_MS,
                check_params_cb=lambda exc: isinstance(exc, DatabaseLockedError),
            ),
        ):
            holder.connection()
            panel.story.new_fact.returnPressed.emit()
    finally:
        other.close()
    assert panel.story.new_fact.text() == "Moved to Bandung"


def test_ctrl_enter_in_the_summary_saves_the_wrap_up(
    qtbot: QtBot, make_panel: Callable[[], PanelWidget], services: Services, siti: CustomerRead
) -> None:
    panel = make_panel()
    open_by_find(qtbot, panel, "081234567890")
    panel.wrapup.summary.setPlainText("Explained the claim steps")
    with qtbot.waitSignal(panel.status, timeout=WAIT_MS):
        qtbot.keyClick(panel.wrapup.summary, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert services.customers.story(siti.id).interactions[0].summary == "Explained the claim steps"


def test_demo_data_that_cannot_load_leaves_the_welcome_usable(
    qtbot: QtBot, make_panel: Callable[[], PanelWidget], services: Services
) -> None:
    from copilot.errors import InputError

    panel = make_panel()
    assert panel.stack.currentIndex() == PAGE_WELCOME
    services.customers.create_customer(name="Someone else got here first")
    with qtbot.waitSignal(
        panel.failed, timeout=WAIT_MS, check_params_cb=lambda e: isinstance(e, InputError)
    ):
        panel.welcome.demo_button.click()
    assert panel.welcome.demo_button.isEnabled()
    assert not panel.welcome.progress.isVisible()
    assert panel.stack.currentIndex() == PAGE_WELCOME


def test_new_hints_never_move_the_focus(
    qtbot: QtBot, make_panel: Callable[[], PanelWidget], siti: CustomerRead
) -> None:
    from PySide6.QtWidgets import QApplication

    panel = make_panel()
    panel.set_industry("insurance")
    open_by_find(qtbot, panel, "081234567890")
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow, timeout=WAIT_MS)
    panel.draft.edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.draft.edit, timeout=WAIT_MS)
    analysed(qtbot, panel, ANGRY_CLAIM)
    assert panel.now.cards.cards
    assert QApplication.focusWidget() is panel.draft.edit


def test_the_forms_hold_the_stores_text_limits(qtbot: QtBot) -> None:
    from copilot.ui.widgets.find import FindWidget
    from copilot.ui.widgets.wrapup import WrapUpWidget
    from copilot.vocabulary import MAX_LONG_TEXT, MAX_SHORT_TEXT

    find, wrapup = FindWidget(), WrapUpWidget()
    qtbot.addWidget(find)
    qtbot.addWidget(wrapup)
    find.create_name.setText("x" * (MAX_SHORT_TEXT + 50))
    assert len(find.create_name.text()) == MAX_SHORT_TEXT
    wrapup.outcome.setEditText("y" * (MAX_SHORT_TEXT + 50))
    assert len(wrapup.outcome_value()) == MAX_SHORT_TEXT
    wrapup.commitment.setText("z" * (MAX_LONG_TEXT + 50))
    assert len(wrapup.commitment.text()) == MAX_LONG_TEXT
