"""Qt item models for the panel's lists: find results, the timeline, hint cards, draft notes.

Each model holds plain read models (detached, thread-safe values), replaces all its rows inside
beginResetModel/endResetModel, and returns None for every role it does not serve.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from copilot.storage.schemas import CustomerRead, InteractionRead
from copilot.ui.controllers.items import HintItem, Reminder

ItemRole = Qt.ItemDataRole.UserRole + 1  # the row's value object
IsCreateRole = Qt.ItemDataRole.UserRole + 2  # True on the "Create customer …" row
SeverityRole = Qt.ItemDataRole.UserRole + 3
IdRole = Qt.ItemDataRole.UserRole + 4

_Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("Models", text)


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
            label = _tr("Create customer “{query}”").replace("{query}", self.query.strip())
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return label
            if role == Qt.ItemDataRole.ToolTipRole:
                return _tr("No customer matches. Press Enter to create one.")
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


def compact_line(item: InteractionRead) -> str:
    """`12 Nov · phone · resolved — claim status asked`, short enough for a 400 px column."""
    when = item.started_at.astimezone().strftime("%d %b")
    parts = [when, _tr(item.channel.value)]
    if item.outcome:
        parts.append(item.outcome)
    line = " · ".join(parts)
    summary = item.summary.strip().splitlines()[0] if item.summary.strip() else ""
    if summary:
        line += " — " + (summary if len(summary) <= 80 else summary[:79] + "…")
    return line


def details_text(item: InteractionRead) -> str:
    """Everything about one interaction, for the expanded view and screen readers."""
    when = item.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
    lines = [
        f"{when} · {_tr(item.channel.value)} · {_tr(item.direction.value)}",
    ]
    if item.agent:
        lines.append(_tr("Agent: {agent}").replace("{agent}", item.agent))
    if item.outcome:
        lines.append(_tr("Outcome: {outcome}").replace("{outcome}", item.outcome))
    if item.summary:
        lines.append(item.summary)
    if item.notes:
        lines.append(item.notes)
    if item.helpdesk_ref:
        lines.append(_tr("Helpdesk ref: {ref}").replace("{ref}", item.helpdesk_ref))
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
        parts.append(_tr("Why: {words}").replace("{words}", ", ".join(item.why)))
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
