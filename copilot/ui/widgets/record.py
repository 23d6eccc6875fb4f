"""Edit record: the customer's name and how to address them, identifiers, critical facts, merge.

A dialog over the panel: it shows what the store holds and forwards each edit to the
RecordController; the controller's answers (saved, refused, candidates, preview) come back
here and are shown beside the field they concern.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from copilot.storage.kinds import IdentifierKind
from copilot.ui.controllers.record import (
    EDITABLE_KINDS,
    FACT,
    IDENTIFIER,
    MERGE,
    NAME,
    RecordController,
    stored_form,
)
from copilot.ui.models import identifiers_line
from copilot.ui.widgets.common import card, set_style_kind, wrapping_label
from copilot.vocabulary import MAX_IDENTIFIER_LENGTH, MAX_LONG_TEXT, MAX_SHORT_TEXT, SALUTATIONS

if TYPE_CHECKING:
    from copilot.storage.schemas import CustomerRead, FactRead, MergePreview, Story

# How to address someone is a title, written the same in both interface languages.
SALUTATION_TITLES = {"bapak": "Bapak", "ibu": "Ibu", "mr": "Mr", "ms": "Ms"}


def kind_label(kind: IdentifierKind) -> str:
    """An identifier kind as the agent says it."""
    names = {
        IdentifierKind.phone: QCoreApplication.translate("RecordDialog", "Phone"),
        IdentifierKind.email: QCoreApplication.translate("RecordDialog", "Email"),
        IdentifierKind.account: QCoreApplication.translate("RecordDialog", "Account"),
        IdentifierKind.ticket: QCoreApplication.translate("RecordDialog", "Ticket"),
        IdentifierKind.national_id: QCoreApplication.translate("RecordDialog", "National ID"),
        IdentifierKind.other: QCoreApplication.translate("RecordDialog", "Other"),
    }
    return names.get(kind, str(kind))


class RecordDialog(QDialog):
    """One scrolling column of four cards; each card's status line says what happened."""

    def __init__(
        self, story: Story, controller: RecordController, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recordDialog")
        self.controller = controller
        self.story = story
        self.customer: CustomerRead = story.customer
        self.preview: MergePreview | None = None
        self._name_dirty = False  # a name or salutation chosen and not saved yet: kept on reload
        self._identifier_rows: list[QWidget] = []
        self._fact_rows: list[QWidget] = []
        self.fact_checks: list[QCheckBox] = []  # one per fact, in the story's order
        self._build_name()
        self._build_identifiers()
        self._build_facts()
        self._build_merge()
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(8, 8, 8, 8)
        for section in (self.name_card, self.ids_card, self.facts_card, self.merge_card):
            column.addWidget(section)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 8, 8)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        self._wire()
        self.retranslate()
        self.show_story(story)

    # -- construction ----------------------------------------------------------------------

    def _section(self, name: str) -> tuple[QFrame, QVBoxLayout, QLabel, QLabel]:
        """A card with a title and, at its end, a status line (hidden until there is news)."""
        frame = card(name, self)
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(8, 6, 8, 6)
        title = QLabel(frame)
        title.setObjectName("subTitle")
        layout.addWidget(title)
        status = wrapping_label(object_name="recordStatus", parent=frame)
        status.hide()
        return frame, layout, title, status

    def _build_name(self) -> None:
        self.name_card, layout, self.name_title, self.name_status = self._section("nameCard")
        self.salutation = QComboBox(self.name_card)
        self.salutation.setObjectName("salutationCombo")
        self.salutation.addItem("", "")
        for key in SALUTATIONS:
            self.salutation.addItem(SALUTATION_TITLES.get(key, key.title()), key)
        self.name_edit = QLineEdit(self.name_card)
        self.name_edit.setObjectName("recordName")
        self.name_edit.setMaxLength(MAX_SHORT_TEXT)
        self.save_name = QPushButton(self.name_card)
        self.save_name.setObjectName("saveNameButton")
        row = QHBoxLayout()
        row.addWidget(self.salutation)
        row.addWidget(self.name_edit, 1)
        layout.addLayout(row)
        layout.addWidget(self.save_name, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.name_status)

    def _build_identifiers(self) -> None:
        self.ids_card, self.ids_layout, self.ids_title, self.ids_status = self._section("idsCard")
        self.new_kind = QComboBox(self.ids_card)
        self.new_kind.setObjectName("identifierKindCombo")
        for kind in EDITABLE_KINDS:
            self.new_kind.addItem(str(kind), kind)
        self.new_value = QLineEdit(self.ids_card)
        self.new_value.setObjectName("newIdentifier")
        self.new_value.setMaxLength(MAX_IDENTIFIER_LENGTH)
        self.add_identifier = QPushButton(self.ids_card)
        self.add_identifier.setObjectName("addIdentifierButton")
        self.stored_as = wrapping_label(object_name="storedAs", parent=self.ids_card)
        self.stored_as.hide()
        row = QHBoxLayout()
        row.addWidget(self.new_kind)
        row.addWidget(self.new_value, 1)
        row.addWidget(self.add_identifier)
        self.ids_layout.addLayout(row)
        self.ids_layout.addWidget(self.stored_as)
        self.ids_layout.addWidget(self.ids_status)

    def _build_facts(self) -> None:
        self.facts_card, self.facts_layout, self.facts_title, self.facts_status = self._section(
            "criticalFactsCard"
        )
        self.facts_help = wrapping_label(object_name="criticalHelp", parent=self.facts_card)
        self.facts_layout.addWidget(self.facts_help)
        self.new_fact = QLineEdit(self.facts_card)
        self.new_fact.setObjectName("recordNewFact")
        self.new_fact.setMaxLength(MAX_LONG_TEXT)
        self.new_fact_critical = QCheckBox(self.facts_card)
        self.new_fact_critical.setObjectName("newFactCritical")
        self.new_fact_critical.setChecked(True)
        self.add_fact = QPushButton(self.facts_card)
        self.add_fact.setObjectName("recordAddFactButton")
        row = QHBoxLayout()
        row.addWidget(self.new_fact_critical)
        row.addStretch(1)
        row.addWidget(self.add_fact)
        self.facts_layout.addWidget(self.new_fact)
        self.facts_layout.addLayout(row)
        self.facts_layout.addWidget(self.facts_status)

    def _build_merge(self) -> None:
        self.merge_card, layout, self.merge_title, self.merge_status = self._section("mergeCard")
        self.merge_help = wrapping_label(object_name="mergeHelp", parent=self.merge_card)
        self.merge_find = QLineEdit(self.merge_card)
        self.merge_find.setObjectName("mergeFind")
        self.merge_find.setMaxLength(MAX_IDENTIFIER_LENGTH)
        self.merge_find_button = QToolButton(self.merge_card)
        self.merge_find_button.setObjectName("mergeFindButton")
        self.candidates = QListWidget(self.merge_card)
        self.candidates.setObjectName("mergeCandidates")
        self.candidates.hide()
        self.merge_preview = wrapping_label(object_name="mergePreview", parent=self.merge_card)
        self.merge_preview.hide()
        self.merge_confirm = QCheckBox(self.merge_card)
        self.merge_confirm.setObjectName("mergeConfirm")
        self.merge_button = QPushButton(self.merge_card)
        self.merge_button.setObjectName("mergeButton")
        self.merge_button.setEnabled(False)
        row = QHBoxLayout()
        row.addWidget(self.merge_find, 1)
        row.addWidget(self.merge_find_button)
        layout.addWidget(self.merge_help)
        layout.addLayout(row)
        for widget in (self.candidates, self.merge_preview, self.merge_confirm):
            layout.addWidget(widget)
        layout.addWidget(self.merge_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.merge_status)
        self.merge_confirm.hide()
        self.merge_button.hide()

    def _wire(self) -> None:
        c = self.controller
        self.save_name.clicked.connect(self._rename)
        self.name_edit.textEdited.connect(self._mark_name_dirty)
        self.salutation.activated.connect(self._mark_name_dirty)
        self.name_edit.returnPressed.connect(self._rename)
        self.new_value.textChanged.connect(self._show_stored_form)
        self.new_kind.currentIndexChanged.connect(self._show_stored_form)
        self.new_value.returnPressed.connect(self._add_identifier)
        self.add_identifier.clicked.connect(self._add_identifier)
        self.new_fact.returnPressed.connect(self._add_fact)
        self.add_fact.clicked.connect(self._add_fact)
        self.merge_find.returnPressed.connect(self._find)
        self.merge_find_button.clicked.connect(self._find)
        self.candidates.currentItemChanged.connect(self._candidate_chosen)
        self.merge_confirm.toggled.connect(self._update_merge_button)
        self.merge_button.clicked.connect(self._merge)
        c.saved.connect(self.show_saved)
        c.refused.connect(self.show_refusal)
        c.candidates_found.connect(self.show_candidates)
        c.preview_ready.connect(self.show_preview)
        # Enter belongs to the box being typed in, never to a button that grew default.
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        for button in (
            self.save_name,
            self.add_identifier,
            self.add_fact,
            self.merge_button,
            close,
        ):
            button.setAutoDefault(False)

    # -- text ------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Edit record"))
        self.name_title.setText(self.tr("Name and how to address them"))
        self.salutation.setItemText(0, self.tr("Not known"))
        self.salutation.setAccessibleName(self.tr("How to address the customer"))
        self.name_edit.setAccessibleName(self.tr("Customer name"))
        self.save_name.setText(self.tr("Save name"))
        self.ids_title.setText(self.tr("Phone, email and account"))
        for i in range(self.new_kind.count()):
            self.new_kind.setItemText(i, kind_label(self.new_kind.itemData(i)))
        self.new_kind.setAccessibleName(self.tr("Kind of identifier"))
        self.new_value.setPlaceholderText(self.tr("Number or address to add"))
        self.new_value.setAccessibleName(self.tr("New identifier"))
        self.add_identifier.setText(self.tr("Add"))
        self.add_identifier.setAccessibleName(self.tr("Add identifier"))
        self.facts_title.setText(self.tr("Critical facts"))
        self.facts_help.setText(
            self.tr(
                "Tick what is critical: accessibility needs, vulnerability, a legal or "
                "regulator complaint. Shown apart from everyday facts."
            )
        )
        self.new_fact.setPlaceholderText(self.tr("Add a fact…"))
        self.new_fact.setAccessibleName(self.tr("New fact"))
        self.new_fact_critical.setText(self.tr("Critical"))
        self.new_fact_critical.setAccessibleName(self.tr("Mark the new fact critical"))
        self.add_fact.setText(self.tr("Add fact"))
        self.merge_title.setText(self.tr("Merge with another customer"))
        self.merge_help.setText(
            self.tr("Find the duplicate record; its contacts, facts and promises move here.")
        )
        self.merge_find.setPlaceholderText(self.tr("Name, phone, email or account"))
        self.merge_find.setAccessibleName(self.tr("Find the customer to merge"))
        self.merge_find_button.setText(self.tr("Find"))
        self.merge_find_button.setAccessibleName(self.tr("Find the customer to merge"))
        self.candidates.setAccessibleName(self.tr("Customers found"))
        self.merge_confirm.setText(self.tr("I checked: they are the same person"))
        self.merge_button.setText(self.tr("Merge"))
        self.merge_button.setAccessibleName(self.tr("Merge the two records"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        self._show_identifiers()
        self._show_facts()
        self._show_stored_form()
        if self.preview is not None:
            self.show_preview(self.preview)

    # -- display ---------------------------------------------------------------------------

    def show_story(self, story: Story) -> None:
        """The record as the store has it now (after every edit the story reloads)."""
        self.story = story
        self.customer = story.customer
        if not self._name_dirty:
            self.name_edit.setText(self.customer.name)
            index = self.salutation.findData(self.customer.salutation)
            self.salutation.setCurrentIndex(max(index, 0))
        self._show_identifiers()
        self._show_facts()

    def _show_identifiers(self) -> None:
        for old in self._identifier_rows:
            self.ids_layout.removeWidget(old)
            old.hide()  # at once: deleteLater waits for the event loop
            old.deleteLater()
        self._identifier_rows = []
        for position, identifier in enumerate(self.customer.identifiers, start=1):
            row = QWidget(self.ids_card)
            row.setObjectName("identifierRow")
            label = QLabel(f"{kind_label(identifier.kind)}: {identifier.value}", row)
            label.setObjectName("identifierText")
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            remove = QToolButton(row)
            remove.setObjectName("removeIdentifierButton")
            remove.setText(self.tr("Remove"))
            remove.setAccessibleName(
                self.tr("Remove {identifier}").replace("{identifier}", identifier.value)
            )
            remove.clicked.connect(
                lambda _=False, i=identifier: self.controller.remove_identifier(
                    self.customer.id, i.kind, i.value
                )
            )
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(label, 1)
            line.addWidget(remove)
            self.ids_layout.insertWidget(position, row)
            self._identifier_rows.append(row)

    def _show_facts(self) -> None:
        for old in self._fact_rows:
            self.facts_layout.removeWidget(old)
            old.hide()
            old.deleteLater()
        self._fact_rows = []
        self.fact_checks = []
        for position, fact in enumerate(self.story.facts, start=2):
            # A check box's own text never wraps: the fact is a wrapping label beside it.
            row = QWidget(self.facts_card)
            row.setObjectName("factCriticalRow")
            box = QCheckBox(row)
            box.setObjectName("factCriticalCheck")
            box.setChecked(fact.critical)
            box.setAccessibleName(self.tr("Critical: {fact}").replace("{fact}", fact.text))
            box.toggled.connect(lambda on, f=fact: self._toggle_critical(f, on))
            label = wrapping_label(fact.text, object_name="factCriticalText", parent=row)
            label.setBuddy(box)
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
            line.addWidget(label, 1)
            self.facts_layout.insertWidget(position, row)
            self._fact_rows.append(row)
            self.fact_checks.append(box)

    def _show_stored_form(self) -> None:
        """Show the number as it will be stored (E.164), or why it cannot be, while typing."""
        kind = IdentifierKind(self.new_kind.currentData())
        form = stored_form(kind, self.new_value.text(), self.controller.region)
        if form.problem:
            self.stored_as.setText(self._problem_text(kind))
            set_style_kind(self.stored_as, "error")
        elif form.value:
            self.stored_as.setText(
                self.tr("Will be saved as {value}").replace("{value}", form.value)
            )
            set_style_kind(self.stored_as, "ok")
        self.stored_as.setVisible(bool(form.problem or form.value))
        self.add_identifier.setEnabled(bool(form.value))

    def _problem_text(self, kind: IdentifierKind) -> str:
        if kind is IdentifierKind.phone:
            return self.tr("Not a phone number yet: check the digits (and the country code)")
        if kind is IdentifierKind.email:
            return self.tr("Not an email address yet: it needs a name, @ and a domain")
        return self.tr("Type the number without anything else")

    def _status(self, where: str) -> QLabel:
        return {
            NAME: self.name_status,
            IDENTIFIER: self.ids_status,
            FACT: self.facts_status,
            MERGE: self.merge_status,
        }[where]

    def show_saved(self, where: str, customer: CustomerRead) -> None:
        self.customer = customer
        texts = {
            NAME: self.tr("Name saved"),
            IDENTIFIER: self.tr("Saved"),
            FACT: self.tr("Fact saved"),
            MERGE: self.tr("Merged. The other record is gone; everything is here now."),
        }
        label = self._status(where)
        label.setText(texts[where])
        set_style_kind(label, "ok")
        label.show()
        if where == NAME:
            self._name_dirty = False
        if where == IDENTIFIER:
            self.new_value.clear()
            self._show_identifiers()
        if where == MERGE:
            self._reset_merge()

    def show_refusal(self, where: str, message: str) -> None:
        """The store's reason, beside the field, in the agent's words first."""
        leads = {
            NAME: self.tr("Name not saved."),
            IDENTIFIER: self.tr("Not changed."),
            FACT: self.tr("Fact not saved."),
            MERGE: self.tr("Not merged."),
        }
        label = self._status(where)
        label.setText(f"{leads[where]} {message}")
        set_style_kind(label, "error")
        label.show()

    # -- edits -----------------------------------------------------------------------------

    def _mark_name_dirty(self, *_: object) -> None:
        self._name_dirty = True

    def _rename(self) -> None:
        self.controller.rename(
            self.customer.id, self.name_edit.text(), str(self.salutation.currentData() or "")
        )

    def _add_identifier(self) -> None:
        kind = IdentifierKind(self.new_kind.currentData())
        self.controller.add_identifier(self.customer.id, kind, self.new_value.text())

    def _add_fact(self) -> None:
        text = self.new_fact.text()
        self.controller.add_fact(
            self.customer.id, text, critical=self.new_fact_critical.isChecked()
        )
        if text.strip():
            self.new_fact.clear()

    def _toggle_critical(self, fact: FactRead, on: bool) -> None:
        self.controller.set_critical(self.customer.id, fact.id, fact.text, on)

    # -- merge -----------------------------------------------------------------------------

    def _find(self) -> None:
        self.controller.find_candidates(self.customer.id, self.merge_find.text())

    def show_candidates(self, _query: str, found: list[CustomerRead]) -> None:
        self._reset_merge(keep_query=True)
        self.merge_status.hide()
        for other in found:
            item = QListWidgetItem(f"{other.name} — {identifiers_line(other)}")
            item.setData(Qt.ItemDataRole.UserRole, other.id)
            self.candidates.addItem(item)
        # As tall as the matches (a list to choose from, at most four rows before it scrolls).
        rows = min(max(len(found), 1), 4)
        frame = 2 * self.candidates.frameWidth()
        self.candidates.setFixedHeight(rows * self.candidates.sizeHintForRow(0) + frame + 2)
        self.candidates.setVisible(bool(found))
        if not found:
            self.merge_status.setText(self.tr("Nobody else matches. Try a phone or an email."))
            set_style_kind(self.merge_status, "")
            self.merge_status.show()

    def _candidate_chosen(self, item: QListWidgetItem | None) -> None:
        self.preview = None
        self.merge_confirm.setChecked(False)
        self.merge_confirm.hide()
        self.merge_button.hide()
        if item is not None:
            other = int(item.data(Qt.ItemDataRole.UserRole))
            self.controller.preview_merge(self.customer.id, other)

    def show_preview(self, preview: MergePreview) -> None:
        """Both records and what would move, before anything moves."""
        self.preview = preview
        keep, other = preview.keep, preview.merge
        text = (
            self.tr(
                "Keep: {keep} ({keep_ids})\nMerge into it: {other} ({other_ids})\n"
                "Moves here: identifiers {identifiers}, contacts {contacts}, facts {facts}, "
                "promises {promises}. {other}'s record is then removed; the merge is recorded."
            )
            .replace("{keep_ids}", identifiers_line(keep) or "—")
            .replace("{other_ids}", identifiers_line(other) or "—")
            .replace("{keep}", keep.name)
            .replace("{other}", other.name)
            .replace("{identifiers}", str(preview.identifiers))
            .replace("{contacts}", str(preview.interactions))
            .replace("{facts}", str(preview.facts))
            .replace("{promises}", str(preview.commitments))
        )
        self.merge_preview.setText(text)
        self.merge_preview.show()
        self.merge_confirm.show()
        self.merge_button.show()
        self._update_merge_button()

    def _update_merge_button(self) -> None:
        # Deliberate: a preview on screen and the agent's own tick, never one click.
        self.merge_button.setEnabled(self.preview is not None and self.merge_confirm.isChecked())

    def _merge(self) -> None:
        if self.preview is not None and self.merge_confirm.isChecked():
            self.merge_button.setEnabled(False)
            self.controller.merge(self.preview.keep.id, self.preview.merge.id)

    def _reset_merge(self, *, keep_query: bool = False) -> None:
        self.preview = None
        self.candidates.blockSignals(True)
        self.candidates.clear()
        self.candidates.blockSignals(False)
        self.candidates.hide()
        self.merge_preview.hide()
        self.merge_confirm.setChecked(False)
        self.merge_confirm.hide()
        self.merge_button.hide()
        if not keep_query:
            self.merge_find.clear()


class RecordEditor(QObject):
    """Opens one RecordDialog at a time over `parent` and keeps it showing the latest story."""

    def __init__(self, controller: RecordController, parent: QWidget) -> None:
        super().__init__(parent)
        self.controller = controller
        self.parent_widget = parent
        self.dialog: RecordDialog | None = None

    def open(self, story: Story | None) -> bool:
        """Show the dialog for `story`'s customer; False when no customer's story is open."""
        if story is None:
            return False
        if self.dialog is not None:
            self.dialog.show_story(story)
            self.dialog.raise_()
            self.dialog.activateWindow()
            return True
        self.dialog = RecordDialog(story, self.controller, self.parent_widget)
        self.dialog.finished.connect(self._closed)
        self.dialog.open()
        return True

    def show_story(self, story: Story) -> None:
        """A reloaded story: the open dialog shows it when it is about the same customer."""
        if self.dialog is not None and self.dialog.customer.id == story.customer.id:
            self.dialog.show_story(story)

    def _closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None
