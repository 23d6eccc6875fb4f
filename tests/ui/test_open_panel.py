"""`copilot open VALUE` in the panel: one match opens the story, several the list, none the
new-caller card; over the real single-instance channel and a macOS link event too."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from copilot.app import GuiSession, launch_gui
from copilot.config import Settings
from copilot.integrate import channel
from copilot.services import ServiceProvider
from copilot.storage.schemas import CustomerRead, IdentifierIn, IdentifierKind
from copilot.ui.panel import PAGE_MAIN, PanelWidget
from copilot.ui.tasks import TaskRunner

WAIT_MS = 10_000


def _panel(qtbot: QtBot, provider: ServiceProvider, runner: TaskRunner) -> PanelWidget:
    panel = PanelWidget(provider, runner)
    qtbot.addWidget(panel)
    panel.resize(360, 700)
    panel.show()
    return panel


def _story_of(qtbot: QtBot, panel: PanelWidget, customer: CustomerRead) -> None:
    qtbot.waitUntil(
        lambda: (
            panel.story.isVisible()
            and panel.story.story is not None
            and panel.story.story.customer.id == customer.id
        ),
        timeout=WAIT_MS,
    )


def test_one_match_opens_the_story_even_before_the_database_is_open(
    qtbot: QtBot,
    panel_services: ServiceProvider,
    panel_runner: TaskRunner,
    seeded_customer: CustomerRead,
) -> None:
    panel = _panel(qtbot, panel_services, panel_runner)
    # Asked at once, as when `copilot open` started this panel: it waits for the database.
    panel.open_value("+62 812-3456-7890")
    _story_of(qtbot, panel, seeded_customer)
    assert panel.stack.currentIndex() == PAGE_MAIN
    assert panel.customer is not None and panel.customer.id == seeded_customer.id
    assert panel.find_section.edit.text() == "+62 812-3456-7890"  # what was asked, as asked
    assert panel.find_section.results.isHidden()  # the story takes the space


def test_several_matches_show_the_list_and_open_none(
    qtbot: QtBot,
    panel_services: ServiceProvider,
    panel_runner: TaskRunner,
    seeded_customer: CustomerRead,
) -> None:
    services = panel_services.get()
    services.customers.create_customer(
        name="Siti Rahayu Putri",
        identifiers=[IdentifierIn(kind=IdentifierKind.email, value="siti.putri@example.com")],
    )
    panel = _panel(qtbot, panel_services, panel_runner)
    qtbot.waitUntil(lambda: panel.stack.currentIndex() == PAGE_MAIN, timeout=WAIT_MS)
    panel.open_value("Siti Rahayu")
    find = panel.find_section
    qtbot.waitUntil(
        lambda: find.results.isVisible() and find.model.rowCount() == 2, timeout=WAIT_MS
    )
    assert panel.customer is None  # never guessed: the agent chooses
    assert find.edit.text() == "Siti Rahayu"


def test_no_match_shows_the_new_caller_card_with_the_number_kept(
    qtbot: QtBot,
    panel_services: ServiceProvider,
    panel_runner: TaskRunner,
    seeded_customer: CustomerRead,
) -> None:
    panel = _panel(qtbot, panel_services, panel_runner)
    qtbot.waitUntil(lambda: panel.stack.currentIndex() == PAGE_MAIN, timeout=WAIT_MS)
    panel.open_value("0813 9999 0000")
    find = panel.find_section
    qtbot.waitUntil(lambda: find.create_form.isVisible(), timeout=WAIT_MS)
    assert panel.customer is None
    assert find.edit.text() == "0813 9999 0000"
    assert "0813 9999 0000" in find.status.text()
    # Creating from the card stores the caller's number with the name the agent types.
    find.create_name.setText("Agus Salim")
    with qtbot.waitSignal(panel.finder.customer_created, timeout=WAIT_MS) as created:
        find.submit_create()
    customer = created.args[0]
    assert customer.name == "Agus Salim"
    assert [i.value for i in customer.identifiers] == ["+6281399990000"]


def test_an_empty_database_skips_the_welcome_page_for_a_caller(
    qtbot: QtBot, panel_services: ServiceProvider, panel_runner: TaskRunner
) -> None:
    panel = _panel(qtbot, panel_services, panel_runner)
    panel.open_value("budi@example.com")
    qtbot.waitUntil(lambda: panel.find_section.create_form.isVisible(), timeout=WAIT_MS)
    assert panel.stack.currentIndex() == PAGE_MAIN


# -- the real start-up, over the channel --------------------------------------------------


@pytest.fixture
def session(
    qtbot: QtBot, panel_settings: Settings, tmp_path: Path, seeded_customer: CustomerRead
) -> Iterator[GuiSession]:
    """`copilot panel`'s own start-up, on a database seeded first (one migration at a time)."""
    name = "copilot-test-open-" + hashlib.sha256(str(tmp_path).encode()).hexdigest()[:12]
    started = launch_gui(panel_settings, ["t"], instance_name=name, use_tray=False)
    assert started is not None
    qtbot.addWidget(started.window)  # deleted afterwards: later tests look for the window
    yield started
    started.window.close()
    started.close()


def _send(request: channel.Request, name: str) -> Future[str | None]:
    """The client blocks for its reply: in its own thread, as in `copilot open`'s process."""
    reply: Future[str | None] = Future()
    threading.Thread(target=lambda: reply.set_result(channel.send(request, name))).start()
    return reply


def test_copilot_open_over_the_channel_brings_the_panel_forward_with_the_story(
    qtbot: QtBot, session: GuiSession, seeded_customer: CustomerRead
) -> None:
    panel = session.window.panel_widget
    assert isinstance(panel, PanelWidget)
    session.window.hide()  # in the tray, say: the request must bring it back
    reply = _send(channel.Request("open", value="081234567890"), session.instance.name)
    _story_of(qtbot, panel, seeded_customer)
    qtbot.waitUntil(reply.done, timeout=WAIT_MS)
    assert reply.result() == channel.OK
    assert session.window.isVisible()


def test_another_database_is_told_and_opens_nothing(
    qtbot: QtBot, session: GuiSession, seeded_customer: CustomerRead
) -> None:
    panel = session.window.panel_widget
    assert isinstance(panel, PanelWidget)
    other = channel.database_fingerprint("/somewhere/else.db")
    reply = _send(channel.Request("open", other, "081234567890"), session.instance.name)
    qtbot.waitUntil(reply.done, timeout=WAIT_MS)
    assert reply.result() == channel.OTHER_DATABASE
    assert panel.customer is None
    # The same database by its fingerprint is accepted.
    same = channel.database_fingerprint(str(panel.services.settings.database_target))
    reply = _send(channel.Request("open", same, "081234567890"), session.instance.name)
    _story_of(qtbot, panel, seeded_customer)


def test_a_macos_link_event_opens_the_caller_and_a_hostile_one_is_explained(
    qtbot: QtBot, qapp: QApplication, session: GuiSession, seeded_customer: CustomerRead
) -> None:
    panel = session.window.panel_widget
    assert isinstance(panel, PanelWidget)
    QApplication.sendEvent(qapp, QFileOpenEvent(QUrl("copilot://open?account=POL-2024-778812")))
    _story_of(qtbot, panel, seeded_customer)
    QApplication.sendEvent(qapp, QFileOpenEvent(QUrl("copilot://open?phone=1&email=a@b.co")))
    qtbot.waitUntil(lambda: session.window.banner.isVisible(), timeout=WAIT_MS)
    assert session.window.banner.message is not None
    assert "more than one" in session.window.banner.message.advice


def test_a_panel_started_by_copilot_open_shows_the_caller_once_ready(
    qtbot: QtBot, panel_settings: Settings, tmp_path: Path, seeded_customer: CustomerRead
) -> None:
    name = "copilot-test-start-" + hashlib.sha256(str(tmp_path).encode()).hexdigest()[:12]
    started = launch_gui(
        panel_settings, ["t"], instance_name=name, use_tray=False, open_value="0812 3456 7890"
    )
    assert started is not None
    qtbot.addWidget(started.window)
    try:
        panel = started.window.panel_widget
        assert isinstance(panel, PanelWidget)
        _story_of(qtbot, panel, seeded_customer)
    finally:
        started.window.close()
        started.close()
