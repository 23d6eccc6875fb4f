"""Keys, backups, restore, prune, check and bad database paths through `copilot.cli.main`."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
from cli_support import one_error_line, run

from copilot.commands.gui import DEMO_PASSPHRASE, panel_database
from copilot.config import Settings
from copilot.storage.db import open_database
from copilot.storage.service import CustomerService

PASSPHRASE = "cli safety passphrase"


@pytest.fixture
def desk(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A keyring-keyed desk database with a few demo customers."""
    path = tmp_path / "desk" / "copilot.db"
    code, _out, err = run(capsys, "--db", str(path), "demo", "--customers", "5", "--seed", "2")
    assert code == 0, err
    return path


def count(path: Path, **kwargs: object) -> int:
    db = open_database(str(path), create=False, **kwargs)  # type: ignore[arg-type]
    try:
        return CustomerService(db).count_customers()
    finally:
        db.close()


# --- recovery key and restore ---------------------------------------------------------------------


def test_key_export_needs_confirmation_and_shows_the_key_only_on_stdout(
    desk: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    code, out, err = run(capsys, "--db", str(desk), "key", "export")
    assert code == 2 and out == "" and "--yes" in err
    with caplog.at_level("DEBUG"):
        code, out, err = run(capsys, "--db", str(desk), "key", "export", "--yes")
    assert code == 0
    shown = out.strip()
    assert len(shown.replace("-", "")) == 64
    assert "safe" in err and shown not in err and shown.replace("-", "") not in caplog.text
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    code, out, _ = run(capsys, "--db", str(desk), "key", "export")
    assert code == 1 and out == ""


def test_restore_on_another_desk_with_an_empty_keyring_and_the_recovery_key(
    desk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], memory_keyring: object
) -> None:
    backup = tmp_path / "usb" / "monday.db"
    code, out, err = run(capsys, "--db", str(desk), "backup", str(backup))
    assert code == 0, err
    code, out, _ = run(capsys, "--db", str(desk), "key", "export", "--yes")
    key_file = tmp_path / "safe.txt"
    key_file.write_text(out)
    memory_keyring.secrets.clear()  # type: ignore[attr-defined]  # a new machine
    other = tmp_path / "other-machine" / "data" / "copilot.db"
    code, _, err = run(capsys, "--db", str(other), "find", "x")
    assert code == 4 and "does not exist" in one_error_line(err)

    code, out, err = run(
        capsys, "restore", str(backup), str(other), "--recovery-key-file", str(key_file)
    )
    assert code == 0, err
    assert "verified" in out and "OS keyring" in out
    assert count(other) == 5  # opens with the keyring entry restore made
    if os.name == "posix":
        assert stat.S_IMODE(other.stat().st_mode) == 0o600


def test_restore_with_the_passphrase(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COPILOT_DB_PASSPHRASE", PASSPHRASE)
    desk = tmp_path / "desk.db"
    assert run(capsys, "--db", str(desk), "demo", "--customers", "3")[0] == 0
    backup = tmp_path / "b.db"
    assert run(capsys, "--db", str(desk), "backup", str(backup))[0] == 0
    keyring.get_keyring().secrets.clear()  # type: ignore[attr-defined]
    dest = tmp_path / "elsewhere" / "copilot.db"
    code, out, err = run(capsys, "restore", str(backup), str(dest))
    assert code == 0, err and "same passphrase" in out
    assert count(dest) == 3


def test_restore_refuses_to_overwrite_without_force_then_keeps_the_old_file(
    desk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = tmp_path / "b.db"
    assert run(capsys, "--db", str(desk), "backup", str(backup))[0] == 0
    code, out, _ = run(capsys, "--db", str(desk), "key", "export", "--yes")
    monkeypatch.setenv("COPILOT_RECOVERY_KEY", out.strip())
    before = desk.read_bytes()
    code, _, err = run(capsys, "--db", str(desk), "restore", str(backup))
    assert code == 2 and "--force" in one_error_line(err)
    assert desk.read_bytes() == before
    code, out, err = run(capsys, "--db", str(desk), "restore", str(backup), "--force")
    assert code == 0, err
    kept = desk.with_name("copilot.db.before-restore")
    assert kept.exists() and str(kept) in out
    assert count(desk) == 5


@pytest.mark.parametrize("wrong", ["0" * 64, "not hex at all"])
def test_restore_with_a_wrong_key_changes_nothing(
    desk: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    wrong: str,
) -> None:
    backup = tmp_path / "b.db"
    assert run(capsys, "--db", str(desk), "backup", str(backup))[0] == 0
    monkeypatch.setenv("COPILOT_RECOVERY_KEY", wrong)
    dest = tmp_path / "new" / "copilot.db"
    code, _, err = run(capsys, "restore", str(backup), str(dest))
    assert code in (2, 4)
    one_error_line(err)
    assert not dest.exists()


def test_restore_of_junk_or_a_missing_file_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(os.urandom(4096))
    for backup in (junk, tmp_path / "missing.db"):
        code, _, err = run(capsys, "restore", str(backup), str(tmp_path / "d.db"))
        assert code != 0
        one_error_line(err)
    assert not (tmp_path / "d.db").exists()


# --- prune after an erase -------------------------------------------------------------------------


def test_backup_prune_removes_backups_made_before_the_erase(
    desk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = Path(os.environ["COPILOT_DATA_DIR"]) / "backups"
    old = folder / "old.db"
    assert run(capsys, "--db", str(desk), "backup", str(old))[0] == 0
    unrelated = folder / "notes.db"
    unrelated.write_bytes(os.urandom(4096))  # not a backup of this database
    os.utime(old, (1_000_000_000, 1_000_000_000))
    os.utime(unrelated, (1_000_000_000, 1_000_000_000))
    assert run(capsys, "--db", str(desk), "erase", "#2", "--yes")[0] == 0
    code, out, err = run(capsys, "--db", str(desk), "backup", "--prune", "#2", "--yes")
    assert code == 0, err
    assert not old.exists() and unrelated.exists()
    fresh = [p for p in folder.iterdir() if p.name.startswith("copilot-")]
    assert len(fresh) == 1 and "Removed 1 of 1" in out
    code, _, err = run(capsys, "--db", str(desk), "backup", "--prune", "#3", "--yes")
    assert code == 3 and "no erase of customer #3" in err
    code, _, err = run(capsys, "--db", str(desk), "backup", "--prune-before", "yesterday")
    assert code == 2 and "not a date" in one_error_line(err)


# --- databases that cannot be used ----------------------------------------------------------------


def test_check_on_a_misspelt_path_does_not_create_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    typo = tmp_path / "copliot.db"
    code, _, err = run(capsys, "--db", str(typo), "check")
    assert code == 4 and "does not exist" in one_error_line(err)
    assert not typo.exists() and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("target", ["", "/dev/null", "fifo", "folder"])
def test_unusable_database_targets_are_one_line_and_leave_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    monkeypatch.setenv("COPILOT_DB_PASSPHRASE", PASSPHRASE)
    if target == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs here")
        os.mkfifo(tmp_path / "fifo")
    elif target == "folder":
        (tmp_path / "folder").mkdir()
    path = str(tmp_path / target) if target in ("fifo", "folder") else target
    before = sorted(os.listdir("/dev"))
    for command in (["demo", "--customers", "1"], ["check"]):
        code, _, err = run(capsys, "--db", path, *command)
        assert code != 0
        one_error_line(err)
    assert sorted(os.listdir("/dev")) == before  # no /dev/null-journal
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ([target] if target in ("fifo", "folder") else [])


def test_an_unencrypted_url_needs_the_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'plain.db'}"
    code, _, err = run(capsys, "--db", url, "demo", "--customers", "1")
    assert code == 2 and "--allow-unencrypted" in one_error_line(err)
    assert not (tmp_path / "plain.db").exists()
    code, _, err = run(capsys, "--db", url, "--allow-unencrypted", "demo", "--customers", "1")
    assert code == 0, err


# --- scripts/run's database choice ----------------------------------------------------------------


def test_without_keyring_or_passphrase_the_panel_opens_a_separate_demo_database(
    tmp_path: Path,
) -> None:
    settings = Settings(data_dir=tmp_path)
    (tmp_path / "copilot.db").write_bytes(b"real data")
    choice = panel_database(settings, {}, lambda: False)
    assert choice.settings.database_target == str(tmp_path / "demo.db")
    assert choice.passphrase == DEMO_PASSPHRASE
    assert choice.notice is not None and "DEMO" in choice.notice and "untouched" in choice.notice
    for environ, works in (
        ({"COPILOT_DB_PASSPHRASE": "mine"}, False),
        ({}, True),
        ({"COPILOT_RECOVERY_KEY": "ab" * 32}, False),
    ):
        kept = panel_database(settings, environ, lambda w=works: w)
        assert kept.settings == settings and kept.passphrase is None and kept.notice is None
    explicit = Settings(data_dir=tmp_path, database=str(tmp_path / "x.db"))
    assert panel_database(explicit, {}, lambda: False).passphrase is None


def test_keyring_available_sees_a_failing_backend() -> None:
    from copilot.storage.keys import keyring_available

    assert keyring_available()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    assert not keyring_available()
