"""Tab and Shift+Tab follow what the agent sees: top to bottom, and left to right in a row.

Qt's focus chain is the order widgets were created in. The panel builds its header after the
panel, and rebuilds hint cards, reminders, facts and promises as the contact goes on, so their
buttons ended up after the wrap-up's Save. The order is worked out when Tab is pressed, from
where the controls are on screen, so it holds whatever was rebuilt and however the sections are
laid out.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QScrollArea,
    QWidget,
)

# Parts drawn inside another control (a combo's line edit, a date edit's text) take focus
# through their owner.
_COMPOSITES = (QComboBox, QAbstractSpinBox, QAbstractItemView, QLineEdit)


def _is_internal_part(widget: QWidget, root: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, _COMPOSITES):
            return True
        parent = parent.parentWidget()
    return False


def _takes_tab(widget: QWidget, root: QWidget) -> bool:
    return (
        bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        and widget.isVisible()
        and widget.isEnabled()
        and widget.focusProxy() is None
        # A scroll area is a container, not a control: stopping on it does nothing.
        and not isinstance(widget, QScrollArea)
        and not _is_internal_part(widget, root)
    )


def _page_position(widget: QWidget, root: QWidget) -> QPoint:
    """Where `widget` is on the page as laid out, as if no scroll area had scrolled: the
    order must not change because the agent scrolled to the wrap-up."""
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        content = parent.widget() if isinstance(parent, QScrollArea) else None
        if (
            isinstance(parent, QScrollArea)
            and content is not None
            and (content is widget or content.isAncestorOf(widget))
        ):
            inner = widget.mapTo(content, QPoint(0, 0))
            return _page_position(parent.viewport(), root) + inner
        parent = parent.parentWidget()
    return widget.mapTo(root, QPoint(0, 0))


def _rect_in(widget: QWidget, root: QWidget) -> QRect:
    return QRect(_page_position(widget, root), widget.size())


def reading_order(root: QWidget) -> list[QWidget]:
    """The controls under `root` that Tab stops at, in the order the agent reads them."""
    placed = [(_rect_in(w, root), w) for w in root.findChildren(QWidget) if _takes_tab(w, root)]
    placed.sort(key=lambda item: (item[0].center().y(), item[0].x()))
    rows: list[list[tuple[QRect, QWidget]]] = []
    for rect, widget in placed:
        # Same row: its middle lies within the first control of the row (a button beside a
        # taller text box, a date beside a line edit).
        if rows and rows[-1][0][0].top() <= rect.center().y() <= rows[-1][0][0].bottom():
            rows[-1].append((rect, widget))
        else:
            rows.append([(rect, widget)])
    return [widget for row in rows for _rect, widget in sorted(row, key=lambda i: i[0].x())]


def next_in_reading_order(root: QWidget, forward: bool = True) -> QWidget | None:
    """The control Tab (or Shift+Tab) moves to from the focused one; None if there is none."""
    order = reading_order(root)
    if not order:
        return None
    focus: QWidget | None = root.focusWidget()
    current = None
    while focus is not None and focus is not root:
        if focus in order:
            current = order.index(focus)
            break
        focus = focus.parentWidget()  # an internal part: its owner's place in the order
    if current is None:
        return order[0] if forward else order[-1]
    return order[(current + (1 if forward else -1)) % len(order)]


def move_focus(root: QWidget, forward: bool = True) -> bool:
    """Focus the next control in reading order and scroll it into view; False if none."""
    target = next_in_reading_order(root, forward)
    if target is None:
        return False
    reason = Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
    target.setFocus(reason)
    parent = target.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(target, 8, 8)
        parent = parent.parentWidget()
    return True
