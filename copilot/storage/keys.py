"""The key of an encrypted database: explicit passphrase, COPILOT_DB_PASSPHRASE, or the OS keyring.

A key created by us is 32 random bytes kept (as hex) in the OS keyring under the service
"Copilot" and the database's resolved path, and handed to SQLCipher as a raw key, so no KDF
work is spent on it. A passphrase typed by a person goes through SQLCipher 4's KDF (PBKDF2-
HMAC-SHA512, 256,000 iterations, the file's 16-byte salt): `derive_raw_key` does that once per
process, so each new pooled connection is keyed in microseconds instead of ~150 ms.
Neither is ever logged: `DatabaseKey.__repr__` hides the secret.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from copilot.config import APP_NAME, PASSPHRASE_ENV
from copilot.errors import InputError, NoPassphraseError

KEYRING_SERVICE = APP_NAME
_RAW_KEY = re.compile(r"[0-9a-f]{64}")
# A raw key may carry the database's salt after it (`x'<64 hex key><32 hex salt>'`).
_RAW_KEY_MAYBE_SALTED = re.compile(r"[0-9a-f]{64}(?:[0-9a-f]{32})?")
# SQLCipher 4's defaults (`PRAGMA cipher_default_settings`); files made by Copilot use them.
SQLCIPHER_KDF_ITERATIONS = 256_000
SQLCIPHER_KEY_BYTES = 32
SQLCIPHER_SALT_BYTES = 16  # the first 16 bytes of an SQLCipher 4 file

log = logging.getLogger(__name__)

HOW_TO_PROVIDE = (
    f"set the {PASSPHRASE_ENV} environment variable to the database passphrase, "
    "or install and unlock an OS keyring (Windows Credential Manager, macOS Keychain, "
    "GNOME Keyring/KWallet)"
)


@dataclass(frozen=True)
class DatabaseKey:
    """Key material for SQLCipher: either a raw 256-bit key (hex) or a passphrase."""

    secret: str = field(repr=False)
    raw: bool
    source: str  # "argument", "environment" or "keyring": named in error messages

    def __post_init__(self) -> None:
        if not self.secret:
            raise InputError("the database passphrase is empty")
        if "\x00" in self.secret:
            raise InputError("the database passphrase contains a NUL character")
        if self.raw and not _RAW_KEY_MAYBE_SALTED.fullmatch(self.secret):
            raise InputError("a raw database key must be 64 lowercase hex digits")

    @property
    def sqlcipher_key(self) -> str:
        """The text SQLAlchemy's pysqlcipher dialect quotes into `PRAGMA key="..."`.

        SQLCipher reads `x'<64 hex>'` as a raw key (no KDF); anything else is a passphrase.
        The dialect quotes it as an identifier (doubling any `"`), which is the safe form
        for a PRAGMA, where parameters cannot be bound.
        """
        if self.raw:
            return f"x'{self.secret}'"
        if _looks_like_raw_key_syntax(self.secret):
            # A passphrase that happens to look like x'...' would silently be taken as a raw
            # key by SQLCipher; refuse rather than surprise.
            raise InputError("the database passphrase must not have the form x'...'")
        return self.secret


def derive_raw_key(key: DatabaseKey, salt: bytes) -> DatabaseKey:
    """The raw key (with its salt) that SQLCipher 4 derives from a passphrase and a file's salt.

    Keying a connection with it (`x'<key><salt>'`) opens the same file as the passphrase,
    without the 256,000 PBKDF2 iterations SQLCipher would otherwise run per connection.
    """
    if key.raw:
        return key
    if len(salt) != SQLCIPHER_SALT_BYTES:
        raise ValueError(f"an SQLCipher salt is {SQLCIPHER_SALT_BYTES} bytes")
    key.sqlcipher_key  # noqa: B018 - refuses a passphrase that SQLCipher would read as raw
    try:
        # SQLCipher receives the PRAGMA's text as UTF-8 and uses its bytes as the password.
        password = key.secret.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError("the database passphrase contains a character that is not text") from None
    derived = hashlib.pbkdf2_hmac(
        "sha512",
        password,
        salt,
        SQLCIPHER_KDF_ITERATIONS,
        SQLCIPHER_KEY_BYTES,
    )
    return DatabaseKey(derived.hex() + salt.hex(), raw=True, source=key.source)


def _looks_like_raw_key_syntax(text: str) -> bool:
    return len(text) >= 3 and text[:2].lower() == "x'" and text.endswith("'")


def keyring_username(path: Path) -> str:
    """The keyring entry name for a database file: its resolved absolute path."""
    return str(path.expanduser().resolve())


def new_raw_key() -> str:
    return secrets.token_hex(32)


def key_for_database(
    path: Path,
    *,
    passphrase: str | None = None,
    create: bool,
    environ: Mapping[str, str] | None = None,
) -> DatabaseKey:
    """The key that opens `path`; `create` allows making (and storing) a new one.

    Order: the explicit passphrase, then COPILOT_DB_PASSPHRASE, then the OS keyring. A key is
    only generated for a database that does not exist yet: inventing one for an existing file
    could never open it.
    """
    if passphrase is not None:
        return DatabaseKey(passphrase, raw=False, source="argument")
    env = os.environ if environ is None else environ
    from_env = env.get(PASSPHRASE_ENV)
    if from_env:
        return DatabaseKey(from_env, raw=False, source="environment")

    # Imported here: finding the keyring backends takes tens of milliseconds, which a key from
    # the environment (and the panel's start-up) should not pay.
    import keyring
    import keyring.backends.fail

    username = keyring_username(path)
    backend = keyring.get_keyring()
    if isinstance(backend, keyring.backends.fail.Keyring):
        raise NoPassphraseError(
            f"no OS keyring is available for the database key; {HOW_TO_PROVIDE}"
        )
    try:
        stored = keyring.get_password(KEYRING_SERVICE, username)
    except Exception as exc:  # any backend failure (locked, D-Bus missing) means the same here
        log.debug("keyring lookup failed: %s", type(exc).__name__)
        raise NoPassphraseError(
            f"the OS keyring could not be read ({type(exc).__name__}): {HOW_TO_PROVIDE}"
        ) from exc
    if stored:
        return DatabaseKey(stored, raw=bool(_RAW_KEY.fullmatch(stored)), source="keyring")
    if not create:
        raise NoPassphraseError(
            f"the OS keyring holds no key for {username}; if the database was created with a "
            f"passphrase, set {PASSPHRASE_ENV}; if it was moved here, open it where it was made"
        )
    created = new_raw_key()
    try:
        keyring.set_password(KEYRING_SERVICE, username, created)
        # Read it back before any data is encrypted with it: a backend that accepts a secret
        # and forgets it (the "null" keyring, a locked store) would make the database
        # unreadable on the next start.
        kept = keyring.get_password(KEYRING_SERVICE, username) == created
    except Exception as exc:
        raise NoPassphraseError(
            f"the OS keyring could not store a new database key ({type(exc).__name__}): "
            f"{HOW_TO_PROVIDE}"
        ) from exc
    if not kept:
        raise NoPassphraseError(f"the OS keyring did not keep a new database key; {HOW_TO_PROVIDE}")
    return DatabaseKey(created, raw=True, source="keyring")


def remember_key(path: Path, key: DatabaseKey) -> bool:
    """Store a keyring key under another file's path too (a backup); True if it was stored.

    Keys are found by path, so without this a backup made on this desk could not be opened
    here. Passphrase keys need nothing: the same passphrase opens the copy.
    """
    if key.source != "keyring":
        return True
    import keyring

    try:
        keyring.set_password(KEYRING_SERVICE, keyring_username(path), key.secret)
    except Exception as exc:
        log.warning("the backup's key could not be stored in the keyring (%s)", type(exc).__name__)
        return False
    return True
