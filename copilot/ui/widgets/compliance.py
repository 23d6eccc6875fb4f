"""The compliance gate under the draft: why Copy stopped, and the two ways on."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from copilot.ui.widgets.common import wrapping_label


def problem_text(kind: str) -> str:
    """What a gate kind (copilot.context.compliance.GATE_KINDS) says, in the UI's language."""
    # Literal translate() calls, so lupdate finds them.
    texts = {
        "asks_otp": QCoreApplication.translate("ComplianceGate", "asks for the customer's OTP"),
        "asks_pin": QCoreApplication.translate("ComplianceGate", "asks for the customer's PIN"),
        "asks_cvv": QCoreApplication.translate("ComplianceGate", "asks for the card's CVV"),
        "asks_password": QCoreApplication.translate(
            "ComplianceGate", "asks for the customer's password"
        ),
        "asks_card_number": QCoreApplication.translate(
            "ComplianceGate", "asks for the full card number"
        ),
        "asks_secret": QCoreApplication.translate("ComplianceGate", "asks for a secret code"),
        "card_number": QCoreApplication.translate("ComplianceGate", "contains a full card number"),
    }
    return texts.get(kind, kind)


class ComplianceGate(QFrame):
    """Shown when Copy stopped a draft: names each problem; Edit draft is the default way
    on, and Copy anyway (a second, deliberate action) records an override."""

    edit_requested = Signal()
    copy_anyway_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("complianceGate")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.kinds: list[str] = []
        self.overridden = False
        self.message = wrapping_label(object_name="gateMessage", parent=self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.edit_button = QPushButton(self)
        self.edit_button.setObjectName("gateEditButton")
        self.copy_anyway_button = QPushButton(self)
        self.copy_anyway_button.setObjectName("gateCopyAnywayButton")
        # Enter never overrides: only Edit draft may be a default, and only when focused.
        self.copy_anyway_button.setAutoDefault(False)
        self.copy_anyway_button.setDefault(False)
        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.copy_anyway_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.edit_button.clicked.connect(self.edit_requested)
        self.copy_anyway_button.clicked.connect(self.copy_anyway_requested)
        self.hide()
        self.retranslate()

    def show_blocked(self, kinds: list[str]) -> None:
        """Copy stopped on `kinds`; focus goes to Edit draft (Enter there is the safe way)."""
        self.kinds, self.overridden = list(kinds), False
        self.setProperty("state", "blocked")
        self._restyle()
        self.retranslate()
        self.show()
        self.edit_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_overridden(self, kinds: list[str]) -> None:
        self.kinds, self.overridden = list(kinds), True
        self.setProperty("state", "overridden")
        self._restyle()
        self.retranslate()
        self.show()

    def _restyle(self) -> None:
        self.style().unpolish(self)
        self.style().polish(self)

    def retranslate(self) -> None:
        problems = "\n".join(f"• {problem_text(kind)}" for kind in self.kinds)
        if self.overridden:
            text = self.tr(
                "Copied anyway. The override (what kind, not your text) is recorded with this"
                " contact's wrap-up:\n{problems}"
            )
        else:
            text = self.tr(
                "Not copied. This draft:\n{problems}\nAgents never ask for these codes or send"
                " a card number. Edit the draft, or copy it anyway (recorded)."
            )
        self.message.setText(text.replace("{problems}", problems))
        self.message.setAccessibleName(self.message.text())
        self.edit_button.setText(self.tr("Edit draft"))
        self.edit_button.setAccessibleName(self.tr("Edit the draft"))
        self.edit_button.setAccessibleDescription(
            self.tr("Back to the draft, at the first problem")
        )
        self.copy_anyway_button.setText(self.tr("Copy anyway"))
        self.copy_anyway_button.setAccessibleName(self.tr("Copy the draft anyway"))
        self.copy_anyway_button.setAccessibleDescription(
            self.tr("Copies it and records an override for the wrap-up and your team leader")
        )
        self.edit_button.setVisible(not self.overridden)
        self.copy_anyway_button.setVisible(not self.overridden)
        self.setAccessibleName(self.tr("Compliance check"))
