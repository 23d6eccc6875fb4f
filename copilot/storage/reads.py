"""The service's reads: a customer, find, the story so far and search, each in one read unit.

They run the statements of `storage.statements` through `Database.reader()` and build read
models with `storage.mappers`; nothing here writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from copilot.errors import NotFoundError
from copilot.storage import mappers, statements
from copilot.storage.db import Database
from copilot.storage.dialects.base import Reader
from copilot.storage.kinds import EPOCH, CommitmentStatus, parse_timestamp
from copilot.storage.lookup import clamp_limit, customers_by_ids, find_customers, printable
from copilot.storage.schemas import CustomerRead, SearchHit, Story


def customers(reader: Reader, ids: Sequence[int]) -> dict[int, CustomerRead]:
    """Read models for many customers in one query (customers joined to identifiers)."""
    return customers_by_ids(reader.all, ids)


def customer(reader: Reader, customer_id: int) -> CustomerRead:
    """The customer `customer_id`, or NotFoundError."""
    found = customers(reader, [customer_id]).get(customer_id)
    if found is None:
        raise NotFoundError(f"no customer with id {customer_id}")
    return found


def find(database: Database, query: str, *, region: str, limit: int) -> list[CustomerRead]:
    """Customers matching an identifier in any common format, or a name (prefix/word)."""
    with database.reader(snapshot=False) as reader:
        return find_customers(
            reader.all,
            query,
            region=region,
            limit=clamp_limit(limit),
            ids_by_name=lambda text, n: database.customer_ids_by_name(reader, text, limit=n),
        )


def story(database: Database, customer_id: int, *, now: datetime, limit: int) -> Story:
    """What an agent must see before saying hello: five indexed queries, one snapshot."""
    limit = clamp_limit(limit)
    at = database.timestamp_param
    with database.reader() as reader:
        found = customer(reader, customer_id)
        facts = reader.all(statements.STORY_FACTS, {"c": customer_id, "now": at(now)})
        commitments = reader.all(
            statements.STORY_PROMISES,
            {"c": customer_id, "open": CommitmentStatus.open.value},
        )
        total, last_7, last_30 = reader.all(
            statements.STORY_COUNTS,
            {
                "c": customer_id,
                "now": at(now),
                "d7": at(now - timedelta(days=7)),
                "d30": at(now - timedelta(days=30)),
            },
        )[0]
        rows = reader.all(statements.STORY_CONTACTS, {"c": customer_id, "limit": limit})
        interactions = [mappers.interaction(row) for row in rows]
        overrides = _overrides(reader, [i.id for i in interactions])
    return Story(
        customer=found,
        facts=tuple(mappers.fact(row) for row in facts),
        commitments=tuple(mappers.commitment(row, now) for row in commitments),
        contacts_7d=int(last_7),
        contacts_30d=int(last_30),
        interactions=tuple(
            i.model_copy(update={"overrides": tuple(overrides[i.id])}) if i.id in overrides else i
            for i in interactions
        ),
        total_interactions=int(total),
    )


def _overrides(reader: Reader, interaction_ids: Sequence[int]) -> dict[int, list[str]]:
    """The compliance-gate overrides of these interactions, by interaction id."""
    if not interaction_ids:
        return {}
    params = {f"i{n}": value for n, value in enumerate(interaction_ids)}
    found: dict[int, list[str]] = {}
    for interaction_id, kind in reader.all(statements.overrides_of(len(interaction_ids)), params):
        found.setdefault(int(interaction_id), []).append(str(kind))
    return found


def search(database: Database, text: str, *, limit: int) -> list[SearchHit]:
    """Full-text hits in summaries, notes and facts, newest first; any text is safe."""
    limit = clamp_limit(limit)
    with database.reader() as reader:
        rows = database.search_rows(reader, printable(text), limit=limit)
        owners = customers(reader, [int(row[2]) for row in rows])
    hits = [
        SearchHit(
            customer=owners[int(customer_id)],
            source=str(source),
            source_id=int(source_id),
            snippet=str(snippet or ""),
            started_at=parse_timestamp(when),
        )
        for source, source_id, customer_id, snippet, when in rows
        if int(customer_id) in owners
    ]
    hits.sort(key=lambda hit: hit.started_at or EPOCH, reverse=True)
    return hits[:limit]
