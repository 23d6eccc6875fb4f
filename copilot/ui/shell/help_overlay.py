"""The keyboard help overlay (F1, Ctrl+/): every action of the window and the panel, translated."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


def action_label(action: QAction) -> str:
    """The action's text without mnemonics ("&Copy draft" -> "Copy draft")."""
    return action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")


def shortcut_label(action: QAction) -> str:
    keys = [s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts()]
    return ", ".join(k for k in keys if k)


class HelpOverlay(QWidget):
    """Covers its parent with a card listing shortcuts; Esc, F1 or Close hide it again."""

    def __init__(
        self,
        actions: Callable[[], list[QAction]],
        parent: QWidget,
        *,
        global_note: Callable[[], str] = lambda: "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("helpOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._actions = actions
        self._global_note = global_note
        self.card = QFrame(self)
        self.card.setObjectName("helpCard")
        self.title = QLabel(self.card)
        self.title.setObjectName("helpTitle")
        self.table = QTableWidget(0, 2, self.card)
        self.table.setObjectName("shortcutTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setWordWrap(True)
        # Whole labels, wrapped (a 320 px panel in Indonesian elided half of them), and rows
        # measured again whenever the columns change width: measured before the overlay was
        # laid out, the rows were several lines too tall or too short.
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.note = QLabel(self.card)
        self.note.setObjectName("helpNote")
        self.note.setWordWrap(True)
        self.note.setProperty("muted", True)
        self.close_button = QPushButton(self.card)
        self.close_button.setObjectName("helpClose")
        self.close_button.clicked.connect(self.hide)
        card_layout = QVBoxLayout(self.card)
        card_layout.addWidget(self.title)
        card_layout.addWidget(self.table, 1)
        card_layout.addWidget(self.note)
        card_layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignRight)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 12, 12, 12)
        outer.addWidget(self.card)
        parent.installEventFilter(self)
        self.retranslate()
        self.hide()

    def rows(self) -> list[tuple[str, str]]:
        """(action, shortcut) pairs as shown, for tests and screen readers alike."""
        rows = []
        for r in range(self.table.rowCount()):
            label, keys = self.table.item(r, 0), self.table.item(r, 1)
            rows.append((label.text() if label else "", keys.text() if keys else ""))
        return rows

    def open(self) -> None:
        """Fill from the current actions (texts follow the language) and show on top."""
        self.refresh()
        self._cover_parent()
        self.show()
        self.raise_()
        self.table.resizeRowsToContents()  # now that the columns have their real widths
        # Opened on purpose with F1: moving focus here is what the agent asked for.
        self.table.setFocus()

    def toggle(self) -> None:
        if self.isVisible():
            self.hide()
        else:
            self.open()

    def refresh(self) -> None:
        entries = [(action_label(a), shortcut_label(a)) for a in self._actions()]
        entries = [e for e in entries if e[0] and e[1]] + self.fixed_keys()
        self.table.setRowCount(len(entries))
        for row, (label, keys) in enumerate(entries):
            self.table.setItem(row, 0, QTableWidgetItem(label))
            keys_item = QTableWidgetItem(keys)
            keys_item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 1, keys_item)
        self.table.resizeRowsToContents()
        note = self._global_note()
        self.note.setText(note)
        self.note.setVisible(bool(note))

    def fixed_keys(self) -> list[tuple[str, str]]:
        """Keys that are no action of their own but that the agent needs to know."""
        return [
            (self.tr("Next / previous control, in the order you see them"), "Tab, Shift+Tab"),
            (self.tr("From the find box to the matching customers"), "↓"),
            (self.tr("Open the chosen customer; save a new fact or promise"), "Enter"),
            (self.tr("Close this help"), "Esc, F1"),
        ]

    def retranslate(self) -> None:
        self.title.setText(self.tr("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Keys")])
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.table.setAccessibleDescription(self.tr("Every action of the panel and its keys"))
        self.close_button.setText(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close keyboard help"))
        self.setAccessibleName(self.tr("Keyboard help"))
        if self.isVisible():
            self.refresh()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            event.accept()
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self._cover_parent()
        return super().eventFilter(watched, event)

    def _cover_parent(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
