"""The story so far: pinned facts, open commitments, the timeline (who it is, and how often
they contacted us, is in the at-a-glance header above every page)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from copilot.storage.kinds import CommitmentStatus
from copilot.ui.controllers.items import contact_number
from copilot.ui.models import TimelineModel, details_text, short_date
from copilot.ui.widgets.common import (
    Translatable,
    card,
    section_title,
    wrapping_label,
)
from copilot.ui.widgets.header import WARNING_MARK

if TYPE_CHECKING:
    from copilot.storage.schemas import CommitmentRead, FactRead, Story


def default_due() -> datetime:
    """Tomorrow 17:00 local time: the usual "we'll call you back by end of day tomorrow"."""
    tomorrow = datetime.now().astimezone().date() + timedelta(days=1)
    return datetime.combine(tomorrow, time(17, 0)).astimezone()


def to_qdatetime(value: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(value.timestamp()))


def from_qdatetime(value: QDateTime) -> datetime:
    return datetime.fromtimestamp(value.toSecsSinceEpoch()).astimezone()


class FactRow(QWidget):
    """One pinned fact; Edit turns it into a line edit in place (Enter saves, Esc cancels)."""

    edited = Signal(int, str)
    removed = Signal(int)

    def __init__(self, fact: FactRead, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fact = fact
        self.setObjectName("factRow")
        self.label = QLabel(self._shown(fact.text), self)
        self.label.setObjectName("factText")
        # A critical fact (accessibility, vulnerability, legal) is marked here as in the header.
        self.label.setProperty("critical", "true" if fact.critical else "false")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.editor = QLineEdit(fact.text, self)
        self.editor.setObjectName("factEditor")
        self.editor.hide()
        self.edit_button = QToolButton(self)
        self.edit_button.setObjectName("editFactButton")
        self.remove_button = QToolButton(self)
        self.remove_button.setObjectName("removeFactButton")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.edit_button)
        layout.addWidget(self.remove_button)
        self.edit_button.clicked.connect(self.start_edit)
        self.remove_button.clicked.connect(lambda: self.removed.emit(self.fact.id))
        self.editor.returnPressed.connect(self.finish_edit)
        self.retranslate()

    def retranslate(self) -> None:
        self.label.setAccessibleName(self.tr("Fact: {text}").replace("{text}", self.fact.text))
        if self.fact.created_by:
            added = self.tr("Added by {name}").replace("{name}", self.fact.created_by)
            self.label.setToolTip(added)
            self.label.setAccessibleDescription(added)
        self.editor.setAccessibleName(self.tr("Edit fact"))
        self.editor.setAccessibleDescription(self.tr("Enter saves, Esc cancels"))
        # Glyphs, not words: the fact's text gets the narrow column's width; the tooltip and
        # the accessible name say what they do.
        self.edit_button.setText("✎")
        self.edit_button.setToolTip(self.tr("Edit fact"))
        self.edit_button.setAccessibleName(self.tr("Edit fact"))
        self.edit_button.setAccessibleDescription(self.fact.text)
        self.remove_button.setText("✕")
        self.remove_button.setToolTip(self.tr("Remove fact"))
        self.remove_button.setAccessibleName(self.tr("Remove fact"))
        self.remove_button.setAccessibleDescription(self.fact.text)

    def _shown(self, text: str) -> str:
        return f"{WARNING_MARK} {text}" if self.fact.critical else text

    def start_edit(self) -> None:
        self.label.hide()
        self.editor.setText(self.fact.text)
        self.editor.show()
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def finish_edit(self) -> None:
        text = self.editor.text().strip()
        self.editor.hide()
        self.label.show()
        if text and text != self.fact.text:
            self.label.setText(self._shown(text))
            self.edited.emit(self.fact.id, text)

    def is_editing(self) -> bool:
        return not self.editor.isHidden()

    def cancel_edit(self) -> None:
        """Esc: back to the saved text (the panel's Esc action calls this while editing)."""
        self.editor.hide()
        self.label.show()
        self.edit_button.setFocus(Qt.FocusReason.OtherFocusReason)


class CommitmentRow(QWidget):
    """One open commitment with its due date; overdue ones carry overdue="true" for the theme."""

    done = Signal(int)

    def __init__(self, commitment: CommitmentRead, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.commitment = commitment
        self.setObjectName("commitmentRow")
        self.setProperty("overdue", "true" if commitment.overdue else "false")
        self.label = QLabel(self)
        self.label.setObjectName("commitmentText")
        self.label.setProperty("overdue", "true" if commitment.overdue else "false")
        self.label.setWordWrap(True)
        self.done_button = QToolButton(self)
        self.done_button.setObjectName("commitmentDoneButton")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.done_button)
        self.done_button.clicked.connect(lambda: self.done.emit(self.commitment.id))
        self.retranslate()

    def retranslate(self) -> None:
        due = short_date(self.commitment.due_at, with_time=True)
        if self.commitment.overdue:
            when = self.tr("overdue since {due}").replace("{due}", due)
        else:
            when = self.tr("due {due}").replace("{due}", due)
        text = f"{self.commitment.text} — {when}"
        if self.commitment.made_by:
            # Who promised it: the colleague to ask, from their profile (never a login name).
            by = self.tr("promised by {name}").replace("{name}", self.commitment.made_by)
            text = f"{text} · {by}"
        self.label.setText(text)
        self.label.setAccessibleName(self.tr("Commitment: {text}").replace("{text}", text))
        self.done_button.setText(self.tr("Done"))
        self.done_button.setAccessibleName(self.tr("Mark commitment done"))
        self.done_button.setAccessibleDescription(self.commitment.text)


class StoryWidget(Translatable):
    """Displays a `Story`; edits are forwarded to the StoryController as signals."""

    fact_added = Signal(str)
    fact_edited = Signal(int, str)
    fact_removed = Signal(int)
    commitment_added = Signal(str, object)  # text, aware datetime
    commitment_done = Signal(int)
    more_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("storySection")
        self.story: Story | None = None
        self.logged = False  # this contact is already saved (then it is counted in contacts_7d)
        self._pending_fact = ""
        self._pending_commitment: tuple[str, QDateTime] | None = None
        self.timeline_model = TimelineModel(self)

        self.title = section_title(parent=self)
        # Name, identifiers and contact counts are in the header (widgets/header.py), and so
        # is the button that edits them.

        self._build_facts()
        self._build_commitments()
        self._build_timeline()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.facts_box)
        layout.addWidget(self.commitments_box)
        layout.addWidget(self.timeline_title)
        layout.addWidget(self.timeline)
        layout.addWidget(self.details)
        layout.addWidget(self.more_button)

        self.new_fact.returnPressed.connect(self._add_fact)
        self.new_commitment.returnPressed.connect(self._add_commitment)
        self.add_commitment_button.clicked.connect(self._add_commitment)
        self.more_button.clicked.connect(self.more_requested)
        self.timeline.activated.connect(self.show_details)
        self.timeline.clicked.connect(self.show_details)
        self.retranslate()

    def _build_facts(self) -> None:
        """The pinned facts card: one row per fact, then the box that adds one."""
        self.facts_box = card("factsCard", self)
        self.facts_layout = QVBoxLayout(self.facts_box)
        self.facts_layout.setContentsMargins(6, 4, 6, 4)
        self.facts_layout.setSpacing(2)
        self.facts_title = QLabel(self.facts_box)
        self.facts_title.setObjectName("subTitle")
        self.facts_layout.addWidget(self.facts_title)
        self.fact_rows: list[FactRow] = []
        self.new_fact = QLineEdit(self.facts_box)
        self.new_fact.setObjectName("newFact")
        self.facts_layout.addWidget(self.new_fact)

    def _build_commitments(self) -> None:
        """The open commitments card: one row per promise, then text, due time and Add."""
        self.commitments_box = card("commitmentsCard", self)
        self.commitments_layout = QVBoxLayout(self.commitments_box)
        self.commitments_layout.setContentsMargins(6, 4, 6, 4)
        self.commitments_layout.setSpacing(2)
        self.commitments_title = QLabel(self.commitments_box)
        self.commitments_title.setObjectName("subTitle")
        self.commitments_layout.addWidget(self.commitments_title)
        self.commitment_rows: list[CommitmentRow] = []
        self.new_commitment = QLineEdit(self.commitments_box)
        self.new_commitment.setObjectName("newCommitment")
        self.new_due = QDateTimeEdit(self.commitments_box)
        self.new_due.setObjectName("newCommitmentDue")
        self.new_due.setCalendarPopup(True)
        self.new_due.setDisplayFormat("dd MMM HH:mm")
        self.new_due.setDateTime(to_qdatetime(default_due()))
        self.add_commitment_button = QToolButton(self.commitments_box)
        self.add_commitment_button.setObjectName("addCommitmentButton")
        # The due time and Add appear once there is a promise to add: a narrow column keeps
        # the whole width for the text, and the story page one row shorter.
        self.due_row = QWidget(self.commitments_box)
        self.due_row.setObjectName("newCommitmentDueRow")
        due_layout = QHBoxLayout(self.due_row)
        due_layout.setContentsMargins(0, 0, 0, 0)
        due_layout.addStretch(1)
        due_layout.addWidget(self.new_due)
        due_layout.addWidget(self.add_commitment_button)
        self.due_row.hide()
        self.commitments_layout.addWidget(self.new_commitment)
        self.commitments_layout.addWidget(self.due_row)
        self.new_commitment.textChanged.connect(
            lambda text: self.due_row.setVisible(bool(text.strip()))
        )

    def _build_timeline(self) -> None:
        """Earlier contacts, one elided line each; the chosen one's full text below."""
        self.timeline_title = QLabel(self)
        self.timeline_title.setObjectName("subTitle")
        self.timeline = QListView(self)
        self.timeline.setObjectName("timeline")
        self.timeline.setModel(self.timeline_model)
        self.timeline.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # One line per contact, elided: a compact timeline; Enter or a click shows all of it.
        self.timeline.setWordWrap(False)
        self.timeline.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.timeline.setUniformItemSizes(True)
        self.timeline.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.details = wrapping_label(object_name="interactionDetails", parent=self)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.hide()
        self.more_button = QPushButton(self)
        self.more_button.setObjectName("showMoreButton")
        self.more_button.setFlat(True)

    def retranslate(self) -> None:
        self.title.setText(self.tr("The story so far"))
        self.facts_title.setText(self.tr("Pinned facts"))
        self.facts_box.setAccessibleName(self.tr("Pinned facts"))
        self.new_fact.setPlaceholderText(self.tr("Add a fact… (Enter)"))
        self.new_fact.setAccessibleName(self.tr("New fact"))
        self.new_fact.setAccessibleDescription(self.tr("Enter pins the fact to this customer"))
        self.commitments_title.setText(self.tr("Open commitments"))
        self.commitments_box.setAccessibleName(self.tr("Open commitments"))
        self.new_commitment.setPlaceholderText(self.tr("Add a commitment…"))
        self.new_commitment.setAccessibleName(self.tr("New commitment"))
        self.new_commitment.setAccessibleDescription(self.tr("What was promised; Enter saves"))
        self.new_due.setAccessibleName(self.tr("Commitment due"))
        self.new_due.setAccessibleDescription(self.tr("When the promise is due"))
        self.add_commitment_button.setText(self.tr("Add"))
        self.add_commitment_button.setAccessibleName(self.tr("Add commitment"))
        self.add_commitment_button.setAccessibleDescription(
            self.tr("Saves the new commitment with its due date")
        )
        self.timeline_model.retranslate()
        shown = self.timeline_model.item(self.timeline.currentIndex().row())
        if shown is not None and self.details.isVisibleTo(self):
            self.details.setText(details_text(shown))
        self.timeline_title.setText(self.tr("Last contacts"))
        self.timeline.setAccessibleName(self.tr("Last contacts"))
        self.timeline.setAccessibleDescription(self.tr("Enter shows the details of a contact"))
        self.details.setAccessibleName(self.tr("Contact details"))
        self.more_button.setText(self.tr("Show more"))
        self.more_button.setAccessibleName(self.tr("Show more contacts"))
        self.more_button.setAccessibleDescription(self.tr("Loads older contacts into the list"))
        for fact_row in self.fact_rows:
            fact_row.retranslate()
        for commitment_row in self.commitment_rows:
            commitment_row.retranslate()

    # -- display ---------------------------------------------------------------------------

    def show_story(self, story: Story) -> None:
        changed_customer = self.story is None or self.story.customer.id != story.customer.id
        self.story = story
        self._set_facts(story.facts)
        self._set_commitments(story.commitments)
        self.timeline_model.set_interactions(story.interactions)
        self.timeline.setVisible(bool(story.interactions))
        self._fit_timeline()
        self.timeline_title.setVisible(bool(story.interactions))
        self.more_button.setVisible(story.total_interactions > len(story.interactions))
        if changed_customer:
            self.details.hide()

    def _fit_timeline(self) -> None:
        """As tall as the first five contacts; more scroll inside the list."""
        rows = self.timeline_model.rowCount()
        if rows == 0:
            return
        height = sum(self.timeline.sizeHintForRow(r) for r in range(min(rows, 5)))
        self.timeline.setFixedHeight(height + 2 * self.timeline.frameWidth() + 2)

    def contact_number(self) -> int:
        if self.story is None:
            return 0
        return contact_number(self.story.contacts_7d, logged=self.logged)

    def _set_facts(self, facts: tuple[FactRead, ...]) -> None:
        for old in self.fact_rows:
            self.facts_layout.removeWidget(old)
            old.deleteLater()
        self.fact_rows = []
        for position, fact in enumerate(facts, start=1):
            fact_row = FactRow(fact, self.facts_box)
            fact_row.edited.connect(self.fact_edited)
            fact_row.removed.connect(self.fact_removed)
            self.facts_layout.insertWidget(position, fact_row)
            self.fact_rows.append(fact_row)

    def _set_commitments(self, commitments: tuple[CommitmentRead, ...]) -> None:
        for old in self.commitment_rows:
            self.commitments_layout.removeWidget(old)
            old.deleteLater()
        self.commitment_rows = []
        for position, commitment in enumerate(commitments, start=1):
            if commitment.status is not CommitmentStatus.open:
                continue
            commitment_row = CommitmentRow(commitment, self.commitments_box)
            commitment_row.done.connect(self.commitment_done)
            self.commitments_layout.insertWidget(position, commitment_row)
            self.commitment_rows.append(commitment_row)

    def show_details(self, index: QModelIndex) -> None:
        item = self.timeline_model.item(index.row())
        if item is None:
            return
        self.details.setText(details_text(item))
        self.details.show()

    # -- edits -----------------------------------------------------------------------------

    def _add_fact(self) -> None:
        text = self.new_fact.text().strip()
        if text:
            self._pending_fact = text
            self.fact_added.emit(text)
            self.new_fact.clear()

    def _add_commitment(self) -> None:
        text = self.new_commitment.text().strip()
        if text:
            self._pending_commitment = (text, self.new_due.dateTime())
            self.commitment_added.emit(text, from_qdatetime(self.new_due.dateTime()))
            focused = QApplication.focusWidget()
            if focused is not None and self.due_row.isAncestorOf(focused):
                # The row hides with the text: keep the keyboard where the next promise goes.
                self.new_commitment.setFocus(Qt.FocusReason.OtherFocusReason)
            self.new_commitment.clear()
            self.new_due.setDateTime(to_qdatetime(default_due()))

    def edit_saved(self) -> None:
        """The store has the last fact/commitment: nothing left to give back."""
        self._pending_fact = ""
        self._pending_commitment = None

    def edit_failed(self) -> None:
        """Saving failed: put what the agent typed back, unless they already typed anew."""
        if self._pending_fact and not self.new_fact.text():
            self.new_fact.setText(self._pending_fact)
        if self._pending_commitment is not None and not self.new_commitment.text():
            text, due = self._pending_commitment
            self.new_commitment.setText(text)
            self.new_due.setDateTime(due)
        self.edit_saved()
