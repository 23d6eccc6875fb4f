"""Find that never misleads: Enter, counts, similar names, last digits, create, notes search."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from copilot.services import ServiceProvider, Services
from copilot.storage.schemas import IdentifierIn, IdentifierKind, InteractionCreate
from copilot.ui.controllers.find import FIND_LIMIT, Problem, check_name, check_new_customer
from copilot.ui.panel import PanelWidget
from copilot.ui.widgets.find import FindWidget

WAIT_MS = 10_000


@pytest.fixture
def services(panel_services: ServiceProvider) -> Services:
    """The services of the panel `make_panel` builds (its database, opened here)."""
    return panel_services.get()


def _phone(value: str) -> list[IdentifierIn]:
    return [IdentifierIn(kind=IdentifierKind.phone, value=value)]


def _type(qtbot: QtBot, find: FindWidget, text: str) -> None:
    find.edit.setText(text)
    qtbot.waitUntil(lambda: find.model.query == text.strip(), timeout=WAIT_MS)


def _focused(find: FindWidget) -> object:
    # The window may not be active offscreen; its focus widget is still the one Enter moved to.
    return find.window().focusWidget()


def test_enter_with_several_matches_goes_to_the_list_and_opens_nobody(
    qtbot: QtBot, make_panel: Callable[..., PanelWidget], services: Services
) -> None:
    services.customers.create_customer(name="Budi Santoso", identifiers=_phone("081234567890"))
    services.customers.create_customer(name="Budi Hartono", identifiers=_phone("081234567891"))
    panel = make_panel(main=True)
    find = panel.find_section
    _type(qtbot, find, "Budi")
    assert find.status.text() == "2 matches"
    qtbot.keyClick(find.edit, Qt.Key.Key_Return)
    assert panel.customer is None  # never the first one silently
    assert _focused(find) is find.results
    find.results.setCurrentIndex(find.model.index(1, 0))
    chosen = find.model.item(1).customer
    qtbot.keyClick(find.results, Qt.Key.Key_Return)  # the agent's choice opens
    qtbot.waitUntil(lambda: panel.customer is not None, timeout=WAIT_MS)
    assert panel.customer is not None and panel.customer.id == chosen.id


def test_one_exact_identifier_opens_at_once_but_one_name_does_not(
    qtbot: QtBot, make_panel: Callable[..., PanelWidget], services: Services
) -> None:
    rina = services.customers.create_customer(name="Rina Wati", identifiers=_phone("081234567890"))
    panel = make_panel(main=True)
    find = panel.find_section
    _type(qtbot, find, "Rina")
    qtbot.keyClick(find.edit, Qt.Key.Key_Return)
    assert panel.customer is None and _focused(find) is find.results
    _type(qtbot, find, "+62 812-3456-7890")
    assert find.status.text() == "1 match"
    qtbot.keyClick(find.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.customer is not None, timeout=WAIT_MS)
    assert panel.customer is not None and panel.customer.id == rina.id


def test_a_similar_name_is_marked_and_never_opens_by_itself(
    qtbot: QtBot, make_panel: Callable[..., PanelWidget], services: Services
) -> None:
    services.customers.create_customer(name="Siti Rahmawati", identifiers=_phone("081234567890"))
    panel = make_panel(main=True)
    find = panel.find_section
    _type(qtbot, find, "siti rahmawti")
    assert find.model.rowCount() == 1
    assert "Similar name" in find.model.index(0, 0).data()
    qtbot.keyClick(find.edit, Qt.Key.Key_Return)
    assert panel.customer is None and _focused(find) is find.results


def test_the_list_says_how_many_matched_and_that_more_exist(
    qtbot: QtBot, make_panel: Callable[..., PanelWidget], services: Services
) -> None:
    for n in range(FIND_LIMIT + 3):
        services.customers.create_customer(name=f"Budi {chr(ord('a') + n)}")
    panel = make_panel(main=True)
    find = panel.find_section
    _type(qtbot, find, "budi")
    assert find.model.rowCount() == FIND_LIMIT
    assert find.status.text() == "20 of more than 20 — type more to narrow it down"
    qtbot.keyClick(find.edit, Qt.Key.Key_Return)
    assert panel.customer is None


def test_the_last_digits_of_a_number_list_its_owners(
    qtbot: QtBot, make_panel: Callable[..., PanelWidget], services: Services
) -> None:
    services.customers.create_customer(name="Siti Rahmawati", identifiers=_phone("081234567890"))
    services.customers.create_customer(name="Budi Santoso", identifiers=_phone("081399997890"))
    services.customers.create_customer(name="Ani Lubis", identifiers=_phone("081399991234"))
    panel = make_panel(main=True)
    find = panel.find_section
    _type(qtbot, find, "7890")
    names = sorted(find.model.item(r).customer.name for r in range(find.model.rowCount()))
    assert names == ["Budi Santoso", "Siti Rahmawati"]
    assert "Number ends in 7890" in find.model.index(0, 0).data()
    qtbot.keyClick(find.edit, Qt.Key.Key_Return)
    assert panel.customer is None


def test_show_create_prefills_the_callers_number_and_focuses_the_name(qtbot: QtBot) -> None:
    find = FindWidget()
    qtbot.addWidget(find)
    find.show()
    find.show_create("0812 9999 8888")
    form = find.create_form
    assert form.isVisible() and form.value.text() == "0812 9999 8888"
    assert form.chosen_kind() is IdentifierKind.phone
    assert form.preview.text() == "Will be saved as +6281299998888"
    assert _focused(find) is form.name
    created: list[tuple[str, str, str]] = []
    find.create_requested.connect(lambda *args: created.append(args))
    form.submit()  # no name yet
    assert created == [] and form.name_error.text() == "Type the customer's name."
    form.name.setText("Wulan Sari")
    form.submit()
    form.submit()  # a second Enter before the store answered
    assert created == [("Wulan Sari", "phone", "0812 9999 8888")]


def test_an_invalid_number_gets_a_clear_error_as_it_is_typed(qtbot: QtBot) -> None:
    find = FindWidget()
    qtbot.addWidget(find)
    find.show_create("")
    form = find.create_form
    form.value.setText("0812 345")
    assert "Not a valid phone number" in form.preview.text()
    form.value.setText("budi@@x")
    assert form.preview.text() == "Not an email address."
    form.value.setText("pol-1234 5678")
    assert form.chosen_kind() is IdentifierKind.account
    assert form.preview.text() == "Will be saved as POL12345678"


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("", Problem.name_missing),
        ("  ", Problem.name_missing),
        ("081234567890", Problem.name_not_a_name),
        ("budi@x.id", Problem.name_not_a_name),
        ("X", Problem.name_not_a_name),
        ("Siti", None),
    ],
)
def test_a_new_customer_needs_a_real_name(name: str, problem: Problem | None) -> None:
    assert check_name(name) is problem


def test_a_new_customer_needs_a_valid_identifier() -> None:
    ok = check_new_customer("Siti", IdentifierKind.phone, "0812-3456-7890")
    assert ok.ok and ok.stored == "+6281234567890"
    bad = check_new_customer("Siti", IdentifierKind.phone, "12")
    assert not bad.ok and bad.identifier_problem is Problem.phone_invalid
    missing = check_new_customer("Siti", IdentifierKind.phone, " ")
    assert missing.identifier_problem is Problem.identifier_missing
    uk = check_new_customer("Emma", IdentifierKind.phone, "020 7946 0018", "GB")
    assert uk.stored == "+442079460018"


def test_notes_search_lists_snippets_and_opens_the_customer(
    qtbot: QtBot, make_panel: Callable[..., PanelWidget], services: Services
) -> None:
    siti = services.customers.create_customer(name="Siti", identifiers=_phone("081234567890"))
    services.customers.add_interaction(
        InteractionCreate(customer_id=siti.id, summary="Refund for the double charge promised")
    )
    services.customers.add_fact(customer_id=siti.id, text="Deaf: use chat", created_by="ayu")
    panel = make_panel(main=True)
    find = panel.find_section
    find.notes_toggle.setChecked(True)
    find.edit.setText("refund")
    qtbot.waitUntil(lambda: find.notes_model.rowCount() == 1, timeout=WAIT_MS)
    assert find.results.model() is find.notes_model
    shown = find.notes_model.index(0, 0).data()
    assert shown.startswith("Siti · Contact") and "Refund" in shown
    assert find.status.text() == "1 match"
    qtbot.keyClick(find.edit, Qt.Key.Key_Return)
    assert panel.customer is None and _focused(find) is find.results
    qtbot.keyClick(find.results, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.customer is not None, timeout=WAIT_MS)
    assert panel.customer is not None and panel.customer.id == siti.id
    find.notes_toggle.setChecked(False)
    assert find.results.model() is find.model


def test_the_count_and_the_preview_speak_indonesian(qtbot: QtBot, qapp: object) -> None:
    from PySide6.QtCore import QCoreApplication, QTranslator

    from copilot.resources import resources_dir
    from copilot.storage.found import Found, MatchKind
    from copilot.storage.schemas import CustomerRead

    translator = QTranslator()
    assert translator.load(str(resources_dir() / "i18n" / "copilot_id.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        find = FindWidget()
        qtbot.addWidget(find)
        find.edit.setText("budi")
        budi = CustomerRead(id=1, name="Budi", created_at=datetime(2026, 1, 1, tzinfo=UTC))
        find.show_results("budi", [Found(budi, MatchKind.similar)] * FIND_LIMIT, True)
        assert (
            find.status.text() == "20 dari lebih dari 20 — ketik lebih lengkap untuk mempersempit"
        )
        assert "Nama mirip" in find.model.index(0, 0).data()
        find.show_create("0812-3456-7890")
        assert find.create_form.preview.text() == "Akan disimpan sebagai +6281234567890"
        assert find.notes_toggle.text() == "Catatan"
    finally:
        QCoreApplication.removeTranslator(translator)


def test_a_language_change_does_not_bring_back_the_count_of_a_closed_list(
    qtbot: QtBot, qapp: object
) -> None:
    # Switching to Indonesian with a customer open put "1 hasil" back under the find box, a
    # line taken from the page in use.
    from copilot.storage.found import Found, MatchKind
    from copilot.storage.schemas import CustomerRead

    find = FindWidget()
    qtbot.addWidget(find)
    find.show()
    find.edit.setText("0812")
    budi = CustomerRead(id=1, name="Budi", created_at=datetime(2026, 1, 1, tzinfo=UTC))
    find.show_results("0812", [Found(budi, MatchKind.identifier)])
    assert find.status.isVisible()
    find.hide_results()  # the customer was opened
    find.retranslate()
    assert find.status.isHidden()
    find.show_results("0812", [Found(budi, MatchKind.identifier)] * 2)
    find.retranslate()
    assert find.status.isVisible() and find.status.text() == "2 matches"
