"""Your profile: the name and role recorded on promises, facts and contacts, set once."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from copilot.ui.shell.settings import ShellSettings
from copilot.vocabulary import MAX_SHORT_TEXT, AgentRole


class ProfileDialog(QDialog):
    """Asks for the agent's name and role; Save stores them in the panel's settings."""

    def __init__(self, settings: ShellSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profileDialog")
        self.settings = settings
        self.intro = QLabel(self)
        self.intro.setObjectName("profileIntro")
        self.intro.setWordWrap(True)
        self.name = QLineEdit(settings.agent_name, self)
        self.name.setObjectName("profileName")
        self.name.setMaxLength(MAX_SHORT_TEXT)
        self.role = QComboBox(self)
        self.role.setObjectName("profileRole")
        for role in AgentRole:
            self.role.addItem(role.value, role)
        self.role.setCurrentIndex(max(self.role.findData(settings.agent_role), 0))
        self.error = QLabel(self)
        self.error.setObjectName("profileError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout = QVBoxLayout(self)
        for widget in (self.intro, self.name, self.role, self.error, self.buttons):
            layout.addWidget(widget)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.name.textEdited.connect(lambda _text: self.error.hide())
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Your name and role"))
        self.intro.setText(
            self.tr(
                "Your name goes on the promises, facts and contacts you save, so your team "
                "knows who to ask. You set it once."
            )
        )
        self.name.setPlaceholderText(self.tr("Your name, as your team knows you"))
        self.name.setAccessibleName(self.tr("Your name"))
        self.role.setAccessibleName(self.tr("Your role"))
        labels = {AgentRole.agent: self.tr("Agent"), AgentRole.team_leader: self.tr("Team leader")}
        for i in range(self.role.count()):
            self.role.setItemText(i, labels[self.role.itemData(i)])
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        save.setText(self.tr("Save"))
        cancel.setText(self.tr("Not now"))
        self.error.setText(self.tr("Type your name first."))
        self.error.setAccessibleName(self.tr("Problem with your name"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def accept(self) -> None:
        """Save only a real name; an empty one says so next to the box."""
        name = " ".join(self.name.text().split())
        if not name:
            self.error.show()
            self.name.setFocus()
            return
        self.settings.agent_name = name
        self.settings.agent_role = AgentRole(self.role.currentData())
        self.settings.sync()
        super().accept()
