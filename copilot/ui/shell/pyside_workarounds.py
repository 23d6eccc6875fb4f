"""Guards against a PySide6 6.12.0 bug: on CPython < 3.12 every call to a C++ method returning
void drops one reference to `None`, so a long-running panel eventually aborts with
"Fatal Python error: none_dealloc". (CPython 3.12+ makes None immortal; the bug is harmless.)

Measured here: 100 calls of QLabel.setText, QCoreApplication.processEvents, QAccessible.
updateAccessibility, ... each lower sys.getrefcount(None) by exactly 100. A panel typing at
agent speed makes thousands of such calls a minute. The real fix is a PySide6 without the bug;
until then the guard keeps None's count far above zero. Extra references to None are harmless.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, QTimer

# None's count is topped up to this many references; ten million void calls between checks
# (one a second) cannot happen.
NONE_FLOOR = 10_000_000
CHECK_INTERVAL_MS = 1000


def leaks_none() -> bool:
    """True if this PySide6 drops a reference to None on a void call (checked, not guessed)."""
    if sys.version_info >= (3, 12):
        return False  # None is immortal: its count never reaches zero
    timer = QTimer()
    before = sys.getrefcount(None)
    for _ in range(20):
        timer.stop()  # a void C++ method with no side effect on a stopped timer
    return sys.getrefcount(None) < before - 10


def top_up_none(floor: int = NONE_FLOOR) -> int:
    """Raise None's reference count to at least `floor`; returns how many were added.

    Writes ob_refcnt directly (the first field of every CPython object) instead of calling
    Py_IncRef ten million times. Another thread touching None between the read and the write
    can skew the count by a few, which the margin absorbs.
    """
    if sys.version_info >= (3, 12):
        return 0
    missing = floor - sys.getrefcount(None)
    if missing <= 0:
        return 0
    ctypes.c_ssize_t.from_address(id(None)).value += missing
    return missing


class NoneRefcountGuard(QObject):
    """Tops up None's reference count every second while the application runs."""

    def __init__(self, parent: QObject | None = None, *, floor: int = NONE_FLOOR) -> None:
        super().__init__(parent)
        self._floor = floor
        top_up_none(floor)
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_INTERVAL_MS)
        self._timer.timeout.connect(self._check)
        self._timer.start()

    def _check(self) -> None:
        # Restore to the floor once it has sunk by a tenth, so the loop runs rarely.
        if sys.getrefcount(None) < self._floor * 9 // 10:
            top_up_none(self._floor)


def install_none_guard(parent: QObject) -> NoneRefcountGuard | None:
    """Install the guard if this PySide6 needs it; None (the value) if it does not."""
    return NoneRefcountGuard(parent) if leaks_none() else None
