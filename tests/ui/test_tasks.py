"""TaskRunner: work runs off the GUI thread, results come back on it, stale results are dropped."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot

from copilot.errors import DatabaseLockedError
from copilot.ui.tasks import ProgressRelay, TaskRunner


@pytest.fixture
def runner(qapp: object) -> Iterator[TaskRunner]:
    r = TaskRunner()
    yield r
    r.shutdown()


def test_op_runs_on_a_worker_and_result_arrives_on_gui_thread(runner: TaskRunner) -> None:
    gui_thread = QThread.currentThread()
    seen: dict[str, object] = {}

    def op() -> int:
        seen["op_thread"] = QThread.currentThread()
        return 41 + 1

    def done(value: int) -> None:
        seen["value"] = value
        seen["done_thread"] = QThread.currentThread()

    runner.submit(op, done)
    assert runner.wait_idle(5_000)
    assert seen["value"] == 42
    assert seen["op_thread"] is not gui_thread
    assert seen["done_thread"] is gui_thread


def test_error_goes_to_on_error(runner: TaskRunner) -> None:
    errors: list[BaseException] = []

    def op() -> None:
        raise DatabaseLockedError("locked")

    runner.submit(op, lambda _: pytest.fail("on_done must not run"), errors.append)
    assert runner.wait_idle(5_000)
    assert len(errors) == 1
    assert isinstance(errors[0], DatabaseLockedError)


def test_unhandled_error_is_emitted_as_failed(runner: TaskRunner, qtbot: QtBot) -> None:
    def op() -> None:
        raise OSError(28, "No space left on device")

    with qtbot.waitSignal(runner.failed, timeout=5_000) as blocker:
        runner.submit(op, lambda _: None)
    assert isinstance(blocker.args[0], OSError)


def test_callback_exception_is_emitted_as_failed_not_raised(
    runner: TaskRunner, qtbot: QtBot
) -> None:
    def bad_callback(_: object) -> None:
        raise ValueError("widget gone")

    with qtbot.waitSignal(runner.failed, timeout=5_000) as blocker:
        runner.submit(lambda: 1, bad_callback)
    assert isinstance(blocker.args[0], ValueError)


def test_newer_submit_with_same_key_drops_older_result(runner: TaskRunner) -> None:
    release = threading.Event()
    started = threading.Event()
    delivered: list[str] = []

    def slow() -> str:
        started.set()
        release.wait(5)
        return "old"

    runner.submit(slow, delivered.append, key="find")
    assert started.wait(5)  # the old task is running, so it cannot be taken off the queue
    runner.submit(lambda: "new", delivered.append, key="find")
    release.set()
    assert runner.wait_idle(5_000)
    assert delivered == ["new"]


def test_queued_task_with_stale_key_never_runs(qapp: object) -> None:
    single = TaskRunner(max_threads=1)
    release = threading.Event()
    ran: list[str] = []
    try:
        single.submit(lambda: release.wait(5), lambda _: None)  # occupies the only thread
        single.submit(lambda: ran.append("first"), lambda _: None, key="now")
        single.submit(lambda: ran.append("second"), lambda _: None, key="now")
        release.set()
        assert single.wait_idle(5_000)
        assert ran == ["second"]
    finally:
        single.shutdown()


def test_different_keys_do_not_interfere(runner: TaskRunner) -> None:
    delivered: list[str] = []
    runner.submit(lambda: "a", delivered.append, key="find")
    runner.submit(lambda: "b", delivered.append, key="now")
    runner.submit(lambda: "c", delivered.append)
    assert runner.wait_idle(5_000)
    assert sorted(delivered) == ["a", "b", "c"]


def test_busy_changed_reports_start_and_end(runner: TaskRunner, qtbot: QtBot) -> None:
    states: list[bool] = []
    runner.busy_changed.connect(states.append)
    runner.submit(lambda: None, lambda _: None)
    assert runner.is_busy()
    assert runner.wait_idle(5_000)
    assert not runner.is_busy()
    assert states == [True, False]


def test_shutdown_discards_results_and_refuses_new_work(qapp: object) -> None:
    r = TaskRunner()
    delivered: list[int] = []
    r.submit(lambda: 1, delivered.append)
    assert r.shutdown(5_000)
    r.submit(lambda: 2, delivered.append)
    assert r.wait_idle(1_000)
    assert delivered == []


def test_progress_relay_delivers_on_gui_thread(runner: TaskRunner, qtbot: QtBot) -> None:
    relay = ProgressRelay()
    seen: list[tuple[int, int, bool]] = []
    gui = QThread.currentThread()
    relay.progressed.connect(lambda d, t: seen.append((d, t, QThread.currentThread() is gui)))

    def op() -> None:
        for i in range(3):
            relay.report(i + 1, 3)

    runner.submit(op, lambda _: None)
    assert runner.wait_idle(5_000)
    qtbot.waitUntil(lambda: len(seen) == 3, timeout=5_000)
    assert seen == [(1, 3, True), (2, 3, True), (3, 3, True)]


class _Payload:
    """Stands for what a task's closures capture in the panel (a story, an analysis)."""


def _alive(refs: list[weakref.ref[_Payload]]) -> int:
    gc.collect()
    return sum(1 for ref in refs if ref() is not None)


def test_finished_tasks_release_what_they_captured(runner: TaskRunner) -> None:
    # A QRunnable handed to QThreadPool.start stays referenced by PySide6 with its closure:
    # a panel open for days grew by every story and analysis it ever loaded.
    refs: list[weakref.ref[_Payload]] = []
    results: list[int] = []
    for n in range(200):
        captured, returned = _Payload(), _Payload()
        refs += [weakref.ref(captured), weakref.ref(returned)]
        runner.submit(
            lambda c=captured, r=returned: (c, r),
            lambda pair, n=n: results.append(n) if pair else None,
            lambda _exc, c=captured: c,
            key="find" if n % 2 else None,
        )
        del captured, returned
    assert runner.wait_idle(10_000)
    assert results  # the work really ran and was delivered
    assert _alive(refs) == 0


def test_cancelled_and_failed_tasks_release_what_they_captured(qapp: object) -> None:
    single = TaskRunner(max_threads=1)
    release = threading.Event()
    refs: list[weakref.ref[_Payload]] = []
    try:
        single.submit(lambda: release.wait(5), lambda _: None)  # keeps the rest queued
        for _ in range(50):
            captured = _Payload()
            refs.append(weakref.ref(captured))
            single.submit(lambda c=captured: c, lambda _: None, key="now")  # all but one stale

            def boom(c: _Payload = captured) -> None:
                raise DatabaseLockedError(f"locked {id(c)}")

            single.submit(boom, lambda _: None, lambda _exc: None)
            del captured, boom
        release.set()
        assert single.wait_idle(10_000)
        assert _alive(refs) == 0
    finally:
        single.shutdown()
