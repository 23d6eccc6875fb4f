"""The key of an encrypted database: explicit passphrase, COPILOT_DB_PASSPHRASE, or the OS keyring.

A key created by us is 32 random bytes kept (as hex) in the OS keyring under the service
"Copilot" and a name taken from the database's SQLCipher salt (`keyring_username`), and handed
to SQLCipher as a raw key, so no KDF work is spent on it. Why the salt: it is the file's first
16 bytes, in clear, so it can be read before decryption; it is random per database; and it
travels with the data: copying the file, `VACUUM INTO` backups (checked by the tests) and
`copilot restore` all keep it, so a backup on another path or machine finds the same entry. A
sidecar file would be lost the first time someone copies only the `.db`. Entries named by the
old scheme (the file's resolved path) are still found and saved again under the new name.
Every connection is keyed with the raw key and the salt (`x'<key><salt>'`); Copilot chooses
the salt of a new file itself, so it is known before SQLCipher writes anything.

A passphrase typed by a person goes through SQLCipher 4's KDF (PBKDF2-HMAC-SHA512, 256,000
iterations, the file's 16-byte salt): `derive_raw_key` does that once per process, so each new
pooled connection is keyed in microseconds instead of ~150 ms. The recovery key
(`copilot key export`) is the raw key, for a passphrase the one derived with the file's salt.
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

from copilot.config import APP_NAME, PASSPHRASE_ENV, RECOVERY_KEY_ENV
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
    source: str  # "argument", "environment", "keyring" or "recovery key": named in errors
    # True when key_for_database made it (and stored it) just now for a file not yet created.
    created: bool = field(default=False, compare=False)

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


def keyring_username(salt: bytes) -> str:
    """The keyring entry name of the database whose SQLCipher salt this is (see the docstring)."""
    return f"database {salt.hex()}"


def legacy_keyring_username(path: Path) -> str:
    """The entry name older versions used: the file's resolved path (found, then moved)."""
    return str(path.expanduser().resolve())


def with_salt(key: DatabaseKey, salt: bytes) -> DatabaseKey:
    """The raw key with the file's salt appended, deriving it first from a passphrase."""
    if not key.raw:
        return derive_raw_key(key, salt)
    if len(key.secret) > 2 * SQLCIPHER_KEY_BYTES:
        return key  # already salted
    return DatabaseKey(key.secret + salt.hex(), raw=True, source=key.source, created=key.created)


def recovery_key_text(key: DatabaseKey) -> str:
    """The 64 hex digits that open the database and its backups, grouped for writing down."""
    if not key.raw:
        raise ValueError("a passphrase key has no recovery key until it is derived")
    digits = key.secret[: 2 * SQLCIPHER_KEY_BYTES]
    return "-".join(digits[n : n + 4] for n in range(0, len(digits), 4))


def parse_recovery_key(text: str) -> DatabaseKey:
    """A recovery key as typed or pasted (spaces, dashes and case do not matter)."""
    digits = re.sub(r"[\s\-]", "", text).lower()
    if not _RAW_KEY.fullmatch(digits):
        raise InputError(
            "a recovery key is 64 hexadecimal digits (0-9, a-f), as `copilot key export` shows it"
        )
    return DatabaseKey(digits, raw=True, source="recovery key")


def new_raw_key() -> str:
    return secrets.token_hex(32)


def key_for_database(
    path: Path,
    *,
    salt: bytes,
    passphrase: str | None = None,
    create: bool,
    environ: Mapping[str, str] | None = None,
) -> DatabaseKey:
    """The key that opens `path` (whose SQLCipher salt is `salt`); `create` allows a new one.

    Order: the explicit passphrase, then COPILOT_DB_PASSPHRASE, then the OS keyring. A key is
    only generated for a database that does not exist yet: inventing one for an existing file
    could never open it. A new key is stored (and read back) before any data is encrypted.
    """
    if passphrase is not None:
        return DatabaseKey(passphrase, raw=False, source="argument")
    env = os.environ if environ is None else environ
    from_env = env.get(PASSPHRASE_ENV)
    if from_env:
        return DatabaseKey(from_env, raw=False, source="environment")
    if env.get(RECOVERY_KEY_ENV):
        # A desk without a keyring that was restored from a recovery key.
        return parse_recovery_key(env[RECOVERY_KEY_ENV])

    # Imported here: finding the keyring backends takes tens of milliseconds, which a key from
    # the environment (and the panel's start-up) should not pay.
    import keyring

    if not keyring_available():
        raise NoPassphraseError(
            f"no OS keyring is available for the database key; {HOW_TO_PROVIDE}"
        )
    username = keyring_username(salt)
    try:
        stored = keyring.get_password(KEYRING_SERVICE, username)
        if not stored:
            stored = _move_legacy_entry(path, username)
    except Exception as exc:  # any backend failure (locked, D-Bus missing) means the same here
        log.debug("keyring lookup failed: %s", type(exc).__name__)
        raise NoPassphraseError(
            f"the OS keyring could not be read ({type(exc).__name__}): {HOW_TO_PROVIDE}"
        ) from exc
    if stored:
        return DatabaseKey(stored, raw=bool(_RAW_KEY.fullmatch(stored)), source="keyring")
    if not create:
        raise NoPassphraseError(
            f"the OS keyring holds no key for {path}; if the database was created with a "
            f"passphrase, set {PASSPHRASE_ENV}; if it came from another desk or a backup, "
            "run `copilot restore` with its recovery key"
        )
    created = new_raw_key()
    if not store_key(salt, created):
        raise NoPassphraseError(f"the OS keyring did not keep a new database key; {HOW_TO_PROVIDE}")
    return DatabaseKey(created, raw=True, source="keyring", created=True)


def _move_legacy_entry(path: Path, username: str) -> str | None:
    """A key kept under the file's path by older versions, saved again under `username`."""
    import keyring

    stored = keyring.get_password(KEYRING_SERVICE, legacy_keyring_username(path))
    if stored:
        try:
            keyring.set_password(KEYRING_SERVICE, username, stored)
        except Exception as exc:  # the old entry still works; try again next time
            log.warning(
                "could not save the database key under its new name (%s)", type(exc).__name__
            )
        # The old entry stays: deleting a key can only ever lose data.
    return stored


def store_key(salt: bytes, secret: str) -> bool:
    """Keep a raw key in the keyring for the database with this salt; True once read back.

    Reading it back matters: a backend that accepts a secret and forgets it (the "null"
    keyring, a locked store) would make the database unreadable on the next start.
    """
    import keyring

    username = keyring_username(salt)
    try:
        keyring.set_password(KEYRING_SERVICE, username, secret)
        return bool(keyring.get_password(KEYRING_SERVICE, username) == secret)
    except Exception as exc:
        raise NoPassphraseError(
            f"the OS keyring could not store the database key ({type(exc).__name__}): "
            f"{HOW_TO_PROVIDE}"
        ) from exc


def forget_new_key(salt: bytes, key: DatabaseKey) -> None:
    """Remove a key made for a file that could not be created (nothing is encrypted with it)."""
    if not key.created:
        return
    import keyring

    try:
        keyring.delete_password(KEYRING_SERVICE, keyring_username(salt))
    except Exception as exc:
        log.debug("an unused key stays in the keyring (%s)", type(exc).__name__)


def keyring_available() -> bool:
    """Whether an OS keyring is present and answers (Secret Service may lack a D-Bus session)."""
    import keyring
    import keyring.backends.fail

    backend = keyring.get_keyring()
    if isinstance(backend, keyring.backends.fail.Keyring):
        return False
    try:
        backend.get_password(KEYRING_SERVICE, "copilot-probe")
    except Exception:
        return False
    return True
