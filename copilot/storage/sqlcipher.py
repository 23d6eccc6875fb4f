"""An SQLCipher file without SQLAlchemy: checking it, keying its connections, naming its errors.

`db.open_database` builds its engine on these, and the panel's quick lookup (`quick`) opens
the same file with them before SQLAlchemy is imported.
"""

from __future__ import annotations

import functools
import os
import threading
from contextlib import closing
from pathlib import Path
from typing import Any

from copilot.errors import (
    CopilotError,
    DatabaseCorruptError,
    DatabaseError,
    DatabaseLockedError,
    DatabaseReadOnlyError,
    InputError,
    WrongPassphraseError,
)
from copilot.storage.keys import SQLCIPHER_SALT_BYTES, DatabaseKey, derive_raw_key

SQLITE_HEADER = b"SQLite format 3\x00"


@functools.cache
def driver() -> Any:
    """The sqlcipher3 DB-API module, with SQLCipher's own stderr logging turned off."""
    import sqlcipher3.dbapi2 as module

    _quiet_sqlcipher_log(module)
    return module


class Keying:
    """Opens and keys every SQLCipher connection of one database.

    A passphrase costs SQLCipher 256,000 PBKDF2 iterations (~150-300 ms) on each connection it
    keys. Here it is derived once (`derive_raw_key`, from the salt in the file's first 16
    bytes) and every connection gets the raw key and salt. A new file is first created by
    SQLCipher itself with the passphrase, so the salt is SQLCipher's own; that connection
    becomes the pool's first, and the raw key is only derived if a second one is needed.
    """

    def __init__(self, driver: Any, path: Path, key: DatabaseKey, *, exists: bool) -> None:
        self._driver = driver
        self._path = path
        self._lock = threading.Lock()
        self._first: Any = None
        self._key = key if key.raw else None  # the raw key, once known
        self._passphrase = None if key.raw else key
        key.sqlcipher_key  # noqa: B018 - refuses an unusable passphrase before any file work
        if self._key is None and not exists:
            first = self._open(key)
            try:
                # Writing the header makes SQLCipher write page 1, and with it the salt (a
                # rollback-journal write: it lands in the file itself, not in a WAL).
                first.execute("PRAGMA user_version = 0")
            except BaseException:
                first.close()
                raise
            self._first = first

    def __repr__(self) -> str:
        return f"Keying({str(self._path)!r})"  # never the key

    def _open(self, key: DatabaseKey) -> Any:
        connection = self._driver.connect(str(self._path), check_same_thread=False)
        try:
            # PRAGMA takes no bound parameters; quoted as an identifier, `"` doubled.
            quoted = key.sqlcipher_key.replace('"', '""')
            connection.execute(f'PRAGMA key = "{quoted}"')
        except BaseException:
            connection.close()
            raise
        return connection

    def _raw_key(self) -> DatabaseKey:
        # Under the lock: threads opening their first connections at once wait for one
        # derivation instead of each running their own.
        with self._lock:
            if self._key is None:
                assert self._passphrase is not None
                salt = read_salt(self._path)
                if salt is None:
                    return self._passphrase  # no salt on disk yet: SQLCipher derives it
                self._key = derive_raw_key(self._passphrase, salt)
            return self._key

    def connect(self) -> Any:
        with self._lock:
            first, self._first = self._first, None
        if first is not None:
            return first
        return self._open(self._raw_key())

    def close(self) -> None:
        with self._lock:
            first, self._first = self._first, None
        if first is not None:
            first.close()


def read_salt(path: Path) -> bytes | None:
    try:
        with path.open("rb") as handle:
            salt = handle.read(SQLCIPHER_SALT_BYTES)
    except OSError:
        return None  # connecting will report the real problem
    return salt if len(salt) == SQLCIPHER_SALT_BYTES else None


def _quiet_sqlcipher_log(driver: Any) -> None:
    # SQLCipher prints "hmac check failed" lines to stderr on a wrong key; the user gets our
    # one-line error instead. The log level is process-wide, so any connection can set it.
    with closing(driver.connect(":memory:")) as connection:
        connection.execute("PRAGMA cipher_log_level = NONE")


def prepare_file(path: Path) -> bool:
    """Check the file and folder can be used; create the folder. True if the file has data."""
    if path.is_dir():
        raise InputError(f"{path} is a folder, not a database file")
    folder = path.parent
    if not folder.exists():
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(
                f"cannot create the folder {folder}: {exc.strerror or exc}"
            ) from exc
    elif not folder.is_dir():
        raise DatabaseError(f"{folder} is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        # WAL mode needs to create -wal and -shm files next to the database.
        raise DatabaseReadOnlyError(
            f"the folder {folder} is read-only; Copilot needs to write there (check permissions)"
        )
    if not path.exists():
        return False
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if not os.access(path, os.W_OK):
        raise DatabaseReadOnlyError(
            f"{path} is read-only; Copilot needs to write to it (check the file's permissions)"
        )
    if header == SQLITE_HEADER:
        raise DatabaseCorruptError(
            f"{path} is a plain SQLite file, not an encrypted Copilot database"
        )
    return len(header) > 0


def translate_driver_message(exc: BaseException, label: str) -> CopilotError | None:
    """The user-facing error for an SQLite/SQLCipher error, by its message; None if unknown."""
    message = str(getattr(exc, "orig", None) or exc).lower()
    if "database is locked" in message or "database table is locked" in message:
        return DatabaseLockedError(
            f"{label} is busy: another Copilot window or program is writing to it; try again"
        )
    if "readonly" in message or "read-only" in message:
        return DatabaseReadOnlyError(
            f"{label} is read-only; Copilot needs to write to the file and its folder"
        )
    if "file is not a database" in message or "file is encrypted" in message:
        return WrongPassphraseError(
            f"cannot open {label}: wrong passphrase, or not a Copilot database"
        )
    if "malformed" in message or "corrupt" in message:
        return DatabaseCorruptError(f"{label} is damaged ({message}); restore a backup")
    if "unable to open database file" in message:
        return DatabaseError(f"cannot open {label}: check that the file and folder exist")
    if "disk i/o error" in message or "database or disk is full" in message:
        return DatabaseError(f"cannot write {label}: {message} (is the disk full?)")
    return None
