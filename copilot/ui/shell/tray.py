"""The tray icon (show/hide, quit) where the platform has a system tray."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget


def tray_available() -> bool:
    return QSystemTrayIcon.isSystemTrayAvailable()


class Tray(QObject):
    """A tray icon whose menu shows or hides `window` and quits the application."""

    def __init__(self, window: QWidget, icon: QIcon, on_quit: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._menu = QMenu(window)
        self.toggle_action = QAction(self._menu)
        self.toggle_action.triggered.connect(self.toggle_window)
        self.quit_action = QAction(self._menu)
        self.quit_action.triggered.connect(on_quit)
        self._menu.addAction(self.toggle_action)
        self._menu.addSeparator()
        self._menu.addAction(self.quit_action)
        self._menu.aboutToShow.connect(self.retranslate)
        self.icon = QSystemTrayIcon(icon, self)
        self.icon.setContextMenu(self._menu)
        self.icon.activated.connect(self._on_activated)
        self.retranslate()

    def show(self) -> None:
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

    def retranslate(self) -> None:
        visible = self._window.isVisible()
        self.toggle_action.setText(self.tr("Hide panel") if visible else self.tr("Show panel"))
        self.quit_action.setText(self.tr("Quit Copilot"))
        self.icon.setToolTip(self.tr("Copilot side panel"))

    def toggle_window(self) -> None:
        if self._window.isVisible():
            self._window.hide()
        else:
            # An explicit request from the agent: the only time the panel may take focus.
            self._window.show()
            self._window.raise_()
            self._window.activateWindow()
        self.retranslate()

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.toggle_window()
