"""Edit record: rename and how to address, identifiers, critical facts and merge, off the GUI
thread, each refusal shown beside its field, and the story reloaded after every edit."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pytestqt.qtbot import QtBot

from copilot.errors import NotFoundError
from copilot.services import ServiceProvider
from copilot.storage.schemas import (
    CustomerRead,
    IdentifierIn,
    IdentifierKind,
    InteractionCreate,
)
from copilot.ui.panel import PAGE_OPENING, PanelWidget
from copilot.ui.tasks import TaskRunner
from copilot.ui.widgets.record import RecordDialog

WAIT_MS = 10_000


@pytest.fixture
def panel(qtbot: QtBot, panel_services: ServiceProvider, panel_runner: TaskRunner) -> PanelWidget:
    made = PanelWidget(panel_services, panel_runner)
    qtbot.addWidget(made)
    made.resize(400, 900)
    made.show()
    qtbot.waitUntil(lambda: made.stack.currentIndex() != PAGE_OPENING, timeout=WAIT_MS)
    made.set_agent("Dewi Lestari")
    return made


@pytest.fixture
def duplicate(panel_services: ServiceProvider) -> CustomerRead:
    """The same person created again by another agent: a second phone and one contact."""
    customers = panel_services.get().customers
    other = customers.create_customer(
        name="Siti R.",
        identifiers=[IdentifierIn(kind=IdentifierKind.phone, value="0813 1111 2222")],
    )
    customers.add_interaction(
        InteractionCreate(customer_id=other.id, started_at=datetime.now(UTC), summary="Billing")
    )
    customers.add_fact(customer_id=other.id, text="Hard of hearing: use chat", created_by="ayu")
    return other


def open_record(qtbot: QtBot, panel: PanelWidget, customer: CustomerRead) -> RecordDialog:
    panel.open_customer(customer)
    qtbot.waitUntil(lambda: panel.story_controller.story is not None, timeout=WAIT_MS)
    panel.action_record.trigger()  # Ctrl+Shift+E
    dialog = panel.record_editor.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_edit_record_needs_an_open_customer(qtbot: QtBot, panel: PanelWidget) -> None:
    with qtbot.waitSignal(panel.status, timeout=WAIT_MS) as shown:
        panel.action_record.trigger()
    assert shown.args == ["Find or create the customer first"]
    assert panel.record_editor.dialog is None


def test_rename_and_how_to_address_them_reloads_the_story(
    qtbot: QtBot,
    panel: PanelWidget,
    panel_services: ServiceProvider,
    seeded_customer: CustomerRead,
) -> None:
    dialog = open_record(qtbot, panel, seeded_customer)
    assert dialog.salutation.currentData() == ""  # not known yet
    dialog.name_edit.setText("  Siti   Rahayu Putri ")
    dialog.salutation.setCurrentIndex(dialog.salutation.findData("ibu"))
    with qtbot.waitSignal(panel.story_controller.customer_loaded, timeout=WAIT_MS):
        dialog.save_name.click()
    saved = panel_services.get().customers.get_customer(seeded_customer.id)
    assert (saved.name, saved.salutation) == ("Siti Rahayu Putri", "ibu")
    assert panel.header.name.text().endswith("Siti Rahayu Putri")
    assert dialog.name_status.text() == "Name saved"


def test_an_empty_name_is_refused_beside_the_field(
    qtbot: QtBot, panel: PanelWidget, seeded_customer: CustomerRead
) -> None:
    dialog = open_record(qtbot, panel, seeded_customer)
    dialog.name_edit.setText("   ")
    dialog.save_name.click()
    assert dialog.name_status.isVisible()
    assert "Type the customer's name" in dialog.name_status.text()


def test_a_phone_is_shown_as_it_will_be_stored_and_bad_input_says_why(
    qtbot: QtBot, panel: PanelWidget, seeded_customer: CustomerRead
) -> None:
    dialog = open_record(qtbot, panel, seeded_customer)
    dialog.new_kind.setCurrentIndex(dialog.new_kind.findData(IdentifierKind.phone))
    dialog.new_value.setText("0813-9999 8888")
    assert dialog.stored_as.text() == "Will be saved as +6281399998888"
    assert dialog.add_identifier.isEnabled()
    dialog.new_value.setText("12")
    assert dialog.stored_as.text().startswith("Not a phone number yet")
    assert dialog.stored_as.property("kind") == "error"  # the theme shows it as a problem
    assert not dialog.add_identifier.isEnabled()
    dialog.new_kind.setCurrentIndex(dialog.new_kind.findData(IdentifierKind.email))
    dialog.new_value.setText("Siti.R@Example.COM")
    assert dialog.stored_as.text() == "Will be saved as siti.r@example.com"


def test_add_and_remove_identifiers_but_never_the_last_one(
    qtbot: QtBot,
    panel: PanelWidget,
    panel_services: ServiceProvider,
    seeded_customer: CustomerRead,
) -> None:
    failures: list[object] = []
    panel.failed.connect(failures.append)
    dialog = open_record(qtbot, panel, seeded_customer)
    assert len(dialog._identifier_rows) == 2
    dialog.new_kind.setCurrentIndex(dialog.new_kind.findData(IdentifierKind.email))
    dialog.new_value.setText("siti@example.com")
    with qtbot.waitSignal(panel.story_controller.customer_loaded, timeout=WAIT_MS):
        dialog.add_identifier.click()
    customers = panel_services.get().customers
    values = {i.value for i in customers.get_customer(seeded_customer.id).identifiers}
    assert "siti@example.com" in values
    assert dialog.new_value.text() == ""
    qtbot.waitUntil(lambda: len(dialog._identifier_rows) == 3, timeout=WAIT_MS)

    for _ in range(2):  # remove all but one, through the rows' own buttons
        from PySide6.QtWidgets import QToolButton

        button = dialog._identifier_rows[0].findChild(QToolButton, "removeIdentifierButton")
        with qtbot.waitSignal(panel.story_controller.customer_loaded, timeout=WAIT_MS):
            button.click()
    assert len(customers.get_customer(seeded_customer.id).identifiers) == 1
    qtbot.waitUntil(lambda: len(dialog._identifier_rows) == 1, timeout=WAIT_MS)
    last = dialog._identifier_rows[0].findChild(QToolButton, "removeIdentifierButton")
    with qtbot.waitSignal(panel.record_controller.refused, timeout=WAIT_MS) as refused:
        last.click()
    assert refused.args[0] == "identifier"
    assert dialog.ids_status.text().startswith("Not changed.")
    assert "only phone, email or account" in dialog.ids_status.text()  # the store's refusal
    assert len(customers.get_customer(seeded_customer.id).identifiers) == 1
    assert failures == []  # the agent's own mistake: beside the field, not in the banner


def test_a_number_that_is_someone_elses_points_to_merge_beside_the_field(
    qtbot: QtBot,
    panel: PanelWidget,
    seeded_customer: CustomerRead,
    duplicate: CustomerRead,
) -> None:
    failures: list[object] = []
    panel.failed.connect(failures.append)
    dialog = open_record(qtbot, panel, seeded_customer)
    dialog.new_value.setText("081311112222")
    with qtbot.waitSignal(panel.record_controller.refused, timeout=WAIT_MS):
        dialog.add_identifier.click()
    assert "Merge" in dialog.ids_status.text()
    assert failures == []


def test_critical_facts_are_marked_when_added_and_when_edited(
    qtbot: QtBot,
    panel: PanelWidget,
    panel_services: ServiceProvider,
    seeded_customer: CustomerRead,
) -> None:
    dialog = open_record(qtbot, panel, seeded_customer)
    dialog.new_fact.setText("Deaf: contact by chat only")
    assert dialog.new_fact_critical.isChecked()
    with qtbot.waitSignal(panel.story_controller.customer_loaded, timeout=WAIT_MS):
        dialog.add_fact.click()
    customers = panel_services.get().customers
    facts = {f.text: f for f in customers.story(seeded_customer.id).facts}
    added = facts["Deaf: contact by chat only"]
    assert added.critical and added.created_by == "Dewi Lestari"
    assert not facts["Lebih suka dihubungi lewat WhatsApp"].critical

    qtbot.waitUntil(lambda: len(dialog.fact_checks) == 2, timeout=WAIT_MS)
    box = next(b for b in dialog.fact_checks if "WhatsApp" in b.accessibleName())
    assert not box.isChecked()
    with qtbot.waitSignal(panel.story_controller.customer_loaded, timeout=WAIT_MS):
        box.setChecked(True)
    facts = {f.text: f for f in customers.story(seeded_customer.id).facts}
    assert facts["Lebih suka dihubungi lewat WhatsApp"].critical


def test_merge_finds_the_other_previews_what_moves_and_needs_a_deliberate_confirm(
    qtbot: QtBot,
    panel: PanelWidget,
    panel_services: ServiceProvider,
    seeded_customer: CustomerRead,
    duplicate: CustomerRead,
) -> None:
    dialog = open_record(qtbot, panel, seeded_customer)
    dialog.merge_find.setText("Siti")
    with qtbot.waitSignal(panel.record_controller.candidates_found, timeout=WAIT_MS):
        dialog.merge_find_button.click()
    # Only the other Siti: never the open customer herself.
    assert dialog.candidates.count() == 1
    with qtbot.waitSignal(panel.record_controller.preview_ready, timeout=WAIT_MS):
        dialog.candidates.setCurrentRow(0)
    preview = dialog.merge_preview.text()
    assert "Keep: Siti Rahayu" in preview and "Merge into it: Siti R." in preview
    assert "+6281311112222" in preview and "+6281234567890" in preview
    assert "identifiers 1, contacts 1, facts 1, promises 0" in preview
    assert not dialog.merge_button.isEnabled()  # not one click: the agent ticks first

    dialog.merge_confirm.setChecked(True)
    assert dialog.merge_button.isEnabled()
    with qtbot.waitSignal(panel.story_controller.customer_loaded, timeout=WAIT_MS):
        dialog.merge_button.click()
    customers = panel_services.get().customers
    with pytest.raises(NotFoundError):
        customers.get_customer(duplicate.id)
    story = customers.story(seeded_customer.id)
    assert story.total_interactions == 3
    assert "Hard of hearing: use chat" in {f.text for f in story.facts}
    assert "+6281311112222" in {i.value for i in story.customer.identifiers}
    assert panel.story.story is not None and panel.story.story.total_interactions == 3
    assert dialog.merge_status.text().startswith("Merged")
    assert dialog.candidates.isHidden() and dialog.merge_button.isHidden()


def test_the_conflict_banner_points_at_edit_record_merge() -> None:
    from copilot.errors import IdentityConflictError
    from copilot.ui.shell.banner import message_for

    message = message_for(IdentityConflictError("x", (1, 2)))
    assert "Edit record → Merge" in message.advice


def test_edit_record_opens_from_the_button_beside_the_name(
    qtbot: QtBot, panel: PanelWidget, seeded_customer: CustomerRead
) -> None:
    panel.open_customer(seeded_customer)
    qtbot.waitUntil(lambda: panel.story_controller.story is not None, timeout=WAIT_MS)
    panel.header.edit_record_button.click()
    assert panel.record_editor.dialog is not None
    panel.record_editor.dialog.reject()
    qtbot.waitUntil(lambda: panel.record_editor.dialog is None, timeout=WAIT_MS)


def test_refusals_read_in_indonesian_in_the_indonesian_panel(
    qtbot: QtBot, panel: PanelWidget, duplicate: CustomerRead, qapp: object
) -> None:
    from PySide6.QtWidgets import QToolButton

    from copilot.ui.shell.i18n import LanguageSwitcher

    switcher = LanguageSwitcher(qapp)  # type: ignore[arg-type]
    try:
        assert switcher.set_language("id")
        dialog = open_record(qtbot, panel, duplicate)
        assert dialog.windowTitle() == "Ubah data pelanggan"
        (row,) = dialog._identifier_rows
        with qtbot.waitSignal(panel.record_controller.refused, timeout=WAIT_MS):
            row.findChild(QToolButton, "removeIdentifierButton").click()
        text = dialog.ids_status.text()
        assert text.startswith("Tidak diubah.") and "satu-satunya" in text
    finally:
        switcher.set_language("en")


def test_a_name_being_typed_survives_another_edit_reloading_the_story(
    qtbot: QtBot, panel: PanelWidget, seeded_customer: CustomerRead
) -> None:
    dialog = open_record(qtbot, panel, seeded_customer)
    dialog.name_edit.clear()
    qtbot.keyClicks(dialog.name_edit, "Siti R. Putri")  # typed, not saved yet
    dialog.new_value.setText("0813 5555 6666")
    with qtbot.waitSignal(panel.story_controller.customer_loaded, timeout=WAIT_MS):
        dialog.add_identifier.click()
    assert dialog.name_edit.text() == "Siti R. Putri"
