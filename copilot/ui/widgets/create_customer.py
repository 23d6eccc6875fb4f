"""The create-customer form: a real name and one valid identifier, shown as it will be stored."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from copilot.storage.kinds import IdentifierKind
from copilot.ui.controllers.find import (
    NewCustomerCheck,
    Problem,
    check_new_customer,
    identifier_from_query,
)
from copilot.ui.widgets.common import Translatable, wrapping_label
from copilot.vocabulary import MAX_IDENTIFIER_LENGTH, MAX_SHORT_TEXT

Checker = Callable[[str, IdentifierKind, str], NewCustomerCheck]

# The kinds an agent creates a customer with, in the order the box lists them.
KINDS = (
    IdentifierKind.phone,
    IdentifierKind.email,
    IdentifierKind.account,
    IdentifierKind.ticket,
    IdentifierKind.national_id,
    IdentifierKind.other,
)


class CreateCustomerForm(Translatable):
    """Name, identifier kind and value; the stored form or the problem under them, live.

    Creating is the controller's work: this emits `submitted` once per valid form and stays
    disabled until `done()` or `failed()`, so a second Enter never creates a second customer.
    """

    submitted = Signal(str, str, str)  # name, identifier kind, identifier as typed
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("createForm")
        self._checker: Checker = check_new_customer
        self._kind_chosen = False  # the agent picked the kind: stop guessing it
        self._tried = False  # after a first attempt, missing fields are named too
        self._sent = False

        self.name = QLineEdit(self)
        self.name.setObjectName("createName")
        self.name.setMaxLength(MAX_SHORT_TEXT)  # the store's limit for a name
        self.name_error = wrapping_label(object_name="createNameError", parent=self)
        self.name_error.setProperty("severity", "must")  # the theme's colour for what blocks
        self.kind = QComboBox(self)
        self.kind.setObjectName("createKind")
        # Narrow enough that the number keeps most of a 320 px row (the popup shows all).
        self.kind.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.kind.setMinimumContentsLength(7)
        self.value = QLineEdit(self)
        self.value.setObjectName("createIdentifier")
        self.value.setMaxLength(MAX_IDENTIFIER_LENGTH)
        self.preview = wrapping_label(object_name="createPreview", parent=self)
        self.create_button = QPushButton(self)
        self.create_button.setObjectName("createButton")
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("createCancel")
        for _kind in KINDS:
            self.kind.addItem("")

        identifier_row = QHBoxLayout()
        identifier_row.setContentsMargins(0, 0, 0, 0)
        identifier_row.addWidget(self.kind, 2)
        identifier_row.addWidget(self.value, 3)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.create_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.name)
        layout.addWidget(self.name_error)
        layout.addLayout(identifier_row)
        layout.addWidget(self.preview)
        layout.addLayout(buttons)
        self.name_error.hide()

        self.name.textChanged.connect(self.refresh)
        self.value.textChanged.connect(self._value_changed)
        self.kind.activated.connect(self._kind_picked)
        self.name.returnPressed.connect(self.submit)
        self.value.returnPressed.connect(self.submit)
        self.create_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.cancelled)
        self.retranslate()

    def retranslate(self) -> None:
        labels = {
            IdentifierKind.phone: self.tr("Phone"),
            IdentifierKind.email: self.tr("Email"),
            IdentifierKind.account: self.tr("Account, policy or AWB"),
            IdentifierKind.ticket: self.tr("Ticket"),
            IdentifierKind.national_id: self.tr("National ID"),
            IdentifierKind.other: self.tr("Other number"),
        }
        for row, kind in enumerate(KINDS):
            self.kind.setItemText(row, labels[kind])
        self.name.setPlaceholderText(self.tr("Customer's full name"))
        self.name.setAccessibleName(self.tr("New customer name"))
        self.value.setPlaceholderText(self.tr("Phone, email or number"))
        self.value.setAccessibleName(self.tr("New customer identifier"))
        self.kind.setAccessibleName(self.tr("Identifier type"))
        self.preview.setAccessibleName(self.tr("How the identifier will be saved"))
        self.name_error.setAccessibleName(self.tr("Name problem"))
        self.create_button.setText(self.tr("Create"))
        self.create_button.setAccessibleName(self.tr("Create customer"))
        self.create_button.setAccessibleDescription(
            self.tr("Creates the customer with this name and identifier")
        )
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel the new customer"))
        self.setAccessibleName(self.tr("Create customer"))
        self.refresh()

    def set_checker(self, checker: Checker) -> None:
        """The controller's check (the desk's region); the default checks for Indonesia."""
        self._checker = checker
        self.refresh()

    def open(self, *, name: str = "", identifier: str = "") -> None:
        """Show the form filled in, ready for the agent to complete (nothing is guessed)."""
        self._tried = self._sent = self._kind_chosen = False
        self.create_button.setEnabled(True)
        self.name.setText(" ".join(name.split()))
        self.value.setText(identifier.strip())
        self._guess_kind()
        self.refresh()
        self.show()

    def chosen_kind(self) -> IdentifierKind:
        return KINDS[max(0, self.kind.currentIndex())]

    def current_check(self) -> NewCustomerCheck:
        return self._checker(self.name.text(), self.chosen_kind(), self.value.text())

    def _value_changed(self) -> None:
        if not self._kind_chosen:
            self._guess_kind()
        self.refresh()

    def _kind_picked(self) -> None:
        self._kind_chosen = True
        self.refresh()

    def _guess_kind(self) -> None:
        text = self.value.text()
        hit = identifier_from_query(text)
        if hit is not None:
            kind = hit.kind
        elif "@" in text:
            kind = IdentifierKind.email  # an address still being typed, or mistyped
        elif any(ch.isalpha() for ch in text):
            kind = IdentifierKind.account
        else:
            kind = IdentifierKind.phone
        self.kind.setCurrentIndex(KINDS.index(kind) if kind in KINDS else 0)

    def refresh(self) -> None:
        """The stored form, or what is wrong, as the agent types."""
        check = self.current_check()
        problem = check.identifier_problem
        if problem is Problem.identifier_missing and not self._tried:
            problem = None
        if problem is not None:
            self.preview.setText(self._words(problem))
            self.preview.setProperty("severity", "must")
        elif check.stored:
            self.preview.setText(
                self.tr("Will be saved as {value}").replace("{value}", check.stored)
            )
            self.preview.setProperty("severity", "")
        else:
            self.preview.setText(self.tr("A phone, email or number is needed to find them later."))
            self.preview.setProperty("severity", "")
        self.preview.style().unpolish(self.preview)
        self.preview.style().polish(self.preview)
        name_problem = check.name_problem
        if name_problem is Problem.name_missing and not self._tried:
            name_problem = None
        self.name_error.setVisible(name_problem is not None)
        if name_problem is not None:
            self.name_error.setText(self._words(name_problem))

    def _words(self, problem: Problem) -> str:
        return {
            Problem.name_missing: self.tr("Type the customer's name."),
            Problem.name_not_a_name: self.tr("Type the customer's real name, not a number."),
            Problem.identifier_missing: self.tr("Type a phone, email or number."),
            Problem.phone_invalid: self.tr(
                "Not a valid phone number. Check the digits, or choose another type "
                "if it is an account number."
            ),
            Problem.email_invalid: self.tr("Not an email address."),
            Problem.identifier_invalid: self.tr("Type the number with its letters and digits."),
        }[problem]

    def submit(self) -> None:
        """Create when everything is valid; otherwise say what is missing, in place."""
        if self.isHidden() or self._sent:
            return
        self._tried = True
        check = self.current_check()
        self.refresh()
        if not check.ok:
            target = self.name if check.name_problem is not None else self.value
            target.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self._sent = True
        self.create_button.setEnabled(False)
        self.submitted.emit(
            " ".join(self.name.text().split()), self.chosen_kind().value, self.value.text()
        )

    def failed(self, message: str) -> None:
        """Saving failed (say, the number belongs to someone else): stay open to fix it."""
        self._sent = False
        self.create_button.setEnabled(True)
        self.preview.setText(message)
        self.preview.setProperty("severity", "must")
        self.preview.style().unpolish(self.preview)
        self.preview.style().polish(self.preview)

    def done(self) -> None:
        self._sent = False
        self.create_button.setEnabled(True)
        self.hide()
