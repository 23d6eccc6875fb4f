"""Shortcuts for the buttons on the panel's cards: pin or dismiss a hint, apply a rewrite, and
mark a promise kept, without reaching for the mouse during a call.

Each acts on the card the focus is in, else on the first such card on its page (hints on Now,
reminders on Draft, promises on Story), and shows that page when another one is in use, so the
keys work from any page and the agent sees what changed. Cards are found by their buttons'
object names, so the shortcuts keep working however often the cards are rebuilt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from copilot.ui.shell.reading_order import reading_order
from copilot.ui.widgets.pages import PageTabs


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


def _on_its_page(button: QAbstractButton, pages: PageTabs | None) -> bool:
    """Shown, or would be if the page it is on were the one in use."""
    if not button.isEnabled():
        return False
    if pages is None or (index := pages.index_of(button)) < 0:
        return button.isVisible()
    return button.isVisibleTo(pages.scrolls[index])


def _holds_pages(widget: QWidget, pages: PageTabs) -> bool:
    """`widget` is the pages, holds them, or is their frame (the tabs, the page stack)."""
    if widget is pages or widget.isAncestorOf(pages):
        return True
    return pages.isAncestorOf(widget) and pages.index_of(widget) < 0


def _card_in_focus(
    root: QWidget, buttons: list[QAbstractButton], pages: PageTabs | None
) -> QAbstractButton | None:
    """The button on the card holding the focus, if the focus is on such a card."""
    # From the focus outwards, the first container holding exactly one such button is the
    # card the agent is on; one holding several is the list, so the focus is on no card.
    # The walk stops at the page's edge: from the find box or another page, the whole panel
    # (or the page stack) holds the one reminder there is, but the focus is on no card of it.
    container = QApplication.focusWidget()
    while container is not None and root.isAncestorOf(container):
        if pages is not None and _holds_pages(container, pages):
            return None
        inside = [b for b in buttons if container is b or container.isAncestorOf(b)]
        if len(inside) == 1:
            return inside[0]
        if len(inside) > 1:
            return None
        container = container.parentWidget()
    return None


def card_button(
    root: QWidget, object_name: str, pages: PageTabs | None = None
) -> QAbstractButton | None:
    """The button a shortcut presses: on the card holding the focus, else the first one on
    its page. That page is shown when it is not (the agent sees what the key changed)."""
    buttons = [b for b in root.findChildren(QAbstractButton, object_name) if _on_its_page(b, pages)]
    if not buttons:
        return None
    focused = _card_in_focus(root, buttons, pages)
    if focused is not None:
        return focused
    if pages is not None:
        on = {pages.index_of(b) for b in buttons} - {-1}
        if on and pages.current() not in on:
            pages.show_page(min(on))
    # Shown now: the first in reading order is the one at the top of the page.
    order = reading_order(root)
    shown = sorted((b for b in buttons if b in order), key=order.index)
    return shown[0] if shown else buttons[0]


class CardShortcuts(QObject):
    """The four card actions of a panel, translated, for the window and the help overlay."""

    def __init__(
        self,
        panel: QWidget,
        report: Callable[[str], object],
        pages: PageTabs | None = None,
    ) -> None:
        super().__init__(panel)
        self._panel = panel
        self._report = report
        self._pages = pages
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
        focus = QApplication.focusWidget()
        button = card_button(self._panel, key.button, self._pages)
        if button is None:
            self._report(_texts()[key.name][2])
            return False
        if self._pages is not None and self._pages.isAncestorOf(button):
            self._pages.reveal(button)
        if focus is not None and not focus.isVisible():
            # Its page gave way to the card's: the keyboard goes with the agent's eyes, not
            # to the top of the window.
            button.setFocus(Qt.FocusReason.ShortcutFocusReason)
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
