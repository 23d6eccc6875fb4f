"""`copilot site ...` end to end on a real server: init, add-user, enrol, status, leave,
access-log; and every failure is one line that never shows a password."""

from __future__ import annotations

import json
import re
import secrets
import socket
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
from cli_support import one_error_line, run
from keyring.backend import KeyringBackend
from pgserver import PgServer

from copilot.site.config import KEYRING_SERVICE, PASSWORD_ENV, load_site
from copilot.storage.db import open_database
from copilot.storage.models import Outbox

CODE = re.compile(r"^\s+([A-Z2-7]{1,4}(?:-[A-Z2-7]{1,4})+)\s*$", re.MULTILINE)


class Floor:
    """A site database, its administrator's URL (no password) and the URL desks are given."""

    def __init__(self, server: PgServer, tag: str, password: str) -> None:
        self.server = server
        self.tag = tag
        self.database = f"cli_{tag}"
        self.admin = f"cliadmin_{tag}"
        self.password = password
        self.admin_url = f"postgresql://{self.admin}@127.0.0.1:{server.port}/{self.database}"
        self.desk_url = f"postgresql://127.0.0.1:{server.port}/{self.database}"

    def login(self, name: str) -> str:
        return f"{name}.{self.tag}"


@pytest.fixture
def floor(pg_server: PgServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[Floor]:
    tag = secrets.token_hex(4)
    floor = Floor(pg_server, tag, secrets.token_hex(12))
    pg_server.execute(f"CREATE ROLE {floor.admin} LOGIN CREATEROLE PASSWORD '{floor.password}'")
    pg_server.execute(f"CREATE DATABASE {floor.database} OWNER {floor.admin} TEMPLATE template0")
    monkeypatch.setenv("PGPASSWORD", floor.password)
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    yield floor
    pg_server.drop_database(floor.database)


def _init(capsys: pytest.CaptureFixture[str], floor: Floor) -> None:
    code, out, err = run(capsys, "site", "init", floor.admin_url)
    assert code == 0, err
    assert "is now a Copilot site" in out


def _add(
    capsys: pytest.CaptureFixture[str], floor: Floor, name: str, role: str, *camps: str
) -> str:
    argv = ["site", "add-user", floor.login(name), "--role", role, "--site", floor.admin_url]
    for campaign in camps:
        argv += ["--campaign", campaign]
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    assert f"copilot site enrol {floor.desk_url} " in out
    found = CODE.search(out)
    assert found, out
    return found.group(1)


def _use_desk(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str) -> Path:
    data = tmp_path / name
    monkeypatch.setenv("COPILOT_DATA_DIR", str(data))
    return data


def test_init_then_again_is_harmless(capsys: pytest.CaptureFixture[str], floor: Floor) -> None:
    _init(capsys, floor)
    code, out, _ = run(capsys, "site", "init", floor.admin_url)
    assert code == 0
    assert "already a Copilot site" in out


def test_enrol_keeps_the_password_in_the_keyring_and_the_code_works_once(
    capsys: pytest.CaptureFixture[str],
    floor: Floor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    memory_keyring: KeyringBackend,
) -> None:
    _init(capsys, floor)
    enrolment = _add(capsys, floor, "ani", "agent", "acme", "zeta")
    data = _use_desk(monkeypatch, tmp_path, "desk1")

    code, out, err = run(capsys, "site", "enrol", floor.desk_url, enrolment.lower())
    assert code == 0, err
    assert f"{floor.database} on 127.0.0.1" in out
    assert "the OS keyring" in out
    config = load_site(data)
    assert config is not None
    assert (config.user, config.campaign, config.campaigns) == (
        floor.login("ani"),
        "acme",
        ("acme", "zeta"),
    )
    stored = memory_keyring.get_password(KEYRING_SERVICE, config.keyring_user)
    assert stored
    on_disk = (data / "site.json").read_text()
    assert stored not in on_disk and floor.password not in on_disk
    assert json.loads(on_disk)["url"].startswith("postgresql+psycopg://127.0.0.1:")

    # One-time: the login's password changed, so the same code is refused with one line.
    code, _, err = run(capsys, "site", "enrol", floor.desk_url, enrolment)
    assert code != 0
    assert "used already" in one_error_line(err)

    code, out, _ = run(capsys, "site", "status")
    assert code == 0
    assert "Server: reachable" in out
    assert f"Login: {floor.login('ani')} (campaigns: acme, zeta)" in out

    # Another login's code on this desk: leave first (its unsent writes are this login's).
    other = _add(capsys, floor, "budi", "agent", "acme")
    code, _, err = run(capsys, "site", "enrol", floor.desk_url, other)
    assert "run copilot site leave first" in one_error_line(err)
    assert load_site(data) == config


def test_a_mistyped_code_says_so(
    capsys: pytest.CaptureFixture[str],
    floor: Floor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _init(capsys, floor)
    enrolment = _add(capsys, floor, "ani", "agent", "acme")
    _use_desk(monkeypatch, tmp_path, "desk1")
    wrong = ("B" if enrolment[0] != "B" else "C") + enrolment[1:]
    code, _, err = run(capsys, "site", "enrol", floor.desk_url, wrong)
    assert code == 2
    assert "mistyped" in one_error_line(err)
    # Lookalike digits read aloud are forgiven: 0 for O, 1 for I, 8 for B.
    loose = enrolment.replace("O", "0").replace("I", "1").replace("-", " ")
    code, _, err = run(capsys, "site", "enrol", floor.desk_url, loose)
    assert code == 0, err


def test_a_desk_without_a_keyring_uses_the_variable(
    capsys: pytest.CaptureFixture[str],
    floor: Floor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _init(capsys, floor)
    enrolment = _add(capsys, floor, "ani", "agent", "acme")
    _use_desk(monkeypatch, tmp_path, "desk1")
    keyring.set_keyring(keyring.backends.fail.Keyring())

    # Without the variable: one line that says what to do, and nothing changed on the server.
    code, _, err = run(capsys, "site", "enrol", floor.desk_url, enrolment)
    assert code != 0
    line = one_error_line(err)
    assert PASSWORD_ENV in line and "the code still works" in line

    own = "a-desk-password-of-my-own"
    monkeypatch.setenv(PASSWORD_ENV, "short")
    code, _, err = run(capsys, "site", "enrol", floor.desk_url, enrolment)
    assert "at least 12 characters" in one_error_line(err)
    monkeypatch.setenv(PASSWORD_ENV, own)
    code, out, err = run(capsys, "site", "enrol", floor.desk_url, enrolment)
    assert code == 0, err
    assert f"the {PASSWORD_ENV} variable" in out
    assert own not in out
    code, out, _ = run(capsys, "site", "status")
    assert "Server: reachable" in out
    # Without the variable the desk cannot log in and says how to fix it.
    monkeypatch.delenv(PASSWORD_ENV)
    code, out, _ = run(capsys, "site", "status")
    assert code == 1
    assert "unreachable" in out and PASSWORD_ENV in out


def test_access_log_for_team_leaders_not_agents(
    capsys: pytest.CaptureFixture[str],
    floor: Floor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _init(capsys, floor)
    agent = _add(capsys, floor, "ani", "agent", "acme")
    leader = _add(capsys, floor, "lia", "team_leader", "acme")
    _use_desk(monkeypatch, tmp_path, "agent")
    assert run(capsys, "site", "enrol", floor.desk_url, agent)[0] == 0
    code, _, err = run(capsys, "site", "access-log")
    assert code != 0
    assert "not allowed" in one_error_line(err)

    _use_desk(monkeypatch, tmp_path, "leader")
    assert run(capsys, "site", "enrol", floor.desk_url, leader)[0] == 0
    code, out, err = run(capsys, "site", "access-log", "--customer", "7")
    assert code == 0, err
    assert "No one has opened customer #7's story yet." in out
    code, out, err = run(capsys, "site", "access-log", "--site", floor.admin_url)
    assert code == 0, err


def test_remove_user_and_leave(
    capsys: pytest.CaptureFixture[str],
    floor: Floor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    memory_keyring: KeyringBackend,
) -> None:
    _init(capsys, floor)
    enrolment = _add(capsys, floor, "ani", "agent", "acme")
    data = _use_desk(monkeypatch, tmp_path, "desk1")
    assert run(capsys, "site", "enrol", floor.desk_url, enrolment)[0] == 0
    code, out, err = run(
        capsys, "site", "remove-user", floor.login("ani"), "--site", floor.admin_url
    )
    assert code == 0, err
    assert "no longer exists" in out
    code, out, _ = run(capsys, "site", "status")
    assert code == 1 and "refused the login" in out
    config = load_site(data)
    assert config is not None
    assert memory_keyring.get_password(KEYRING_SERVICE, config.keyring_user)
    code, out, _ = run(capsys, "site", "leave")
    assert code == 0 and "has left" in out
    assert load_site(data) is None
    assert memory_keyring.get_password(KEYRING_SERVICE, config.keyring_user) is None
    code, out, _ = run(capsys, "site", "status")
    assert "This PC only" in out


def test_leave_keeps_a_desk_with_unsent_operations(
    capsys: pytest.CaptureFixture[str],
    floor: Floor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _init(capsys, floor)
    enrolment = _add(capsys, floor, "ani", "agent", "acme")
    data = _use_desk(monkeypatch, tmp_path, "desk1")
    monkeypatch.setenv("COPILOT_DB_PASSPHRASE", "a desk passphrase for the test")
    desk = open_database(str(data / "copilot.db"))
    with desk.write() as session:
        session.add(Outbox(kind="log_contact", payload="{}"))
    desk.close()
    assert run(capsys, "site", "enrol", floor.desk_url, enrolment)[0] == 0
    code, out, _ = run(capsys, "site", "status")
    assert "Waiting to be sent: 1" in out
    code, _, err = run(capsys, "site", "leave")
    assert code != 0
    assert "1 operation(s)" in one_error_line(err)
    assert load_site(data) is not None
    assert run(capsys, "site", "leave", "--force")[0] == 0
    assert load_site(data) is None


# --- failures: one line, no password ------------------------------------------------------


def test_init_refuses_a_database_that_is_not_copilots(
    capsys: pytest.CaptureFixture[str], floor: Floor
) -> None:
    floor.server.execute("CREATE TABLE payroll (id int)", database=floor.database)
    code, _, err = run(capsys, "site", "init", floor.admin_url)
    assert code != 0
    assert "not Copilot's" in one_error_line(err)


def test_a_password_in_the_url_is_refused(capsys: pytest.CaptureFixture[str], floor: Floor) -> None:
    url = floor.admin_url.replace("@", f":{floor.password}@")
    code, _, err = run(capsys, "site", "init", url)
    line = one_error_line(err)
    assert code == 2 and "don't put a password" in line
    assert floor.password not in err


def test_a_wrong_admin_password_is_one_line_without_it(
    capsys: pytest.CaptureFixture[str], floor: Floor, monkeypatch: pytest.MonkeyPatch
) -> None:
    wrong = "not-the-password-" + secrets.token_hex(6)
    monkeypatch.setenv("PGPASSWORD", wrong)
    code, _, err = run(capsys, "site", "init", floor.admin_url)
    line = one_error_line(err)
    assert code != 0 and "refused the login" in line
    assert wrong not in err


def test_an_unreachable_server_is_one_line_without_the_password(
    capsys: pytest.CaptureFixture[str], floor: Floor
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    url = f"postgresql://{floor.admin}@127.0.0.1:{closed}/{floor.database}"
    code, _, err = run(capsys, "site", "add-user", "x", "--role", "agent", "--campaign", "a",
                       "--site", url)  # fmt: skip
    line = one_error_line(err)
    assert code != 0 and "cannot reach the site server" in line
    assert floor.password not in err


def test_a_server_off_this_pc_needs_the_ca_file(
    capsys: pytest.CaptureFixture[str], floor: Floor, tmp_path: Path
) -> None:
    url = f"postgresql://{floor.admin}@192.0.2.10/{floor.database}"
    code, _, err = run(capsys, "site", "init", url)
    assert code == 5 and "--ca FILE" in one_error_line(err)
    code, _, err = run(capsys, "site", "init", url, "--ca", str(tmp_path / "missing.crt"))
    assert code == 5 and "does not exist" in one_error_line(err)
    assert floor.password not in err


def test_bad_input_is_one_line(capsys: pytest.CaptureFixture[str], floor: Floor) -> None:
    _init(capsys, floor)
    base = ["site", "add-user", "--role", "agent", "--site", floor.admin_url]
    code, _, err = run(capsys, *base[:2], "Bad Name", *base[2:], "--campaign", "acme")
    assert code == 2 and "cannot be a login name" in one_error_line(err)
    code, _, err = run(capsys, *base[:2], "ok", *base[2:], "--campaign", " ")
    assert code == 2 and "--campaign" in one_error_line(err)
    first = _add(capsys, floor, "ani", "agent", "acme")
    assert first
    code, _, err = run(capsys, *base[:2], floor.login("ani"), *base[2:], "--campaign", "acme")
    assert "already exists" in one_error_line(err)
    code, _, err = run(capsys, "site", "remove-user", "nobody", "--site", floor.admin_url)
    assert "no login nobody" in one_error_line(err)
