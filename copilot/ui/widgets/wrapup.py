"""Wrap-up: one compact form to log the contact; Ctrl+Enter saves."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from copilot.ui.models import OUTCOME_LABELS, channel_label
from copilot.ui.widgets.common import Translatable, section_title, wrapping_label
from copilot.ui.widgets.story import default_due, from_qdatetime, to_qdatetime
from copilot.vocabulary import MAX_LONG_TEXT, MAX_SHORT_TEXT, Channel, Outcome


class WrapUpWidget(Translatable):
    """The form; the panel builds a WrapUpForm from it and hands it to WrapUpController."""

    save_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wrapUpSection")
        self._prefilled = ""  # the summary text we wrote; anything else is the agent's
        self.title = section_title(parent=self)
        self.channel = QComboBox(self)
        self.channel.setObjectName("channelCombo")
        for channel in Channel:
            self.channel.addItem(channel.value, channel)
        self.outcome = QComboBox(self)
        self.outcome.setObjectName("outcomeCombo")
        self.outcome.setEditable(True)
        self.outcome.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        outcome_line = self.outcome.lineEdit()
        assert outcome_line is not None  # made by setEditable(True)
        outcome_line.setMaxLength(MAX_SHORT_TEXT)  # the store's limit for an outcome
        self.summary = QPlainTextEdit(self)
        self.summary.setObjectName("summaryEdit")
        self.summary.setTabChangesFocus(True)
        self.summary.setMaximumHeight(70)
        self.facts = QPlainTextEdit(self)
        self.facts.setObjectName("newFactsEdit")
        self.facts.setTabChangesFocus(True)
        self.facts.setMaximumHeight(48)
        self.commitment = QLineEdit(self)
        self.commitment.setObjectName("wrapCommitment")
        self.commitment.setMaxLength(MAX_LONG_TEXT)
        self.due = QDateTimeEdit(self)
        self.due.setObjectName("wrapCommitmentDue")
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("dd MMM HH:mm")
        self.due.setDateTime(to_qdatetime(default_due()))
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("saveWrapUpButton")
        self.save_button.setDefault(False)
        self.confirmation = wrapping_label(object_name="wrapUpConfirmation", parent=self)
        self.confirmation.hide()

        # Channel and outcome share a row and the rest rely on placeholders: the column is
        # narrow and the form must fit under the draft without scrolling far.
        combo_row = QHBoxLayout()
        combo_row.addWidget(self.channel, 2)
        combo_row.addWidget(self.outcome, 3)
        commitment_row = QHBoxLayout()
        commitment_row.addWidget(self.commitment, 1)
        commitment_row.addWidget(self.due)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(combo_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.facts)
        layout.addLayout(commitment_row)
        layout.addWidget(self.save_button)
        layout.addWidget(self.confirmation)
        self.save_button.clicked.connect(self.save_requested)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Wrap-up"))
        for i in range(self.channel.count()):
            self.channel.setItemText(i, channel_label(self.channel.itemData(i)))
        current = self.outcome.currentText()
        self.outcome.clear()
        for outcome, label in OUTCOME_LABELS.items():
            self.outcome.addItem(self.tr(label), outcome.value)
        self.outcome.setCurrentText(current or self._default_outcome())
        self.channel.setAccessibleName(self.tr("Channel"))
        self.channel.setAccessibleDescription(self.tr("How the customer contacted us"))
        self.outcome.setAccessibleName(self.tr("Outcome"))
        self.outcome.setAccessibleDescription(self.tr("Choose or type how the contact ended"))
        self.summary.setPlaceholderText(self.tr("What happened (prefilled from the message)"))
        self.summary.setAccessibleName(self.tr("Summary"))
        self.summary.setAccessibleDescription(self.tr("What happened in this contact"))
        self.facts.setPlaceholderText(self.tr("New facts, one per line"))
        self.facts.setAccessibleName(self.tr("New facts"))
        self.facts.setAccessibleDescription(self.tr("Each line becomes a pinned fact"))
        self.commitment.setPlaceholderText(self.tr("New promise to the customer"))
        self.commitment.setAccessibleName(self.tr("New commitment"))
        self.commitment.setAccessibleDescription(self.tr("What was promised"))
        self.due.setAccessibleName(self.tr("Commitment due"))
        self.due.setAccessibleDescription(self.tr("When the promise is due"))
        self.save_button.setText(self.tr("Save wrap-up (Ctrl+Enter)"))
        self.save_button.setAccessibleName(self.tr("Save wrap-up"))
        self.save_button.setAccessibleDescription(self.tr("Logs this contact for the customer"))
        self.confirmation.setAccessibleName(self.tr("Wrap-up status"))

    # -- values ----------------------------------------------------------------------------

    def prefill_summary(self, text: str) -> None:
        """Offer a summary, unless the agent already wrote their own."""
        current = self.summary.toPlainText()
        if current and current != self._prefilled:
            return
        self._prefilled = text
        if current != text:
            self.summary.setPlainText(text)

    def set_channel(self, channel: Channel) -> None:
        index = self.channel.findData(channel)
        if index >= 0:
            self.channel.setCurrentIndex(index)

    def values(self) -> dict[str, object]:
        return {
            "channel": self.channel.currentData(),
            "outcome": self.outcome_value(),
            "summary": self.summary.toPlainText(),
            "facts": tuple(
                line.strip() for line in self.facts.toPlainText().splitlines() if line.strip()
            ),
            "commitment": self.commitment.text(),
            "due_at": self.due_at(),
        }

    def outcome_value(self) -> str:
        """The stable key of an offered outcome, or the agent's own words as typed."""
        text = self.outcome.currentText().strip()
        index = self.outcome.findText(text)
        return str(self.outcome.itemData(index)) if index >= 0 else text

    def due_at(self) -> datetime:
        return from_qdatetime(self.due.dateTime())

    def show_confirmation(self, text: str) -> None:
        self.confirmation.setText(text)
        self.confirmation.show()

    def reset(self) -> None:
        """After a successful save only: the form is ready for the next contact."""
        self._prefilled = ""
        self.summary.clear()
        self.facts.clear()
        self.commitment.clear()
        self.due.setDateTime(to_qdatetime(default_due()))
        self.outcome.setCurrentText(self._default_outcome())

    def _default_outcome(self) -> str:
        return self.tr(OUTCOME_LABELS[Outcome.resolved])
