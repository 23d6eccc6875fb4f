"""Where the database key comes from, and what a user is told when there is none."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import keyring
import keyring.backends.fail
import pytest
from keyring.backend import KeyringBackend
from storage_support import TEST_PASSPHRASE

from copilot.errors import CopilotError, InputError, NoPassphraseError, WrongPassphraseError
from copilot.storage.db import Database, open_database
from copilot.storage.keys import (
    KEYRING_SERVICE,
    DatabaseKey,
    derive_raw_key,
    key_for_database,
    keyring_username,
    legacy_keyring_username,
    parse_recovery_key,
    recovery_key_text,
    with_salt,
)
from copilot.storage.service import CustomerService


def entry(path: Path) -> str:
    """The keyring entry name of a database file: named by the salt it carries."""
    return keyring_username(path.read_bytes()[:16])


class BrokenKeyring(KeyringBackend):
    """A keyring whose D-Bus service is gone, as on a headless Linux box."""

    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringError("org.freedesktop.secrets was not provided")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError("locked")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.PasswordDeleteError("locked")


def test_first_run_creates_a_random_key_in_the_keyring(
    keyring_database: Database, db_path: Path, memory_keyring: object
) -> None:
    stored = keyring.get_password(KEYRING_SERVICE, entry(db_path))
    assert stored is not None and len(stored) == 64
    int(stored, 16)  # hex
    assert not db_path.read_bytes().startswith(b"SQLite format 3")


def test_keyring_key_reopens_the_database(keyring_database: Database, db_path: Path) -> None:
    CustomerService(keyring_database).create_customer(name="Budi")
    keyring_database.close()
    again = open_database(str(db_path))
    try:
        assert CustomerService(again).count_customers() == 1
    finally:
        again.close()


def test_each_database_gets_its_own_key(tmp_path: Path) -> None:
    open_database(str(tmp_path / "a.db")).close()
    open_database(str(tmp_path / "b.db")).close()
    a = keyring.get_password(KEYRING_SERVICE, entry(tmp_path / "a.db"))
    b = keyring.get_password(KEYRING_SERVICE, entry(tmp_path / "b.db"))
    assert a and b and a != b


def test_keyring_key_does_not_open_with_a_passphrase(
    keyring_database: Database, db_path: Path
) -> None:
    keyring_database.close()
    with pytest.raises(WrongPassphraseError):
        open_database(str(db_path), passphrase="guess")


def test_environment_passphrase_wins_and_leaves_the_keyring_alone(
    env_database: Database, db_path: Path
) -> None:
    assert keyring.get_password(KEYRING_SERVICE, entry(db_path)) is None
    env_database.close()
    reopened = open_database(str(db_path), passphrase=TEST_PASSPHRASE)
    reopened.close()


def test_no_keyring_and_no_passphrase_says_how_to_provide_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())
    with pytest.raises(NoPassphraseError) as caught:
        open_database(str(tmp_path / "x.db"))
    message = str(caught.value)
    assert "COPILOT_DB_PASSPHRASE" in message and "keyring" in message
    assert not (tmp_path / "x.db").exists()


def test_broken_keyring_falls_back_to_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keyring.set_keyring(BrokenKeyring())
    with pytest.raises(NoPassphraseError, match="COPILOT_DB_PASSPHRASE"):
        open_database(str(tmp_path / "x.db"))
    monkeypatch.setenv("COPILOT_DB_PASSPHRASE", TEST_PASSPHRASE)
    open_database(str(tmp_path / "x.db")).close()


def test_existing_database_without_a_stored_key_is_not_given_a_new_one(
    database: Database, db_path: Path
) -> None:
    database.close()
    with pytest.raises(NoPassphraseError, match="holds no key"):
        open_database(str(db_path))
    assert keyring.get_password(KEYRING_SERVICE, entry(db_path)) is None


def test_the_key_never_shows_in_repr_or_errors(tmp_path: Path) -> None:
    key = key_for_database(
        tmp_path / "k.db", salt=bytes(16), passphrase="s3cret-phrase", create=True
    )
    assert "s3cret-phrase" not in repr(key)
    db = open_database(str(tmp_path / "k.db"), passphrase="s3cret-phrase")
    assert "s3cret-phrase" not in repr(db)
    db.close()
    with pytest.raises(WrongPassphraseError) as caught:
        open_database(str(tmp_path / "k.db"), passphrase="s3cret-phrase-wrong")
    assert "s3cret" not in str(caught.value)


@pytest.mark.parametrize("bad", ["", "nul\x00byte", "x'00ff'"])
def test_unusable_passphrases_are_input_errors(tmp_path: Path, bad: str) -> None:
    with pytest.raises(InputError):
        open_database(str(tmp_path / "p.db"), passphrase=bad)


def test_raw_key_form() -> None:
    key = DatabaseKey("ab" * 32, raw=True, source="keyring")
    assert key.sqlcipher_key == "x'" + "ab" * 32 + "'"
    with pytest.raises(InputError):
        DatabaseKey("not hex", raw=True, source="keyring")


def test_a_stale_environment_passphrase_is_named_in_the_error(
    keyring_database: Database, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keyring_database.close()
    monkeypatch.setenv("COPILOT_DB_PASSPHRASE", "left over from another desk")
    with pytest.raises(WrongPassphraseError) as caught:
        open_database(str(db_path))
    assert "COPILOT_DB_PASSPHRASE" in str(caught.value)
    assert "left over" not in str(caught.value)


def test_missing_server_driver_or_bad_url_is_one_clear_line() -> None:
    # Without psycopg installed this is an InputError; with it, a refused connection
    # (DatabaseError). Either way one line, and never the password.
    with pytest.raises(CopilotError) as caught:
        open_database("postgresql://agent:hunter2@127.0.0.1:1/copilot")
    assert "hunter2" not in str(caught.value)
    with pytest.raises(InputError):
        open_database("nosuchdialect://x")


class ForgetfulKeyring(KeyringBackend):
    """Accepts secrets and keeps none (keyring's "null" backend behaves like this)."""

    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        pass

    def delete_password(self, service: str, username: str) -> None:
        pass


def test_a_keyring_that_forgets_is_refused_before_any_data_is_written(tmp_path: Path) -> None:
    keyring.set_keyring(ForgetfulKeyring())
    with pytest.raises(NoPassphraseError, match="did not keep"):
        open_database(str(tmp_path / "lost.db"))
    assert not (tmp_path / "lost.db").exists()


def test_a_backup_of_a_keyring_database_opens_on_the_same_desk(
    keyring_database: Database, tmp_path: Path
) -> None:
    CustomerService(keyring_database).create_customer(name="Budi")
    copy = keyring_database.backup(tmp_path / "backups" / "monday.db")
    reopened = open_database(str(copy))
    try:
        assert CustomerService(reopened).count_customers() == 1
    finally:
        reopened.close()


def test_derive_raw_key_leaves_raw_keys_alone_and_refuses_bad_input() -> None:
    raw = DatabaseKey("ab" * 32, raw=True, source="keyring")
    assert derive_raw_key(raw, b"\x00" * 16) is raw
    phrase = DatabaseKey("kata sandi", raw=False, source="environment")
    derived = derive_raw_key(phrase, bytes(range(16)))
    assert derived.raw and derived.source == "environment"
    assert derived.sqlcipher_key == f"x'{derived.secret}'" and len(derived.secret) == 96
    assert "kata sandi" not in repr(derived) and derived.secret not in repr(derived)
    with pytest.raises(ValueError):
        derive_raw_key(phrase, b"short")
    with pytest.raises(InputError, match="not text"):
        derive_raw_key(DatabaseKey("bad \ud800", raw=False, source="argument"), bytes(16))
    with pytest.raises(InputError, match="x'"):
        derive_raw_key(DatabaseKey("x'00'", raw=False, source="argument"), bytes(16))


# --- the key is found by the database, not by its path -------------------------------------------


def test_the_keyring_entry_is_named_by_the_salt_not_the_path(
    keyring_database: Database, db_path: Path, memory_keyring: Any
) -> None:
    keyring_database.close()
    names = [name for _service, name in memory_keyring.secrets]
    assert names == [entry(db_path)]
    assert str(db_path) not in names[0]


def test_a_moved_database_opens_with_its_keyring_key(
    keyring_database: Database, db_path: Path, tmp_path: Path
) -> None:
    CustomerService(keyring_database).create_customer(name="Budi")
    keyring_database.close()
    moved = tmp_path / "elsewhere" / "renamed.db"
    moved.parent.mkdir()
    db_path.rename(moved)
    again = open_database(str(moved))
    try:
        assert CustomerService(again).count_customers() == 1
    finally:
        again.close()


def test_a_key_under_the_old_path_name_is_found_and_saved_under_the_new_name(
    keyring_database: Database, db_path: Path, memory_keyring: Any
) -> None:
    CustomerService(keyring_database).create_customer(name="Budi")
    keyring_database.close()
    # As an older Copilot left it: the key under the file's path only.
    secret = memory_keyring.secrets.pop((KEYRING_SERVICE, entry(db_path)))
    memory_keyring.secrets[(KEYRING_SERVICE, legacy_keyring_username(db_path))] = secret
    again = open_database(str(db_path))
    try:
        assert CustomerService(again).count_customers() == 1
    finally:
        again.close()
    assert memory_keyring.secrets[(KEYRING_SERVICE, entry(db_path))] == secret
    # The old entry is kept: removing a key can only ever lose data.
    assert memory_keyring.secrets[(KEYRING_SERVICE, legacy_keyring_username(db_path))] == secret


def test_a_backup_shares_the_salt_and_needs_no_keyring_entry_of_its_own(
    keyring_database: Database, tmp_path: Path, memory_keyring: Any
) -> None:
    copy = keyring_database.backup(tmp_path / "backups" / "monday.db")
    assert copy.read_bytes()[:16] == Path(keyring_database.label).read_bytes()[:16]
    assert len(memory_keyring.secrets) == 1


def test_recovery_key_text_round_trips_and_bad_ones_are_refused() -> None:
    key = DatabaseKey("ab12" * 16, raw=True, source="keyring")
    salted = with_salt(key, bytes(range(16)))
    shown = recovery_key_text(salted)
    assert shown.count("-") == 15 and shown.replace("-", "") == "ab12" * 16
    assert parse_recovery_key(shown.upper().replace("-", " ")).secret == "ab12" * 16
    for bad in ("", "ab12", "zz" * 32, "ab12" * 17, "x'" + "ab" * 32 + "'"):
        with pytest.raises(InputError, match="64 hexadecimal"):
            parse_recovery_key(bad)
    with pytest.raises(ValueError):
        recovery_key_text(DatabaseKey("words", raw=False, source="argument"))


def test_a_file_that_could_not_be_created_leaves_no_key_behind(
    tmp_path: Path, memory_keyring: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import copilot.storage.db as db_module

    def no_space(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(db_module, "create_private_file", no_space)
    with pytest.raises(CopilotError, match="No space left"):
        open_database(str(tmp_path / "full.db"))
    assert memory_keyring.secrets == {}
    assert list(tmp_path.iterdir()) == []
