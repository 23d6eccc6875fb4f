"""CSV import: validated rows matched to customers and loaded in short, retry-safe chunks.

The file is read once to refuse what is not UTF-8 text, then row by row. Rows are parsed
outside any transaction and loaded a chunk at a time, each chunk its own short write
transaction (about half a second), so the panel's writes wait about that long at most. Every
row carries a natural key (`parsing.contact_key`, stored in `interaction.contact_key`): a row
whose key is already in the store is skipped, so importing a file again, or again after an
import was stopped or killed part-way, adds exactly the rows still missing.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from functools import partial
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, select

from copilot.storage.bulk import DEFAULT_BATCH_SIZE, BulkLoader, Mask, TextMasker, bulk_load
from copilot.storage.models import Identifier, Interaction, utc_now
from copilot.storage.transfer.parsing import ImportRow, RowError, RowParser, pairs_of
from copilot.storage.transfer.reading import check_text, csv_rows, index_header
from copilot.vocabulary import MAX_LONG_TEXT

if TYPE_CHECKING:
    from copilot.storage.db import Database

# (rows read, bytes read, bytes in the file)
ImportProgress = Callable[[int, int, int], None]

CHUNK_SECONDS = 0.5  # how long one chunk may hold the write lock, about
# Measured on 200,000 rows: 64 MB, 13 s and 190 MB resident; 16 MB, 28 s; 256 MB, 13 s, 240 MB.
IMPORT_PAGE_CACHE_KIB = 65_536
_FIRST_CHUNK_ROWS = 1_000
_MIN_CHUNK_ROWS = 200
_MAX_CHUNK_ROWS = 20_000  # bounds the memory of a chunk's parsed rows too
_IN_CHUNK = 500  # values per `IN (...)`: well under every database's parameter limit
MAX_REJECTIONS_KEPT = 10_000  # refused rows listed in the report; all are counted


@dataclass
class ImportReport:
    """What an import did: rows loaded, skipped as already there, refused, customers made."""

    imported: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)  # (line, reason), the first
    rejected_count: int = 0
    already_imported: int = 0
    customers_created: int = 0
    stopped: bool = False  # `stop` said so before the end of the file: run it again to finish

    @property
    def ok(self) -> bool:
        return not self.rejected_count and not self.stopped

    def reject(self, line: int, reason: str) -> None:
        self.rejected_count += 1
        if len(self.rejected) < MAX_REJECTIONS_KEPT:
            self.rejected.append((line, reason))


def import_csv(
    database: Database,
    path: Path | str,
    *,
    default_region: str = "ID",
    local_zone: tzinfo | None = None,
    progress: ImportProgress | None = None,
    clock: Callable[[], datetime] = utc_now,
    batch_size: int = DEFAULT_BATCH_SIZE,
    mask: Mask | None = None,
    chunk_seconds: float = CHUNK_SECONDS,
    stop: Callable[[], bool] | None = None,
) -> ImportReport:
    """Import interactions from a CSV file, a chunk of rows per write transaction.

    Raises InputError for a file that cannot be imported at all (missing, unreadable, not
    UTF-8, binary, no header, missing required columns), before anything is written; returns
    an ImportReport otherwise. `stop` is asked between chunks: when it says True, the import
    ends there, with every chunk before it committed (`report.stopped`).
    """
    path = Path(path)
    check_text(path)
    total = path.stat().st_size
    report = ImportReport()
    with csv_rows(path) as (reader, header, guard):
        parser = RowParser(
            index_header(path, header),
            len(header),
            default_region.upper(),
            local_zone,
            dialect=database.dialect_name,
            masker=TextMasker(mask),
        )
        counter = _RowCounter()
        rows = _valid_rows(reader, parser, report, counter)
        now = clock()
        size = _FIRST_CHUNK_ROWS
        # The chunks run on the same pooled connection one after another; its page cache is
        # kept between them, at a size that keeps a million-row import under 300 MB.
        load = partial(
            bulk_load,
            database,
            batch_size=batch_size,
            mask=mask,
            page_cache_kib=IMPORT_PAGE_CACHE_KIB,
            keep_page_cache=True,
        )
        while True:
            if stop is not None and stop():
                report.stopped = True
                break
            chunk = list(islice(rows, size))
            if not chunk:
                break
            started = time.perf_counter()
            with load() as loader:
                _load_chunk(chunk, loader, report, now)
            size = _next_size(size, len(chunk), time.perf_counter() - started, chunk_seconds)
            if progress is not None:
                progress(counter.rows, guard.consumed, total)
    if progress is not None and not report.stopped:
        progress(counter.rows, total, total)
    return report


def _next_size(size: int, rows: int, seconds: float, target: float) -> int:
    """The next chunk's rows: as many as the last chunk's pace fits in `target` seconds."""
    if rows < size:  # the end of the file; nothing learnt
        return size
    wanted = int(rows * target / max(seconds, 1e-3))
    # At most doubling or halving per chunk: one slow chunk (a checkpoint, another writer)
    # should not swing the size.
    return max(_MIN_CHUNK_ROWS, min(_MAX_CHUNK_ROWS, size * 2, max(size // 2, wanted)))


class _RowCounter:
    rows = 0


def _valid_rows(
    reader: Any, parser: RowParser, report: ImportReport, counter: _RowCounter
) -> Iterator[tuple[int, ImportRow]]:
    """(line where the row starts, row) for every valid row; refusals go to the report.

    `reader` is a `csv.reader`, its `line_num` the physical lines read (quoted cells may span
    lines), counting the header.
    """
    last_line = reader.line_num
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            counter.rows += 1
            report.reject(last_line + 1, _unreadable(exc))
            last_line = reader.line_num
            continue
        line = last_line + 1
        last_line = reader.line_num
        if not cells or (len(cells) == 1 and not cells[0].strip()):
            continue  # a blank line is not a row
        counter.rows += 1
        try:
            yield line, parser.parse(cells)
        except RowError as exc:
            report.reject(line, str(exc))


def _unreadable(exc: csv.Error) -> str:
    if "field larger than field limit" in str(exc):
        return (
            f"a field is longer than {csv.field_size_limit():,} characters "
            f"(summary and notes allow at most {MAX_LONG_TEXT:,})"
        )
    return f"unreadable CSV: {exc}"


def _load_chunk(
    chunk: list[tuple[int, ImportRow]], loader: BulkLoader, report: ImportReport, now: datetime
) -> None:
    """Load one chunk's rows inside the loader's transaction, skipping rows already there."""
    connection = loader.connection
    fresh = _not_imported(connection, chunk, report)
    customers = _CustomerMap(connection)
    customers.prefetch({row.identifiers for _, row in fresh})
    loaded: list[tuple[int, ImportRow]] = []
    keys_loaded: set[str] = set()  # a row repeated in the file is one contact
    for line, row in fresh:
        if row.contact_key in keys_loaded:
            report.already_imported += 1
            continue
        keys = row.identifiers
        customer_id = customers.decided.get(keys)
        if customer_id is None:
            customer_id = customers.decide(keys, row.name, loader, report, now)
        if customer_id:
            loaded.append((customer_id, row))
            keys_loaded.add(row.contact_key)
        else:
            report.reject(line, customers.conflict(keys))
    if loaded:
        ids, rows = zip(*loaded, strict=True)
        columns = dict(zip(ImportRow._fields, zip(*rows, strict=True), strict=True))
        loader.add_contacts({"customer_id": ids, **columns})
    report.imported += len(loaded)


def _not_imported(
    connection: Connection, chunk: list[tuple[int, ImportRow]], report: ImportReport
) -> list[tuple[int, ImportRow]]:
    """The chunk without the rows whose key the store already holds."""
    key_column = Interaction.__table__.c.contact_key  # type: ignore[attr-defined]
    stored: set[str] = set()
    for part in _parts(sorted({row.contact_key for _, row in chunk})):
        stored.update(connection.execute(select(key_column).where(key_column.in_(part))).scalars())
    if not stored:
        return chunk
    report.already_imported += sum(1 for _, row in chunk if row.contact_key in stored)
    return [(line, row) for line, row in chunk if row.contact_key not in stored]


def _parts(values: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(values), _IN_CHUNK):
        yield values[start : start + _IN_CHUNK]


class _CustomerMap:
    """Normalised identifier -> customer id for one chunk's transaction, and the decision
    taken for each set of identifiers a row can carry.

    `decided[keys]` is the customer the rows with these identifiers go to, or 0 when the
    identifiers belong to different customers. Made afresh for every chunk: between chunks the
    panel may add, merge or erase customers, so nothing read in one transaction is trusted in
    the next.
    """

    def __init__(self, connection: Connection) -> None:
        self._conn = connection
        self.owner: dict[tuple[str, str], int] = {}
        self.decided: dict[str, int] = {}

    def prefetch(self, signatures: Iterable[str]) -> None:
        wanted: dict[str, set[str]] = {}
        for keys in signatures:
            for kind, value in pairs_of(keys):
                wanted.setdefault(kind, set()).add(value)
        table = Identifier.__table__  # type: ignore[attr-defined]
        for kind, values in wanted.items():
            for part in _parts(sorted(values)):
                # kind first: the (kind, value) unique index answers this without a scan.
                found = self._conn.execute(
                    select(table.c.value, table.c.customer_id).where(
                        table.c.kind == kind, table.c.value.in_(part)
                    )
                )
                for value, customer_id in found:
                    self.owner[(kind, value)] = int(customer_id)

    def decide(
        self, keys: str, name: str, loader: BulkLoader, report: ImportReport, now: datetime
    ) -> int:
        """The customer for a row with these identifiers (0: they belong to several),
        creating the customer or adding identifiers to it as needed."""
        owner = self.owner
        pairs = pairs_of(keys)
        found = {owner[key] for key in pairs if key in owner}
        if len(found) > 1:
            customer_id = 0
        elif not found:
            customer_id = loader.add_customer(name, created_at=now, identifiers=pairs)
            for key in pairs:
                owner[key] = customer_id
            report.customers_created += 1
        else:
            customer_id = found.pop()
            for key in pairs:
                if key not in owner:
                    loader.add_identifier(customer_id, key[0], key[1])
                    owner[key] = customer_id
        self.decided[keys] = customer_id
        return customer_id

    def conflict(self, keys: str) -> str:
        ids = sorted({i for i in (self.owner.get(k) for k in pairs_of(keys)) if i is not None})
        shown = ", ".join(str(i) for i in ids)
        return f"its identifiers belong to different customers ({shown}); not merged"
