"""Wrap-up: one compact form to log the contact; Ctrl+Enter saves."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from copilot.ui.controllers.items import ordinal, show_contact_count
from copilot.ui.controllers.wrapup import WrapUpForm
from copilot.ui.models import OUTCOME_LABELS, channel_label
from copilot.ui.widgets.common import (
    Translatable,
    ordinal_patterns,
    section_title,
    set_style_kind,
    wrapping_label,
)
from copilot.ui.widgets.story import default_due, from_qdatetime, to_qdatetime
from copilot.vocabulary import MAX_LONG_TEXT, MAX_SHORT_TEXT, Channel, Outcome

if TYPE_CHECKING:
    from copilot.context.reasons import ReasonCode

# What the line under Save says while a save is pending or after one failed; the success
# confirmation is the window's status line (one confirmation, not two).
SAVING, NOT_SAVED, CHANGES_NOT_SAVED = "saving", "not_saved", "changes_not_saved"


def ui_language() -> str:
    """The interface language ("id" or "en"): the language switcher sets the default locale."""
    return "id" if QLocale().language() == QLocale.Language.Indonesian else "en"


class WrapUpWidget(Translatable):
    """The form; the panel builds a WrapUpForm from it and hands it to WrapUpController."""

    save_requested = Signal()
    profile_requested = Signal()  # "Add your name": the window opens the profile dialog

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wrapUpSection")
        self._prefilled = ""  # the summary text we wrote; anything else is the agent's
        self._agent_wrote = False  # the agent typed in the summary: no prefill replaces it
        self._state = ""  # SAVING, NOT_SAVED, CHANGES_NOT_SAVED or "" (nothing to say)
        self._reasons: dict[str, tuple[ReasonCode, ...]] = {}
        self._industry = "general"
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
        self.reason = QComboBox(self)
        self.reason.setObjectName("reasonCombo")
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
        self.identity_verified = QCheckBox(self)
        self.identity_verified.setObjectName("identityVerifiedCheck")
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("saveWrapUpButton")
        self.save_button.setDefault(False)
        # Asked kindly, where the name is used, while none is set; never a pop-up mid-call.
        self.profile_note = wrapping_label(object_name="profileNote", parent=self)
        self.profile_button = QPushButton(self)
        self.profile_button.setObjectName("addNameButton")
        self.profile_button.clicked.connect(self.profile_requested)
        self.confirmation = wrapping_label(object_name="wrapUpConfirmation", parent=self)
        self.confirmation.hide()
        self._lay_out()
        self.save_button.clicked.connect(self.save_requested)
        self.summary.textChanged.connect(self._summary_changed)
        self.retranslate()

    def _lay_out(self) -> None:
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
        layout.addWidget(self.reason)
        layout.addWidget(self.summary)
        layout.addWidget(self.facts)
        layout.addLayout(commitment_row)
        layout.addWidget(self.identity_verified)
        profile_row = QHBoxLayout()
        profile_row.addWidget(self.profile_note, 1)
        profile_row.addWidget(self.profile_button)
        layout.addLayout(profile_row)
        layout.addWidget(self.save_button)
        layout.addWidget(self.confirmation)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Wrap-up"))
        for i in range(self.channel.count()):
            self.channel.setItemText(i, channel_label(self.channel.itemData(i)))
        # Keep the choice by its key, so "Resolved" becomes "Selesai" on a switch; the agent's
        # own words stay as typed.
        current = self.outcome_value() if self.outcome.count() else ""
        self.outcome.clear()
        for outcome, label in OUTCOME_LABELS.items():
            self.outcome.addItem(self.tr(label), outcome.value)
        index = self.outcome.findData(current)
        if index >= 0:
            self.outcome.setCurrentIndex(index)
        else:
            self.outcome.setCurrentText(current or self._default_outcome())
        self.channel.setAccessibleName(self.tr("Channel"))
        self.channel.setAccessibleDescription(self.tr("How the customer contacted us"))
        self.outcome.setAccessibleName(self.tr("Outcome"))
        self.outcome.setAccessibleDescription(self.tr("Choose or type how the contact ended"))
        self._fill_reasons()
        self.reason.setAccessibleName(self.tr("Reason"))
        self.reason.setAccessibleDescription(self.tr("Why the customer contacted us"))
        self.summary.setPlaceholderText(self.tr("What happened (prefilled from the hints)"))
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
        self.identity_verified.setText(self.tr("Identity verified"))
        self.identity_verified.setAccessibleName(self.tr("Identity verified"))
        self.identity_verified.setAccessibleDescription(
            self.tr("Tick when you checked the customer's identity during this contact")
        )
        self.save_button.setText(self.tr("Save wrap-up (Ctrl+Enter)"))
        self.save_button.setAccessibleName(self.tr("Save wrap-up"))
        self.save_button.setAccessibleDescription(self.tr("Logs this contact for the customer"))
        self.confirmation.setAccessibleName(self.tr("Wrap-up status"))
        self.profile_note.setText(self.tr("Add your name once so your team sees who saved this."))
        self.profile_button.setText(self.tr("Add name"))
        self.profile_button.setAccessibleName(self.tr("Add your name"))
        self.profile_button.setAccessibleDescription(
            self.tr("Your name goes on the contacts, facts and promises you save")
        )
        self._show_state()

    # -- values ----------------------------------------------------------------------------

    def prefill_summary(self, text: str) -> None:
        """Offer a summary, unless the agent already wrote in it (even if they emptied it)."""
        if self._agent_wrote:
            return
        self._prefilled = text
        if self.summary.toPlainText() != text:
            self.summary.setPlainText(text)

    def _summary_changed(self) -> None:
        if self.summary.toPlainText() != self._prefilled:
            self._agent_wrote = True

    # -- reason codes ----------------------------------------------------------------------

    def set_reasons(self, reasons: dict[str, tuple[ReasonCode, ...]]) -> None:
        """Every industry's reason codes (loaded once from the packs)."""
        self._reasons = dict(reasons)
        self._fill_reasons()

    def set_industry(self, industry: str) -> None:
        """Offer the campaign's reason codes; a chosen one stays when the new list has it."""
        self._industry = industry
        self._fill_reasons()

    def _fill_reasons(self) -> None:
        chosen = self.reason.currentData()
        language = ui_language()
        self.reason.clear()
        self.reason.addItem(self.tr("Reason for the contact…"), "")
        for reason in self._reasons.get(self._industry, ()):
            self.reason.addItem(reason.label(language), reason.key)
        index = self.reason.findData(chosen) if chosen else 0
        self.reason.setCurrentIndex(max(index, 0))

    def set_agent_known(self, known: bool) -> None:
        """Show the "Add your name" note only while the profile has no name."""
        self.profile_note.setVisible(not known)
        self.profile_button.setVisible(not known)

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
            "reason_code": str(self.reason.currentData() or ""),
            "identity_verified": self.identity_verified.isChecked(),
        }

    def outcome_value(self) -> str:
        """The stable key of an offered outcome, or the agent's own words as typed."""
        text = self.outcome.currentText().strip()
        index = self.outcome.findText(text)
        return str(self.outcome.itemData(index)) if index >= 0 else text

    def due_at(self) -> datetime:
        return from_qdatetime(self.due.dateTime())

    def saved_text(self, contacts_7d: int) -> str:
        """The one "Saved" line (the window's status line shows it), with the contact count
        when the customer keeps coming back."""
        if not show_contact_count(contacts_7d):
            return self.tr("Saved")
        return self.tr("Saved — {ordinal} contact in 7 days").replace(
            "{ordinal}", ordinal(contacts_7d, ordinal_patterns())
        )

    def form(
        self,
        *,
        customer_id: int,
        industry: str,
        agent: str,
        overrides: tuple[tuple[str, datetime], ...] = (),
    ) -> WrapUpForm:
        """What the agent filled in, for WrapUpController.save (with the compliance gate's
        overrides during the contact, which the panel knows)."""
        values = self.values()
        return WrapUpForm(
            customer_id=customer_id,
            channel=self.channel.currentData(),
            outcome=self.outcome_value(),
            summary=self.summary.toPlainText(),
            facts=values["facts"],  # type: ignore[arg-type]
            commitment=self.commitment.text(),
            due_at=self.due_at(),
            industry=industry,
            agent=agent,
            reason_code=str(self.reason.currentData() or ""),
            identity_verified=self.identity_verified.isChecked(),
            overrides=overrides,
        )

    def set_state(self, state: str) -> None:
        """SAVING, NOT_SAVED or CHANGES_NOT_SAVED under Save; "" hides the line."""
        self._state = state
        self._show_state()

    def _show_state(self) -> None:
        texts = {
            SAVING: self.tr("Saving…"),
            NOT_SAVED: self.tr("Not saved yet — your text is kept; try again"),
            CHANGES_NOT_SAVED: self.tr(
                "Already saved by your earlier try. What you changed after it is still "
                "here and was not saved."
            ),
        }
        text = texts.get(self._state, "")
        # Set again on a language change: never an English line in the Indonesian panel.
        self.confirmation.setText(text)
        set_style_kind(self.confirmation, "" if self._state == SAVING else "attention")
        self.confirmation.setVisible(bool(text))

    def reset(self) -> None:
        """After a successful save only: the form is ready for the next contact."""
        self._prefilled = ""
        self.summary.clear()
        self._agent_wrote = False  # after clear(): the next contact's summary is ours again
        self.facts.clear()
        self.commitment.clear()
        self.due.setDateTime(to_qdatetime(default_due()))
        self.outcome.setCurrentText(self._default_outcome())
        self.reason.setCurrentIndex(0)
        self.identity_verified.setChecked(False)

    def _default_outcome(self) -> str:
        return self.tr(OUTCOME_LABELS[Outcome.resolved])
