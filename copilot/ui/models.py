"""Qt item models for the panel's lists: find results, the timeline, hint cards, draft notes.

Each model holds plain read models (detached, thread-safe values), replaces all its rows inside
beginResetModel/endResetModel, and returns None for every role it does not serve.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from copilot.ui.controllers.items import HintItem, Reminder
from copilot.vocabulary import Channel, Direction, Outcome

if TYPE_CHECKING:
    from copilot.storage.found import Found
    from copilot.storage.schemas import CustomerRead, InteractionRead, SearchHit

ItemRole = Qt.ItemDataRole.UserRole + 1  # the row's value object
IsCreateRole = Qt.ItemDataRole.UserRole + 2  # True on the "Create customer …" row
SeverityRole = Qt.ItemDataRole.UserRole + 3
IdRole = Qt.ItemDataRole.UserRole + 4

_Index = QModelIndex | QPersistentModelIndex


# Every translatable text below is a literal QCoreApplication.translate("Models", "...") call:
# lupdate only finds literals, so a helper taking a variable would leave them untranslated.


def channel_label(channel: Channel) -> str:
    """The channel's name as the wrap-up form shows it ("Telepon", not "phone")."""
    # The wrap-up form's context: one translation for the form and the timeline.
    names = {
        Channel.phone: QCoreApplication.translate("WrapUpWidget", "Phone"),
        Channel.chat: QCoreApplication.translate("WrapUpWidget", "Chat"),
        Channel.email: QCoreApplication.translate("WrapUpWidget", "Email"),
        Channel.whatsapp: QCoreApplication.translate("WrapUpWidget", "WhatsApp"),
        Channel.social: QCoreApplication.translate("WrapUpWidget", "Social media"),
        Channel.in_person: QCoreApplication.translate("WrapUpWidget", "In person"),
    }
    return names.get(channel, str(channel))


# What the wrap-up form offers, in English: the form shows them through tr() (listed for
# lupdate in copilot/ui/shell/i18n_extra) and stores the Outcome value, the same whatever the
# interface language, so a report counts "Selesai" and "Resolved" as one outcome.
OUTCOME_LABELS: dict[Outcome, str] = {
    Outcome.resolved: "Resolved",
    Outcome.follow_up: "Follow-up needed",
    Outcome.escalated: "Escalated",
    Outcome.information_given: "Information given",
    Outcome.no_answer: "No answer",
}


def _fold(text: str) -> str:
    return " ".join(text.lower().replace("_", " ").replace("-", " ").split())


# By a folded spelling: the Outcome values, the English labels, and what older data holds.
_LABEL_BY_SPELLING = {
    **{_fold(outcome): label for outcome, label in OUTCOME_LABELS.items()},
    **{_fold(label): label for label in OUTCOME_LABELS.values()},
    "info given": OUTCOME_LABELS[Outcome.information_given],
}


def outcome_label(outcome: str) -> str:
    """A stored outcome in the panel's language when it is one the wrap-up form offers
    ("follow_up" → "Perlu tindak lanjut"); any other text is the agent's own words, shown as
    written."""
    label = _LABEL_BY_SPELLING.get(_fold(outcome))
    if label is None:
        return outcome.strip()
    # Same context as the form's own tr().
    return QCoreApplication.translate("WrapUpWidget", label)


def direction_label(direction: Direction) -> str:
    if direction == Direction.outbound:
        return QCoreApplication.translate("Models", "Outbound")
    return QCoreApplication.translate("Models", "Inbound")


def identifiers_line(customer: CustomerRead, limit: int = 3) -> str:
    """The first few identifiers, comma-separated, for one compact line under a name."""
    values = [i.value for i in customer.identifiers[:limit]]
    if len(customer.identifiers) > limit:
        values.append("…")
    return ", ".join(values)


class _ListModel(QAbstractListModel):
    """Shared plumbing: a list of rows replaced as a whole."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        # A list model has children only under the invisible root.
        return 0 if parent.isValid() else len(self._rows)

    def _valid(self, index: _Index) -> bool:
        return (
            index.isValid()
            and not index.parent().isValid()
            and index.model() is self
            and 0 <= index.row() < len(self._rows)
            and index.column() == 0
        )

    def _row(self, index: _Index) -> Any | None:
        return self._rows[index.row()] if self._valid(index) else None

    def _reset(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def item(self, row: int) -> Any | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def items(self) -> list[Any]:
        return list(self._rows)


def _as_found(row: Found | CustomerRead) -> Found:
    # A bare customer (the one just created, or handed over by another screen) is a sure match.
    from copilot.storage.found import Found, MatchKind

    return row if isinstance(row, Found) else Found(row, MatchKind.identifier)


def match_note(found: Found, query: str) -> str:
    """Why a customer that did not match exactly is listed ("" when it did), so a similar
    name or a number's last digits are never taken for the customer the agent typed."""
    kind = str(found.match)
    if kind == "similar":
        return QCoreApplication.translate("Models", "Similar name")
    if kind == "suffix":
        digits = "".join(ch for ch in query if ch.isdigit())
        return QCoreApplication.translate("Models", "Number ends in {digits}").replace(
            "{digits}", digits
        )
    return ""


class CustomerResultsModel(_ListModel):
    """Find results, best first, each with how it matched; when nothing matches a non-empty
    query, one "Create customer" row."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.query = ""
        self.more = False  # more customers match than the list holds

    def set_results(
        self, query: str, found: Sequence[Found | CustomerRead], more: bool = False
    ) -> None:
        self.query = query
        self.more = more
        rows: list[Found | None] = [_as_found(row) for row in found]
        if query.strip() and not rows:
            rows.append(None)  # the create row
        self._reset(rows)

    def is_create_row(self, row: int) -> bool:
        return 0 <= row < len(self._rows) and self._rows[row] is None

    def found(self, row: int) -> Found | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def customer_count(self) -> int:
        return sum(1 for row in self._rows if row is not None)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        found: Found | None = self._rows[index.row()]
        if role == IsCreateRole:
            return found is None
        if role == ItemRole:
            return None if found is None else found.customer
        if found is None:
            label = QCoreApplication.translate("Models", "Create customer “{query}”").replace(
                "{query}", self.query.strip()
            )
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return label
            if role == Qt.ItemDataRole.ToolTipRole:
                return QCoreApplication.translate(
                    "Models", "No customer matches. Press Enter to create one."
                )
            return None
        customer = found.customer
        note = match_note(found, self.query)
        if role == Qt.ItemDataRole.DisplayRole:
            lines = [customer.name, identifiers_line(customer), note]
            return "\n".join(line for line in lines if line)
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            parts = [customer.name, identifiers_line(customer, limit=10), note]
            return ", ".join(part for part in parts if part)
        return None


class NoteResultsModel(_ListModel):
    """Full-text hits in notes, summaries and facts: the customer, then the matching words."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.query = ""

    def set_hits(self, query: str, hits: Sequence[SearchHit]) -> None:
        self.query = query
        self._reset(hits)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        hit: SearchHit | None = self._row(index)
        if hit is None:
            return None
        if role == ItemRole:
            return hit.customer
        source = (
            QCoreApplication.translate("Models", "Fact")
            if hit.source == "fact"
            else QCoreApplication.translate("Models", "Contact")
        )
        when = short_date(hit.started_at) if hit.started_at is not None else ""
        heading = " · ".join(part for part in (hit.customer.name, source, when) if part)
        snippet = " ".join(hit.snippet.split())
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{heading}\n{snippet}"
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            return f"{heading}: {snippet}"
        return None


class TimelineModel(_ListModel):
    """The last interactions, most recent first, one compact line each."""

    def set_interactions(self, interactions: Sequence[InteractionRead]) -> None:
        self._reset(interactions)

    def retranslate(self) -> None:
        """The channel and outcome labels follow the interface language: ask views to re-read
        every row after a language change."""
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item: InteractionRead | None = self._row(index)
        if item is None:
            return None
        if role == ItemRole:
            return item
        if role == Qt.ItemDataRole.DisplayRole:
            return compact_line(item)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return details_text(item)
        return None


def short_date(moment: datetime, *, with_time: bool = False) -> str:
    """`12 Nov` (`12 Okt` in Bahasa Indonesia): the month in the interface's language.

    strftime would name months in the C locale's English whatever the panel speaks; QLocale's
    default follows the language switch (copilot.ui.shell.i18n sets it).
    """
    local = moment.astimezone()
    month = QLocale().monthName(local.month, QLocale.FormatType.ShortFormat).rstrip(".")
    text = f"{local.day:02d} {month}"
    return f"{text} {local:%H:%M}" if with_time else text


def compact_line(item: InteractionRead) -> str:
    """`12 Nov · Phone · Resolved — claim status asked`, short enough for a 400 px column."""
    when = short_date(item.started_at)
    parts = [when, channel_label(item.channel)]
    if item.outcome.strip():
        parts.append(outcome_label(item.outcome))
    line = " · ".join(parts)
    summary = item.summary.strip().splitlines()[0] if item.summary.strip() else ""
    if summary:
        line += " — " + (summary if len(summary) <= 80 else summary[:79] + "…")
    return line


def details_text(item: InteractionRead) -> str:
    """Everything about one interaction, for the expanded view and screen readers."""
    when = item.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
    lines = [
        f"{when} · {channel_label(item.channel)} · {direction_label(item.direction)}",
    ]
    if item.agent:
        lines.append(
            QCoreApplication.translate("Models", "Agent: {agent}").replace("{agent}", item.agent)
        )
    if item.outcome.strip():
        lines.append(
            QCoreApplication.translate("Models", "Outcome: {outcome}").replace(
                "{outcome}", outcome_label(item.outcome)
            )
        )
    if item.summary:
        lines.append(item.summary)
    if item.notes:
        lines.append(item.notes)
    if item.helpdesk_ref:
        lines.append(
            QCoreApplication.translate("Models", "Helpdesk ref: {ref}").replace(
                "{ref}", item.helpdesk_ref
            )
        )
    return "\n".join(lines)


class HintListModel(_ListModel):
    """Cards for the Now section: hints and customer signals, pinned ones first."""

    def set_items(self, items: Sequence[HintItem]) -> None:
        self._reset(items)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item: HintItem | None = self._row(index)
        if item is None:
            return None
        if role == ItemRole:
            return item
        if role == IdRole:
            return item.id
        if role == SeverityRole:
            return item.severity
        if role == Qt.ItemDataRole.DisplayRole:
            return item.title
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return hint_description(item)
        return None


def hint_description(item: HintItem) -> str:
    """Title, text, why and reason in one sentence set, for tooltips and screen readers."""
    parts = [item.title]
    if item.text:
        parts.append(item.text)
    if item.why:
        parts.append(
            QCoreApplication.translate("Models", "Why: {words}").replace(
                "{words}", ", ".join(item.why)
            )
        )
    if item.reason:
        parts.append(item.reason)
    return "\n".join(parts)


class ReminderListModel(_ListModel):
    """Notes under the draft: tone reminders and personal data, in text order."""

    def set_reminders(self, reminders: Sequence[Reminder]) -> None:
        self._reset(reminders)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item: Reminder | None = self._row(index)
        if item is None:
            return None
        if role == ItemRole:
            return item
        if role == IdRole:
            return item.kind
        if role == SeverityRole:
            return item.severity
        if role == Qt.ItemDataRole.DisplayRole:
            return item.message
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{item.message}\n{item.suggestion}" if item.suggestion else item.message
        return None
