"""Story, Now, Draft and Wrap-up as pages under the header, one at a time (Ctrl+1..4)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QScrollArea, QTabWidget, QVBoxLayout, QWidget

from copilot.ui.widgets.common import Translatable

PAGE_STORY, PAGE_NOW, PAGE_DRAFT, PAGE_WRAPUP = range(4)


class PageTabs(Translatable):
    """A compact tab bar over the four pages; each page scrolls on its own if it must, so the
    header and the find box above never move. The page widgets live as long as the panel:
    switching pages never loses what was typed."""

    page_changed = Signal(int)

    def __init__(self, pages: Sequence[QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageTabs")
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("pageTabWidget")
        self.tabs.setDocumentMode(True)
        bar = self.tabs.tabBar()
        bar.setExpanding(True)
        bar.setUsesScrollButtons(False)
        bar.setElideMode(Qt.TextElideMode.ElideNone)
        # The tab bar is not a Tab stop of its own: Ctrl+1..4 switch pages, and Tab moves from
        # the find box straight into the page in use.
        bar.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scrolls: list[QScrollArea] = []
        for page in pages:
            self.tabs.addTab(self._scrolling(page), "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.tabs.currentChanged.connect(self.page_changed)
        self.retranslate()

    def _scrolling(self, page: QWidget) -> QScrollArea:
        content = QWidget()
        content.setObjectName("pageContent")
        column = QVBoxLayout(content)
        column.setContentsMargins(8, 6, 8, 8)
        column.addWidget(page)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setObjectName("pageScroll")
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        self.scrolls.append(scroll)
        return scroll

    def retranslate(self) -> None:
        names = (
            (self.tr("Story"), self.tr("The customer's story (Ctrl+1)")),
            (self.tr("Now"), self.tr("The customer's message and hints (Ctrl+2)")),
            (self.tr("Draft"), self.tr("Your reply and its reminders (Ctrl+3)")),
            (self.tr("Wrap-up"), self.tr("Log this contact (Ctrl+4)")),
        )
        for index, (name, tip) in enumerate(names[: self.tabs.count()]):
            self.tabs.setTabText(index, name)
            self.tabs.setTabToolTip(index, tip)
            self.scrolls[index].setAccessibleName(name)
            self.scrolls[index].setAccessibleDescription(tip)
        self.tabs.setAccessibleName(self.tr("Pages"))

    def show_page(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)

    def current(self) -> int:
        return self.tabs.currentIndex()

    def index_of(self, widget: QWidget) -> int:
        """The page `widget` is on, -1 when it is on none (the header, the find box)."""
        for index, scroll in enumerate(self.scrolls):
            if scroll.isAncestorOf(widget):
                return index
        return -1

    def reveal(self, widget: QWidget) -> None:
        """Scroll the current page so `widget` (a part of it) is in view."""
        self.scrolls[self.current()].ensureWidgetVisible(widget, 0, 0)


def page_of(*widgets: QWidget, object_name: str) -> QWidget:
    """Several widgets as one page (the story page: "no customer yet" above the story)."""
    page = QWidget()
    page.setObjectName(object_name)
    column = QVBoxLayout(page)
    column.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        column.addWidget(widget)
    return page


def main_column(top: Sequence[QWidget], pages: PageTabs) -> QWidget:
    """The `top` widgets (find, the header) stay put; the pages take all the room below."""
    content = QWidget()
    content.setObjectName("panelContent")
    column = QVBoxLayout(content)
    column.setContentsMargins(0, 6, 0, 0)
    column.setSpacing(4)
    fixed = QVBoxLayout()
    fixed.setContentsMargins(8, 0, 8, 0)
    fixed.setSpacing(4)
    for widget in top:
        fixed.addWidget(widget)
    column.addLayout(fixed)
    column.addWidget(pages, 1)
    return content
