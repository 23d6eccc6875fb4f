"""Reading an import file: refusing what is not UTF-8 CSV, and finding the header's columns."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from copilot.errors import InputError

# The columns an import reads (others are ignored) and an export writes, in this order.
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
    "client",
    "helpdesk_ref",
)
IDENTIFIER_COLUMNS = ("phone", "email", "account")

_CHUNK = 1 << 20


@contextmanager
def open_binary(path: Path) -> Iterator[IO[bytes]]:
    """The file opened for reading bytes; InputError saying why it cannot be."""
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


def _nul_error(path: Path) -> InputError:
    return InputError(
        f"{path} contains NUL bytes: it is a binary file or not UTF-8 text; save it as UTF-8 CSV"
    )


def _check_start(path: Path, head: bytes) -> None:
    """Refuse files that are clearly not UTF-8 CSV, with the likeliest reason."""
    if not head.strip():
        raise InputError(f"{path} is empty: expected a header row")
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


def check_text(path: Path) -> None:
    """Refuse the whole file before anything is written if any byte is NUL or not UTF-8.

    An import commits in chunks, so a bad byte found on the way would leave the rows before it
    imported; reading the bytes once first (about 1 s per GB) keeps "this file cannot be
    imported" an all-or-nothing answer.
    """
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    with open_binary(path) as raw:
        _check_start(path, raw.read(4096))
        raw.seek(0)
        while chunk := raw.read(_CHUNK):
            if b"\x00" in chunk:
                raise _nul_error(path)
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                raise _bad_byte(path) from None
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise _bad_byte(path) from None


def _bad_byte(path: Path) -> InputError:
    line, byte = _first_bad_utf8(path)
    return _not_utf8(path, f"byte 0x{byte} on line {line} is not UTF-8")


def _first_bad_utf8(path: Path) -> tuple[int, str]:
    """(line, byte in hex) of the first byte that is not UTF-8; only called after a failure."""
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
                bad = exc.object[exc.start : exc.start + 1].hex().upper()
                return line + before.count(b"\n"), bad
            line += chunk.count(b"\n")
    return line, "??"


class _NulGuard(io.RawIOBase):
    """The file's bytes, counted for progress and refusing NUL (the csv module accepts it).

    `check_text` has read the file already; this still guards a file changed since.
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
            raise _nul_error(self._path)
        size = len(chunk)
        buffer[:size] = chunk
        self.consumed += size
        return size


@contextmanager
def csv_rows(path: Path) -> Iterator[tuple[Any, list[str], _NulGuard]]:
    """The CSV reader of a file past its header, the header, and the byte counter (for
    progress). Raises InputError for a file that is not UTF-8 CSV."""
    with open_binary(path) as raw:
        _check_start(path, raw.read(4096))
        raw.seek(0)
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
            raise _bad_byte(path) from None


def header_key(cell: str) -> str:
    """A header cell as a column name: "Started At", "STARTED-AT" and "started_at" agree."""
    return "_".join(cell.strip().lower().replace("-", " ").replace("_", " ").split())


def index_header(path: Path, header: Sequence[str]) -> dict[str, int]:
    """Column name -> its position; InputError when a required column is missing."""
    positions: dict[str, int] = {}
    for position, cell in enumerate(header):
        key = header_key(cell)
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
            f"(found: {', '.join(header_key(c) for c in header if c.strip()) or 'nothing'})"
        )
    return positions
