"""Does a label's text fit the space its layout gave it? (imported by the layout tests)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

# Rounding in text layout: a pixel either way is not a clipped letter.
SLACK_PX = 1


def _lines(label: QLabel) -> list[str]:
    return label.text().split("\n")


def clipped(label: QLabel) -> str | None:
    """Why `label`'s text does not fit its geometry, or None when it fits.

    A wrapping label needs heightForWidth(its width) and its longest word across; any other
    label needs its widest line across and all its lines down. A label that elides on purpose
    (property elided="true") must carry its full text in the tooltip.
    """
    text = label.text()
    if not text or not label.isVisible():
        return None
    where = f"{label.objectName() or type(label).__name__} {text[:60]!r}"
    if label.property("elided") == "true":
        full = getattr(label, "full_text", label.text)()
        if text != full and label.toolTip() != full:
            return f"{where}: elided without its full text in the tooltip"
        return None
    area = label.contentsRect()
    metrics = label.fontMetrics()
    if label.wordWrap():
        needed = label.heightForWidth(label.width())
        if needed > label.height() + SLACK_PX:
            return f"{where}: needs {needed} px high, has {label.height()} (width {label.width()})"
        longest = max((metrics.horizontalAdvance(w) for w in text.split()), default=0)
        if longest > area.width() + SLACK_PX:
            return f"{where}: a word needs {longest} px across, has {area.width()}"
        return None
    wide = max(metrics.horizontalAdvance(line) for line in _lines(label))
    if wide > area.width() + SLACK_PX:
        return f"{where}: needs {wide} px across, has {area.width()}"
    high = metrics.height() * len(_lines(label))
    if high > area.height() + SLACK_PX:
        return f"{where}: needs {high} px high, has {area.height()}"
    return None


def labels_under(roots: Iterable[QWidget]) -> list[QLabel]:
    """Every visible label inside `roots` (and the roots that are labels)."""
    found: list[QLabel] = []
    for root in roots:
        if isinstance(root, QLabel):
            found.append(root)
        found += root.findChildren(QLabel, options=Qt.FindChildOption.FindChildrenRecursively)
    return [label for label in found if label.isVisible()]


def clipped_labels(roots: Iterable[QWidget]) -> list[str]:
    """Every clipped label under `roots`, described."""
    return [problem for label in labels_under(roots) if (problem := clipped(label))]
