"""A layout that places short items left to right and wraps them onto the next line, and a
label that elides to one line with its full text in the tooltip."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QLayout, QLayoutItem, QSizePolicy, QWidget

QWIDGETSIZE_MAX = 16_777_215
MAX_WIDEN_STEPS = 24


class FlowLayout(QLayout):
    """Chips in a row that wrap at the column's width (Qt's flow layout example, trimmed).

    An item wider than the whole line gets the line's width, never more: it must wrap or
    elide itself rather than push the panel wider.
    """

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        """As narrow as the narrowest sensible chip: the panel's width decides, not the chips."""
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(QSize(min(item.minimumSize().width(), 120), 0))
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _visible(self) -> list[QLayoutItem]:
        shown = []
        for item in self._items:
            widget = item.widget()
            if widget is None or not widget.isHidden():
                shown.append(item)
        return shown

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        x, y, line_height = area.x(), area.y(), 0
        for item in self._visible():
            width = min(_natural_width(item), area.width())
            height = item.heightForWidth(width) if item.hasHeightForWidth() else -1
            height = height if height > 0 else item.sizeHint().height()
            if x > area.x() and x + width > area.right() + 1:
                x, y, line_height = area.x(), y + line_height + self._spacing, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), QSize(width, height)))
            x += width + self._spacing
            line_height = max(line_height, height)
        return y + line_height - rect.y() + margins.bottom()


def _natural_width(item: QLayoutItem) -> int:
    """How wide the item wants to be on one line.

    A wrapping label's size hint is a "pleasant" block, narrower than its text: as a chip it
    would wrap with room to spare. Its one-line width is the text's plus its frame (the
    style sheet's border and padding show as the gap between its width and contentsRect).
    """
    label = item.widget()
    if not isinstance(label, QLabel) or not label.wordWrap():
        return item.sizeHint().width()
    label.ensurePolished()  # the style sheet's bold and padding count
    metrics = label.fontMetrics()
    text = max((metrics.horizontalAdvance(line) for line in label.text().split("\n")), default=0)
    width = text + label.width() - label.contentsRect().width() + 2 * label.margin()
    # Qt's text layout and the style's box can want a few pixels more than that sum.
    one_line = label.heightForWidth(QWIDGETSIZE_MAX)
    for _ in range(MAX_WIDEN_STEPS):
        if label.heightForWidth(width) <= one_line:
            break
        width += 2
    # A single word never wraps, so heightForWidth cannot tell it is cut; for text that short
    # the size hint is its one-line width.
    return max(width, label.sizeHint().width())


class ElidedLabel(QLabel):
    """One line, elided at the right when narrow; the full text is its tooltip (use it only
    where the full text is also on a page the agent can open)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setProperty("elided", "true")  # the clipping walk checks the tooltip instead
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def setText(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        margins = self.contentsMargins()
        room = self.width() - margins.left() - margins.right() - 2
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, room)
        super().setText(shown)
