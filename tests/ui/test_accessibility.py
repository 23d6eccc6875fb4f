"""Every control a keyboard or screen-reader user can reach has an accessible name."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from copilot.services import ServiceProvider
from copilot.storage.schemas import CustomerRead
from copilot.ui.main_window import MainWindow
from copilot.ui.panel import PAGE_MAIN, PAGE_OPENING, PanelWidget
from copilot.ui.tasks import TaskRunner

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QTextEdit,
    QPlainTextEdit,
    QComboBox,
    QAbstractItemView,
    QAbstractSpinBox,
)
# Parts drawn inside another control (a combo's line edit, a table's corner button, a line
# edit's clear button) are announced as part of their owner.
COMPOSITES = (QComboBox, QAbstractItemView, QAbstractSpinBox, QLineEdit)


def _is_internal_part(widget: QWidget, window: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, COMPOSITES):
            return True
        parent = parent.parentWidget()
    return False


def unnamed_controls(window: QWidget) -> list[str]:
    missing = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or _is_internal_part(widget, window):
            continue
        if not widget.accessibleName().strip():
            text = getattr(widget, "text", lambda: "")()
            missing.append(f"{type(widget).__name__}#{widget.objectName()} {text!r}")
    return missing


@pytest.fixture
def window(
    qtbot: QtBot, panel_services: ServiceProvider, panel_runner: TaskRunner
) -> Iterator[MainWindow]:
    panel = PanelWidget(panel_services, panel_runner)
    window = MainWindow(panel, use_tray=False, on_quit=lambda: None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: panel.stack.currentIndex() != PAGE_OPENING, timeout=20_000)
    yield window
    panel_runner.wait_idle(10_000)


def test_welcome_state_controls_all_have_names(window: MainWindow) -> None:
    assert unnamed_controls(window) == []


def test_customer_with_hints_and_reminders_all_have_names(
    qtbot: QtBot, window: MainWindow, seeded_customer: CustomerRead, panel_runner: TaskRunner
) -> None:
    panel = window.panel_widget
    assert isinstance(panel, PanelWidget)
    customer = seeded_customer
    panel.show_main()
    assert panel.stack.currentIndex() == PAGE_MAIN
    panel.open_customer(customer)
    qtbot.waitUntil(lambda: panel.story.isVisible(), timeout=10_000)
    panel.now.edit.setPlainText(
        "Klaim saya ditolak, udah 3x saya call, still belum ada solusi. Saya kecewa sekali!"
    )
    panel.draft.set_text("ITU BUKAN SALAH KAMI. Kirim kode OTP anda sekarang.")
    panel_runner.wait_idle(10_000)
    window.help_overlay.open()
    assert unnamed_controls(window) == []


def test_the_walk_catches_an_unnamed_control(window: MainWindow) -> None:
    from PySide6.QtWidgets import QPushButton

    stray = QPushButton("Do it", window.centralWidget())
    stray.setObjectName("stray")
    assert unnamed_controls(window) == ["QPushButton#stray 'Do it'"]


def test_announce_reaches_screen_readers_without_moving_focus(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout

    from copilot.ui.shell import announce as announce_module

    window = QWidget()
    qtbot.addWidget(window)
    typing_here = QLineEdit(window)
    source = QLabel("hints", window)
    QVBoxLayout(window).addWidget(typing_here)
    window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    typing_here.setFocus()
    assert typing_here.hasFocus()  # the agent is typing here when the announcements come
    announce_module.announce("New hint: claim denied", source)
    assert typing_here.hasFocus()
    assert window.property("lastAnnouncement") == "New hint: claim denied"
    # Older Qt: a hidden live-region label whose name changes.
    monkeypatch.setattr(announce_module, "QAccessibleAnnouncementEvent", None)
    announce_module.announce("Saved", source)
    region = announce_module.live_region(window)
    assert region.accessibleName() == "Saved" and not region.isVisible()
    announce_module.announce("   ", source)  # nothing to say: nothing said
    assert window.property("lastAnnouncement") == "Saved"
    assert window.isActiveWindow() and typing_here.hasFocus()
