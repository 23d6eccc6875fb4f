"""The store commands end to end through `copilot.cli.main`: output, exit codes, one-line errors."""

from __future__ import annotations

import functools
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_support import one_error_line, run

import copilot.storage.db
from copilot.storage.db import open_database

PASSPHRASE = "cli test passphrase"
HEADER = "name,phone,email,account,channel,started_at,agent,summary,notes,outcome\n"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COPILOT_DB_PASSPHRASE", PASSPHRASE)


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "desk" / "copilot.db")


@pytest.fixture
def demo_db(db: str, capsys: pytest.CaptureFixture[str]) -> str:
    code, out, _ = run(capsys, "--db", db, "demo", "--customers", "40", "--seed", "3")
    assert code == 0, out
    return db


# --- happy paths -------------------------------------------------------------------------------


def test_demo_then_story_find_search(demo_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", demo_db, "story", "#1")
    assert code == 0
    assert out.splitlines()[0].startswith("#1  Siti Rahmawati")
    assert "240 in all" in out and "Open promises:" in out and "OVERDUE" in out

    code, out, _ = run(capsys, "--db", demo_db, "story", "#1", "--json", "--limit", "3")
    story = json.loads(out)
    assert code == 0 and story["total_interactions"] == 240 and len(story["interactions"]) == 3
    assert (
        story["interactions"][0]["started_at"].endswith("Z")
        or "+00:00" in (story["interactions"][0]["started_at"])
    )
    phone = next(i["value"] for i in story["customer"]["identifiers"] if i["kind"] == "phone")

    local = "0" + phone[3:]  # the way an agent types it
    code, out, _ = run(capsys, "--db", demo_db, "find", local, "--json")
    assert code == 0 and [c["id"] for c in json.loads(out)] == [1]

    code, out, _ = run(capsys, "--db", demo_db, "search", "sinyal", "--limit", "2")
    assert code == 0 and len(out.splitlines()) == 2 and "#" in out

    code, out, _ = run(capsys, "--db", demo_db, "search", 'NOT "( * notes:x', "--json")
    assert code == 0 and json.loads(out) == []


def test_find_nothing_exits_3(demo_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "--db", demo_db, "find", "nobody@nowhere.example")
    assert code == 3
    assert "no customer matches" in one_error_line(err)


def test_import_reports_rejected_rows_and_exits_non_zero(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        HEADER
        + "Budi,0812-3456-7890,,,phone,2025-03-01 09:30,Rina,Klaim,,\n"
        + "Ayu,0812,,,phone,2025-03-01 09:30,Rina,x,,\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "--db", db, "import", str(source))
    assert code == 1
    assert "Imported 1 interaction from" in out and "(1 new customer)" in out
    assert f"{source}:3: phone:" in err
    assert "1 row rejected" in err
    code, out, _ = run(capsys, "--db", db, "find", "+62 812 3456 7890")
    assert code == 0 and "Budi" in out


def test_export_then_import_round_trip(
    demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_csv = tmp_path / "all.csv"
    code, out, _ = run(capsys, "--db", demo_db, "export", str(out_csv))
    assert code == 0 and "Exported" in out
    exported = int(out.split()[1].replace(",", ""))
    fresh = str(tmp_path / "fresh.db")
    code, out, err = run(capsys, "--db", fresh, "import", str(out_csv))
    assert code == 0, err
    assert f"Imported {exported:,} interactions" in out

    code, out, err = run(capsys, "--db", demo_db, "export", "-")
    assert code == 0 and out.startswith("name,phone") and "Exported" in err


def test_erase_needs_confirmation_without_a_terminal(
    demo_db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    code, _, err = run(capsys, "--db", demo_db, "erase", "#2")
    assert code == 2
    assert "without confirmation" in one_error_line(err) and "--yes" in err
    code, out, _ = run(capsys, "--db", demo_db, "erase", "#2", "--yes")
    assert code == 0 and "Erased customer #2" in out
    code, _, err = run(capsys, "--db", demo_db, "story", "#2")
    assert code == 3


def test_erase_asks_on_a_terminal(
    demo_db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    code, out, _ = run(capsys, "--db", demo_db, "erase", "#3")
    assert code == 1 and "Nothing erased" in out
    monkeypatch.setattr("builtins.input", lambda prompt: "y")
    code, out, _ = run(capsys, "--db", demo_db, "erase", "#3")
    assert code == 0 and "Erased" in out


def test_ambiguous_name_asks_for_an_identifier(
    demo_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "--db", demo_db, "story", "a")
    assert code in (2, 3)
    one_error_line(err)


def test_backup_default_path_and_check(
    demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--db", demo_db, "backup")
    backup = Path(out.strip())
    assert code == 0 and backup.exists()
    assert backup.parent == Path(os.environ["COPILOT_DATA_DIR"]) / "backups"
    assert backup.name.startswith("copilot-") and backup.suffix == ".db"
    code, out, _ = run(capsys, "--db", str(backup), "check")
    assert code == 0 and "OK" in out
    dest = tmp_path / "mine.db"
    code, out, _ = run(capsys, "--db", demo_db, "backup", str(dest))
    assert code == 0 and Path(out.strip()) == dest.resolve()


def test_check_reports_problems_with_exit_1(
    demo_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    database = open_database(demo_db)
    try:
        with database.write() as session:  # break the full-text index behind its back
            session.connection().exec_driver_sql("DROP TRIGGER interaction_fts_delete")
            session.connection().exec_driver_sql("DELETE FROM interaction WHERE id < 50")
    finally:
        database.close()
    code, _, err = run(capsys, "--db", demo_db, "check")
    assert code == 1
    assert "full-text" in err and "problems found" in err


# --- every error is one line ---------------------------------------------------------------------


def test_import_missing_file(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", db, "import", str(tmp_path / "missing.csv"))
    assert code == 2 and "does not exist" in one_error_line(err)


def test_import_directory(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", db, "import", str(tmp_path))
    assert code == 2 and "is a folder, not a file" in one_error_line(err)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads anything")
def test_import_unreadable_file(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "secret.csv"
    source.write_text(HEADER, encoding="utf-8")
    source.chmod(0)
    code, _, err = run(capsys, "--db", db, "import", str(source))
    assert code == 2 and "permission denied" in one_error_line(err)


def test_import_unreadable_file_reported_as_permission_denied(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Works as root too: the open itself fails the way it does for an unreadable file.
    source = tmp_path / "secret.csv"
    source.write_text(HEADER, encoding="utf-8")
    real_open = Path.open

    def deny(self: Path, *args: object, **kwargs: object) -> object:
        if self == source:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", deny)
    code, _, err = run(capsys, "--db", db, "import", str(source))
    assert code == 2 and "permission denied" in one_error_line(err)


def test_import_missing_columns(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "cols.csv"
    source.write_text("name,summary\nBudi,x\n", encoding="utf-8")
    code, _, err = run(capsys, "--db", db, "import", str(source))
    line = one_error_line(err)
    assert code == 2 and "missing the column(s) started_at" in line and "phone" in line


@pytest.mark.parametrize(
    ("encoding", "what"), [("utf-16", "UTF-16"), ("latin-1", "not UTF-8"), ("cp1252", "not UTF-8")]
)
def test_import_other_encodings(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], encoding: str, what: str
) -> None:
    source = tmp_path / "enc.csv"
    source.write_bytes(
        (HEADER + "José,0812,,,,2025-01-01 10:00,,café à la carte,,\n").encode(encoding)
    )
    code, _, err = run(capsys, "--db", db, "import", str(source))
    line = one_error_line(err)
    assert code == 2 and what in line and "save it as UTF-8 CSV" in line


def test_export_bad_extension(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", db, "export", str(tmp_path / "out.xlsx"))
    assert code == 2 and ".csv, .jsonl or .ndjson" in one_error_line(err)


def test_wrong_passphrase(
    demo_db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COPILOT_DB_PASSPHRASE", "not the passphrase")
    code, _, err = run(capsys, "--db", demo_db, "find", "budi")
    assert code == 4 and "wrong passphrase" in one_error_line(err)


def test_corrupt_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(os.urandom(8192))
    code, _, err = run(capsys, "--db", str(junk), "check")
    assert code == 4
    one_error_line(err)


def test_plain_sqlite_file_is_not_ours(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plain = tmp_path / "plain.db"
    with sqlite3.connect(plain) as connection:
        connection.execute("CREATE TABLE t (x)")
    connection.close()
    code, _, err = run(capsys, "--db", str(plain), "find", "budi")
    assert code == 4 and "not an encrypted Copilot database" in one_error_line(err)


def test_database_is_a_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", str(tmp_path), "find", "budi")
    assert code != 0 and "folder" in one_error_line(err)


@pytest.fixture
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    # The CLI waits the default 5 s for a writer; the test need not.
    # build_services imports open_database when it runs, so patching the module is enough.
    monkeypatch.setattr(
        copilot.storage.db, "open_database", functools.partial(open_database, busy_timeout_ms=50)
    )


def test_locked_database(
    demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], short_busy_timeout: None
) -> None:
    holder = open_database(demo_db)
    try:
        with holder.write() as session:
            session.connection().exec_driver_sql("UPDATE customer SET name = name WHERE id = 1")
            source = tmp_path / "in.csv"
            source.write_text(HEADER + "A,081234567890,,,,2025-01-01 10:00,,x,,\n")
            code, _, err = run(capsys, "--db", demo_db, "import", str(source))
    finally:
        holder.close()
    assert code == 4 and "busy" in one_error_line(err)


def test_read_only_database(
    demo_db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # chmod does not stop root, so ask the same question the store asks, answered "no".
    real_access = os.access

    def no_write(path: object, mode: int, **kwargs: object) -> bool:
        if mode & os.W_OK and str(path) == str(Path(demo_db).resolve()):
            return False
        return real_access(path, mode, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(copilot.storage.db.os, "access", no_write)
    code, _, err = run(capsys, "--db", demo_db, "find", "budi")
    assert code == 4 and "read-only" in one_error_line(err)


# --- the real console entry ----------------------------------------------------------------------


@pytest.fixture
def child_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    yield dict(
        os.environ,
        COPILOT_DB_PASSPHRASE=PASSPHRASE,
        COPILOT_DATA_DIR=str(tmp_path / "data"),
        PYTHONPATH=str(ROOT),
    )


@pytest.mark.parametrize(
    ("make_args", "code", "message"),
    [
        (lambda t: ["import", str(t / "nope.csv")], 2, "does not exist"),
        (lambda t: ["import", str(t)], 2, "is a folder"),
        (lambda t: ["--db", str(t / "junk.db"), "find", "x"], 4, "cannot open"),
    ],
)
def test_python_m_copilot_prints_one_line_and_no_traceback(
    tmp_path: Path,
    child_env: dict[str, str],
    make_args,
    code: int,
    message: str,  # type: ignore[no-untyped-def]
) -> None:
    (tmp_path / "junk.db").write_bytes(b"\x01" * 4096)
    proc = subprocess.run(
        [sys.executable, "-m", "copilot", *make_args(tmp_path)],
        capture_output=True,
        text=True,
        env=child_env,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert proc.returncode == code, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("copilot: error:") and message in lines[0]
