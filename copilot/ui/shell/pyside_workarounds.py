"""Guards against a PySide6 6.12.0 bug: on CPython < 3.12 it drops references it does not own
to `None` (every call of a C++ method returning void) and to `True` (every Python-side
`signal.emit()`), so a long-running panel aborts with "Fatal Python error: none_dealloc" or
"bool_dealloc". CPython 3.12+ makes these objects immortal and the bug harmless; PySide6
6.11.3 does not have it (measured: 100 calls of QLabel.setText lower sys.getrefcount(None) by
exactly 100 on 6.12.0 and by 0 on 6.11.3).

The real fix is a PySide6 without the bug (pin `PySide6-Essentials<6.12` or use Python 3.12+).
Until then the guard keeps the three counts far above zero; extra references to these
singletons are harmless, they are never freed anyway.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, QTimer, Signal

# Each count is topped up to this many references: ten million leaked references between two
# checks (one a second) cannot happen.
FLOOR = 10_000_000
CHECK_INTERVAL_MS = 1000
SINGLETONS = (None, True, False)


class _Probe(QObject):
    fired = Signal()


def leaks_singletons() -> bool:
    """True if this PySide6 drops references to None or True (measured, not guessed)."""
    if sys.version_info >= (3, 12):
        return False  # immortal objects: their counts never reach zero
    timer = QTimer()
    probe = _Probe()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(20):
        timer.stop()  # a void C++ method with no side effect on a stopped timer
        probe.fired.emit()  # no receivers: nothing runs
    return sys.getrefcount(None) < none_before - 10 or sys.getrefcount(True) < true_before - 10


def top_up(floor: int = FLOOR) -> int:
    """Raise the counts of None, True and False to at least `floor`; returns how many were added.

    Writes ob_refcnt directly (the first field of every CPython object) instead of calling
    Py_IncRef ten million times. Another thread touching the object between the read and the
    write can skew the count by a few, which the margin absorbs.
    """
    if sys.version_info >= (3, 12):
        return 0
    added = 0
    for obj in SINGLETONS:
        missing = floor - sys.getrefcount(obj)
        if missing > 0:
            ctypes.c_ssize_t.from_address(id(obj)).value += missing
            added += missing
    return added


# The names the first version used (tests and scripts call them).
leaks_none = leaks_singletons
top_up_none = top_up


class RefcountGuard(QObject):
    """Tops up the counts of None, True and False every second while the application runs."""

    def __init__(self, parent: QObject | None = None, *, floor: int = FLOOR) -> None:
        super().__init__(parent)
        self._floor = floor
        top_up(floor)
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_INTERVAL_MS)
        self._timer.timeout.connect(self._check)
        self._timer.start()

    def _check(self) -> None:
        # Restore to the floor once a count has sunk by a tenth, so the write happens rarely.
        if min(sys.getrefcount(obj) for obj in SINGLETONS) < self._floor * 9 // 10:
            top_up(self._floor)


NoneRefcountGuard = RefcountGuard


def install_none_guard(parent: QObject) -> RefcountGuard | None:
    """Install the guard if this PySide6 needs it; None (the value) if it does not."""
    return RefcountGuard(parent) if leaks_singletons() else None
