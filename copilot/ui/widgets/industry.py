"""Industry names in the UI's language, and the first-start campaign prompt."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QPushButton, QVBoxLayout, QWidget

from copilot.ui.widgets.common import wrapping_label
from copilot.vocabulary import INDUSTRIES, Industry


def industry_names() -> dict[str, str]:
    """Each industry's name, translated; literal translate() calls so lupdate finds them."""
    return {
        Industry.insurance: QCoreApplication.translate("MainWindow", "Insurance"),
        Industry.health: QCoreApplication.translate("MainWindow", "Health"),
        Industry.telecom: QCoreApplication.translate("MainWindow", "Telecom"),
        Industry.logistics: QCoreApplication.translate("MainWindow", "Logistics"),
        Industry.finance: QCoreApplication.translate("MainWindow", "Finance"),
        Industry.general: QCoreApplication.translate("MainWindow", "General"),
    }


class CampaignPrompt(QFrame):
    """Asked once, on the first start: which campaign is this? One button per industry."""

    chosen = Signal(str)  # the industry

    COLUMNS = 2  # two buttons a row fit the 320 px panel in both languages

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("campaignPrompt")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.question = wrapping_label(object_name="campaignQuestion", parent=self)
        self.note = wrapping_label(object_name="campaignNote", parent=self)
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        grid.setSpacing(4)
        for index, code in enumerate(INDUSTRIES):
            button = QPushButton(self)
            button.setObjectName(f"campaign_{code}")
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, code=code: self.chosen.emit(code))
            grid.addWidget(button, index // self.COLUMNS, index % self.COLUMNS)
            self.buttons[code] = button
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        layout.addWidget(self.question)
        layout.addLayout(grid)
        layout.addWidget(self.note)
        self.retranslate()

    def retranslate(self) -> None:
        self.question.setText(self.tr("Which campaign are you working on?"))
        self.note.setText(
            self.tr(
                "It chooses the hints you see. General picks them per message. You can change"
                " it any time at the top (Ctrl+Shift+I)."
            )
        )
        self.setAccessibleName(self.tr("Choose your campaign"))
        names = industry_names()
        for code, button in self.buttons.items():
            button.setText(names[code])
            button.setAccessibleName(
                self.tr("Campaign: {industry}").replace("{industry}", names[code])
            )
