"""An SQLCipher file without SQLAlchemy: checking it, keying its connections, naming its errors.

`db.open_database` builds its engine on these, and the panel's quick lookup (`quick`) opens
the same file with them before SQLAlchemy is imported.
"""

from __future__ import annotations

import contextlib
import functools
import os
import stat
import threading
from contextlib import closing
from pathlib import Path
from typing import Any

from copilot.errors import (
    CopilotError,
    DatabaseCorruptError,
    DatabaseError,
    DatabaseFullError,
    DatabaseLockedError,
    DatabaseMissingError,
    DatabaseReadOnlyError,
    InputError,
    WrongPassphraseError,
)
from copilot.storage.keys import SQLCIPHER_SALT_BYTES, DatabaseKey, derive_raw_key, with_salt

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
    keys. Here it is derived once (`derive_raw_key`, with the file's salt) and every connection
    gets the raw key and salt (`x'<key><salt>'`). The salt of a new file is chosen by
    `db.open_database` before the file exists, so there is one salt from the start.
    """

    def __init__(self, driver: Any, path: Path, key: DatabaseKey, salt: bytes) -> None:
        self._driver = driver
        self._path = path
        self._lock = threading.Lock()
        self._salt = salt
        key.sqlcipher_key  # noqa: B018 - refuses an unusable passphrase before any file work
        self._given = key
        self._key = with_salt(key, salt) if key.raw else None  # the salted raw key, once known

    def __repr__(self) -> str:
        return f"Keying({str(self._path)!r})"  # never the key

    @property
    def key(self) -> DatabaseKey:
        """The salted raw key (derived now if it was a passphrase)."""
        # Under the lock: threads opening their first connections at once wait for one
        # derivation instead of each running their own.
        with self._lock:
            if self._key is None:
                self._key = derive_raw_key(self._given, self._salt)
            return self._key

    def connect(self) -> Any:
        return open_keyed(self._driver, self._path, self.key)


def open_keyed(driver: Any, path: Path, key: DatabaseKey) -> Any:
    """A driver connection to `path` with PRAGMA key sent (nothing is read yet)."""
    connection = driver.connect(str(path), check_same_thread=False)
    try:
        # PRAGMA takes no bound parameters; quoted as an identifier, `"` doubled.
        quoted = key.sqlcipher_key.replace('"', '""')
        connection.execute(f'PRAGMA key = "{quoted}"')
    except BaseException:
        connection.close()
        raise
    return connection


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


def prepare_file(path: Path, *, create: bool = True) -> bool:
    """Check the file and folder can be used; create the folder. True if the file has data.

    Only a regular file (or none, when `create`) will do: a device such as /dev/null, a FIFO
    (opening it would hang) or a folder is refused before SQLite touches it, because SQLite
    would otherwise create side files such as `/dev/null-journal` next to it.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise DatabaseError(f"cannot use {path}: {exc.strerror or exc}") from exc
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise InputError(f"{path} is a folder, not a database file")
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise InputError(f"{path} is not a regular file (a device, pipe or socket), not a database")
    if info is None and not create:
        raise DatabaseMissingError(
            f"{path} does not exist; check the path (only `copilot panel`, `demo` and `import` "
            "create a new database)"
        )
    folder = path.parent
    if not folder.exists():
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
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
    if info is None:
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
    if 0 < len(header) < SQLCIPHER_SALT_BYTES:
        raise DatabaseCorruptError(f"{path} is too short to be a Copilot database")
    return len(header) > 0


SIDE_FILE_SUFFIXES = ("-wal", "-shm", "-journal")


def side_files(path: Path) -> list[Path]:
    """The files SQLite keeps next to a database (write-ahead log, shared memory, journal)."""
    return [path.with_name(path.name + suffix) for suffix in SIDE_FILE_SUFFIXES]


def create_private_file(path: Path) -> None:
    """Create an empty file readable by its owner only (0600 on POSIX), whatever the umask.

    SQLite gives a database's -wal, -shm and -journal the main file's mode, so creating the
    file ourselves first keeps all of them private, without touching the process-wide umask
    (which other threads share).
    """
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)  # the umask may have removed bits, never added: this is exact
    finally:
        os.close(fd)


def make_private(path: Path) -> None:
    """Narrow an existing file (and its side files) to owner-only, where the OS allows it."""
    if os.name != "posix":
        return
    for file in (path, *side_files(path)):
        try:
            if file.stat().st_mode & 0o077:
                file.chmod(0o600)
        except OSError:
            continue  # missing side file, or not ours to change: SQLite still works


def remove_quietly(*paths: Path) -> None:
    for file in paths:
        with contextlib.suppress(OSError):
            file.unlink()


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
        return DatabaseCorruptError(
            f"{label} is damaged ({message}); run `copilot check`, then restore a backup "
            "with `copilot restore BACKUP`"
        )
    if "unable to open database file" in message:
        return DatabaseError(f"cannot open {label}: check that the file and folder exist")
    if "database or disk is full" in message or "no space left" in message:
        return DatabaseFullError(
            f"cannot write to {label}: the disk is full; free some space and try again "
            "(looking customers up still works)"
        )
    if "disk i/o error" in message:
        return DatabaseError(f"cannot write {label}: {message} (is the disk full or failing?)")
    return None
