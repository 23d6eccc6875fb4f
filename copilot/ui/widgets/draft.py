"""Draft: the agent's reply with tone reminders underlined, PII flagged, and Copy."""

from __future__ import annotations

from PySide6.QtCore import Property, Qt, Signal
from PySide6.QtGui import QColor, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from copilot.ui.controllers.items import Reminder
from copilot.ui.models import ItemRole, ReminderListModel
from copilot.ui.widgets.common import (
    BoundedPlainTextEdit,
    Translatable,
    card,
    section_title,
    wrapping_label,
)
from copilot.ui.widgets.compliance import ComplianceGate

PII_LABELS = {
    "card_number": "card number",
    "cvv": "CVV",
    "otp": "one-time code",
    "national_id": "national ID number",
    "tax_id": "tax ID",
    "phone": "phone number",
    "email": "email address",
    "bank_account": "bank account number",
    "passport": "passport number",
}


# Reminder cards quote the words at fault when they are this short (a phrase, not a paragraph).
SPAN_QUOTE_LIMIT = 40
MUST_TINT_ALPHA = 56  # of 255


def must_tint(colour: QColor) -> QColor:
    """The background behind must-level words: the theme's must colour, see-through enough
    to read the text on it in either theme, strong enough to see at a glance."""
    tint = QColor(colour)
    tint.setAlpha(MUST_TINT_ALPHA)
    return tint


def utf16_offset(text: str, index: int) -> int:
    """Qt's text positions count UTF-16 units; Python's count code points (emoji differ)."""
    return len(text[:index].encode("utf-16-le")) // 2


class ReminderCard(QWidget):
    """One reminder: what is wrong, the suggested wording, and Apply when it is concrete."""

    apply_requested = Signal(object)  # Reminder

    def __init__(self, reminder: Reminder, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reminder = reminder
        self.frame = card(
            "reminderCard",
            self,
            severity=reminder.severity,
            kind="pii" if reminder.is_pii else "tone",
        )
        self.message = wrapping_label(object_name="reminderMessage", parent=self.frame)
        self.suggestion = wrapping_label(object_name="reminderSuggestion", parent=self.frame)
        self.apply_button = QToolButton(self.frame)
        self.apply_button.setObjectName("applySuggestionButton")
        self.apply_button.setVisible(reminder.rewrite is not None)
        row = QHBoxLayout()
        row.addWidget(self.message, 1)
        row.addWidget(self.apply_button, 0, Qt.AlignmentFlag.AlignTop)
        inner = QVBoxLayout(self.frame)
        inner.setContentsMargins(6, 4, 6, 4)
        inner.setSpacing(2)
        inner.addLayout(row)
        inner.addWidget(self.suggestion)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.frame)
        self.apply_button.clicked.connect(lambda: self.apply_requested.emit(self.reminder))
        self.retranslate()

    def retranslate(self) -> None:
        r = self.reminder
        if r.is_pii:
            kind = r.kind.removeprefix("pii:")
            label = self.tr(PII_LABELS.get(kind, kind))
            self.message.setText(
                self.tr("Personal data in the draft: {kind}").replace("{kind}", label)
            )
            self.suggestion.setText(
                self.tr("Check the customer needs to see it; never send card numbers or codes.")
            )
        elif 0 < len(r.span.strip()) <= SPAN_QUOTE_LIMIT:
            # The same problem can occur twice ("L2 ... L3"): the words tell the cards apart.
            self.message.setText(
                self.tr("“{span}”: {message}")
                .replace("{span}", r.span.strip())
                .replace("{message}", r.message)
            )
            self.suggestion.setText(r.suggestion)
        else:
            self.message.setText(r.message)
            self.suggestion.setText(r.suggestion)
        self.suggestion.setVisible(bool(self.suggestion.text()))
        self.message.setAccessibleName(self.message.text())
        self.suggestion.setAccessibleName(self.suggestion.text())
        self.frame.setAccessibleName(self.message.text())
        self.frame.setAccessibleDescription(self.suggestion.text())
        self.apply_button.setText(self.tr("Apply"))
        self.apply_button.setAccessibleName(self.tr("Apply suggestion"))
        self.apply_button.setAccessibleDescription(
            self.tr("Replaces “{span}” with “{new}”")
            .replace("{span}", r.span)
            .replace("{new}", r.rewrite or "")
        )


class DraftWidget(Translatable):
    """The reply box; the panel wires it to DraftController."""

    text_changed = Signal(str)
    copy_requested = Signal()
    copy_anyway_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("draftSection")
        # The must-level underline colour: set by the theme (qproperty- in common.qss), so it
        # stays clearly visible in light and dark alike; the tint behind the words derives from it.
        self._must_colour = QColor("#b3261e")
        self._reminders: list[Reminder] = []
        self.model = ReminderListModel(self)
        self.cards: list[ReminderCard] = []
        self.title = section_title(parent=self)
        self.edit = BoundedPlainTextEdit(self)
        self.edit.setObjectName("draftEdit")
        self.edit.setTabChangesFocus(True)
        self.edit.setMaximumHeight(140)
        self.copy_button = QPushButton(self)
        self.copy_button.setObjectName("copyDraftButton")
        self.cards_box = QWidget(self)
        self.cards_box.setObjectName("reminderList")
        self.cards_layout = QVBoxLayout(self.cards_box)
        self.cards_layout.setContentsMargins(0, 0, 0, 0)
        self.cards_layout.setSpacing(4)
        self.gate = ComplianceGate(self)
        title_row = QHBoxLayout()
        title_row.addWidget(self.title, 1)
        title_row.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(title_row)
        layout.addWidget(self.edit)
        layout.addWidget(self.gate)
        layout.addWidget(self.cards_box)
        self.edit.textChanged.connect(lambda: self.text_changed.emit(self.edit.toPlainText()))
        # A changed draft is judged afresh on the next Copy: the old verdict goes.
        self.edit.textChanged.connect(self.gate.hide)
        self.copy_button.clicked.connect(self.copy_requested)
        self.gate.edit_requested.connect(self.edit_first_problem)
        self.gate.copy_anyway_requested.connect(self.copy_anyway_requested)
        self.model.modelReset.connect(self._rebuild)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Draft"))
        self.edit.setPlaceholderText(self.tr("Write your reply here; nothing is ever sent"))
        self.edit.setAccessibleName(self.tr("Draft reply"))
        self.edit.setAccessibleDescription(
            self.tr("Tone reminders are underlined and listed below; Copy puts it on the clipboard")
        )
        self.copy_button.setText(self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy the draft to the clipboard (Ctrl+Shift+C)"))
        self.copy_button.setAccessibleName(self.tr("Copy draft"))
        self.copy_button.setAccessibleDescription(self.tr("Puts the draft on the clipboard"))
        self.cards_box.setAccessibleName(self.tr("Tone reminders"))
        self.gate.retranslate()
        for reminder_card in self.cards:
            reminder_card.retranslate()

    def _get_must_colour(self) -> QColor:
        return self._must_colour

    def _set_must_colour(self, colour: QColor) -> None:
        self._must_colour = QColor(colour)
        self._underline(self._reminders)

    # camelCase: QSS sets it as qproperty-mustUnderline.
    mustUnderline = Property(QColor, _get_must_colour, _set_must_colour)

    # -- the compliance gate ---------------------------------------------------------------

    def show_blocked(self, kinds: list[str]) -> None:
        self.gate.show_blocked(kinds)

    def show_overridden(self, kinds: list[str]) -> None:
        self.gate.show_overridden(kinds)

    def edit_first_problem(self) -> None:
        """Back to the draft with the cursor at the first must-level problem."""
        self.gate.hide()
        text = self.edit.toPlainText()
        musts = [r for r in self._reminders if r.severity == "must" and r.end > r.start]
        cursor = self.edit.textCursor()
        if musts:
            cursor.setPosition(utf16_offset(text, musts[0].start))
            cursor.setPosition(utf16_offset(text, musts[0].end), QTextCursor.MoveMode.KeepAnchor)
        self.edit.setTextCursor(cursor)
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def text(self) -> str:
        return self.edit.toPlainText()

    def set_text(self, text: str) -> None:
        if text != self.edit.toPlainText():
            self.edit.set_bounded_text(text)

    # -- reminders -------------------------------------------------------------------------

    def show_reminders(self, reminders: list[Reminder]) -> None:
        self._reminders = list(reminders)
        self.model.set_reminders(reminders)
        self._underline(reminders)

    def _rebuild(self) -> None:
        for old in self.cards:
            self.cards_layout.removeWidget(old)
            old.deleteLater()
        self.cards = []
        for row in range(self.model.rowCount()):
            reminder = self.model.index(row, 0).data(ItemRole)
            reminder_card = ReminderCard(reminder, self.cards_box)
            reminder_card.apply_requested.connect(self.apply)
            self.cards_layout.addWidget(reminder_card)
            self.cards.append(reminder_card)

    def _underline(self, reminders: list[Reminder]) -> None:
        text = self.edit.toPlainText()
        selections = []
        palette = self.palette()
        for r in reminders:
            if r.end <= r.start or text[r.start : r.end] != r.span:
                continue  # the text moved on since the analysis; the next one will redo this
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            if r.severity == "must":
                # A rule, not a style note: the theme's "must" colour and a tint behind it.
                fmt.setUnderlineColor(self._must_colour)
                fmt.setBackground(must_tint(self._must_colour))
            else:
                # Colours come from the theme's palette so light and dark both stay readable.
                role = QPalette.ColorRole.Highlight if r.is_pii else QPalette.ColorRole.Link
                fmt.setUnderlineColor(palette.color(role))
            fmt.setToolTip(r.message)
            cursor = QTextCursor(self.edit.document())
            cursor.setPosition(utf16_offset(text, r.start))
            cursor.setPosition(utf16_offset(text, r.end), QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = fmt
            selections.append(selection)
        self.edit.setExtraSelections(selections)

    def underlined(self) -> list[tuple[int, int]]:
        """The underlined spans as (start, end) Qt positions; for tests and accessibility."""
        return [
            (s.cursor.selectionStart(), s.cursor.selectionEnd())
            for s in self.edit.extraSelections()
        ]

    def apply(self, reminder: Reminder) -> bool:
        """Replace the reminder's span with its suggested wording, as one undoable edit."""
        if reminder.rewrite is None:
            return False
        text = self.edit.toPlainText()
        if text[reminder.start : reminder.end] != reminder.span:
            return False  # the agent changed that part since; don't overwrite their words
        cursor = QTextCursor(self.edit.document())
        cursor.setPosition(utf16_offset(text, reminder.start))
        cursor.setPosition(utf16_offset(text, reminder.end), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(reminder.rewrite)
        return True
