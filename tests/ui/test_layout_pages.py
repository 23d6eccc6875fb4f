"""Pages under a header that never scrolls away: Ctrl+1..4, what the header shows, and that
the page in use fits 360 x 700 without scrolling for a typical customer."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from layout_support import LiveCall
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from copilot.services import ServiceProvider
from copilot.ui.controllers.glance import Glance
from copilot.ui.tasks import TaskRunner
from copilot.ui.widgets.header import WARNING_MARK, GlanceHeader
from copilot.ui.widgets.pages import PAGE_DRAFT, PAGE_NOW, PAGE_STORY, PAGE_WRAPUP

# Three hints for a typical call (no must card open by default), as in the issue.
TYPICAL_MESSAGE = (
    "Halo, klaim rawat inap suami saya udah 2 minggu belum cair. "
    "Udah 3x saya telepon, still belum ada kabar. Saya kecewa banget."
)


@pytest.fixture
def live_call(
    qtbot: QtBot, qapp: QApplication, panel_services: ServiceProvider, panel_runner: TaskRunner
) -> Iterator[LiveCall]:
    call = LiveCall(qtbot, qapp, panel_services, panel_runner)
    yield call
    call.close()


def _pages(call: LiveCall) -> dict[int, object]:
    panel = call.panel
    return {
        PAGE_STORY: panel.action_story,
        PAGE_NOW: panel.action_now,
        PAGE_DRAFT: panel.action_draft,
        PAGE_WRAPUP: panel.action_wrapup,
    }


def test_ctrl_1_to_4_open_each_page_and_focus_its_box(live_call: LiveCall) -> None:
    live_call.open_customer()
    panel = live_call.panel
    expected = {
        PAGE_STORY: ("Ctrl+1", panel.story.new_fact),
        PAGE_NOW: ("Ctrl+2", panel.now.edit),
        PAGE_DRAFT: ("Ctrl+3", panel.draft.edit),
        PAGE_WRAPUP: ("Ctrl+4", panel.wrapup.summary),
    }
    for page in (PAGE_WRAPUP, PAGE_NOW, PAGE_STORY, PAGE_DRAFT):
        action = _pages(live_call)[page]
        keys, box = expected[page]
        assert action.shortcut().toString() == keys  # type: ignore[attr-defined]
        action.trigger()  # type: ignore[attr-defined]
        live_call.settle()
        assert panel.pages.current() == page
        assert box.isVisible() and box.hasFocus()


def test_ctrl_1_without_a_customer_goes_to_the_find_box(live_call: LiveCall) -> None:
    panel = live_call.panel
    panel.focus_draft()
    panel.action_story.trigger()
    assert panel.pages.current() == PAGE_STORY
    assert panel.find_section.edit.hasFocus()
    assert panel.no_customer.isVisible() and panel.header.isHidden()


def _on_screen(call: LiveCall, widget: QLabel | object) -> bool:
    """Inside the window's visible area, not scrolled away."""
    window = call.window
    top_left = widget.mapTo(window, QPoint(0, 0))  # type: ignore[attr-defined]
    rect = QRect(top_left, widget.size())  # type: ignore[attr-defined]
    return widget.isVisible() and window.rect().contains(rect)  # type: ignore[attr-defined]


def test_the_header_stays_in_view_on_every_page(live_call: LiveCall) -> None:
    live_call.open_customer()
    live_call.type_message_and_draft()
    panel = live_call.panel
    assert not panel.pages.isAncestorOf(panel.header)  # never inside a scrolling page
    for page, action in _pages(live_call).items():
        action.trigger()  # type: ignore[attr-defined]
        panel.pages.scrolls[page].verticalScrollBar().setValue(10_000)  # scrolled to the end
        live_call.settle()
        assert _on_screen(live_call, panel.header.name), page
        assert _on_screen(live_call, panel.header.critical), page
        assert _on_screen(live_call, panel.find_section.edit), page


def test_switching_pages_keeps_what_was_typed(live_call: LiveCall) -> None:
    live_call.open_customer()
    panel = live_call.panel
    panel.focus_story()
    panel.story.new_fact.setText("Half-typed fact")
    panel.focus_now()
    panel.now.edit.setPlainText("Pesan pelanggan")
    panel.focus_draft()
    panel.draft.edit.setPlainText("Balasan saya")
    panel.focus_wrapup()
    panel.wrapup.summary.setPlainText("Ringkasan")
    for action in list(_pages(live_call).values()) * 2:
        action.trigger()  # type: ignore[attr-defined]
        live_call.settle()
    assert panel.story.new_fact.text() == "Half-typed fact"
    assert panel.now.text() == "Pesan pelanggan"
    assert panel.draft.text() == "Balasan saya"
    assert panel.wrapup.summary.toPlainText() == "Ringkasan"


@pytest.mark.parametrize("language", ["en", "id"])
def test_header_and_page_in_use_fit_360_by_700_without_scrolling(
    live_call: LiveCall, qtbot: QtBot, language: str
) -> None:
    call, panel = live_call, live_call.panel
    call.window.set_language(language)
    panel.set_industry("insurance")
    call.open_customer()
    with qtbot.waitSignal(panel.now_controller.hints_changed, timeout=10_000):
        panel.now.edit.setPlainText(TYPICAL_MESSAGE)
    qtbot.waitUntil(lambda: len(panel.now.cards.cards) >= 3, timeout=10_000)
    assert len(panel.story.fact_rows) == 3 and len(panel.story.commitment_rows) == 2
    assert panel.story.timeline_model.rowCount() == 5
    call.window.resize(360, 700)
    for page, action in _pages(call).items():
        action.trigger()  # type: ignore[attr-defined]
        call.settle()
        bar = panel.pages.scrolls[page].verticalScrollBar()
        assert bar.maximum() == 0, f"page {page} scrolls by {bar.maximum()} px"
        assert _on_screen(call, panel.header)


def test_the_header_says_who_how_often_and_what_not_to_miss(live_call: LiveCall) -> None:
    call, header = live_call, live_call.panel.header
    assert header.isHidden()  # no customer yet
    call.open_customer("pol-2024-778812")
    assert header.name.text() == "Ms Siti Rahayu"
    assert header.identifier.text() == "POL2024778812"  # what the agent searched with
    # Four contacts this week and one earlier in the month: this call is the 5th and 6th.
    assert header.contacts.text() == "5th contact in 7 days"
    assert header.contacts.property("level") == "high"
    assert header.contacts_30d.text() == "6th in 30 days"
    assert header.overdue.text() == "Overdue promises: 1"
    # A critical fact carries a mark and a word, not only a colour; ordinary facts stay out.
    assert header.critical.text() == (
        f"{WARNING_MARK} Critical: Tunarungu: hubungi lewat chat WhatsApp, jangan telepon"
    )
    assert header.signals.isHidden() and header.must.isHidden()

    call.type_message_and_draft()
    assert header.signals.text().startswith("Right now: ")
    assert "frustrated" in header.signals.text()
    assert header.must.full_text().startswith(f"{WARNING_MARK} Draft must change: ")
    assert header.must.toolTip() == header.must.full_text()  # elided, the whole text on hover

    panel = call.panel
    with call.qtbot.waitSignal(panel.draft_controller.reminders_changed, timeout=10_000):
        panel.draft.edit.setPlainText("Baik Ibu, saya cek status klaimnya sekarang.")
    assert header.must.isHidden()  # the draft is fine again
    panel.now.edit.clear()
    assert header.signals.isHidden()  # no message, no mood


def test_the_header_speaks_indonesian(live_call: LiveCall) -> None:
    live_call.window.set_language("id")
    live_call.open_customer()
    header = live_call.panel.header
    assert header.name.text() == "Ibu Siti Rahayu"
    assert header.contacts.text() == "Kontak ke-5 dalam 7 hari"
    assert header.overdue.text() == "Janji terlambat: 1"
    assert header.critical.text().startswith(f"{WARNING_MARK} Kritis: ")


def test_the_header_names_a_threat_to_go_public(live_call: LiveCall) -> None:
    call, header = live_call, live_call.panel.header
    call.open_customer()
    with call.qtbot.waitSignal(call.panel.now_controller.hints_changed, timeout=10_000):
        call.panel.now.edit.setPlainText("Saya viralkan ya.")
    call.qtbot.waitUntil(lambda: "going public / regulator" in header.signals.text())
    assert header.signals.text().startswith("Right now: ")
    call.window.set_language("id")
    call.qtbot.waitUntil(lambda: "mengancam lapor/viral" in header.signals.text())
    assert header.signals.text().startswith("Saat ini: ")


def _background(label: QLabel) -> QColor:
    """The colour most of the chip is painted in."""
    image = label.grab().toImage()
    counts = Counter(image.pixel(x, y) for x in range(image.width()) for y in range(image.height()))
    return QColor.fromRgb(counts.most_common(1)[0][0])


def test_the_2nd_contact_is_not_the_same_red_as_the_87th(live_call: LiveCall, qtbot: QtBot) -> None:
    header = GlanceHeader()
    qtbot.addWidget(header)
    header.resize(360, 200)

    def chip(number: int) -> QColor:
        header.show_glance(
            Glance(
                name="A", salutation="", identifier="", contact_7d=number, contact_30d=0, overdue=0
            )
        )
        live_call.settle()
        return _background(header.contacts)

    second, third, fifth, worst = chip(2), chip(3), chip(5), chip(87)
    assert len({second.name(), third.name(), fifth.name(), worst.name()}) == 4
    # The 87th is the heaviest: solid red, darker than every step before it (light theme).
    assert worst.lightness() < min(c.lightness() for c in (second, third, fifth))
    assert worst.red() > 2 * max(worst.green(), worst.blue())


def test_a_new_caller_opens_on_the_story_and_a_blocked_copy_on_the_draft(
    live_call: LiveCall,
) -> None:
    panel = live_call.panel
    panel.focus_wrapup()  # where the last call ended
    live_call.open_customer()
    assert panel.pages.current() == PAGE_STORY
    live_call.type_message_and_draft()  # the draft asks for an OTP
    with live_call.qtbot.waitSignal(panel.draft_controller.copy_blocked, timeout=10_000):
        panel.action_copy.trigger()  # Ctrl+Shift+C from the Story page
    assert panel.pages.current() == PAGE_DRAFT
    assert panel.draft.gate.isVisible()


def test_the_header_shrinks_for_a_caller_with_less_to_show(
    live_call: LiveCall, qtbot: QtBot
) -> None:
    # It kept the height of the customer before (their critical fact and must-fix line), and
    # a blank band took the page's room.
    header = GlanceHeader()
    qtbot.addWidget(header)
    header.resize(360, 100)
    header.show()
    busy = Glance(
        name="Siti Rahayu",
        salutation="ibu",
        identifier="POL2024778812",
        contact_7d=5,
        contact_30d=6,
        overdue=1,
        critical_facts=("Tunarungu: hubungi lewat chat WhatsApp, jangan telepon",),
        signals=("frustration", "repeat_contact", "urgency"),
    )
    header.show_glance(busy)
    live_call.settle()
    tall = header.minimumHeight()
    header.show_glance(
        Glance(
            name="James Tan", salutation="mr", identifier="", contact_7d=1, contact_30d=0, overdue=0
        )
    )
    live_call.settle()
    assert header.minimumHeight() < tall
    assert header.minimumHeight() == header.heightForWidth(header.width())
