"""Find: one box for any identifier or a name, results as you type, create when unknown.

Enter never guesses: exactly one exact identifier opens at once; anything else (several
customers, a similar name, a number's last digits) moves the focus to the list to choose from.
A "Notes" toggle turns the same box into full-text search over notes and facts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from copilot.errors import IdentityConflictError, InputError
from copilot.ui.models import CustomerResultsModel, ItemRole, NoteResultsModel
from copilot.ui.widgets.common import Translatable, section_title, wrapping_label
from copilot.ui.widgets.create_customer import Checker, CreateCustomerForm

if TYPE_CHECKING:
    from copilot.storage.found import Found
    from copilot.storage.schemas import SearchHit

MAX_VISIBLE_ROWS = 4  # the list grows to about this many rows, then scrolls


class FindWidget(Translatable):
    """Displays results from `CustomerResultsModel`; the panel wires it to FindController."""

    query_changed = Signal(str)
    search_requested = Signal(str)  # Enter before the debounced lookup answered
    notes_query_changed = Signal(str)  # the box's text while "Notes" is on
    customer_chosen = Signal(object)  # CustomerRead
    create_requested = Signal(str, str, str)  # name, identifier kind, identifier as typed
    paste_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findSection")
        self.model = CustomerResultsModel(self)
        self.notes_model = NoteResultsModel(self)
        self._choose_when_ready = False

        self.title = section_title(parent=self)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("findEdit")
        self.edit.setClearButtonEnabled(True)
        self.paste_button = QToolButton(self)
        self.paste_button.setObjectName("pasteFindButton")
        self.notes_toggle = QToolButton(self)
        self.notes_toggle.setObjectName("notesToggle")
        self.notes_toggle.setCheckable(True)
        # The toggle sits on the title's line: at 320 px the box keeps the room to show a name.
        heading = QHBoxLayout()
        heading.setContentsMargins(0, 0, 0, 0)
        heading.addWidget(self.title, 1)
        # At the right end, above Paste & find, also when the panel hides the title (it did
        # float alone in the middle of the line).
        heading.addWidget(self.notes_toggle, 0, Qt.AlignmentFlag.AlignRight)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.paste_button)

        self.results = QListView(self)
        self.results.setObjectName("findResults")
        self.results.setModel(self.model)
        self.results.setUniformItemSizes(False)
        # Each row's lines end in "…" at the panel's width (the tooltip and the accessible text
        # hold them whole): wrapped rows were taller than the height the view gave them.
        self.results.setWordWrap(False)
        self.results.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.results.setResizeMode(QListView.ResizeMode.Adjust)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.hide()
        self.status = wrapping_label(object_name="findStatus", parent=self)
        self.status.hide()

        self.create_form = CreateCustomerForm(self)
        self.create_form.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(heading)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.results)
        layout.addWidget(self.create_form)

        self.edit.textChanged.connect(self._text_changed)
        self.edit.returnPressed.connect(self.choose_current)
        self.edit.installEventFilter(self)
        self.results.activated.connect(self._activated)
        self.results.installEventFilter(self)
        self.paste_button.clicked.connect(self.paste_requested)
        self.notes_toggle.toggled.connect(self._notes_toggled)
        self.create_form.submitted.connect(self.create_requested)
        self.create_form.cancelled.connect(self._cancel_create)
        self.retranslate()

    @property
    def create_name(self) -> QLineEdit:
        """The new customer's name box (the form's)."""
        return self.create_form.name

    def retranslate(self) -> None:
        self.title.setText(self.tr("Find"))
        self.edit.setAccessibleName(self.tr("Find customer"))
        self.paste_button.setText(self.tr("Paste && find"))
        self.paste_button.setToolTip(self.tr("Find the identifier on the clipboard (Ctrl+Shift+V)"))
        self.paste_button.setAccessibleName(self.tr("Paste and find"))
        self.paste_button.setAccessibleDescription(
            self.tr("Reads the clipboard once and looks the identifier up")
        )
        self.notes_toggle.setText(self.tr("Notes"))
        self.notes_toggle.setToolTip(self.tr("Search the words of notes and facts instead"))
        self.notes_toggle.setAccessibleName(self.tr("Search notes"))
        self.results.setAccessibleName(self.tr("Matching customers"))
        self.results.setAccessibleDescription(self.tr("Enter opens the selected customer"))
        self.status.setAccessibleName(self.tr("Find status"))
        self._placeholder()
        if not self.status.isHidden():
            self._say_count()  # in the new language; a count hidden with its list stays hidden

    def _placeholder(self) -> None:
        if self.notes_toggle.isChecked():
            self.edit.setPlaceholderText(self.tr("Words in notes, summaries and facts"))
            self.edit.setAccessibleDescription(
                self.tr("Finds contacts and facts with every word; Enter goes to the list.")
            )
        else:
            self.edit.setPlaceholderText(
                self.tr("Phone, email, account, policy, AWB, ticket or name")
            )
            self.edit.setAccessibleDescription(
                self.tr(
                    "Type any identifier, its last digits or a name; Enter opens an exact "
                    "identifier, otherwise goes to the list."
                )
            )

    def set_checker(self, checker: Checker) -> None:
        """How the create form checks a new customer (the controller's, in its region)."""
        self.create_form.set_checker(checker)

    # -- results ---------------------------------------------------------------------------

    def show_results(self, query: str, found: list[Found], more: bool = False) -> None:
        if self.notes_toggle.isChecked():
            return  # a lookup answered after the agent switched to notes
        if query and not self.edit.text().strip().startswith(query):
            return  # an answer for text the agent has since changed; a newer one is coming
        self.model.set_results(query, found, more)
        self._show_list()
        if self._choose_when_ready and query:
            self._choose_when_ready = False
            self.choose_current()

    def show_notes(self, query: str, hits: list[SearchHit]) -> None:
        """Full-text hits for the box's words, when "Notes" is on."""
        if not self.notes_toggle.isChecked() or query != self.edit.text().strip():
            return
        self.notes_model.set_hits(query, hits)
        self._show_list()

    def _show_list(self) -> None:
        model = self.results.model()
        has_rows = model.rowCount() > 0
        self.results.setVisible(has_rows)
        self._fit_results()
        if has_rows:
            self.results.setCurrentIndex(model.index(0, 0))
        self._say_count()

    def _say_count(self) -> None:
        """How many matched, and that more exist: the list is never taken for all of them."""
        if self.notes_toggle.isChecked():
            query, count, more = self.notes_model.query, self.notes_model.rowCount(), False
        else:
            query, count, more = self.model.query, self.model.customer_count(), self.model.more
        if not query:
            self.status.hide()
            return
        if more:
            text = self.tr("{n} of more than {n} — type more to narrow it down")
        elif count == 0 and self.notes_toggle.isChecked():
            text = self.tr("No notes or facts contain “{query}”.")
        elif count == 0:
            text = self.tr("No customer matches “{query}”.")
        elif count == 1:
            text = self.tr("1 match")
        else:
            text = self.tr("{n} matches")
        self.status.setText(text.replace("{n}", str(count)).replace("{query}", query))
        self.status.show()

    def _fit_results(self) -> None:
        """As tall as its rows (up to about four), so one match doesn't push the story down."""
        rows = self.results.model().rowCount()
        if rows == 0:
            return
        visible = min(rows, MAX_VISIBLE_ROWS)
        height = sum(self.results.sizeHintForRow(r) for r in range(visible))
        frame = 2 * self.results.frameWidth()
        self.results.setFixedHeight(height + frame + (4 if rows > MAX_VISIBLE_ROWS else 0))

    def hide_results(self) -> None:
        self.results.hide()
        self.status.hide()

    def _text_changed(self, text: str) -> None:
        self.create_form.hide()
        if self.notes_toggle.isChecked():
            self.notes_query_changed.emit(text)
        else:
            self.query_changed.emit(text)

    def _notes_toggled(self, on: bool) -> None:
        self.results.setModel(self.notes_model if on else self.model)
        self.create_form.hide()
        self.hide_results()
        self._placeholder()
        self._text_changed(self.edit.text())
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def choose_current(self) -> None:
        """Enter in the box: open the customer only when exactly one identifier matched
        exactly; with anything else, go to the list (or start creating when nobody matched)."""
        query = self.edit.text().strip()
        if not query:
            return
        if self.notes_toggle.isChecked():
            if self.notes_model.rowCount():
                self._focus_list()
            return
        if self.model.query != query:
            # The debounced lookup hasn't answered for this text yet: ask now, choose then.
            self._choose_when_ready = True
            self.search_requested.emit(query)
            return
        only = self.model.found(0) if self.model.rowCount() == 1 else None
        if self.model.is_create_row(0):
            self.start_create(query)
        elif only is not None and str(only.match) == "identifier" and not self.model.more:
            self._activated(self.model.index(0, 0))
        elif self.model.rowCount():
            self._focus_list()

    def _focus_list(self) -> None:
        self.results.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.results.currentIndex().isValid():
            self.results.setCurrentIndex(self.results.model().index(0, 0))

    def _activated(self, index: QModelIndex) -> None:
        if self.results.model() is self.model and self.model.is_create_row(index.row()):
            self.start_create(self.model.query)
            return
        customer = index.data(ItemRole)
        if customer is not None:
            # Out of the way: the story takes the space; typing again brings results back.
            self.results.hide()
            self.status.hide()
            self.customer_chosen.emit(customer)

    def start_create(self, query: str) -> None:
        """The create form, with what was typed where it belongs: a name as the name, an
        identifier as the identifier (never a placeholder name, never a guessed number)."""
        text = query.strip()
        looks_like_name = not any(ch.isdigit() or ch == "@" for ch in text)
        if looks_like_name:
            self.create_form.open(name=text)
            self.create_form.value.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.show_create(text)

    def show_create(self, prefill: str) -> None:
        """Open the create form with the identifier `prefill` (a caller's number) and the name
        box focused (the new-caller card and `copilot open` use this; keep the name)."""
        self.notes_toggle.setChecked(False)
        self.edit.blockSignals(True)  # no lookup of its own: the caller was just looked up
        self.edit.setText(prefill)
        self.edit.blockSignals(False)
        self.model.set_results(prefill, [])
        self.hide_results()
        self.status.setText(
            self.tr(
                "New caller: no customer has “{query}” yet. Type their name to create one."
            ).replace("{query}", prefill)
        )
        self.status.show()
        self.create_form.open(identifier=prefill)
        self.create_form.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def submit_create(self) -> None:
        self.create_form.submit()

    def create_failed(self, exc: object) -> None:
        """The store refused the new customer: say why in the form, in the agent's words (the
        panel's banner carries the details)."""
        if isinstance(exc, IdentityConflictError):
            reason = self.tr("This number already belongs to another customer. Find them instead.")
        elif isinstance(exc, InputError):
            reason = self.tr("Not saved: check the name and the identifier.")
        else:
            reason = self.tr("Not saved. Try again in a moment.")
        self.create_form.failed(reason)

    def created(self) -> None:
        self.create_form.done()

    def _cancel_create(self) -> None:
        self.create_form.hide()
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear(self) -> None:
        """Esc: empty the box and the results."""
        self.edit.clear()
        self.create_form.hide()
        self.model.set_results("", [])
        self.notes_model.set_hits("", [])
        self.results.hide()
        self.status.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched is self.edit and event.key() == Qt.Key.Key_Down and self.results.isVisible():
                self._focus_list()
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
