"""The window's place: docked to a screen edge at full height, on top, on the agent's monitor."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QResizeEvent, QScreen, QShowEvent
from PySide6.QtWidgets import QMainWindow

from copilot.ui.shell.docking import Edge, Rect, choose_screen, dock_geometry
from copilot.ui.shell.settings import ShellSettings


class DockedWindow(QMainWindow):
    """A column on one edge of its screen that shows without taking focus.

    The edge, the width the agent dragged to, the monitor and always-on-top are kept in
    `ShellSettings`; an unplugged monitor brings the window back on one the agent can see.
    """

    def __init__(self, settings: ShellSettings) -> None:
        super().__init__()
        self.settings = settings
        self._hooked_handle: object = None
        self._docking = False  # set while we move the window, so resizes aren't "user" widths
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self._apply_always_on_top(self.settings.always_on_top, reshow=False)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.screenRemoved.connect(self._on_screen_removed)

    # -- always on top ------------------------------------------------------------------------

    @property
    def always_on_top(self) -> bool:
        return bool(self.windowFlags() & Qt.WindowType.WindowStaysOnTopHint)

    def set_always_on_top(self, on: bool) -> None:
        self.settings.always_on_top = on
        self._apply_always_on_top(on, reshow=True)

    def _apply_always_on_top(self, on: bool, *, reshow: bool) -> None:
        if self.always_on_top == on:
            return
        was_visible = self.isVisible()
        # Changing window flags re-creates the native window and hides it; show it again
        # (without activating it: WA_ShowWithoutActivating still holds).
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, on)
        if reshow and was_visible:
            self.show()
            self.dock()

    # -- docking --------------------------------------------------------------------------------

    def target_screen(self) -> QScreen:
        screens = QGuiApplication.screens()
        primary = QGuiApplication.primaryScreen()
        name = choose_screen([s.name() for s in screens], self.settings.screen_name, primary.name())
        return next((s for s in screens if s.name() == name), primary)

    def dock(self) -> None:
        """Put the window on its edge of its screen, full available height."""
        screen = self.target_screen()
        area = screen.availableGeometry()
        rect = dock_geometry(
            Rect(area.x(), area.y(), area.width(), area.height()),
            self.settings.edge,
            self.settings.width,
        )
        handle = self.windowHandle()
        # setGeometry places the client area; the title bar and borders (known once the
        # window is shown) come out of the docked rectangle so the frame fits the screen.
        m = handle.frameMargins() if handle is not None else None
        left, top = (m.left(), m.top()) if m is not None else (0, 0)
        right, bottom = (m.right(), m.bottom()) if m is not None else (0, 0)
        self._docking = True
        try:
            if handle is not None and handle.screen() is not screen:
                handle.setScreen(screen)
            self.setGeometry(
                rect.x + left,
                rect.y + top,
                max(1, rect.width - left - right),
                max(1, rect.height - top - bottom),
            )
        finally:
            self._docking = False

    def set_edge(self, edge: Edge) -> None:
        self.settings.edge = edge
        self.dock()

    def _on_screen_removed(self, screen: QScreen) -> None:
        # The remembered monitor was unplugged: come back on one the agent can see.
        if self.settings.screen_name == screen.name() or self.screen() is screen:
            QTimer.singleShot(0, self.dock)

    def _on_screen_changed(self, screen: QScreen | None) -> None:
        if screen is not None and not self._docking:
            self.settings.screen_name = screen.name()

    def _native_window_created(self) -> None:
        """Called once per native window, after it is shown; for subclasses."""

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        handle = self.windowHandle()
        if handle is not None and handle is not self._hooked_handle:
            # The native window is re-created when the flags change; hook each one once.
            handle.screenChanged.connect(self._on_screen_changed)
            self._hooked_handle = handle
            # The frame margins are known only now; dock again once the frame exists.
            QTimer.singleShot(0, self.dock)
            self._native_window_created()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._docking and self.isVisible() and event.size().width() > 0:
            # The agent dragged the inner edge: remember that width for the next start.
            self.settings.width = self.frameGeometry().width()
