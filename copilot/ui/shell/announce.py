"""Tell screen readers about new content (hints, reminders) without moving the keyboard focus."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import QLabel, QWidget

try:  # Qt 6.8+: a real announcement, spoken politely after what the reader is saying now.
    from PySide6.QtGui import QAccessibleAnnouncementEvent
except ImportError:  # pragma: no cover - older PySide6
    QAccessibleAnnouncementEvent = None  # type: ignore[assignment,misc]

LIVE_REGION_NAME = "a11yLiveRegion"
LAST_ANNOUNCEMENT = "lastAnnouncement"


def announce(text: str, source: QObject) -> None:
    """Announce `text` to assistive technology on behalf of `source` (a widget in the window).

    Focus never moves: the agent is usually typing in the helpdesk beside the panel. The text is
    also kept on the window as the `lastAnnouncement` property, so tests can see what was said.
    """
    text = text.strip()
    if not text:
        return
    window = source.window() if isinstance(source, QWidget) else None
    if window is not None:
        window.setProperty(LAST_ANNOUNCEMENT, text)
    if QAccessibleAnnouncementEvent is not None:
        event = QAccessibleAnnouncementEvent(source, text)
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Polite)
        QAccessible.updateAccessibility(event)
        return
    # Fallback: a hidden label acts as a live region; readers speak its new name.
    if window is None:  # pragma: no cover - nothing to hang the live region on
        return
    label = live_region(window)
    label.setText(text)
    label.setAccessibleName(text)
    QAccessible.updateAccessibility(QAccessibleEvent(label, QAccessible.Event.NameChanged))


def live_region(window: QWidget) -> QLabel:
    """The window's hidden live-region label, created on first use."""
    label = window.findChild(QLabel, LIVE_REGION_NAME)
    if label is None:
        label = QLabel(window)
        label.setObjectName(LIVE_REGION_NAME)
        label.hide()
    return label
