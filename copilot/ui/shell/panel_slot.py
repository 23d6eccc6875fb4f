"""What the window needs from the panel, and the stand-in shown when the panel cannot load."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QEvent, Signal, SignalInstance
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class PanelApi(Protocol):
    """What the window needs from the panel (copilot.ui.panel.PanelWidget)."""

    failed: SignalInstance
    status: SignalInstance
    integrity_failed: SignalInstance  # the daily check's first problem
    integrity_passed: SignalInstance
    site_status: SignalInstance  # site mode's link status (a SiteView)
    profile_requested: SignalInstance  # the agent asked to set their name (first use)

    def set_industry(self, industry: str) -> None: ...
    def set_agent(self, name: str) -> None: ...
    def focus_find(self) -> None: ...
    def paste_and_find(self) -> None: ...
    def copy_draft(self) -> None: ...
    def open_value(self, value: str) -> None: ...
    def actions(self) -> list[QAction]: ...
    def save_pending(self) -> None: ...


class PlaceholderPanel(QWidget):
    """Stands in for PanelWidget where the panel is not available (tests of the shell alone)."""

    failed = Signal(object)
    status = Signal(str)
    integrity_failed = Signal(str)
    integrity_passed = Signal()
    site_status = Signal(object)
    profile_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.industry = "general"
        self.agent = ""
        layout = QVBoxLayout(self)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        layout.addWidget(self.label)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        # Shown only when the panel could not be built; the banner above says why.
        self.label.setText(self.tr("The panel could not be loaded."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_industry(self, industry: str) -> None:
        self.industry = industry

    def set_agent(self, name: str) -> None:
        self.agent = name

    def focus_find(self) -> None:
        return None

    def paste_and_find(self) -> None:
        return None

    def copy_draft(self) -> None:
        return None

    def open_value(self, value: str) -> None:
        return None

    def actions(self) -> list[QAction]:
        return []

    def save_pending(self) -> None:
        return None
