"""Backups of an SQLCipher store: making, verifying, restoring on any desk, and pruning them."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from copilot.errors import (
    DatabaseCorruptError,
    DatabaseError,
    InputError,
    NotFoundError,
    WrongPassphraseError,
)
from copilot.storage.dialects.sqlcipher import (
    SQLITE_HEADER,
    create_private_file,
    read_salt,
    remove_quietly,
    side_files,
)
from copilot.storage.dialects.sqlite import verify_file
from copilot.storage.keys import SQLCIPHER_KEY_BYTES, DatabaseKey, store_key, with_salt

if TYPE_CHECKING:
    from copilot.storage.db import Database

log = logging.getLogger(__name__)

PARTIAL_SUFFIX = ".partial"
BEFORE_RESTORE_SUFFIX = ".before-restore"
# Where flock is missing (Windows), a .partial untouched this long belongs to no live backup.
STALE_PARTIAL_SECONDS = 24 * 3600


# --- making a backup ---------------------------------------------------------------------------


def backup_database(database: Database, dest: Path) -> Path:
    """Copy the live database to `dest` (same key and salt), verify the copy, return its path.

    VACUUM INTO reads one consistent snapshot while other connections keep working, and in
    SQLCipher writes the copy encrypted with the same key and the same salt, so the copy opens
    with the same keyring entry and recovery key. The copy is written to `dest.partial`, made
    by us first so it is private (0600) whatever the umask, and locked while it is written so
    the next backup can tell a killed one's leftover from a backup still running.
    """
    if database.path is None:  # a server: its own tools, as the dialect says
        database.dialect.copy_to(database, Path(dest))
    dest = Path(dest).expanduser().resolve()
    if database.path is not None and dest == database.path:
        raise InputError("the backup must not overwrite the database itself")
    if dest.exists():
        raise InputError(f"{dest} already exists; choose a new backup file name")
    _make_folder(dest.parent)
    remove_stale_partials(dest.parent)
    partial = dest.with_name(dest.name + PARTIAL_SUFFIX)
    with _claimed(partial):
        try:
            database.dialect.copy_to(database, partial)
            problems = verify_file(partial, database.key if database.encrypted else None)
            if problems:
                raise DatabaseCorruptError(
                    f"the backup copy failed verification ({problems[0]}); the database was "
                    "not changed"
                )
            os.replace(partial, dest)
        finally:
            remove_quietly(partial, *side_files(partial))
    return dest


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(f"cannot create the folder {folder}: {exc.strerror or exc}") from exc


@contextlib.contextmanager
def _claimed(partial: Path) -> Iterator[None]:
    """Create `partial` private and hold a lock on it while the block runs."""
    try:
        create_private_file(partial)
    except FileExistsError:
        raise InputError(
            f"{partial} exists: another backup to the same name is running; try again later"
        ) from None
    except OSError as exc:
        raise DatabaseError(f"cannot create {partial}: {exc.strerror or exc}") from exc
    handle = os.open(partial, os.O_RDWR)
    try:
        _lock(handle, blocking=True)
        yield
    finally:
        os.close(handle)  # also releases the lock


def _lock(handle: int, *, blocking: bool) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows: the age of the file decides (remove_stale_partials)
        return True
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
    except BlockingIOError:
        return False
    return True


def remove_stale_partials(folder: Path) -> list[Path]:
    """Remove `*.partial` files no running backup or restore holds (a killed one's leftovers)."""
    removed: list[Path] = []
    try:
        candidates = sorted(folder.glob(f"*{PARTIAL_SUFFIX}"))
    except OSError:
        return removed
    for partial in candidates:
        if _is_stale(partial):
            remove_quietly(partial, *side_files(partial))
            removed.append(partial)
    if removed:
        log.info("removed %d unfinished backup file(s) in %s", len(removed), folder)
    return removed


def _is_stale(partial: Path) -> bool:
    try:
        handle = os.open(partial, os.O_RDWR)
    except OSError:
        return False
    try:
        if os.name == "nt":
            return time.time() - os.fstat(handle).st_mtime > STALE_PARTIAL_SECONDS
        return _lock(handle, blocking=False)
    finally:
        os.close(handle)


# --- restoring ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Restored:
    """What `restore_backup` did, for the command to tell the user."""

    dest: Path
    key: DatabaseKey  # the salted raw key that opens `dest`
    previous: Path | None  # where the database it replaced was kept
    key_stored: bool  # the recovery key is now in the keyring under this database's name


def restore_backup(
    backup: Path, dest: Path, key: DatabaseKey, *, force: bool = False, keyring_ok: bool = True
) -> Restored:
    """Verify `backup` with a recovery key or passphrase, copy it to `dest`, keep its key.

    Works on any path or machine: the key is found by the salt the copy carries, not by where
    it was made. An existing `dest` is only replaced with `force`, and is then kept beside it
    as `*.before-restore` (with its -wal and -shm).
    """
    backup = Path(backup).expanduser().resolve()
    dest = Path(dest).expanduser().resolve()
    salt = _backup_salt(backup)
    salted = with_salt(key, salt)
    problems = verify_file(backup, salted)
    if problems and problems[0].startswith("the copy does not open"):
        what = "recovery key" if key.source == "recovery key" else "passphrase"
        raise WrongPassphraseError(
            f"the {what} does not open {backup} (or it is not a Copilot backup)"
        )
    if problems:
        raise DatabaseCorruptError(
            f"{backup} failed verification ({problems[0]}); try an older backup"
        )
    if dest == backup:
        raise InputError("the backup and the destination are the same file")
    if dest.is_dir():
        raise InputError(f"{dest} is a folder; give the database file to restore into")
    if dest.exists() and not force:
        raise InputError(
            f"{dest} already holds a database; add --force to replace it (the old file is "
            f"kept as {dest.name}{BEFORE_RESTORE_SUFFIX})"
        )
    _make_folder(dest.parent)
    remove_stale_partials(dest.parent)
    partial = dest.with_name(dest.name + PARTIAL_SUFFIX)
    previous: Path | None = None
    with _claimed(partial):
        try:
            _copy_into(backup, partial)
            if dest.exists():
                previous = _keep_previous(dest)
            os.replace(partial, dest)
        finally:
            remove_quietly(partial)
    stored = False
    if key.raw and keyring_ok:
        stored = store_key(salt, salted.secret[: 2 * SQLCIPHER_KEY_BYTES])
    return Restored(dest=dest, key=salted, previous=previous, key_stored=stored)


def _backup_salt(backup: Path) -> bytes:
    if not backup.is_file():
        raise InputError(f"{backup} does not exist or is not a file")
    try:
        with backup.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise InputError(f"cannot read {backup}: {exc.strerror or exc}") from exc
    if header == SQLITE_HEADER:
        raise InputError(f"{backup} is a plain SQLite file, not an encrypted Copilot backup")
    salt = read_salt(backup)
    if salt is None:
        raise InputError(f"{backup} is too short to be a Copilot backup")
    return salt


def _copy_into(source: Path, target: Path) -> None:
    try:
        with source.open("rb") as reader, target.open("r+b") as writer:
            shutil.copyfileobj(reader, writer, 1024 * 1024)
            writer.flush()
            os.fsync(writer.fileno())  # on disk before the old database is moved aside
    except OSError as exc:
        raise DatabaseError(f"cannot copy {source} to {target}: {exc.strerror or exc}") from exc


def _keep_previous(dest: Path) -> Path:
    kept = dest.with_name(dest.name + BEFORE_RESTORE_SUFFIX)
    n = 1
    while kept.exists():
        kept = dest.with_name(f"{dest.name}{BEFORE_RESTORE_SUFFIX}-{n}")
        n += 1
    os.replace(dest, kept)
    # The log and shared memory belong with the file they were written for.
    for side, kept_side in zip(side_files(dest), side_files(kept), strict=True):
        if side.exists():
            os.replace(side, kept_side)
    return kept


# --- pruning after an erase ----------------------------------------------------------------------


def erase_time(database: Database, customer_id: int | None = None) -> datetime:
    """When the customer (or, with None, anyone) was last erased, from the audit table."""
    from sqlalchemy import func, select

    from copilot.storage.models import AuditEvent, table_of

    audit = table_of(AuditEvent)
    query = select(func.max(audit.c.at)).where(audit.c.action == "erase")
    if customer_id is not None:
        query = query.where(audit.c.subject_ids == str(customer_id))
    with database.session() as session:
        found = session.execute(query).scalar()
    if found is None:
        who = f"customer #{customer_id}" if customer_id is not None else "any customer"
        raise NotFoundError(f"no erase of {who} is recorded in {database.label}")
    from copilot.storage.kinds import parse_timestamp

    moment = parse_timestamp(found)
    if moment is None:
        raise DatabaseError(f"the audit table holds an unreadable time ({found!r})")
    return moment


def backups_before(database: Database, folder: Path, moment: datetime) -> list[Path]:
    """This database's backups in `folder` written before `moment` (oldest first).

    A backup is this database's when it carries the same salt; its time is when it was
    written (the file's modification time: VACUUM INTO writes it whole, then it is renamed).
    """
    if database.path is None:
        return []
    own_salt = read_salt(database.path)
    found = []
    with contextlib.suppress(OSError):
        for file in folder.iterdir():
            if not file.is_file() or file.name.endswith(PARTIAL_SUFFIX) or file == database.path:
                continue
            if file.name.endswith(("-wal", "-shm", "-journal")) or read_salt(file) != own_salt:
                continue
            written = datetime.fromtimestamp(file.stat().st_mtime, tz=UTC)
            if written < moment:
                found.append((written, file))
    return [file for _, file in sorted(found)]


def prune_backups(files: list[Path]) -> list[Path]:
    """Delete the given backup files (with any side files); the ones removed."""
    removed = []
    for file in files:
        try:
            file.unlink()
        except OSError as exc:
            log.warning("could not remove %s (%s)", file, exc.strerror or exc)
            continue
        remove_quietly(*side_files(file))
        removed.append(file)
    return removed
