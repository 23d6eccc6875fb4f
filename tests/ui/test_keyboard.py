"""Keyboard: Tab follows what the agent sees on the page in use; pin, dismiss, Apply and
promise kept have keys that clash with nothing and work from any page; F1 lists every
shortcut."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QStyle, QWidget
from pytestqt.qtbot import QtBot

from copilot.services import ServiceProvider
from copilot.storage.schemas import CustomerRead
from copilot.ui.card_shortcuts import CARD_KEYS, _on_its_page
from copilot.ui.main_window import MainWindow
from copilot.ui.panel import PAGE_OPENING, PanelWidget
from copilot.ui.shell.reading_order import _page_position, reading_order
from copilot.ui.tasks import TaskRunner
from copilot.ui.widgets.pages import PAGE_DRAFT, PAGE_NOW, PAGE_STORY

MESSAGE = "Klaim saya ditolak, udah 3x saya call, still belum ada solusi. Saya kecewa sekali!"
DRAFT = "ITU BUKAN SALAH KAMI. Kirim kode OTP anda sekarang."
WAIT_MS = 20_000


@pytest.fixture
def window(
    qtbot: QtBot, panel_services: ServiceProvider, panel_runner: TaskRunner
) -> Iterator[MainWindow]:
    panel = PanelWidget(panel_services, panel_runner)
    window = MainWindow(panel, use_tray=False, on_quit=lambda: None)
    qtbot.addWidget(window)
    window.resize(360, 1400)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: panel.stack.currentIndex() != PAGE_OPENING, timeout=WAIT_MS)
    yield window
    panel_runner.wait_idle(10_000)


@pytest.fixture
def busy_panel(
    qtbot: QtBot, window: MainWindow, seeded_customer: CustomerRead, panel_runner: TaskRunner
) -> PanelWidget:
    """A customer open with a promise, hints for the message and reminders for the draft."""
    panel = window.panel_widget
    assert isinstance(panel, PanelWidget)
    panel.show_main()
    panel.open_customer(seeded_customer)
    qtbot.waitUntil(lambda: bool(panel.story.commitment_rows), timeout=WAIT_MS)
    panel.now.edit.setPlainText(MESSAGE)
    panel.draft.set_text(DRAFT)
    panel_runner.wait_idle(WAIT_MS)
    qtbot.waitUntil(lambda: len(_buttons(panel, "pinHintButton")) >= 2, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: bool(_buttons(panel, "applySuggestionButton")), timeout=WAIT_MS)
    return panel


def _buttons(panel: PanelWidget, name: str) -> list[QAbstractButton]:
    """The cards' buttons called `name` on their page, whether that page is shown or not."""
    return [b for b in panel.findChildren(QAbstractButton, name) if _on_its_page(b, panel.pages)]


def _press(keys: str) -> None:
    combo = QKeySequence(keys)[0]
    target = QApplication.focusWidget()
    assert target is not None
    QTest.keyClick(target, combo.key(), combo.keyboardModifiers())


def _tab_cycle(window: MainWindow, start: QWidget) -> list[QWidget]:
    """Every control Tab stops at from `start` until it comes back, each once."""
    start.setFocus()
    seen: list[QWidget] = []
    for _ in range(300):
        focus = QApplication.focusWidget()
        assert focus is not None
        while focus.parentWidget() is not None and focus not in reading_order(window):
            focus = focus.parentWidget()  # a date edit's section: its owner
        if seen and focus is start:
            return seen
        if not seen or seen[-1] is not focus:
            seen.append(focus)
        _press("Tab")
    raise AssertionError(f"Tab never came back to the start: {[w.objectName() for w in seen]}")


def _names(window: MainWindow) -> list[str]:
    return [w.objectName() for w in reading_order(window)]


def test_tab_visits_every_control_in_the_order_the_agent_reads(
    window: MainWindow, busy_panel: PanelWidget
) -> None:
    window.show_error(RuntimeError("database is locked"))  # the banner's buttons too
    busy_panel.focus_now()
    order = reading_order(window)
    start = busy_panel.find_section.edit
    cycle = _tab_cycle(window, start)
    assert set(cycle) == set(order)
    assert len(cycle) == len(order)  # none twice
    rotated = order[order.index(start) :] + order[: order.index(start)]
    assert cycle == rotated
    # Reading order: never back up to an earlier row (the rows built later used to come
    # after the wrap-up's Save, and the header after the whole panel).
    for before, after in pairwise(order):
        top = _page_position(before, window).y()
        assert _page_position(after, window).y() + after.height() > top, (before, after)
    names = [w.objectName() for w in order]
    assert names.index("industryCombo") < names.index("bannerDismiss") < names.index("findEdit")
    # The header's Edit record, then the page in use: the message and its hints.
    assert names.index("findEdit") < names.index("editRecordButton") < names.index("nowEdit")
    assert names.index("nowEdit") < names.index("pinHintButton")
    # The pages not in use are not on screen, so Tab does not stop in them.
    assert not {"commitmentDoneButton", "draftEdit", "saveWrapUpButton"} & set(names)


def test_tab_walks_the_page_in_use_below_the_header(
    window: MainWindow, busy_panel: PanelWidget
) -> None:
    busy_panel.focus_draft()
    names = _names(window)
    assert names.index("findEdit") < names.index("editRecordButton") < names.index("draftEdit")
    assert names.index("draftEdit") < names.index("applySuggestionButton")
    assert not {"pinHintButton", "nowEdit", "commitmentDoneButton"} & set(names)
    busy_panel.focus_wrapup()
    names = _names(window)
    assert names.index("findEdit") < names.index("saveWrapUpButton")
    assert not {"draftEdit", "applySuggestionButton"} & set(names)
    busy_panel.focus_story()
    names = _names(window)
    assert names.index("editRecordButton") < names.index("commitmentDoneButton")
    assert not {"nowEdit", "pinHintButton"} & set(names)


def test_shift_tab_goes_back_the_same_way(window: MainWindow, busy_panel: PanelWidget) -> None:
    busy_panel.focus_draft()
    order = reading_order(window)
    draft = busy_panel.draft.edit
    assert draft.hasFocus()
    _press("Shift+Tab")
    assert QApplication.focusWidget() is order[order.index(draft) - 1]


def test_pin_and_dismiss_act_on_the_hint_the_focus_is_in(
    qtbot: QtBot, busy_panel: PanelWidget
) -> None:
    busy_panel.focus_find()
    assert busy_panel.pages.current() == PAGE_STORY  # the hints are on another page
    first, second = _buttons(busy_panel, "pinHintButton")[:2]
    _press("Ctrl+Shift+P")  # focus on no card: the first hint, and its page is shown
    qtbot.waitUntil(lambda: len(busy_panel.now_controller.pinned_items()) == 1)
    assert busy_panel.pages.current() == PAGE_NOW
    pinned = busy_panel.now_controller.pinned_items()[0].id
    second.setFocus()
    _press("Ctrl+Shift+P")  # on the second card: that one
    qtbot.waitUntil(lambda: len(busy_panel.now_controller.pinned_items()) == 2)
    assert pinned in {item.id for item in busy_panel.now_controller.pinned_items()}
    assert first is not second
    before = len(_buttons(busy_panel, "dismissHintButton"))
    busy_panel.focus_draft()  # from another page again
    busy_panel.find_section.edit.setFocus()
    _press("Ctrl+Shift+D")
    qtbot.waitUntil(lambda: len(_buttons(busy_panel, "dismissHintButton")) == before - 1)
    assert busy_panel.pages.current() == PAGE_NOW


def test_a_card_key_from_another_page_keeps_the_keyboard_on_screen(
    qtbot: QtBot, busy_panel: PanelWidget
) -> None:
    busy_panel.focus_wrapup()  # typing the summary
    _press("Ctrl+Shift+P")
    qtbot.waitUntil(lambda: len(busy_panel.now_controller.pinned_items()) == 1)
    assert busy_panel.pages.current() == PAGE_NOW
    focus = QApplication.focusWidget()
    assert focus is not None and focus.isVisible()  # not left on the hidden wrap-up page


def test_apply_rewrites_the_draft(qtbot: QtBot, busy_panel: PanelWidget) -> None:
    busy_panel.focus_now()  # the reminders are on the Draft page
    _press("Ctrl+Shift+A")
    qtbot.waitUntil(lambda: busy_panel.draft.text() != DRAFT, timeout=WAIT_MS)
    assert busy_panel.pages.current() == PAGE_DRAFT


def test_promise_kept_marks_the_open_promise_done(qtbot: QtBot, busy_panel: PanelWidget) -> None:
    rows = len(busy_panel.story.commitment_rows)
    busy_panel.focus_draft()  # the promises are on the Story page
    with qtbot.waitSignal(busy_panel.status, timeout=WAIT_MS) as said:
        busy_panel.find_section.edit.setFocus()
        _press("Ctrl+Shift+K")
    assert said.args == ["Commitment updated"]
    assert busy_panel.pages.current() == PAGE_STORY
    qtbot.waitUntil(lambda: len(busy_panel.story.commitment_rows) == rows - 1, timeout=WAIT_MS)


def test_nothing_to_act_on_is_said_not_ignored(qtbot: QtBot, window: MainWindow) -> None:
    panel = window.panel_widget
    assert isinstance(panel, PanelWidget)
    panel.show_main()
    for key, said in zip(
        CARD_KEYS,
        ["No hint to pin", "No hint to dismiss", "No suggestion to apply", "No open promise"],
        strict=True,
    ):
        with qtbot.waitSignal(panel.status) as status:
            panel.find_section.edit.setFocus()
            _press(key.keys)
        assert status.args == [said]


# Keys a text box already uses: a shortcut on one of them would steal typing.
EDITING_KEYS = [
    QKeySequence.StandardKey.Copy,
    QKeySequence.StandardKey.Cut,
    QKeySequence.StandardKey.Paste,
    QKeySequence.StandardKey.Undo,
    QKeySequence.StandardKey.Redo,
    QKeySequence.StandardKey.SelectAll,
    QKeySequence.StandardKey.Delete,
    QKeySequence.StandardKey.DeleteEndOfLine,
    QKeySequence.StandardKey.DeleteStartOfWord,
    QKeySequence.StandardKey.DeleteEndOfWord,
    QKeySequence.StandardKey.DeleteCompleteLine,
    QKeySequence.StandardKey.MoveToNextWord,
    QKeySequence.StandardKey.MoveToPreviousWord,
    QKeySequence.StandardKey.MoveToStartOfDocument,
    QKeySequence.StandardKey.MoveToEndOfDocument,
    QKeySequence.StandardKey.SelectNextWord,
    QKeySequence.StandardKey.SelectPreviousWord,
    QKeySequence.StandardKey.SelectStartOfDocument,
    QKeySequence.StandardKey.SelectEndOfDocument,
    QKeySequence.StandardKey.Backspace,
    QKeySequence.StandardKey.InsertParagraphSeparator,
]


def test_no_two_actions_share_a_key_and_none_takes_an_editing_key(window: MainWindow) -> None:
    taken: dict[str, str] = {}
    editing = {k.toString() for std in EDITING_KEYS for k in QKeySequence.keyBindings(std)}
    for action in window.all_actions():
        for keys in action.shortcuts():
            text = keys.toString()
            assert text not in taken, f"{text}: {taken.get(text)} and {action.objectName()}"
            assert text not in editing, f"{action.objectName()} takes {text} from text boxes"
            taken[text] = action.objectName() or action.text()
    for key in CARD_KEYS:
        assert key.keys in taken


def test_f1_lists_every_shortcut_and_the_fixed_keys(qtbot: QtBot, window: MainWindow) -> None:
    panel = window.panel_widget
    assert isinstance(panel, PanelWidget)
    panel.show_main()
    panel.find_section.edit.setFocus()
    _press("F1")
    overlay = window.help_overlay
    assert overlay.isVisible()
    rows = dict(overlay.rows())
    for action in window.all_actions():
        if action.shortcuts():
            label = action.text().replace("&&", "&")
            assert label in rows, f"{label!r} is missing from the keyboard help"
    for key in CARD_KEYS:
        shown = QKeySequence(key.keys).toString(QKeySequence.SequenceFormat.NativeText)
        assert any(shown in keys for keys in rows.values()), key
    assert any("Tab" in keys for keys in rows.values())
    # Tab stays inside the help while it is open; Esc closes it.
    for _ in range(4):
        _press("Tab")
        focus = QApplication.focusWidget()
        assert focus is not None and overlay.isAncestorOf(focus)
    _press("Esc")
    assert not overlay.isVisible()


def test_the_order_does_not_change_when_the_agent_scrolls(
    window: MainWindow, busy_panel: PanelWidget
) -> None:
    busy_panel.focus_now()
    window.resize(360, 600)  # the page with the hints scrolls under the header
    before = reading_order(window)
    bar = busy_panel.pages.scrolls[PAGE_NOW].verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum())
    assert reading_order(window) == before


@pytest.mark.parametrize("language", ["en", "id"])
def test_help_rows_show_whole_labels_in_a_narrow_panel(
    qtbot: QtBot, window: MainWindow, language: str
) -> None:
    # At 320 px in Indonesian half the labels used to end in "…".
    window.set_language(language)
    try:
        window.resize(320, 700)
        window.help_overlay.open()
        table = window.help_overlay.table
        metrics = table.fontMetrics()
        assert table.textElideMode() == Qt.TextElideMode.ElideNone

        def every_label_fits() -> None:
            for row in range(table.rowCount()):
                item = table.item(row, 0)
                assert item is not None
                cell = table.visualItemRect(item)
                # The item delegate's text margin: the focus frame's, plus one, on each side.
                margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1
                room = QRect(0, 0, cell.width() - 2 * margin, 10_000)
                flags = Qt.TextFlag.TextWordWrap
                needed = metrics.boundingRect(room, flags, item.text()).height()
                assert cell.height() >= needed, item.text()

        qtbot.waitUntil(every_label_fits)  # once the layout has settled at 320 px
    finally:
        window.set_language("en")
