"""Find: one box for any identifier or a name, results as you type, create when unknown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from copilot.ui.models import CustomerResultsModel, ItemRole
from copilot.ui.widgets.common import Translatable, section_title, wrapping_label
from copilot.vocabulary import MAX_SHORT_TEXT

if TYPE_CHECKING:
    from copilot.storage.schemas import CustomerRead


class FindWidget(Translatable):
    """Displays results from `CustomerResultsModel`; the panel wires it to FindController."""

    query_changed = Signal(str)
    search_requested = Signal(str)  # Enter before the debounced lookup answered
    customer_chosen = Signal(object)  # CustomerRead
    create_requested = Signal(str, str)  # name, the query it was typed as
    paste_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findSection")
        self.model = CustomerResultsModel(self)
        self._choose_when_ready = False

        self.title = section_title(parent=self)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("findEdit")
        self.edit.setClearButtonEnabled(True)
        self.paste_button = QToolButton(self)
        self.paste_button.setObjectName("pasteFindButton")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.paste_button)

        self.results = QListView(self)
        self.results.setObjectName("findResults")
        self.results.setModel(self.model)
        self.results.setUniformItemSizes(False)
        self.results.setWordWrap(True)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.hide()
        self.status = wrapping_label(object_name="findStatus", parent=self)
        self.status.hide()

        # The create form: appears when the agent chooses "Create customer …".
        self.create_form = QWidget(self)
        self.create_form.setObjectName("createForm")
        self.create_name = QLineEdit(self.create_form)
        self.create_name.setObjectName("createName")
        self.create_name.setMaxLength(MAX_SHORT_TEXT)  # the store's limit for a name
        self.create_button = QPushButton(self.create_form)
        self.create_button.setObjectName("createButton")
        form_row = QHBoxLayout(self.create_form)
        form_row.setContentsMargins(0, 0, 0, 0)
        form_row.addWidget(self.create_name, 1)
        form_row.addWidget(self.create_button)
        self.create_form.hide()
        self._create_query = ""

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(row)
        layout.addWidget(self.results)
        layout.addWidget(self.status)
        layout.addWidget(self.create_form)

        self.edit.textChanged.connect(self._text_changed)
        self.edit.returnPressed.connect(self.choose_current)
        self.edit.installEventFilter(self)
        self.results.activated.connect(self._activated)
        self.results.installEventFilter(self)
        self.paste_button.clicked.connect(self.paste_requested)
        self.create_name.returnPressed.connect(self.submit_create)
        self.create_button.clicked.connect(self.submit_create)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Find"))
        self.edit.setPlaceholderText(self.tr("Phone, email, account, policy, AWB, ticket or name"))
        self.edit.setAccessibleName(self.tr("Find customer"))
        self.edit.setAccessibleDescription(
            self.tr("Type any identifier or a name; results appear below. Enter opens the first.")
        )
        self.paste_button.setText(self.tr("Paste && find"))
        self.paste_button.setToolTip(self.tr("Find the identifier on the clipboard (Ctrl+Shift+V)"))
        self.paste_button.setAccessibleName(self.tr("Paste and find"))
        self.paste_button.setAccessibleDescription(
            self.tr("Reads the clipboard once and looks the identifier up")
        )
        self.results.setAccessibleName(self.tr("Matching customers"))
        self.results.setAccessibleDescription(self.tr("Enter opens the selected customer"))
        self.status.setAccessibleName(self.tr("Find status"))
        self.create_name.setPlaceholderText(self.tr("Customer name"))
        self.create_name.setAccessibleName(self.tr("New customer name"))
        self.create_name.setAccessibleDescription(self.tr("Enter creates the customer"))
        self.create_button.setText(self.tr("Create"))
        self.create_button.setAccessibleName(self.tr("Create customer"))
        self.create_button.setAccessibleDescription(
            self.tr("Creates the customer with the identifier you typed")
        )
        self.create_form.setAccessibleName(self.tr("Create customer"))

    # -- results ---------------------------------------------------------------------------

    def show_results(self, query: str, customers: list[CustomerRead]) -> None:
        if query and not self.edit.text().strip().startswith(query):
            return  # an answer for text the agent has since changed; a newer one is coming
        self.model.set_results(query, customers)
        has_rows = self.model.rowCount() > 0
        self.results.setVisible(has_rows)
        self._fit_results()
        if has_rows:
            self.results.setCurrentIndex(self.model.index(0, 0))
        self.status.setVisible(bool(query) and not customers)
        if query and not customers:
            self.status.setText(self.tr("No customer matches “{query}”.").replace("{query}", query))
        if self._choose_when_ready and query:
            self._choose_when_ready = False
            self.choose_current()

    def _fit_results(self) -> None:
        """As tall as its rows (up to about four), so one match doesn't push the story down."""
        rows = self.model.rowCount()
        if rows == 0:
            return
        height = sum(self.results.sizeHintForRow(r) for r in range(min(rows, 4)))
        frame = 2 * self.results.frameWidth()
        self.results.setFixedHeight(height + frame + (4 if rows > 4 else 0))

    def hide_results(self) -> None:
        self.results.hide()
        self.status.hide()

    def _text_changed(self, text: str) -> None:
        self.create_form.hide()
        self.query_changed.emit(text)

    def choose_current(self) -> None:
        """Enter: open the selected (or first) result, or start creating the customer."""
        query = self.edit.text().strip()
        if not query:
            return
        if self.model.query != query:
            # The debounced lookup hasn't answered for this text yet: ask now, choose then.
            self._choose_when_ready = True
            self.search_requested.emit(query)
            return
        index = self.results.currentIndex()
        if not index.isValid():
            index = self.model.index(0, 0)
        if index.isValid():
            self._activated(index)

    def _activated(self, index: QModelIndex) -> None:
        if self.model.is_create_row(index.row()):
            self.start_create(self.model.query)
            return
        customer = index.data(ItemRole)
        if customer is not None:
            # Out of the way: the story takes the space; typing again brings results back.
            self.results.hide()
            self.status.hide()
            self.customer_chosen.emit(customer)

    def start_create(self, query: str) -> None:
        """Show the name field, focused, prefilled: one more Enter creates the customer."""
        self._create_query = query
        looks_like_name = not any(ch.isdigit() or ch == "@" for ch in query)
        self.create_name.setText(query if looks_like_name else self.tr("New customer"))
        self.create_form.show()
        self.create_name.setFocus(Qt.FocusReason.OtherFocusReason)
        self.create_name.selectAll()

    def show_create(self, prefill: str) -> None:
        """A caller nobody matches (`copilot open`): the new-caller card, with `prefill` as the
        identifier the customer will be created with and the name left for the agent."""
        self.edit.blockSignals(True)  # no lookup of its own: the caller was just looked up
        self.edit.setText(prefill)
        self.edit.blockSignals(False)
        self.model.set_results(prefill, [])
        self.results.hide()
        self.status.setText(
            self.tr(
                "New caller: no customer has “{query}” yet. Type their name to create one."
            ).replace("{query}", prefill)
        )
        self.status.show()
        self._create_query = prefill
        self.create_name.clear()
        self.create_form.show()
        self.create_name.setFocus(Qt.FocusReason.OtherFocusReason)

    def submit_create(self) -> None:
        if self.create_form.isHidden():
            return
        self.create_requested.emit(self.create_name.text(), self._create_query)
        self.create_form.hide()

    def clear(self) -> None:
        """Esc: empty the box and the results."""
        self.edit.clear()
        self.create_form.hide()
        self.model.set_results("", [])
        self.results.hide()
        self.status.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched is self.edit and event.key() == Qt.Key.Key_Down and self.results.isVisible():
                self.results.setFocus(Qt.FocusReason.TabFocusReason)
                if not self.results.currentIndex().isValid():
                    self.results.setCurrentIndex(self.model.index(0, 0))
                return True
            if watched is self.results and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._activated(self.results.currentIndex())
                return True
            if (
                watched is self.results
                and event.key() == Qt.Key.Key_Up
                and self.results.currentIndex().row() <= 0
            ):
                self.edit.setFocus(Qt.FocusReason.TabFocusReason)
                return True
        return super().eventFilter(watched, event)
