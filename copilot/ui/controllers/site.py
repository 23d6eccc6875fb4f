"""The site link's status for the panel: online, offline and saving on this PC, waiting ops."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal

from copilot.services import ServiceProvider
from copilot.ui.controllers.base import Controller
from copilot.ui.tasks import TaskRunner


@dataclass(frozen=True)
class SiteView:
    """What the status line needs of `copilot.site`'s status, copied onto the GUI thread."""

    online: bool
    waiting: int
    label: str


class SiteLinkLike(Protocol):
    """The part of `copilot.site`'s link the panel uses (a fake in the tests)."""

    def status(self) -> Any: ...

    def subscribe(self, callback: Any) -> None: ...


def view_of(status: Any) -> SiteView:
    return SiteView(
        online=bool(getattr(status, "online", False)),
        waiting=int(getattr(status, "waiting", 0) or 0),
        label=str(getattr(status, "label", "") or ""),
    )


class SiteStatusController(Controller):
    """Once the services are open, follows their site link (if the desk is on a site).

    The link calls back from its sync thread; `_arrived` is a queued hop onto the GUI thread,
    from which `changed(SiteView)` is emitted. A desk on its own never emits anything.
    """

    changed = Signal(object)
    _arrived = Signal(object)

    def __init__(self, gate: ServiceProvider, runner: TaskRunner, parent: QObject | None = None):
        super().__init__(gate, runner, parent)
        self._arrived.connect(self._show)
        self._link: SiteLinkLike | None = None

    def start(self) -> None:
        """Called when the full store is open; idempotent."""
        if self._link is not None:
            return
        gate = self.gate
        self.run(lambda: getattr(gate.get(), "site", None), self._attach, key="site-status")

    def _attach(self, link: SiteLinkLike | None) -> None:
        if link is None or self._link is not None:
            return
        self._link = link
        link.subscribe(lambda status: self._arrived.emit(view_of(status)))
        self._show(view_of(link.status()))

    def _show(self, view: SiteView) -> None:
        self.changed.emit(view)
