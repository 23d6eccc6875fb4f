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
    from copilot.storage.schemas import CustomerRead, InteractionRead

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


class CustomerResultsModel(_ListModel):
    """Find results; when nothing matches a non-empty query, one "Create customer" row."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.query = ""

    def set_results(self, query: str, customers: Sequence[CustomerRead]) -> None:
        self.query = query
        rows: list[CustomerRead | None] = list(customers)
        if query.strip() and not rows:
            rows.append(None)  # the create row
        self._reset(rows)

    def is_create_row(self, row: int) -> bool:
        return 0 <= row < len(self._rows) and self._rows[row] is None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        customer: CustomerRead | None = self._rows[index.row()]
        if role == IsCreateRole:
            return customer is None
        if role == ItemRole:
            return customer
        if customer is None:
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
        if role == Qt.ItemDataRole.DisplayRole:
            ids = identifiers_line(customer)
            return f"{customer.name}\n{ids}" if ids else customer.name
        if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
            ids = identifiers_line(customer, limit=10)
            return f"{customer.name}, {ids}" if ids else customer.name
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
