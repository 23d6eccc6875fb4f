"""Ctrl+C and SIGTERM close the panel as Quit does, drafts saved, instead of being ignored.

Python runs a signal handler only when the interpreter gets control, and inside Qt's event
loop it does not: Ctrl+C in the terminal did nothing. `signal.set_wakeup_fd` makes the C-level
handler write a byte to a socket whose notifier wakes the Qt loop; the Python handler then
runs before the notifier's slot and asks for a normal quit.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import socket
import threading
from collections.abc import Callable, Iterator, Sequence
from types import FrameType

from PySide6.QtCore import QSocketNotifier, QTimer

log = logging.getLogger(__name__)

QUIT_SIGNALS: tuple[signal.Signals, ...] = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def quit_on_signals(
    quit_: Callable[[], None], signals: Sequence[signal.Signals] = QUIT_SIGNALS
) -> Iterator[None]:
    """While inside, the first of `signals` calls `quit_` on the event loop; later ones wait."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may install signal handlers (an embedding host's choice)
        return
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(lambda *_: _drain(reader))
    requested: list[int] = []

    def handler(signum: int, _frame: FrameType | None) -> None:
        if requested:
            return  # already closing: saving the drafts must not be cut short
        requested.append(signum)
        log.info("closing the panel on signal %s", signal.Signals(signum).name)
        # On the event loop, not inside the handler: quitting closes windows and sockets.
        QTimer.singleShot(0, quit_)

    previous = {sig: signal.signal(sig, handler) for sig in signals}
    previous_fd = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    try:
        yield
    finally:
        signal.set_wakeup_fd(previous_fd)
        for sig, old in previous.items():
            signal.signal(sig, old)
        notifier.setEnabled(False)
        notifier.deleteLater()
        reader.close()
        writer.close()


def _drain(reader: socket.socket) -> None:
    """Empty the wake-up socket; the Python handler has already run by now."""
    with contextlib.suppress(OSError):
        while reader.recv(64):
            pass
