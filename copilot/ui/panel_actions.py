"""The side panel's keyboard actions: their names, keys and slots, and their texts.

A table rather than code per action, so the help overlay (F1), the tests that look for clashes
and the panel read the same list. Texts keep the "PanelWidget" translation context they had
when the panel set them itself, so the Indonesian file needs no change.
"""

from __future__ import annotations

from operator import attrgetter
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

# (object name, keys, the panel's slot (dotted: on its part)), in the order F1 lists them.
PANEL_ACTIONS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("actionFind", ("Ctrl+F",), "focus_find"),
    ("actionPasteFind", ("Ctrl+Shift+V",), "paste_and_find"),
    ("actionGotoStory", ("Ctrl+1",), "focus_story"),
    ("actionGotoNow", ("Ctrl+2",), "focus_now"),
    ("actionGotoDraft", ("Ctrl+3",), "focus_draft"),
    ("actionGotoWrapUp", ("Ctrl+4",), "focus_wrapup"),
    ("actionCopyDraft", ("Ctrl+Shift+C",), "copy_draft"),
    ("actionSaveWrapUp", ("Ctrl+Return", "Ctrl+Enter"), "save_wrapup"),
    ("actionShowMore", ("Ctrl+Shift+H",), "story_controller.show_more"),
    ("actionEditRecord", ("Ctrl+Shift+E",), "open_record"),
    ("actionClearFind", ("Esc",), "clear_find"),
)


def make_actions(panel: QWidget) -> dict[str, QAction]:
    """The panel's actions by object name, added to `panel` and connected to its slots."""
    made: dict[str, QAction] = {}
    for name, keys, slot in PANEL_ACTIONS:
        act = QAction(panel)
        act.setObjectName(name)
        act.setShortcuts([QKeySequence(k) for k in keys])
        act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        act.triggered.connect(attrgetter(slot)(panel))
        panel.addAction(act)
        made[name] = act
    # Esc must not close popups or editors elsewhere in the window: only inside the panel.
    made["actionClearFind"].setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    return made


def _tr(text: str) -> str:
    return QCoreApplication.translate("PanelWidget", text)


def action_texts() -> dict[str, tuple[str, str]]:
    """(text, tooltip) of each action, in the UI's language."""
    return {
        "actionFind": (_tr("Find customer"), _tr("Focus the find box")),
        "actionPasteFind": (_tr("Paste && find"), _tr("Look up the identifier on the clipboard")),
        "actionGotoStory": (_tr("Go to the story"), _tr("Jump to the customer's story")),
        "actionGotoNow": (_tr("Go to Now"), _tr("Jump to the customer's message")),
        "actionGotoDraft": (_tr("Go to Draft"), _tr("Jump to your reply")),
        "actionGotoWrapUp": (_tr("Go to Wrap-up"), _tr("Jump to the wrap-up form")),
        "actionCopyDraft": (_tr("Copy draft"), _tr("Put the draft on the clipboard")),
        "actionSaveWrapUp": (_tr("Save wrap-up"), _tr("Log this contact")),
        "actionShowMore": (_tr("Show more history"), _tr("Load older contacts into the timeline")),
        "actionEditRecord": (_tr("Edit record"), _tr("Rename, identifiers, merge")),
        "actionClearFind": (_tr("Clear find"), _tr("Empty the find box")),
    }
