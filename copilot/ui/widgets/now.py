"""Now: the customer's latest message, with hint and signal cards beside it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from copilot.ui.controllers.items import HintItem
from copilot.ui.models import HintListModel, ItemRole, hint_description
from copilot.ui.widgets.common import (
    BoundedPlainTextEdit,
    Translatable,
    card,
    section_title,
    wrapping_label,
)
from copilot.ui.widgets.flow import FlowLayout
from copilot.ui.widgets.industry import industry_names


class HintCard(QWidget):
    """One hint or signal: severity, title and why it fired; the text, the reason and the
    checklist open on demand (compulsory "must" hints open by default), so a few cards fit
    beside the conversation instead of a wall of text."""

    pin_toggled = Signal(str, bool)  # id, pinned
    dismissed = Signal(str)

    def __init__(self, item: HintItem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.frame = card("hintCard", self, severity=item.severity, kind=item.kind)
        self.frame.setProperty("pinned", "true" if item.pinned else "false")
        self.severity = QLabel(self.frame)
        self.severity.setObjectName("severityBadge")
        self.severity.setProperty("severity", item.severity)
        self.title = wrapping_label(item.title, object_name="hintTitle", parent=self.frame)
        self.why = wrapping_label(object_name="hintWhy", parent=self.frame)
        # Which pack spoke: with the campaign on General it changes from message to message.
        self.pack = QLabel(self.frame)
        self.pack.setObjectName("hintPack")
        self.pack.setVisible(bool(item.pack))
        self.details = QWidget(self.frame)
        self.details.setObjectName("hintDetails")
        self.text = wrapping_label(item.text, object_name="hintText", parent=self.details)
        self.text.setVisible(bool(item.text))
        self.reason = wrapping_label(item.reason, object_name="hintReason", parent=self.details)
        self.reason.setVisible(bool(item.reason))
        self.checklist = wrapping_label(
            "\n".join(f"• {step}" for step in item.checklist),
            object_name="hintChecklist",
            parent=self.details,
        )
        self.checklist.setVisible(bool(item.checklist))
        details_layout = QVBoxLayout(self.details)
        details_layout.setContentsMargins(0, 0, 0, 0)
        details_layout.setSpacing(2)
        details_layout.addWidget(self.text)
        details_layout.addWidget(self.checklist)
        details_layout.addWidget(self.reason)
        has_details = bool(item.text or item.reason or item.checklist)
        self.details.setVisible(has_details and item.severity == "must")

        self.more_button = QToolButton(self.frame)
        self.more_button.setObjectName("hintMoreButton")
        self.more_button.setAutoRaise(True)
        self.more_button.setCheckable(True)
        self.more_button.setChecked(self.details.isVisibleTo(self.frame))
        self.more_button.setVisible(has_details)
        self.pin_button = QToolButton(self.frame)
        self.pin_button.setObjectName("pinHintButton")
        self.pin_button.setAutoRaise(True)
        self.pin_button.setCheckable(True)
        self.pin_button.setChecked(item.pinned)
        self.dismiss_button = QToolButton(self.frame)
        self.dismiss_button.setObjectName("dismissHintButton")
        self.dismiss_button.setAutoRaise(True)

        badges = QVBoxLayout()  # the pack under the severity: the title keeps its width
        badges.setSpacing(0)
        badges.addWidget(self.severity)
        badges.addWidget(self.pack)
        badges.addStretch(1)
        top = QHBoxLayout()
        top.setSpacing(6)
        top.addLayout(badges)
        top.addWidget(self.title, 1)
        inner = QVBoxLayout(self.frame)
        inner.setContentsMargins(6, 4, 4, 2)
        inner.setSpacing(2)
        inner.addLayout(top)
        inner.addWidget(self.details)
        inner.addWidget(self._why_and_buttons())
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.frame)

        self.more_button.toggled.connect(self._toggle_details)
        self.pin_button.toggled.connect(lambda on: self.pin_toggled.emit(self.item.id, on))
        self.dismiss_button.clicked.connect(lambda: self.dismissed.emit(self.item.id))
        self.retranslate()

    def _why_and_buttons(self) -> QWidget:
        """ "Why" and the buttons flow: a short why shares the line with them, a long one gets
        the line to itself (beside fixed buttons it was squeezed to a word per line, and at
        320 px with large text the buttons pushed the card past the panel's edge)."""
        actions = QWidget(self.frame)
        actions.setObjectName("hintActions")
        group = QWidget(actions)  # the three buttons wrap together, never one by one
        group.setObjectName("hintActions")
        row = QHBoxLayout(group)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        for button in (self.more_button, self.pin_button, self.dismiss_button):
            row.addWidget(button)
        flow = FlowLayout(actions, spacing=4)
        flow.addWidget(self.why)
        flow.addWidget(group)
        return actions

    def _toggle_details(self, on: bool) -> None:
        self.details.setVisible(on)
        self.retranslate()

    def retranslate(self) -> None:
        labels = {"must": self.tr("Must"), "should": self.tr("Should"), "tip": self.tr("Tip")}
        self.severity.setText(labels.get(self.item.severity, self.item.severity))
        self.severity.setAccessibleName(self.tr("Severity"))
        if self.item.pack:
            name = industry_names().get(self.item.pack, self.item.pack)
            self.pack.setText(name)
            self.pack.setAccessibleName(self.tr("From the {pack} pack").replace("{pack}", name))
        if self.item.why:
            self.why.setText(self.tr("Why: {words}").replace("{words}", ", ".join(self.item.why)))
        else:
            self.why.setText("")
        self.frame.setAccessibleName(self.item.title)
        self.frame.setAccessibleDescription(hint_description(self.item))
        expanded = self.more_button.isChecked()
        self.more_button.setText(self.tr("Less") if expanded else self.tr("More"))
        self.more_button.setAccessibleName(
            (
                self.tr("Hide details: {title}") if expanded else self.tr("Show details: {title}")
            ).replace("{title}", self.item.title)
        )
        self.more_button.setAccessibleDescription(
            self.tr("What to do, the checklist and why it matters")
        )
        self.pin_button.setText(self.tr("Unpin") if self.item.pinned else self.tr("Pin"))
        self.pin_button.setAccessibleName(
            (
                self.tr("Unpin hint: {title}") if self.item.pinned else self.tr("Pin hint: {title}")
            ).replace("{title}", self.item.title)
        )
        self.pin_button.setAccessibleDescription(
            self.tr("Pinned hints stay for this contact even when the message changes")
        )
        self.dismiss_button.setText(self.tr("Dismiss"))
        self.dismiss_button.setAccessibleName(
            self.tr("Dismiss hint: {title}").replace("{title}", self.item.title)
        )
        self.dismiss_button.setAccessibleDescription(
            self.tr("Hides this hint for the rest of this contact")
        )
        for label in (self.title, self.text, self.why, self.reason, self.checklist):
            label.setAccessibleName(label.text())


class HintCardList(QWidget):
    """Renders the rows of a HintListModel as cards (real buttons, readable by screen readers)."""

    pin_toggled = Signal(str, bool)
    dismissed = Signal(str)

    def __init__(self, model: HintListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hintList")
        self.model = model
        self.cards: list[HintCard] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        model.modelReset.connect(self.rebuild)
        self.rebuild()

    def rebuild(self) -> None:
        for old in self.cards:
            self._layout.removeWidget(old)
            old.deleteLater()
        self.cards = []
        for row in range(self.model.rowCount()):
            item = self.model.index(row, 0).data(ItemRole)
            hint_card = HintCard(item, self)
            hint_card.pin_toggled.connect(self.pin_toggled)
            hint_card.dismissed.connect(self.dismissed)
            self._layout.addWidget(hint_card)
            self.cards.append(hint_card)

    def retranslate(self) -> None:
        for hint_card in self.cards:
            hint_card.retranslate()


class NowWidget(Translatable):
    """The customer's message box and its cards; the panel wires it to NowController."""

    text_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("nowSection")
        self.model = HintListModel(self)
        self.title = section_title(parent=self)
        self.edit = BoundedPlainTextEdit(self)
        self.edit.setObjectName("nowEdit")
        self.edit.setTabChangesFocus(True)
        self.edit.setMaximumHeight(110)
        self.cards = HintCardList(self.model, self)
        self.empty = wrapping_label(object_name="emptyHints", parent=self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.edit)
        layout.addWidget(self.empty)
        layout.addWidget(self.cards)
        self.edit.textChanged.connect(lambda: self.text_changed.emit(self.edit.toPlainText()))
        self.model.modelReset.connect(self._update_empty)
        self.retranslate()
        self._update_empty()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Now"))
        self.edit.setPlaceholderText(self.tr("Paste or type the customer's latest message"))
        self.edit.setAccessibleName(self.tr("Customer's latest message"))
        self.edit.setAccessibleDescription(
            self.tr("Hints and customer signals appear below as you type")
        )
        self.cards.setAccessibleName(self.tr("Hints"))
        self.empty.setText(self.tr("Hints for this message appear here."))
        self.empty.setAccessibleName(self.tr("No hints"))
        self.cards.retranslate()

    def show_items(self, items: list[HintItem]) -> None:
        self.model.set_items(items)

    def _update_empty(self) -> None:
        self.empty.setVisible(self.model.rowCount() == 0)

    def text(self) -> str:
        return self.edit.toPlainText()
