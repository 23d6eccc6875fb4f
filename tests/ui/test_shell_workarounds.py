"""The None/True/False reference-count guard for PySide6 6.12.0 on CPython 3.11."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, QTimer, Signal

from copilot.ui.shell.pyside_workarounds import NoneRefcountGuard, leaks_none, top_up, top_up_none

pytestmark = pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal")


def test_top_up_restores_none_after_many_void_calls() -> None:
    top_up_none(5_000_000)
    timer = QTimer()
    for _ in range(50_000):
        timer.stop()  # drops a reference to None per call on the buggy PySide6
    assert sys.getrefcount(None) >= 5_000_000 - 50_000 - 100
    top_up_none(5_000_000)
    assert sys.getrefcount(None) >= 5_000_000


def test_top_up_never_lowers_the_count() -> None:
    top_up_none(6_000_000)
    assert top_up_none(10) == 0
    assert sys.getrefcount(None) >= 6_000_000


def test_guard_is_a_noop_when_the_bug_is_absent() -> None:
    # Whatever this PySide6 does, leaks_none() measures it rather than trusting a version.
    assert isinstance(leaks_none(), bool)
    guard = NoneRefcountGuard(floor=7_000_000)
    assert sys.getrefcount(None) >= 7_000_000
    guard.deleteLater()


class _Emitter(QObject):
    happened = Signal(bool)


def test_top_up_also_restores_true_after_many_emits() -> None:
    top_up(5_000_000)
    emitter = _Emitter()
    for _ in range(20_000):
        emitter.happened.emit(False)  # drops a reference to True per emit on the buggy PySide6
    assert sys.getrefcount(True) >= 5_000_000 - 20_000 - 100
    top_up(5_000_000)
    assert min(sys.getrefcount(o) for o in (None, True, False)) >= 5_000_000
