"""Shortcuts for the buttons on the panel's cards: pin or dismiss a hint, apply a rewrite, and
mark a promise kept, without reaching for the mouse during a call.

Each acts on the card the focus is in, else on the first such card on screen (in reading
order). Cards are found by their buttons' object names, so the shortcuts keep working however
the sections are laid out and however often the cards are rebuilt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from copilot.ui.shell.reading_order import reading_order


@dataclass(frozen=True)
class CardKey:
    """One shortcut: its action's object name, keys and the button it presses."""

    name: str
    keys: str
    button: str  # the objectName of the button on each card


# Ctrl+Shift with a letter: free in text boxes (Ctrl+D, Ctrl+K and Ctrl+Shift+Z edit text on
# some platforms), in the window's and the panel's own shortcuts, and in common helpdesks.
CARD_KEYS = (
    CardKey("actionPinHint", "Ctrl+Shift+P", "pinHintButton"),
    CardKey("actionDismissHint", "Ctrl+Shift+D", "dismissHintButton"),
    CardKey("actionApplyRewrite", "Ctrl+Shift+A", "applySuggestionButton"),
    CardKey("actionPromiseKept", "Ctrl+Shift+K", "commitmentDoneButton"),
)


def _texts() -> dict[str, tuple[str, str, str]]:
    """(action text, tooltip, what the status line says when there is nothing to act on)."""
    return {
        "actionPinHint": (
            QCoreApplication.translate("CardShortcuts", "Pin or unpin a hint"),
            QCoreApplication.translate("CardShortcuts", "The hint you are on, else the first one"),
            QCoreApplication.translate("CardShortcuts", "No hint to pin"),
        ),
        "actionDismissHint": (
            QCoreApplication.translate("CardShortcuts", "Dismiss a hint"),
            QCoreApplication.translate("CardShortcuts", "The hint you are on, else the first one"),
            QCoreApplication.translate("CardShortcuts", "No hint to dismiss"),
        ),
        "actionApplyRewrite": (
            QCoreApplication.translate("CardShortcuts", "Apply a suggested rewrite"),
            QCoreApplication.translate(
                "CardShortcuts", "The reminder you are on, else the first one with Apply"
            ),
            QCoreApplication.translate("CardShortcuts", "No suggestion to apply"),
        ),
        "actionPromiseKept": (
            QCoreApplication.translate("CardShortcuts", "Mark a promise kept"),
            QCoreApplication.translate(
                "CardShortcuts", "The promise you are on, else the first open one"
            ),
            QCoreApplication.translate("CardShortcuts", "No open promise"),
        ),
    }


def card_button(root: QWidget, object_name: str) -> QAbstractButton | None:
    """The button a shortcut presses: on the card holding the focus, else the first shown."""
    shown = [
        w
        for w in reading_order(root)
        if isinstance(w, QAbstractButton) and w.objectName() == object_name
    ]
    if not shown:
        return None
    # From the focus outwards, the first container holding exactly one such button is the
    # card the agent is on; one holding several is the list, so the focus is on no card.
    container = QApplication.focusWidget()
    while container is not None and root.isAncestorOf(container):
        inside = [b for b in shown if container is b or container.isAncestorOf(b)]
        if len(inside) == 1:
            return inside[0]
        if len(inside) > 1:
            break
        container = container.parentWidget()
    return shown[0]


class CardShortcuts(QObject):
    """The four card actions of a panel, translated, for the window and the help overlay."""

    def __init__(self, panel: QWidget, report: Callable[[str], object]) -> None:
        super().__init__(panel)
        self._panel = panel
        self._report = report
        self.actions: list[QAction] = []
        for key in CARD_KEYS:
            action = QAction(panel)
            action.setObjectName(key.name)
            action.setShortcut(QKeySequence(key.keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _checked=False, key=key: self.press(key))
            panel.addAction(action)
            self.actions.append(action)
        panel.installEventFilter(self)
        self.retranslate()

    def press(self, key: CardKey) -> bool:
        """Press `key`'s button on the card in question; say so when there is none."""
        button = card_button(self._panel, key.button)
        if button is None:
            self._report(_texts()[key.name][2])
            return False
        button.click()
        return True

    def retranslate(self) -> None:
        texts = _texts()
        for action in self.actions:
            text, tip, _none = texts[action.objectName()]
            action.setText(text)
            action.setToolTip(tip)
            action.setStatusTip(tip)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._panel and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return super().eventFilter(watched, event)
