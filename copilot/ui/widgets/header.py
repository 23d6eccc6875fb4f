"""The at-a-glance header: who is on the line and what must not be missed, above every page."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from copilot.ui.controllers.glance import Glance
from copilot.ui.controllers.items import ordinal
from copilot.ui.widgets.common import Translatable, ordinal_patterns, wrapping_label
from copilot.ui.widgets.flow import ElidedLabel, FlowLayout

# A glyph beside the colour, so a critical fact or a must-fix draft never depends on colour.
WARNING_MARK = "⚠"


def _restyle(label: QLabel, name: str, value: str) -> None:
    """Set a property the theme selects on and make the style notice it."""
    if label.property(name) != value:
        label.setProperty(name, value)
        label.style().unpolish(label)
        label.style().polish(label)


class GlanceHeader(Translatable):
    """Displays a `Glance` (GlanceController prepares it); hidden while no customer is open."""

    record_requested = Signal()  # "Edit record": rename, identifiers, critical facts, merge

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("glanceHeader")
        self.glance: Glance | None = None
        self.frame = QFrame(self)
        self.frame.setObjectName("glanceFrame")
        self.name = wrapping_label(object_name="glanceName", parent=self.frame)
        # Editing who they are starts where their name is: a glyph beside it, not a row of
        # its own on the Story page (which then no longer fitted 360 x 700).
        self.edit_record_button = QToolButton(self.frame)
        self.edit_record_button.setObjectName("editRecordButton")
        self.edit_record_button.setText("✎")
        self.edit_record_button.clicked.connect(self.record_requested)
        name_row = QHBoxLayout()
        name_row.setContentsMargins(0, 0, 0, 0)
        name_row.addWidget(self.name, 1)
        name_row.addWidget(self.edit_record_button, 0, Qt.AlignmentFlag.AlignTop)
        # Short chips that wrap as a group: the identifier, the contact counts, overdue.
        self.chips = QWidget(self.frame)
        self.chips.setObjectName("glanceChips")
        self.identifier = self._chip("glanceIdentifier")
        self.identifier.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.contacts = self._chip("glanceContacts")
        self.contacts_30d = self._chip("glanceContacts30")
        self.overdue = self._chip("glanceOverdue")
        flow = FlowLayout(self.chips, spacing=6)
        # What needs acting on first: at 320 px the two warnings share the first line.
        for chip in (self.contacts, self.overdue, self.contacts_30d, self.identifier):
            flow.addWidget(chip)
        self.critical = wrapping_label(object_name="glanceCritical", parent=self.frame)
        self.signals = wrapping_label(object_name="glanceSignals", parent=self.frame)
        # The draft's own page shows the whole reminder: one line is enough up here.
        self.must = ElidedLabel(self.frame)
        self.must.setObjectName("glanceMust")
        inner = QVBoxLayout(self.frame)
        inner.setContentsMargins(6, 3, 6, 3)
        inner.setSpacing(3)
        inner.addLayout(name_row)
        for widget in (self.chips, self.critical, self.signals, self.must):
            inner.addWidget(widget)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.frame)
        self.hide()
        self.retranslate()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height(event.size().width())

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:
            # Its lines changed (another caller, a new must-fix): measured again once the
            # layouts have taken them in, or the next caller, with fewer lines, kept the last
            # one's height with a blank band in it.
            self._fit_height(self.width())
        return handled

    def _fit_height(self, width: int) -> None:
        """Never squeezed below what its wrapped lines need at this width: when banners take
        the window's height, the page below gives way (it scrolls), not the header."""
        needed = self.heightForWidth(width)
        if needed > 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)

    def _chip(self, object_name: str) -> QLabel:
        # Wrapping, though short: at 320 px and 150 % text one chip can need the whole line.
        return wrapping_label(object_name=object_name, parent=self.chips)

    def labels(self) -> list[QLabel]:
        return [
            self.name,
            self.identifier,
            self.contacts,
            self.contacts_30d,
            self.overdue,
            self.critical,
            self.signals,
            self.must,
        ]

    def show_glance(self, glance: Glance | None) -> None:
        self.glance = glance
        self.setVisible(glance is not None)
        self.retranslate()

    def retranslate(self) -> None:
        self.frame.setAccessibleName(self.tr("Customer at a glance"))
        self.edit_record_button.setToolTip(self.tr("Edit record (Ctrl+Shift+E)"))
        self.edit_record_button.setAccessibleName(self.tr("Edit record"))
        self.edit_record_button.setAccessibleDescription(
            self.tr("Rename, change phone, email or account, mark critical facts, merge")
        )
        g = self.glance
        if g is None:
            for label in self.labels():
                label.setText("")
            return
        self.name.setText(self._addressed(g))
        self.identifier.setText(g.identifier)
        self.identifier.setToolTip(self.tr("The identifier that matched what you searched"))
        patterns = ordinal_patterns()
        self.contacts.setText(
            self.tr("{nth} contact in 7 days").replace("{nth}", ordinal(g.contact_7d, patterns))
        )
        _restyle(self.contacts, "level", g.level_7d)
        self.contacts_30d.setText(
            self.tr("{nth} in 30 days").replace("{nth}", ordinal(g.contact_30d, patterns))
            if g.contact_30d > g.contact_7d
            else ""
        )
        self.overdue.setText(
            self.tr("Overdue promises: {n}").replace("{n}", str(g.overdue)) if g.overdue else ""
        )
        self.critical.setText(
            "\n".join(
                f"{WARNING_MARK} " + self.tr("Critical: {fact}").replace("{fact}", text)
                for text in g.critical_facts
            )
        )
        self.signals.setText(self._signals_text(g))
        self.must.setText(self._must_text(g))
        names = {
            self.name: self.tr("Customer name"),
            self.identifier: self.tr("Identifier that matched"),
            self.contacts: self.tr("Contacts in the last 7 days"),
            self.contacts_30d: self.tr("Contacts in the last 30 days"),
            self.overdue: self.tr("Overdue promises"),
            self.critical: self.tr("Critical facts"),
            self.signals: self.tr("The customer's signals now"),
            self.must: self.tr("Draft must change"),
        }
        for label, name in names.items():
            text = label.full_text() if isinstance(label, ElidedLabel) else label.text()
            label.setAccessibleName(name)
            label.setAccessibleDescription(text)
            label.setVisible(bool(text))

    def _addressed(self, g: Glance) -> str:
        """The name with how to address the customer in front, in the UI's language."""
        salutations = {
            "bapak": self.tr("Mr"),
            "ibu": self.tr("Ms"),
            "mr": self.tr("Mr"),
            "ms": self.tr("Ms"),
        }
        title = salutations.get(g.salutation, "")
        return f"{title} {g.name}" if title else g.name

    def _signals_text(self, g: Glance) -> str:
        if not g.signals:
            return ""
        names = {
            "frustration": self.tr("frustrated"),
            "repeat_contact": self.tr("contacting again"),
            "urgency": self.tr("urgent"),
            "confusion": self.tr("confused"),
            "churn_risk": self.tr("may leave"),
            "vulnerability": self.tr("vulnerable"),
            "abusive": self.tr("abusive"),
            "escalation": self.tr("going public / regulator"),
        }
        words = " · ".join(names.get(kind, kind) for kind in g.signals)
        return self.tr("Right now: {signals}").replace("{signals}", words)

    def _must_text(self, g: Glance) -> str:
        if not g.must_reminders:
            return ""
        first = g.must_reminders[0]
        problem = self.tr("personal data") if first.is_pii else first.message
        text = self.tr("Draft must change: {problem}").replace("{problem}", problem)
        extra = len(g.must_reminders) - 1
        if extra:
            text += " " + self.tr("(+{n} more)").replace("{n}", str(extra))
        return f"{WARNING_MARK} {text}"
