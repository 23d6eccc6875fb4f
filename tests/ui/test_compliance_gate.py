"""The compliance gate: a draft with a must-level problem never copies with one click; the
override is deliberate, recorded (kind and time, never the text) and handed to the wrap-up."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication
from pytestqt.qtbot import QtBot

from copilot.services import ServiceProvider
from copilot.storage.schemas import CustomerRead, IdentifierIn, IdentifierKind
from copilot.ui.controllers import WrapUpForm
from copilot.ui.panel import PanelWidget
from copilot.ui.shell.theme import load_stylesheet, palette_colours
from copilot.ui.widgets.draft import MUST_TINT_ALPHA

WAIT_MS = 10_000
ASKS_OTP_AND_PIN = "Mohon maaf, Bu. Please send me your OTP and your PIN so I can check."
CARD = "Kartu 4111 1111 1111 1111 sudah kami blokir, Bu."


def statuses(panel: PanelWidget) -> list[str]:
    seen: list[str] = []
    panel.status.connect(seen.append)
    return seen


def type_draft(qtbot: QtBot, panel: PanelWidget, text: str) -> None:
    """Put `text` in the draft and wait until its analysis is in (the reminders shown)."""
    panel.draft.edit.setPlainText(text)
    qtbot.waitUntil(lambda: panel.draft_controller.analysed_text == text, timeout=WAIT_MS)


def test_copy_stops_a_draft_asking_for_secrets_and_names_each(
    qtbot: QtBot, make_panel: Callable[..., PanelWidget]
) -> None:
    panel = make_panel(360, main=True)
    seen = statuses(panel)
    QGuiApplication.clipboard().setText("before")
    type_draft(qtbot, panel, ASKS_OTP_AND_PIN)
    with qtbot.waitSignal(panel.draft_controller.copy_blocked, timeout=WAIT_MS) as blocked:
        panel.action_copy.trigger()  # Ctrl+Shift+C
    assert blocked.args == [["asks_otp", "asks_pin"]]
    assert QGuiApplication.clipboard().text() == "before"
    assert "Copied" not in seen
    gate = panel.draft.gate
    assert gate.isVisible()
    assert "asks for the customer's OTP" in gate.message.text()
    assert "asks for the customer's PIN" in gate.message.text()
    # The safe way on has the focus; the override is never a default button.
    assert gate.edit_button.hasFocus()
    assert not gate.copy_anyway_button.isDefault() and not gate.copy_anyway_button.autoDefault()
    assert panel.draft_controller.overrides == []


def test_pressing_copy_again_still_does_not_copy(
    qtbot: QtBot, make_panel: Callable[..., PanelWidget]
) -> None:
    panel = make_panel(360, main=True)
    QGuiApplication.clipboard().setText("before")
    type_draft(qtbot, panel, ASKS_OTP_AND_PIN)
    for _ in range(2):
        with qtbot.waitSignal(panel.draft_controller.copy_blocked, timeout=WAIT_MS):
            panel.draft.copy_button.click()
    assert QGuiApplication.clipboard().text() == "before"


def test_copy_right_after_typing_waits_for_the_verdict_on_that_text(
    qtbot: QtBot, make_panel: Callable[..., PanelWidget]
) -> None:
    panel = make_panel(360, main=True)
    seen = statuses(panel)
    QGuiApplication.clipboard().setText("before")
    type_draft(qtbot, panel, "Thank you, I will check it now.")
    # Typed and copied within the debounce: the last verdict was for the harmless text.
    panel.draft.edit.setPlainText(CARD)
    with qtbot.waitSignal(panel.draft_controller.copy_blocked, timeout=WAIT_MS) as blocked:
        panel.action_copy.trigger()
    assert blocked.args == [["card_number"]]
    assert QGuiApplication.clipboard().text() == "before"
    assert "Copied" not in seen
    assert "contains a full card number" in panel.draft.gate.message.text()


def test_copy_anyway_copies_and_records_kind_and_time_never_the_text(
    qtbot: QtBot, make_panel: Callable[..., PanelWidget]
) -> None:
    panel = make_panel(360, main=True)
    seen = statuses(panel)
    type_draft(qtbot, panel, ASKS_OTP_AND_PIN)
    with qtbot.waitSignal(panel.draft_controller.copy_blocked, timeout=WAIT_MS):
        panel.action_copy.trigger()
    with qtbot.waitSignal(panel.draft_controller.overridden, timeout=WAIT_MS):
        panel.draft.gate.copy_anyway_button.click()
    assert QGuiApplication.clipboard().text() == ASKS_OTP_AND_PIN
    overrides = panel.draft_controller.overrides
    assert [o.kind for o in overrides] == ["asks_otp", "asks_pin"]
    assert all(o.at.tzinfo is not None for o in overrides)
    assert all(set(vars(o)) == {"kind", "at"} for o in overrides)  # no text anywhere
    assert "Copied" not in seen  # never the green confirmation for a stopped draft
    assert "Copied anyway" in panel.draft.gate.message.text()
    assert not panel.draft.gate.copy_anyway_button.isVisibleTo(panel.draft.gate)


def test_edit_draft_goes_back_to_the_first_problem(
    qtbot: QtBot, make_panel: Callable[..., PanelWidget]
) -> None:
    panel = make_panel(360, main=True)
    type_draft(qtbot, panel, ASKS_OTP_AND_PIN)
    with qtbot.waitSignal(panel.draft_controller.copy_blocked, timeout=WAIT_MS):
        panel.action_copy.trigger()
    qtbot.keyClick(panel.draft.gate.edit_button, Qt.Key.Key_Space)
    assert panel.draft.gate.isHidden()
    assert panel.draft.edit.hasFocus()
    assert "OTP" in panel.draft.edit.textCursor().selectedText()


def test_changing_the_draft_takes_the_old_verdict_away(
    qtbot: QtBot, make_panel: Callable[..., PanelWidget]
) -> None:
    panel = make_panel(360, main=True)
    seen = statuses(panel)
    type_draft(qtbot, panel, ASKS_OTP_AND_PIN)
    with qtbot.waitSignal(panel.draft_controller.copy_blocked, timeout=WAIT_MS):
        panel.action_copy.trigger()
    type_draft(qtbot, panel, "Please never share your OTP or PIN with anyone, including us.")
    assert panel.draft.gate.isHidden()
    with qtbot.waitSignal(panel.draft_controller.copied, timeout=WAIT_MS):
        panel.action_copy.trigger()
    assert seen[-1] == "Copied"


def test_the_override_goes_with_the_wrap_up_and_is_cleared_after_it(
    qtbot: QtBot,
    make_panel: Callable[..., PanelWidget],
    seeded_customer: CustomerRead,
    panel_services: ServiceProvider,
) -> None:
    panel = make_panel(360, main=True)
    panel.open_customer(seeded_customer)
    type_draft(qtbot, panel, CARD)
    with qtbot.waitSignal(panel.draft_controller.copy_blocked, timeout=WAIT_MS):
        panel.action_copy.trigger()
    with qtbot.waitSignal(panel.draft_controller.overridden, timeout=WAIT_MS):
        panel.draft.gate.copy_anyway_button.click()
    forms: list[WrapUpForm] = []
    save = panel.wrapup_controller.save
    panel.wrapup_controller.save = lambda form: forms.append(form) or save(form)  # type: ignore[method-assign]
    panel.wrapup.summary.setPlainText("Card blocked")
    with qtbot.waitSignal(panel.wrapup_controller.saved, timeout=WAIT_MS):
        panel.save_wrapup()
    (form,) = forms
    assert [kind for kind, _at in form.overrides] == ["card_number"]
    assert panel.draft_controller.overrides == []
    # In the record, for the team leader: the kind, with this contact; never the text.
    story = panel_services.get().customers.story(seeded_customer.id)
    latest = max(story.interactions, key=lambda i: i.id)
    assert latest.overrides == ("card_number",)


def test_an_override_stays_with_the_customer_whose_draft_it_was(
    qtbot: QtBot,
    make_panel: Callable[..., PanelWidget],
    seeded_customer: CustomerRead,
    panel_services: ServiceProvider,
) -> None:
    other = panel_services.get().customers.create_customer(
        name="Rina Wulandari",
        identifiers=[IdentifierIn(kind=IdentifierKind.phone, value="081377778888")],
    )
    panel = make_panel(360, main=True)
    panel.open_customer(seeded_customer)
    type_draft(qtbot, panel, CARD)
    with qtbot.waitSignal(panel.draft_controller.copy_blocked, timeout=WAIT_MS):
        panel.action_copy.trigger()
    with qtbot.waitSignal(panel.draft_controller.overridden, timeout=WAIT_MS):
        panel.draft.gate.copy_anyway_button.click()
    # The next caller's wrap-up does not carry the previous caller's override ...
    panel.open_customer(other)
    assert panel.draft_controller.overrides == []
    # ... and coming back to the first caller finds it still waiting for their wrap-up.
    panel.open_customer(seeded_customer)
    assert [o.kind for o in panel.draft_controller.overrides] == ["card_number"]


def test_every_tone_problem_is_a_card_with_its_own_apply(
    qtbot: QtBot, make_panel: Callable[..., PanelWidget]
) -> None:
    panel = make_panel(360, main=True)
    text = "Sorry for the wait. L2 checked it and L3 will call you."
    type_draft(qtbot, panel, text)
    qtbot.waitUntil(lambda: len(panel.draft.cards) >= 2, timeout=WAIT_MS)
    jargon = [c for c in panel.draft.cards if c.reminder.kind == "jargon"]
    assert [c.reminder.span for c in jargon] == ["L2", "L3"]
    assert "“L2”" in jargon[0].message.text() and "“L3”" in jargon[1].message.text()
    assert len(panel.draft.underlined()) >= 2
    assert all(c.apply_button.isVisibleTo(c) for c in jargon)
    jargon[1].apply_button.click()
    assert (
        panel.draft.text()
        == "Sorry for the wait. L2 checked it and our specialist team will call you."
    )


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_must_underline_takes_the_themes_must_colour(
    qtbot: QtBot, make_panel: Callable[..., PanelWidget], theme: str
) -> None:
    panel = make_panel(360, main=True)
    panel.setStyleSheet(load_stylesheet(theme))
    colours = palette_colours(theme)
    must = QColor(colours["must"])
    tint = QColor(must)
    tint.setAlpha(MUST_TINT_ALPHA)
    assert panel.draft.property("mustUnderline") == must
    type_draft(qtbot, panel, ASKS_OTP_AND_PIN)
    qtbot.waitUntil(lambda: bool(panel.draft.edit.extraSelections()), timeout=WAIT_MS)
    colours_drawn = [
        (s.format.underlineColor(), s.format.background().color())
        for s in panel.draft.edit.extraSelections()
    ]
    assert (must, tint) in colours_drawn
