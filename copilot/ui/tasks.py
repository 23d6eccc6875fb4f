"""Run blocking work (database, analysis) off the GUI thread and deliver results on it.

The pattern is Anki's `QueryOp`: `op` runs on a worker thread and must never touch a widget;
its result (or exception) travels back to the GUI thread through a queued signal, where
`on_done` / `on_error` run and may update widgets freely.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import (
    QCoreApplication,
    QDeadlineTimer,
    QEvent,
    QObject,
    Qt,
    QThreadPool,
    Signal,
    SignalInstance,
    Slot,
)

T = TypeVar("T")

log = logging.getLogger(__name__)

# Enough for a lookup, an analysis and a save to overlap; SQLite serialises writers anyway,
# and the desk machines have few cores shared with the helpdesk and the soft-phone.
DEFAULT_MAX_THREADS = 3


@dataclass
class _Task:
    """One submitted operation, where its outcome goes, and whether it may still start."""

    id: int
    op: Callable[[], Any]
    on_done: Callable[[Any], None]
    on_error: Callable[[BaseException], None] | None
    key: str | None
    # Set on the GUI thread when a newer task with the same key arrives; read by the worker
    # before it starts (a bool store is atomic under the GIL, so no lock is needed).
    cancelled: bool = False


def _work(task: _Task, finished: SignalInstance) -> Callable[[], None]:
    """The callable a pool thread runs for `task`.

    A plain callable, not a QRunnable: PySide6 (6.11) keeps a reference to every QRunnable
    handed to `QThreadPool.start`, whatever `setAutoDelete` says, and with it everything the
    task's closures captured (a story, an analysis): about 22 MB per 1,000 contacts in a day's
    soak. A callable is released once it has run.
    """

    def run() -> None:
        if task.cancelled:
            # A newer task with the same key replaced this one before it started.
            _emit(finished, task.id, None, None)
            return
        result: Any = None
        error: BaseException | None = None
        try:
            result = task.op()
        except BaseException as exc:  # every failure must reach the GUI thread
            error = exc
        _emit(finished, task.id, result, error)

    return run


def _emit(finished: SignalInstance, task_id: int, result: object, error: object) -> None:
    try:
        # Emitting from the worker thread is safe: the connection is queued, so the slot runs
        # later on the thread that owns the runner (the GUI thread).
        finished.emit(task_id, result, error)
    except RuntimeError:
        # The runner was destroyed while this task ran (application shutting down); there is
        # nobody left to tell.
        log.debug("task %s finished after its runner was deleted", task_id)


class TaskRunner(QObject):
    """Submit callables to a private thread pool; get their results back on the GUI thread.

    `submit(op, on_done, on_error=None, key=...)`: a newer submit with the same `key` makes
    the older ones stale: an older task that has not started yet never runs its `op`, and
    one already running has its result dropped. Errors without an `on_error`, and errors
    raised by the callbacks themselves, are emitted as `failed(exception)`.
    """

    failed = Signal(object)
    # Emitted when the number of tasks in flight goes from 0 to >0 (True) and back (False),
    # so a window can show a quiet "working" indicator.
    busy_changed = Signal(bool)

    _finished = Signal(int, object, object)

    def __init__(self, parent: QObject | None = None, *, max_threads: int = DEFAULT_MAX_THREADS):
        super().__init__(parent)
        # A private pool, not QThreadPool.globalInstance(): wait_idle() then waits for our
        # tasks only, and other code using the global pool cannot starve the panel.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max(1, max_threads))
        self._ids = itertools.count(1)
        self._in_flight: dict[int, _Task] = {}
        self._latest_for_key: dict[str, int] = {}
        self._closed = False
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    # -- public API ------------------------------------------------------------------------

    def submit(
        self,
        op: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None] | None = None,
        *,
        key: str | None = None,
    ) -> int:
        """Run `op` on a worker thread; call `on_done(result)` or `on_error(exc)` on this thread.

        Returns a task id (useful in logs and tests). After `shutdown()` nothing runs.
        """
        task_id = next(self._ids)
        if self._closed:
            return task_id
        task = _Task(task_id, op, on_done, on_error, key)
        if key is not None:
            previous = self._latest_for_key.get(key)
            self._latest_for_key[key] = task_id
            if previous is not None:
                self._cancel(previous)
        was_idle = not self._in_flight
        self._in_flight[task_id] = task
        self._pool.start(_work(task, self._finished))
        if was_idle:
            self.busy_changed.emit(True)
        return task_id

    def is_busy(self) -> bool:
        """True while any submitted task has not yet been delivered (or dropped)."""
        return bool(self._in_flight)

    def wait_idle(self, ms: int = 30_000) -> bool:
        """Block until every task has run and its callbacks have been delivered.

        For tests and shutdown, called on the GUI thread: results queued for this runner are
        delivered here, so callers can assert on them right after. Returns False on timeout.
        """
        deadline = QDeadlineTimer(ms)
        while self._in_flight:
            remaining = deadline.remainingTime()
            if remaining == 0:
                return False
            self._pool.waitForDone(remaining if remaining > 0 else -1)
            # Deliver the queued _finished signals (posted to this object as meta-calls);
            # callbacks may submit more work, hence the loop.
            QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall)
        return True

    def shutdown(self, ms: int = 5_000) -> bool:
        """Refuse new work, drop queued tasks, and wait for running ones (results discarded)."""
        self._closed = True
        self._pool.clear()
        finished = self._pool.waitForDone(ms)
        was_busy = bool(self._in_flight)
        # Results still posted for delivery find nothing in _in_flight and are ignored.
        self._in_flight.clear()
        self._latest_for_key.clear()
        if was_busy:
            self.busy_changed.emit(False)
        return finished

    # -- internals ---------------------------------------------------------------------------

    def _cancel(self, task_id: int) -> None:
        task = self._in_flight.get(task_id)
        if task is None:
            return
        # A task that has not started yet skips its op when its turn comes, which keeps the
        # pool free while the agent is still typing; one already running finishes and has
        # its result dropped on delivery (it is stale). Both stay in flight until then, so
        # wait_idle() and busy_changed still cover the work that is really running.
        task.cancelled = True

    @Slot(int, object, object)
    def _deliver(self, task_id: int, result: object, error: object) -> None:
        task = self._in_flight.get(task_id)
        if task is None:  # already cancelled or the runner was shut down
            return
        self._forget(task_id)
        if task.key is not None:
            if self._latest_for_key.get(task.key) != task_id:
                return  # stale: a newer submit with the same key is on its way
            del self._latest_for_key[task.key]
        try:
            if error is None:
                task.on_done(result)
            elif task.on_error is not None:
                assert isinstance(error, BaseException)
                task.on_error(error)
            else:
                self.failed.emit(error)
        except Exception as exc:  # a callback must never raise into Qt
            log.exception("task %s callback failed", task_id)
            self.failed.emit(exc)

    def _forget(self, task_id: int) -> None:
        self._in_flight.pop(task_id, None)
        if not self._in_flight:
            self.busy_changed.emit(False)


class ProgressRelay(QObject):
    """Carries progress from a worker thread to the GUI thread.

    Give `relay.report` to the operation (e.g. `demo.generate(..., progress=relay.report)`);
    `progressed(done, total)` is then emitted on the GUI thread because the relay lives there
    and signals crossing threads are queued.
    """

    progressed = Signal(int, int)

    def report(self, done: int, total: int = 0) -> None:
        self.progressed.emit(int(done), int(total))
