"""CSV import and CSV / JSON Lines export of interactions, streamed, with per-row validation.

Import reads a UTF-8 CSV with a header row (columns `name, phone, email, account, channel,
started_at, agent, summary, notes, outcome`; others ignored), validates every row, matches rows
to customers by their identifiers, and loads all valid rows in one transaction through the bulk
loader. Rejected rows come back with their physical line number and the reason, so a site
administrator can fix the file and import just those rows again.

Export writes one line per interaction, with the customer's identifiers, as CSV (safe to open in
Excel: formula-like cells are defused) or JSON Lines. Text leaves masked, as it was stored.
"""

from __future__ import annotations

import codecs
import csv
import gc
import io
import json
import multiprocessing
import os
import re
import sys
import threading
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from itertools import chain, compress
from operator import itemgetter, methodcaller
from pathlib import Path
from queue import Empty, Full
from typing import IO, TYPE_CHECKING, Any

import phonenumbers
from sqlalchemy import Connection, select

from copilot.context.pii import has_secret_word
from copilot.errors import InputError
from copilot.storage.bulk import (
    DEFAULT_BATCH_SIZE,
    BulkLoader,
    Mask,
    TextMasker,
    bulk_load,
    default_mask,
    stamp_for,
    table_of,
)
from copilot.storage.identity import normalise, normalise_email, normalise_phone
from copilot.storage.models import Customer, Identifier, Interaction, decode_tags, utc_now
from copilot.storage.schemas import Channel

if TYPE_CHECKING:
    from copilot.storage.db import Database

# (rows done, bytes done, bytes total)
ImportProgress = Callable[[int, int, int], None]
ExportProgress = Callable[[int], None]

COLUMNS = (
    "name",
    "phone",
    "email",
    "account",
    "channel",
    "started_at",
    "agent",
    "summary",
    "notes",
    "outcome",
)
IDENTIFIER_COLUMNS = ("phone", "email", "account")
EXPORT_CSV_COLUMNS = (*COLUMNS, "customer_id", "identifiers")
MAX_SHORT_FIELD = 200  # name, agent, outcome: the columns' size in the store

# Rows are validated as they stream in, and matched to customers this many at a time, with one
# database lookup per identifier kind for the identifiers not seen before.
_RESOLVE_BATCH = 5_000
_PROGRESS_EVERY = 10_000
_PARALLEL_MIN_BYTES = 16 * 1024 * 1024  # about 80,000 rows
_IN_CHUNK = 500  # values per `IN (...)`: well under every database's parameter limit

_CHANNEL_ALIASES = {
    **{c.value: c.value for c in Channel},
    "call": "phone",
    "voice": "phone",
    "telephone": "phone",
    "telepon": "phone",
    "wa": "whatsapp",
    "whats_app": "whatsapp",
    "livechat": "chat",
    "live_chat": "chat",
    "web_chat": "chat",
    "e_mail": "email",
    "mail": "email",
    "walk_in": "in_person",
    "inperson": "in_person",
    "in_person": "in_person",
    "social_media": "social",
    "facebook": "social",
    "instagram": "social",
    "twitter": "social",
    "x": "social",
}
_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T](\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?")
# A cell starting with one of these is a formula to Excel and LibreOffice (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class ImportReport:
    """What an import did: rows loaded, rows refused (line, reason), customers it created."""

    imported: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)
    customers_created: int = 0

    @property
    def ok(self) -> bool:
        return not self.rejected


class _RowError(Exception):
    """One row cannot be imported; the message is the reason shown with its line number."""


# --- reading the file ------------------------------------------------------------------------


@contextmanager
def _open_binary(path: Path) -> Iterator[IO[bytes]]:
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise InputError(f"{path} does not exist") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a folder, not a file") from None
    except PermissionError:
        raise InputError(f"cannot read {path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    with handle:
        yield handle


def _not_utf8(path: Path, why: str) -> InputError:
    return InputError(f"{path} is not UTF-8 text ({why}): save it as UTF-8 CSV")


def _check_start(path: Path, head: bytes) -> None:
    """Refuse files that are clearly not UTF-8 CSV before reading a single row."""
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise _not_utf8(path, "it is UTF-32")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _not_utf8(path, "it is UTF-16")
    if b"\x00" in head:
        # UTF-16 without a byte-order mark has a NUL in every other byte of ASCII text.
        ascii_pairs = head[1::2].count(0) > len(head) // 4 or head[0::2].count(0) > len(head) // 4
        if ascii_pairs:
            raise _not_utf8(path, "it looks like UTF-16")
        raise InputError(f"{path} looks like a binary file (it contains NUL bytes), not CSV text")


def _first_bad_utf8(path: Path) -> tuple[int, str]:
    """(line, byte in hex) of the first byte that is not UTF-8; only called after a failure.

    The text layer decodes ahead in chunks, so the CSV reader's line count when the error
    surfaces is not where the bad byte is; a second, binary pass finds the real place.
    """
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    line = 1
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 16):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                # Bytes the decoder held back from the previous chunk are part of exc.object.
                pending = len(exc.object) - len(chunk)
                before = chunk[: max(0, exc.start - pending)]
                return line + before.count(b"\n"), exc.object[
                    exc.start : exc.start + 1
                ].hex().upper()
            line += chunk.count(b"\n")
    return line, "??"


class _NulGuard(io.RawIOBase):
    """The file's bytes, refusing NUL anywhere: Python's csv module would accept it silently.

    Checked per chunk of bytes rather than per line, so the guard costs nothing per row.
    """

    def __init__(self, raw: IO[bytes], path: Path) -> None:
        super().__init__()
        self._raw = raw
        self._path = path
        self.consumed = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        chunk = self._raw.read(len(buffer))
        if b"\x00" in chunk:
            raise InputError(
                f"{self._path} contains NUL bytes: it is a binary file or not UTF-8 text; "
                "save it as UTF-8 CSV"
            )
        size = len(chunk)
        buffer[:size] = chunk
        self.consumed += size
        return size


def _header_key(cell: str) -> str:
    # "Started At", " started_at ", "STARTED-AT" all name the same column.
    return "_".join(cell.strip().lower().replace("-", " ").replace("_", " ").split())


def _index_header(path: Path, header: Sequence[str]) -> dict[str, int]:
    positions: dict[str, int] = {}
    for position, cell in enumerate(header):
        key = _header_key(cell)
        if not key:
            continue
        if key in positions and key in COLUMNS:
            raise InputError(f"{path}: the column {key} appears twice in the header")
        positions.setdefault(key, position)
    missing = [c for c in ("started_at",) if c not in positions]
    if not any(c in positions for c in IDENTIFIER_COLUMNS):
        missing.append("phone/email/account (at least one)")
    if missing:
        raise InputError(
            f"{path} is missing the column(s) {', '.join(missing)}; "
            f"the header must name started_at and at least one of phone, email, account "
            f"(found: {', '.join(_header_key(c) for c in header if c.strip()) or 'nothing'})"
        )
    return positions


# --- values ----------------------------------------------------------------------------------


def parse_started_at(text: str) -> datetime:
    """A datetime from the formats sites export; naive when the text names no zone.

    Accepted: ISO 8601 with or without a zone (`2026-03-01T09:30:00+07:00`, `...Z`,
    `2026-03-01 09:30`), and `DD/MM/YYYY HH:MM` (day first, as in Indonesia and the UK).
    The importer reads naive values in the desk's zone.
    """
    value = text.strip()
    if not value:
        raise _RowError("started_at is empty")
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        match = _DMY.fullmatch(value)
        if match is None:
            raise _RowError(
                f"started_at {value[:40]!r} is not a date (use 2026-03-01 09:30, "
                "2026-03-01T09:30:00+07:00 or 01/03/2026 09:30)"
            ) from None
        day, month, year, hour, minute, second = match.groups()
        try:
            when = datetime(
                int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0)
            )
        except ValueError as exc:
            raise _RowError(f"started_at {value!r} is not a real date ({exc})") from None
    return when


_STARTS_WITH_QUOTE = methodcaller("startswith", "'")


def _undo_formula_guard(cell: str) -> str:
    """Drop the apostrophe our export put before formula-like cells, so exports re-import."""
    if len(cell) > 1 and cell[0] == "'" and cell[1] in "=+-@":
        return cell[1:]
    return cell


class _PhoneNormaliser:
    """`identity.normalise_phone` with a cache, and a shortcut proven against it.

    `phonenumbers` costs ~45 us per call, which alone would cap an import below 25,000 rows/s.
    Most numbers in a file are plain digits (`+62 812-3456-7890`, `0812 3456 7890`); for those,
    the E.164 form is built by string operations, and the shortcut is trusted for a class of
    numbers (same form, same first digits, same length) only after the real normaliser gave the
    same answer for a member of that class. Whether a number is valid depends on its leading
    digits and its length, which is exactly what a class fixes; anything else takes the full
    path.
    """

    def __init__(self, region: str) -> None:
        self._region = region
        self._cache: dict[str, str] = {}
        self._classes: dict[tuple[str, str, int], bool] = {}
        code = phonenumbers.country_code_for_region(region)
        metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
        self._country = str(code) if code else ""
        self._trunk = (metadata.national_prefix if metadata else None) or ""

    def _candidate(self, raw: str) -> tuple[str, str] | None:
        compact = raw.strip().translate(_PHONE_SEPARATORS)
        if compact.startswith("+"):
            digits, form = compact[1:], "+"
        else:
            digits, form = compact, "national"
        if not digits.isascii() or not digits.isdigit() or len(digits) < 6:
            return None
        if form == "+":
            return form, "+" + digits
        if self._trunk and self._country and digits.startswith(self._trunk):
            return form, "+" + self._country + digits[len(self._trunk) :]
        return None

    def __call__(self, raw: str) -> str:
        known = self._cache.get(raw)
        if known is not None:
            return known
        guess = self._candidate(raw)
        if guess is not None:
            form, candidate = guess
            klass = (form, candidate[:7], len(candidate))
            trusted = self._classes.get(klass)
            if trusted:
                result = candidate
            else:
                result = normalise_phone(raw, self._region)  # raises InputError
                if trusted is None:
                    self._classes[klass] = result == candidate
        else:
            result = normalise_phone(raw, self._region)
        if len(self._cache) > 500_000:
            self._cache.clear()
        self._cache[raw] = result
        return result


_PHONE_SEPARATORS = str.maketrans("", "", " -.()/\u00a0\u2010\u2011\u2012\u2013\u2014\u2015")


# A row's identifiers, each (kind, normalised value), in one string: `kind NUL value NUL kind
# NUL value ...` (`_signature`, `_pairs`). A string is cheaper than a tuple of pairs to send to
# the loading process and to look up there once per row: its hash is computed once and kept,
# a tuple's is computed again at every lookup. NUL cannot occur in a value: files with NUL
# bytes are refused (`_NulGuard`).
_Keys = str
# One validated row: (name, identifiers, channel, started_at, agent, summary, notes, outcome),
# text masked, time in its stored form (`bulk.stamp_for(dialect)`).
_Row = tuple[str, _Keys, str, Any, str, str, str, str]

_SIGNATURES_LIMIT = 500_000


def _signature(pairs: Iterable[tuple[str, str]]) -> _Keys:
    return "\0".join(part for pair in pairs for part in pair)


def _pairs(keys: _Keys) -> tuple[tuple[str, str], ...]:
    parts = keys.split("\0")
    return tuple(zip(parts[0::2], parts[1::2], strict=True))


_DIGIT = re.compile(r"\d")  # `TextMasker`'s test: text without a digit holds no card number


def _might_hold_secret(text: str) -> bool:
    """`copilot.context.pii.might_hold_secret`, with the digit test made fast for ASCII."""
    return _has_digit(text) or has_secret_word(text)


def _has_digit(text: str) -> bool:
    """`_DIGIT.search(text)`, answered for ASCII text by ten substring searches (memchr-fast;
    half the regex's time on notes of a few dozen characters)."""
    if text.isascii():
        return (
            "0" in text
            or "1" in text
            or "2" in text
            or "3" in text
            or "4" in text
            or "5" in text
            or "6" in text
            or "7" in text
            or "8" in text
            or "9" in text
        )
    return _DIGIT.search(text) is not None


class _Memo:
    """A bounded cache for a normaliser: rows repeat the same customer's identifiers."""

    def __init__(self, normaliser: Callable[[str], str], limit: int = 500_000) -> None:
        self._normaliser = normaliser
        self._limit = limit
        self._seen: dict[str, str] = {}

    def __call__(self, raw: str) -> str:
        known = self._seen.get(raw)
        if known is None:
            known = self._normaliser(raw)  # errors are not cached: they end the row anyway
            if len(self._seen) > self._limit:
                self._seen.clear()
            self._seen[raw] = known
        return known


class _LocalZone:
    """Naive times read in the desk's zone; the zone's offset is looked up once per hour.

    `datetime.astimezone()` asks the C library for every value (~4 us); offsets only change on
    daylight-saving boundaries, which fall on the hour.
    """

    def __init__(self, zone: tzinfo | None) -> None:
        if zone is None:
            # A computer whose zone keeps one offset all year (all of Indonesia, most of Asia)
            # needs no lookups at all.
            year = datetime.now().year
            offsets = {datetime(year, m, 1, 12).astimezone().utcoffset() for m in range(1, 13)}
            if len(offsets) == 1:
                zone = datetime(year, 1, 1, 12).astimezone().tzinfo
        self._zone = zone
        self._offsets: dict[tuple[int, int, int, int], tzinfo] = {}

    @property
    def fixed_offset(self) -> timedelta | None:
        """The zone's offset when it is one constant offset (a `datetime.timezone`), else None.

        Only those: a named zone (`ZoneInfo`) has history (Jakarta was UTC+7:30 until 1964).
        """
        if isinstance(self._zone, timezone):
            return self._zone.utcoffset(None)
        return None

    def attach(self, when: datetime) -> datetime:
        if self._zone is not None:
            return when.replace(tzinfo=self._zone)
        hour = (when.year, when.month, when.day, when.hour)
        offset = self._offsets.get(hour)
        if offset is None:
            offset = when.astimezone().tzinfo or UTC
            if len(self._offsets) > 100_000:
                self._offsets.clear()
            self._offsets[hour] = offset
        return when.replace(tzinfo=offset)


class _Batch:
    """What the reading side hands the loading side: valid rows, refused rows, progress.

    The valid rows as columns, one sequence per field (`_Row`'s order, then each row's line):
    a list or tuple per row would cost more to send to the loading process and back than the
    SQL. `last_line` is the CSV reader's line count after the batch: where another reader of
    the same file takes over.
    """

    __slots__ = ("bytes_done", "columns", "last_line", "rejected", "rows_done")

    def __init__(
        self,
        columns: tuple[Sequence[Any], ...],
        rejected: list[tuple[int, str]],
        rows_done: int,
        bytes_done: int,
        last_line: int,
    ) -> None:
        self.columns = columns
        self.rejected = rejected
        self.rows_done = rows_done
        self.bytes_done = bytes_done
        self.last_line = last_line

    # Pickled (to cross between processes) with each column of strings joined into one
    # string: one string pickles and unpickles at memory speed, thousands of small ones each
    # cost an opcode and an object; `str.split` makes them again faster than unpickling does.
    def __getstate__(self) -> tuple[Any, ...]:
        columns = tuple(_pack(column) for column in self.columns)
        return (columns, self.rejected, self.rows_done, self.bytes_done, self.last_line)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        columns, self.rejected, self.rows_done, self.bytes_done, self.last_line = state
        self.columns = tuple(_unpack(column) for column in columns)


# Separators for packed columns: NUL cannot occur in a cell (`_NulGuard`); identifiers use it
# inside (`_Keys`), so their column takes the next.
_SEPARATORS = ("\0", "\x1f")


def _pack(column: Sequence[Any]) -> tuple[Any, ...]:
    """("joined", count, separator, text) for a column of strings that split back exactly,
    else ("as is", column)."""
    count = len(column)
    if count:
        for separator in _SEPARATORS:
            try:
                joined = separator.join(column)
            except TypeError:  # not all strings (timestamps for other databases, lines)
                break
            if joined.count(separator) == count - 1:
                return ("joined", count, separator, joined)
    return ("as is", column)


def _unpack(packed: tuple[Any, ...]) -> Sequence[Any]:
    if packed[0] == "joined":
        _kind, _count, separator, joined = packed
        parts: list[str] = joined.split(separator)
        return parts
    column: Sequence[Any] = packed[1]
    return column


class _RowParser:
    """Turns CSV rows into validated `_Row`s, or refusals with their line and reason.

    Runs once per row of files with millions of rows. `parse` is the complete, careful path;
    `read` runs a fast path for the common row (identifiers and channel seen before, an ISO
    date, the desk's zone a fixed offset, SQLite's stored time format) and sends every row it
    is not sure of through `parse`, so both accept and refuse exactly the same rows.
    """

    def __init__(
        self,
        positions: dict[str, int],
        width: int,
        region: str,
        local_zone: tzinfo | None,
        *,
        dialect: str,
        masker: TextMasker,
    ) -> None:
        self._width = width
        self._stamp = stamp_for(dialect)
        self._sqlite = dialect == "sqlite"
        self._masker = masker
        # Missing optional columns read the empty cell appended to every row.
        self._pick = itemgetter(*(positions.get(c, width) for c in COLUMNS))
        self._phone = _PhoneNormaliser(region)
        self._email = _Memo(normalise_email)
        self._account = _Memo(lambda raw: normalise("account", raw))
        self._zone = _LocalZone(local_zone)
        self._channels: dict[str, str] = {"": Channel.phone.value}
        # (phone, email, account) as typed -> the row's identifiers, all valid and normalised.
        self._signatures: dict[tuple[str, str, str], _Keys] = {}

    def _channel(self, raw: str) -> str:
        channel = self._channels.get(raw)
        if channel is None:
            channel = _CHANNEL_ALIASES.get(_header_key(raw))
            if channel is None:
                known = ", ".join(c.value for c in Channel)
                raise _RowError(f"unknown channel {raw[:30]!r} (use one of {known})")
            self._channels[raw] = channel
        return channel

    def _identifiers(self, phone: str, email: str, account: str) -> _Keys:
        signature = (phone, email, account)
        keys = self._signatures.get(signature)
        if keys is not None:
            return keys
        identifiers: list[tuple[str, str]] = []
        kind = "phone"
        try:
            if phone:
                identifiers.append(("phone", self._phone(phone)))
            kind = "email"
            if email:
                identifiers.append(("email", self._email(email)))
            kind = "account"
            if account:
                identifiers.append(("account", self._account(account)))
        except InputError as exc:
            raise _RowError(f"{kind}: {exc.message}") from None
        if not identifiers:
            raise _RowError("no identifier: give a phone, an email or an account number")
        keys = _signature(identifiers)
        if len(self._signatures) > _SIGNATURES_LIMIT:
            self._signatures.clear()
        self._signatures[signature] = keys
        return keys

    def parse(self, cells: list[str]) -> _Row:
        """The row from its cells; raises _RowError."""
        if len(cells) != self._width:
            raise _RowError(f"expected {self._width} fields like the header, found {len(cells)}")
        cells.append("")
        values = list(map(str.strip, self._pick(cells)))
        # Most rows have no apostrophe at all; one string search says so cheaply.
        if "'" in "".join(values) and any(map(_STARTS_WITH_QUOTE, values)):
            values = [_undo_formula_guard(v) for v in values]
        name, phone, email, account, channel, started, agent, summary, notes, outcome = values
        keys = self._identifiers(phone, email, account)
        if max(len(name), len(agent), len(outcome)) > MAX_SHORT_FIELD:
            for label, value in (("name", name), ("agent", agent), ("outcome", outcome)):
                if len(value) > MAX_SHORT_FIELD:
                    raise _RowError(f"{label} is longer than {MAX_SHORT_FIELD} characters")
        when = parse_started_at(started)
        if when.tzinfo is None:
            when = self._zone.attach(when)
        try:
            # In UTC first: how the store keeps it, and the stamp's cheapest path.
            stored = self._stamp(when.astimezone(UTC))
        except OverflowError:  # 0001-01-01 00:00 east of UTC, 9999-12-31 23:59 west of it
            raise _RowError(f"started_at {started[:40]!r} is out of range") from None
        mask = self._masker
        return (
            name,
            keys,
            self._channel(channel),
            stored,
            agent,
            mask(summary),
            mask(notes),
            mask(outcome),
        )

    def read(
        self,
        reader: Any,
        bytes_done: Callable[[], int],
        *,
        last_line: int,
        done: int,
    ) -> Generator[_Batch, None, None]:
        """Batches of `_RESOLVE_BATCH` rows from `reader` (a `csv.reader`, its `line_num` the
        physical lines read, counting the header); the last batch may be shorter or empty."""
        width = self._width
        pick = self._pick
        strip = str.strip
        signatures = self._signatures
        identify = self._identifiers
        channels = self._channels
        fromiso = datetime.fromisoformat
        sqlite = self._sqlite
        stamp = self._stamp
        attach = self._zone.attach
        offset = self._zone.fixed_offset if sqlite else None
        no_offset = offset is not None and not offset
        suspect = _might_hold_secret
        mask = self._masker.suspect
        rows: list[tuple[Any, ...]] = []
        rejected: list[tuple[int, str]] = []
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                rejected.append((last_line + 1, f"unreadable CSV: {exc}"))
                last_line = reader.line_num
                continue
            line = last_line + 1  # where the row starts: quoted cells may span lines
            last_line = reader.line_num
            if len(cells) != width or width == 1:
                if not cells or (len(cells) == 1 and not cells[0].strip()):
                    continue  # a blank line is not a row
            else:
                # The fast path: any doubt (`stored` left None) goes to `parse`.
                cells.append("")
                values = tuple(map(strip, pick(cells)))
                if "'" in "".join(values) and any(map(_STARTS_WITH_QUOTE, values)):
                    values = tuple(map(_undo_formula_guard, values))
                name, phone, email, account, channel, started, agent, summary, notes, outcome = (
                    values
                )
                keys = signatures.get((phone, email, account))
                if keys is None:
                    with suppress(_RowError):  # `parse` gives the reason
                        keys = identify(phone, email, account)
                canonical = channels.get(channel)
                stored = None
                if (
                    keys is not None
                    and canonical is not None
                    and len(name) <= MAX_SHORT_FIELD
                    and len(agent) <= MAX_SHORT_FIELD
                    and len(outcome) <= MAX_SHORT_FIELD
                ):
                    try:
                        try:
                            when = fromiso(started)
                        except ValueError:
                            when = parse_started_at(started)  # day first; or _RowError
                        # On SQLite, `format_utc`'s text: naive UTC, microseconds always shown;
                        # for an aware time, the first 26 characters of its isoformat (the
                        # offset follows them).
                        if when.tzinfo is not None:
                            if sqlite:
                                shift = when.utcoffset()
                                if shift:
                                    when -= shift
                                stored = when.isoformat(" ", "microseconds")[:26]
                            else:
                                stored = stamp(when.astimezone(UTC))
                        elif offset is not None:  # SQLite, and the desk keeps one offset
                            if not no_offset:
                                when -= offset
                            stored = when.isoformat(" ", "microseconds")
                        else:  # a named zone (summer time, history), or another database
                            stored = stamp(attach(when).astimezone(UTC))
                    except (ValueError, OverflowError, TypeError, _RowError):
                        pass
                if stored is not None:
                    if suspect(summary):
                        summary = mask(summary)
                    if suspect(notes):
                        notes = mask(notes)
                    if outcome and suspect(outcome):
                        outcome = mask(outcome)
                    rows.append(
                        (name, keys, canonical, stored, agent, summary, notes, outcome, line)
                    )
                    done += 1
                    if done % _RESOLVE_BATCH == 0:
                        yield _Batch(_columns(rows), rejected, done, bytes_done(), last_line)
                        rows, rejected = [], []
                    continue
                cells.pop()
            done += 1
            try:
                rows.append((*self.parse(cells), line))
            except _RowError as exc:
                rejected.append((line, str(exc)))
            if done % _RESOLVE_BATCH == 0:
                yield _Batch(_columns(rows), rejected, done, bytes_done(), last_line)
                rows, rejected = [], []
        yield _Batch(_columns(rows), rejected, done, bytes_done(), last_line)


def _columns(rows: list[tuple[Any, ...]]) -> tuple[tuple[Any, ...], ...]:
    """A batch's rows (`_Row`'s fields, then the line) as columns: one C-speed transposition
    instead of nine appends per row."""
    return tuple(zip(*rows, strict=True)) if rows else ((),) * 9


# --- matching rows to customers --------------------------------------------------------------


class _CustomerMap:
    """Normalised identifier -> customer id, filled from the database on first sight, and the
    decision already taken for each set of identifiers a row can carry.

    `decided[keys]` is the customer the rows with these identifiers go to, or 0 when the
    identifiers belong to different customers. A decision never changes: an identifier's owner,
    once known, stays (the import only adds identifiers nobody owns), so every later row with
    the same identifiers gets the same answer.
    """

    def __init__(self, connection: Connection) -> None:
        self._conn = connection
        self.owner: dict[tuple[str, str], int] = {}
        self.decided: dict[_Keys, int] = {}
        self._looked_up: set[tuple[str, str]] = set()
        table = table_of(Identifier)
        # Nothing to look up in a store without identifiers: every owner is one this import
        # creates, in `owner` already. The write transaction keeps others from adding any.
        self._empty = connection.execute(select(table.c.id).limit(1)).first() is None
        self._qmark = connection.dialect.paramstyle == "qmark"

    def prefetch(self, signatures: Iterable[_Keys]) -> None:
        if self._empty:
            return
        wanted: dict[str, set[str]] = {}
        looked_up = self._looked_up
        for keys in signatures:
            for key in _pairs(keys):
                if key not in looked_up:
                    looked_up.add(key)
                    wanted.setdefault(key[0], set()).add(key[1])
        table = table_of(Identifier)
        for kind, values in wanted.items():
            ordered = sorted(values)
            for start in range(0, len(ordered), _IN_CHUNK):
                chunk = ordered[start : start + _IN_CHUNK]
                # kind first: the (kind, value) unique index answers this without a scan.
                if self._qmark:
                    found: Iterable[Any] = self._conn.exec_driver_sql(
                        "SELECT value, customer_id FROM identifier WHERE kind = ? AND value IN "
                        f"({', '.join('?' * len(chunk))})",
                        (kind, *chunk),
                    )
                else:
                    found = self._conn.execute(
                        select(table.c.value, table.c.customer_id).where(
                            table.c.kind == kind, table.c.value.in_(chunk)
                        )
                    )
                for value, customer_id in found:
                    self.owner[(kind, value)] = int(customer_id)

    def decide(
        self, keys: _Keys, name: str, loader: BulkLoader, report: ImportReport, now: datetime
    ) -> int:
        """The customer for a row with these identifiers (0: they belong to several),
        creating the customer or adding identifiers to it as needed."""
        owner = self.owner
        customer_id = 0
        conflict = False
        pairs = _pairs(keys)
        for key in pairs:
            found = owner.get(key)
            if found is not None:
                if not customer_id:
                    customer_id = found
                elif found != customer_id:
                    conflict = True
        if conflict:
            customer_id = 0
        elif not customer_id:
            customer_id = loader.add_customer(name, created_at=now, identifiers=pairs)
            for key in pairs:
                owner[key] = customer_id
            report.customers_created += 1
        elif len(pairs) > 1:
            for key in pairs:
                if key not in owner:
                    loader.add_identifier(customer_id, key[0], key[1])
                    owner[key] = customer_id
        self.decided[keys] = customer_id
        return customer_id

    def conflict(self, keys: _Keys) -> str:
        ids = sorted({i for i in (self.owner.get(k) for k in _pairs(keys)) if i is not None})
        shown = ", ".join(str(i) for i in ids)
        return f"its identifiers belong to different customers ({shown}); not merged"


# --- import ----------------------------------------------------------------------------------


@contextmanager
def _csv_rows(
    path: Path,
) -> Iterator[tuple[Any, list[str], _NulGuard]]:
    """The CSV reader of a file past its header, the header, and the byte guard (for
    progress). Raises InputError for a file that is not UTF-8 CSV at all."""
    with _open_binary(path) as raw:
        head = raw.read(4096)
        raw.seek(0)
        if not head.strip():
            raise InputError(f"{path} is empty: expected a header row")
        _check_start(path, head)
        guard = _NulGuard(raw, path)
        text = io.TextIOWrapper(
            io.BufferedReader(guard, 1 << 16), encoding="utf-8-sig", errors="strict", newline=""
        )
        reader = csv.reader(text)
        try:
            try:
                header = next(reader)
            except StopIteration:
                raise InputError(f"{path} is empty: expected a header row") from None
            yield reader, header, guard
        except UnicodeDecodeError:
            line, byte = _first_bad_utf8(path)
            raise _not_utf8(path, f"byte 0x{byte} on line {line} is not UTF-8") from None


def _parsed_batches(
    path: Path,
    region: str,
    local_zone: tzinfo | None,
    dialect: str,
    mask: Mask | None,
    resume: Callable[[], tuple[int, int] | None] | None = None,
) -> Generator[_Batch, None, None]:
    """Read and validate the file in batches of rows; always yields at least one batch.

    `resume`, called once everything is set up (file open, header read, normalisers and masker
    loaded), says where to start: (line, rows done) to go on after that line, where another
    reader stopped, or None for nothing at all. Raises InputError for a file that cannot be
    read as UTF-8 CSV at all.
    """
    with _csv_rows(path) as (reader, header, guard):
        positions = _index_header(path, header)
        parser = _RowParser(
            positions,
            len(header),
            region,
            local_zone,
            dialect=dialect,
            masker=TextMasker(mask),
        )
        done = 0
        if resume is not None:
            start = resume()
            if start is None:
                return
            until, done = start
            # Skipping is the CSV reader alone: it keeps the line count right across quoted
            # line breaks, and rows the other reader refused as unreadable stay refused once.
            while reader.line_num < until:
                try:
                    next(reader)
                except StopIteration:
                    break
                except csv.Error:
                    continue
        yield from parser.read(reader, lambda: guard.consumed, last_line=reader.line_num, done=done)


def _parse_worker(
    path: str,
    region: str,
    local_zone: tzinfo | None,
    dialect: str,
    ready: Any,
    start: Any,
    queue: Any,
) -> None:
    """The reading process: get ready to read, say so, wait for where to start (or None: not
    needed), then parse the rest of the file and send the batches back, then None."""

    # Everything here before the first batch (a forked child: all of the importing process)
    # out of the garbage collector's sight: it is never garbage, and traversing it would cost
    # time and copy-on-write memory.
    gc.freeze()

    def resume() -> tuple[int, int] | None:
        ready.set()
        position: tuple[int, int] | None = start.get()
        return position

    def send(item: object) -> bool:
        # Never block for good on a full queue: if the importing process died, just end.
        parent = multiprocessing.parent_process()
        while True:
            try:
                queue.put(item, timeout=1.0)
                return True
            except Full:
                if parent is not None and not parent.is_alive():
                    return False

    try:
        for batch in _parsed_batches(Path(path), region, local_zone, dialect, None, resume):
            if not send(batch):
                return
        send(None)
    except InputError as exc:
        queue.put(("error", exc.message))
    except BaseException as exc:  # the loading side turns this into an error, never a hang
        queue.put(("crash", f"{type(exc).__name__}: {exc}"))


def _start_method() -> str:
    """ "fork" where that is safe, else "spawn".

    A forked reader is ready at once; a spawned one first imports SQLAlchemy and the models
    again (~0.7 s of a CPU, most of it on the import's critical path). Fork is safe only on
    Linux (macOS system frameworks are not fork-safe) and for a process without other threads
    (a child has only the forking thread; locks held by the others would stay locked): not
    the panel, whose Qt runs threads of its own. The child never touches the database
    connections it inherits: it reads the CSV file, sends batches, and leaves with
    `os._exit` (how multiprocessing ends a forked child), which runs no finalizers.
    """
    if (
        sys.platform.startswith("linux")
        and threading.active_count() == 1
        and not any(name.startswith("PySide6") for name in sys.modules)
    ):
        return "fork"
    return "spawn"


class _Reader:
    """A second process that reads, validates and masks the rest of the file while this one
    writes, so reading overlaps the database writes.

    Measured on 200,000 rows: SQL alone (executemany, full-text index at the end, commit)
    would load ~85,000 rows/s; decoding, validating, normalising and masking each row in
    Python costs about a third of that again. The process starts (about half a second of
    imports) while this one reads and loads the first rows itself; `take_over` then tells it
    the line to continue after. The helper only reads the file; every write stays in this
    process, in its one transaction. How it starts: `_start_method`.
    """

    def __init__(self, path: Path, region: str, local_zone: tzinfo | None, dialect: str) -> None:
        self._path = path
        self._took_over = False
        context = multiprocessing.get_context(_start_method())
        self._ready = context.Event()
        self._start = context.SimpleQueue()
        self._queue = context.Queue(maxsize=8)
        self._worker = context.Process(  # type: ignore[attr-defined]  # every context has it
            target=_parse_worker,
            args=(str(path), region, local_zone, dialect, self._ready, self._start, self._queue),
            daemon=True,
        )
        self._worker.start()

    def ready(self, wait: bool = False) -> bool:
        """Whether the process can take over; with `wait`, until it can or has died."""
        while wait and self._worker.is_alive() and not self._ready.is_set():
            self._ready.wait(0.05)
        return self._ready.is_set()

    def take_over(
        self, last_line: int, rows_done: int, idle: Callable[[], None]
    ) -> Generator[_Batch, None, None]:
        """The batches after `last_line` (where this process stopped reading); `idle()` is
        called whenever the next batch is not there yet."""
        self._took_over = True
        self._start.put((last_line, rows_done))
        while True:
            try:
                try:
                    item = self._queue.get_nowait()
                except Empty:
                    idle()
                    item = self._queue.get(timeout=1.0)
            except Empty:
                if self._worker.is_alive():
                    continue
                raise InputError(
                    f"reading {self._path} stopped unexpectedly (the reading process exited "
                    f"with code {self._worker.exitcode}); nothing was imported"
                ) from None
            if item is None:
                return
            if isinstance(item, tuple):
                kind, message = item
                if kind == "error":
                    raise InputError(message)
                raise RuntimeError(f"the import's reading process failed: {message}")
            yield item

    def close(self) -> None:
        if self._worker.is_alive():
            if self._ready.is_set() and not self._took_over:
                self._start.put(None)  # not needed: let it end by itself
                self._worker.join(timeout=1.0)
            if self._worker.is_alive():  # still reading (the load failed) or starting
                self._worker.terminate()
        self._worker.join(timeout=5)
        self._queue.close()
        self._queue.join_thread()


def _batches(
    path: Path,
    region: str,
    local_zone: tzinfo | None,
    dialect: str,
    mask: Mask | None,
    parallel: str,
    idle: Callable[[], None],
) -> Generator[_Batch, None, None]:
    """The file's batches: read here, handed over to a `_Reader` as soon as it is ready
    (`parallel` "auto"), right after the first batch ("wait"), or never ("off")."""
    here = _parsed_batches(path, region, local_zone, dialect, mask)
    # "auto" starts the other process at once: its start-up (imports) overlaps this one's
    # reading and loading, and it is on the critical path. A file that turns out not to be
    # importable at all just ends it.
    reader = _Reader(path, region, local_zone, dialect) if parallel == "auto" else None
    try:
        # The header and first rows are read in this process either way: a file that cannot
        # be imported at all fails here, before the database is touched.
        batch = next(here)
        yield batch
        if parallel == "off" or batch.rows_done < _RESOLVE_BATCH:
            yield from here
            return
        if reader is None:
            reader = _Reader(path, region, local_zone, dialect)
        if reader.ready(wait=parallel == "wait"):
            here.close()
            yield from reader.take_over(batch.last_line, batch.rows_done, idle)
            return
        for batch in here:
            yield batch
            if reader.ready():
                here.close()
                yield from reader.take_over(batch.last_line, batch.rows_done, idle)
                return
    finally:
        here.close()
        if reader is not None:
            reader.close()


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
    parallel: bool | None = None,
) -> ImportReport:
    """Import interactions from a CSV file; valid rows land in one transaction.

    Raises InputError for a file that cannot be imported at all (missing, unreadable, not
    UTF-8, binary, no header, missing required columns); returns an ImportReport otherwise.
    `parallel` reads the file in a second process (see `_Reader`): by default for files of
    `_PARALLEL_MIN_BYTES` or more on computers with two or more CPUs, taking over as soon as
    it has started; True waits for it after the first batch. A custom `mask` keeps it all in
    this process.
    """
    path = Path(path)
    region = default_region.upper()
    try:
        total = path.stat().st_size
    except OSError:
        total = 0  # _open_binary below says what is wrong with the path
    dialect = database.dialect_name
    if mask is not None:
        mode = "off"  # an arbitrary function need not survive the trip to another process
    elif parallel is None:
        big = total >= _PARALLEL_MIN_BYTES and (os.cpu_count() or 1) > 1
        mode = "auto" if big else "off"
    else:
        mode = "wait" if parallel else "off"
    loaders: list[BulkLoader] = []

    def idle() -> None:
        # Waiting for the reading process: index what is loaded now rather than at the end.
        for loader in loaders:
            loader.index_loaded()

    batches = _batches(path, region, local_zone, dialect, mask, mode, idle)
    report = ImportReport()
    try:
        # The first batch before the lock: a file that cannot be imported at all (bad header,
        # wrong encoding at the start) fails without touching the database.
        first = next(batches)
        with bulk_load(database, batch_size=batch_size, mask=mask) as loader:
            loaders.append(loader)
            customers = _CustomerMap(loader.connection)
            now = clock()
            done = 0
            for batch in chain((first,), batches):
                report.rejected.extend(batch.rejected)
                _load(batch, customers, loader, report, now)
                done = batch.rows_done
                if progress is not None and done and done % _PROGRESS_EVERY == 0:
                    progress(done, batch.bytes_done, total)
            if progress is not None:
                progress(done, total, total)
    finally:
        batches.close()  # closes the file (and ends the reading process) at once on failure
    report.rejected.sort()
    return report


def _load(
    batch: _Batch,
    customers: _CustomerMap,
    loader: BulkLoader,
    report: ImportReport,
    now: datetime,
) -> None:
    names, identifiers, *fields, lines = batch.columns
    if not identifiers:
        return
    decided = customers.decided
    get = decided.get
    customer_ids: list[int | None] = list(map(get, identifiers))
    if None in customer_ids:
        # Identifiers not seen before: decided row by row in file order (the first row names
        # a new customer; a later row may add an identifier to it).
        unseen = [i for i, c in enumerate(customer_ids) if c is None]
        customers.prefetch({identifiers[i] for i in unseen})
        decide = customers.decide
        for index in unseen:
            keys = identifiers[index]
            found = get(keys)
            customer_ids[index] = (
                found if found is not None else decide(keys, names[index], loader, report, now)
            )
    if 0 in customer_ids:
        keep = [bool(c) for c in customer_ids]
        for index in [i for i, c in enumerate(customer_ids) if not c]:
            report.rejected.append((lines[index], customers.conflict(identifiers[index])))
        customer_ids = list(compress(customer_ids, keep))
        fields = [tuple(compress(column, keep)) for column in fields]
    loader.add_contacts(customer_ids, *fields)  # type: ignore[arg-type]
    report.imported += len(customer_ids)


# --- export ----------------------------------------------------------------------------------


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
    identifier = table_of(Identifier)
    last_id = 0
    while True:
        with database.session() as session:
            conn = session.connection()
            rows = conn.execute(
                select(
                    interaction.c.id,
                    interaction.c.customer_id,
                    interaction.c.channel,
                    interaction.c.direction,
                    interaction.c.started_at,
                    interaction.c.agent,
                    interaction.c.summary,
                    interaction.c.notes,
                    interaction.c.outcome,
                    interaction.c.tags,
                    interaction.c.industry,
                    interaction.c.client,
                    interaction.c.helpdesk_ref,
                    customer.c.name,
                )
                .join(customer, customer.c.id == interaction.c.customer_id)
                .where(interaction.c.id > last_id)
                .order_by(interaction.c.id)
                .limit(batch)
            ).all()
            if not rows:
                return
            wanted = sorted({int(r.customer_id) for r in rows})
            identifiers: dict[int, list[tuple[str, str]]] = {}
            for start in range(0, len(wanted), _IN_CHUNK):
                chunk = wanted[start : start + _IN_CHUNK]
                for cid, kind, value in conn.execute(
                    select(identifier.c.customer_id, identifier.c.kind, identifier.c.value)
                    .where(identifier.c.customer_id.in_(chunk))
                    .order_by(identifier.c.customer_id, identifier.c.id)
                ):
                    identifiers.setdefault(int(cid), []).append((str(kind), str(value)))
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


def _first(identifiers: Sequence[tuple[str, str]], kind: str) -> str:
    return next((value for k, value in identifiers if k == kind), "")


def _write_csv(
    records: Iterable[dict[str, Any]], out: IO[str], progress: ExportProgress | None
) -> int:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EXPORT_CSV_COLUMNS)
    count = 0
    for rec in records:
        ids = rec["identifiers"]
        writer.writerow(
            [
                defuse_formula(cell)
                for cell in (
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
                    str(rec["customer_id"]),
                    ";".join(f"{k}:{v}" for k, v in ids),
                )
            ]
        )
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

    The file appears complete or not at all: it is written next to its final name and renamed.
    Returns the number of interactions written.
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
        with partial.open("w", encoding=encoding, newline="") as out:
            count = write(records, out, progress)
        os.replace(partial, target)
    except PermissionError:
        raise InputError(f"cannot write {target}: permission denied") from None
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror or exc}") from None
    finally:
        partial.unlink(missing_ok=True)
    return count
