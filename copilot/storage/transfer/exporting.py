"""Export of every interaction as CSV (safe to open in Excel) or JSON Lines, private to the user.

One line per interaction, with the customer's identifiers. Text leaves masked, as it was
stored (and masked again, for rows older tools wrote). The file is created readable by the
user only and appears complete or not at all.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from sqlalchemy import select

from copilot.errors import InputError
from copilot.storage.bulk import Mask, default_mask
from copilot.storage.models import Customer, Identifier, Interaction, decode_tags, table_of
from copilot.storage.transfer.reading import COLUMNS

if TYPE_CHECKING:
    from copilot.storage.db import Database

ExportProgress = Callable[[int], None]

EXPORT_CSV_COLUMNS = (*COLUMNS, "customer_id", "identifiers")
# A cell starting with one of these is a formula to Excel and LibreOffice (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PROGRESS_EVERY = 10_000
_IN_CHUNK = 500  # values per `IN (...)`: well under every database's parameter limit
_PRIVATE = 0o600  # exports hold customers' data: readable by the user only


def export_format(path: Path | str) -> str:
    """ "csv" or "jsonl" from the file name; InputError for anything else."""
    name = str(path)
    if name == "-":
        return "csv"
    suffix = Path(name).suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    raise InputError(
        f"cannot tell the export format from {name!r}: name the file .csv, .jsonl or .ndjson"
    )


def defuse_formula(cell: str) -> str:
    """A leading apostrophe for cells Excel would run as a formula (CSV injection)."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def _iso(value: datetime | None) -> str:
    if value is None:
        return ""
    return value.astimezone(UTC).isoformat()


def _export_records(database: Database, mask: Mask, batch: int = 5_000) -> Iterator[dict[str, Any]]:
    """Every interaction with its customer and identifiers, in id order, a batch at a time."""
    interaction = table_of(Interaction)
    customer = table_of(Customer)
    last_id = 0
    while True:
        with database.session() as session:
            conn = session.connection()
            rows = conn.execute(
                select(interaction, customer.c.name)
                .join(customer, customer.c.id == interaction.c.customer_id)
                .where(interaction.c.id > last_id)
                .order_by(interaction.c.id)
                .limit(batch)
            ).all()
            if not rows:
                return
            identifiers = _identifiers_of(conn, {int(r.customer_id) for r in rows})
        for r in rows:
            yield {
                "interaction_id": int(r.id),
                "customer_id": int(r.customer_id),
                "name": r.name or "",
                "identifiers": identifiers.get(int(r.customer_id), []),
                "channel": r.channel,
                "direction": r.direction,
                "started_at": _iso(r.started_at),
                "agent": r.agent or "",
                # Stored text is masked already; masking again on the way out protects exports
                # of rows written before masking existed or by other tools.
                "summary": mask(r.summary or ""),
                "notes": mask(r.notes or ""),
                "outcome": r.outcome or "",
                "tags": list(decode_tags(r.tags)),
                "industry": r.industry,
                "client": r.client or "",
                "helpdesk_ref": r.helpdesk_ref or "",
            }
        last_id = int(rows[-1].id)


def _identifiers_of(conn: Any, customer_ids: set[int]) -> dict[int, list[tuple[str, str]]]:
    identifier = table_of(Identifier)
    wanted = sorted(customer_ids)
    found: dict[int, list[tuple[str, str]]] = {}
    for start in range(0, len(wanted), _IN_CHUNK):
        for cid, kind, value in conn.execute(
            select(identifier.c.customer_id, identifier.c.kind, identifier.c.value)
            .where(identifier.c.customer_id.in_(wanted[start : start + _IN_CHUNK]))
            .order_by(identifier.c.customer_id, identifier.c.id)
        ):
            found.setdefault(int(cid), []).append((str(kind), str(value)))
    return found


def _first(identifiers: Sequence[tuple[str, str]], kind: str) -> str:
    return next((value for k, value in identifiers if k == kind), "")


def _csv_cells(rec: dict[str, Any]) -> list[str]:
    ids = rec["identifiers"]
    cells = [
        rec["name"],
        _first(ids, "phone"),
        _first(ids, "email"),
        _first(ids, "account"),
        rec["channel"],
        rec["started_at"],
        rec["agent"],
        rec["summary"],
        rec["notes"],
        rec["outcome"],
        rec["client"],
        rec["helpdesk_ref"],
        str(rec["customer_id"]),
        ";".join(f"{k}:{v}" for k, v in ids),
    ]
    return [defuse_formula(cell) for cell in cells]


def _write_csv(
    records: Iterable[dict[str, Any]], out: IO[str], progress: ExportProgress | None
) -> int:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EXPORT_CSV_COLUMNS)
    count = 0
    for rec in records:
        writer.writerow(_csv_cells(rec))
        count += 1
        if progress is not None and count % _PROGRESS_EVERY == 0:
            progress(count)
    return count


def _write_jsonl(
    records: Iterable[dict[str, Any]], out: IO[str], progress: ExportProgress | None
) -> int:
    count = 0
    for rec in records:
        rec = dict(rec, identifiers=[{"kind": k, "value": v} for k, v in rec["identifiers"]])
        out.write(json.dumps(rec, ensure_ascii=False))
        out.write("\n")
        count += 1
        if progress is not None and count % _PROGRESS_EVERY == 0:
            progress(count)
    return count


def export_file(
    database: Database,
    path: Path | str,
    *,
    progress: ExportProgress | None = None,
    mask: Mask | None = None,
    stdout: IO[str] | None = None,
) -> int:
    """Write every interaction to `path` (`.csv`, `.jsonl`/`.ndjson`, or `-` for CSV on stdout).

    The file is readable by the user only (0600, whatever the umask) and appears complete or
    not at all: it is written next to its final name and renamed. Returns the number of
    interactions written.
    """
    fmt = export_format(path)
    masker = mask if mask is not None else default_mask()
    write = _write_csv if fmt == "csv" else _write_jsonl
    records = _export_records(database, masker)
    if str(path) == "-":
        return write(records, stdout or sys.stdout, progress)
    target = Path(path)
    if target.is_dir():
        raise InputError(f"{target} is a folder; give a file name ending in .csv or .jsonl")
    if not target.parent.exists():
        raise InputError(f"the folder {target.parent} does not exist")
    partial = target.with_name(target.name + ".partial")
    try:
        # utf-8-sig for CSV: Excel reads a BOM-less UTF-8 CSV as the local code page and
        # garbles every Indonesian accent and emoji.
        encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
        with os.fdopen(_create_private(partial), "w", encoding=encoding, newline="") as out:
            count = write(records, out, progress)
        os.replace(partial, target)
    except PermissionError:
        raise InputError(f"cannot write {target}: permission denied") from None
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror or exc}") from None
    finally:
        partial.unlink(missing_ok=True)
    return count


def _create_private(path: Path) -> int:
    """A new file descriptor for `path`, mode 0600 from its first byte, whatever the umask.

    A leftover from a killed export is removed first: opening it again would keep whatever
    mode it had. O_EXCL then makes sure the file is new and ours.
    """
    path.unlink(missing_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags, _PRIVATE)
    if hasattr(os, "fchmod"):  # POSIX; a umask can only take bits off, never add
        os.fchmod(fd, _PRIVATE)
    return fd
