"""One line under the header in site mode: the site is unreachable and this PC keeps saving."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from copilot.ui.controllers.site import SiteView


class SiteStatusLine(QLabel):
    """Hidden while the site is reachable and nothing waits; otherwise says what is going on.

    Offline is stated plainly (the agent keeps working; nothing is lost) rather than as an
    error: a site server down is the floor's problem, not something to fix mid-call.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("siteStatus")
        self.setWordWrap(True)
        self.view: SiteView | None = None
        self.hide()

    def show_view(self, view: SiteView) -> None:
        self.view = view
        self.retranslate()

    def retranslate(self) -> None:
        view = self.view
        if view is None or (view.online and not view.waiting):
            self.hide()
            return
        if not view.online:
            text = QCoreApplication.translate("SiteStatusLine", "Site offline: saving on this PC")
            if view.waiting:
                waiting = QCoreApplication.translate("SiteStatusLine", "{n} waiting to send")
                text += " · " + waiting.replace("{n}", str(view.waiting))
            kind = "offline"
        else:
            text = QCoreApplication.translate("SiteStatusLine", "Sending {n} saved to the site…")
            text = text.replace("{n}", str(view.waiting))
            kind = "sending"
        self.setProperty("kind", kind)
        self.style().unpolish(self)
        self.style().polish(self)
        self.setText(text)
        self.setAccessibleName(text)
        self.show()
