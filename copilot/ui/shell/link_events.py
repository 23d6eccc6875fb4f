"""copilot:// links on macOS: the system hands them to the running app as QFileOpenEvents.

(On Linux and Windows the system starts `copilot open LINK`, which reaches the panel over the
single-instance channel instead.) For a bundled app, Info.plist must declare the scheme; see
`copilot.integrate.scheme.macos_instructions`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QFileOpenEvent

from copilot.errors import InputError
from copilot.integrate.links import SCHEME, parse_open_link


class LinkEvents(QObject):
    """An application event filter: a copilot:// link becomes `open_requested(value)`, a
    hostile one `failed(InputError)` (the window's banner says what is wrong with it)."""

    open_requested = Signal(str)
    failed = Signal(object)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            url = event.url()
            if url.scheme().lower() == SCHEME:
                try:
                    value = parse_open_link(url.toString())
                except InputError as exc:
                    self.failed.emit(exc)
                else:
                    self.open_requested.emit(value)
                return True
        return super().eventFilter(watched, event)
