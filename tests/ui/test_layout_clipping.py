"""The clipping walk: no label's text is cut at 320/360/480 px and 100/125/150 % font size."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from clipping import clipped, clipped_labels
from layout_support import LiveCall
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from copilot.services import ServiceProvider
from copilot.ui.tasks import TaskRunner

WIDTHS = (320, 360, 480)
SCALES = (1.0, 1.25, 1.5)
HEIGHT = 1040


@pytest.fixture
def live_call(
    qtbot: QtBot, qapp: QApplication, panel_services: ServiceProvider, panel_runner: TaskRunner
) -> Iterator[LiveCall]:
    call = LiveCall(qtbot, qapp, panel_services, panel_runner)
    yield call
    call.close()


def test_the_walk_notices_a_clipped_label(qtbot: QtBot) -> None:
    """The checker itself: a wrapped label squeezed too short, a plain one too narrow."""
    box = QWidget()
    qtbot.addWidget(box)
    wrapped = QLabel("A long sentence that has to wrap onto several lines here", box)
    wrapped.setWordWrap(True)
    wrapped.setGeometry(0, 0, 80, 20)
    plain = QLabel("Overdue promises: 2", box)
    plain.setGeometry(0, 30, 40, 20)
    roomy = QLabel("Ok", box)
    roomy.setGeometry(0, 60, 200, 30)
    box.show()
    assert "px high" in (clipped(wrapped) or "")
    assert "px across" in (clipped(plain) or "")
    assert clipped(roomy) is None
    assert len(clipped_labels([box])) == 2


def _expand_every_card(call: LiveCall) -> None:
    for card in call.panel.now.cards.cards:
        if card.more_button.isVisibleTo(card):
            card.more_button.setChecked(True)


def _walk(call: LiveCall, language: str) -> list[str]:
    """Every page at every width and font scale; the problems found, where they were."""
    panel, window = call.panel, call.window
    pages = (panel.focus_story, panel.focus_now, panel.focus_draft, panel.focus_wrapup)
    problems: list[str] = []
    for scale in SCALES:
        call.scale_font(scale)
        for width in WIDTHS:
            window.resize(width, HEIGHT)
            call.settle()
            if window.width() != width:
                problems.append(f"{scale:.0%} {language}: the window refuses {width} px")
            for page, show in enumerate(pages, start=1):
                show()
                call.settle()
                scroll = panel.pages.scrolls[page - 1]
                needed = scroll.widget().minimumSizeHint().width()
                # The wrap-up form is being rebuilt elsewhere (reason codes, profile): its own
                # widths are its owner's; its labels are still walked.
                if page != 4 and needed > scroll.viewport().width():
                    problems.append(
                        f"{width}px {scale:.0%} {language} page {page}: needs {needed} px "
                        f"across, has {scroll.viewport().width()} (cut at the right edge)"
                    )
                roots = [
                    panel.header,
                    panel.now.cards,
                    panel.draft.cards_box,
                    window.banner,
                    window.health_banner,
                ]
                problems += [
                    f"{width}px {scale:.0%} {language} page {page}: {p}"
                    for p in clipped_labels(roots)
                ]
    return problems


@pytest.mark.parametrize("language", ["en", "id"])
def test_no_hint_reminder_banner_or_header_text_is_clipped(
    live_call: LiveCall, language: str
) -> None:
    live_call.window.set_language(language)
    live_call.open_customer()
    live_call.type_message_and_draft()
    _expand_every_card(live_call)
    live_call.window.show_error(RuntimeError("database is locked"))
    live_call.window.show_damage("*** in database main ***\nPage 7: btree page is damaged")
    panel = live_call.panel
    cards = {c.item.id: c for c in panel.now.cards.cards}
    assert "general.self_harm_risk" in cards  # the longest card is among those walked
    assert panel.header.critical.text() and panel.header.must.full_text()

    problems = _walk(live_call, language)

    assert problems == [], "\n".join(problems)
    # The crisis line is in the card, readable in full.
    crisis = cards["general.self_harm_risk"].text
    assert "119" in crisis.text() and clipped(crisis) is None
