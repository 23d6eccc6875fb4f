"""The one-time enrolment code, and the connection rules a desk follows (no server needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from copilot.errors import InputError
from copilot.site.config import SiteError, connect_url
from copilot.site.enrol import EnrolmentCode, code_password
from copilot.site.server import connection_error, scrub

CODE = EnrolmentCode(site_id="0a1b2c3d", user="agent.ani", password=code_password())


def test_a_code_reads_back_as_typed_in_any_case_and_grouping() -> None:
    text = CODE.encode()
    assert all(len(group) <= 4 for group in text.split("-"))
    assert EnrolmentCode.decode(text) == CODE
    assert EnrolmentCode.decode(text.lower().replace("-", " ")) == CODE


def test_a_mistyped_code_is_caught_by_its_checksum() -> None:
    text = CODE.encode()
    # (Not the last letter: some of its bits may be padding, which base32 ignores.)
    for i in (0, 7, len(text) // 2, len(text) - 3):
        if text[i] == "-":
            continue
        wrong = text[:i] + ("A" if text[i] != "A" else "B") + text[i + 1 :]
        with pytest.raises(InputError, match="mistyped"):
            EnrolmentCode.decode(wrong)
    with pytest.raises(InputError, match="mistyped"):
        EnrolmentCode.decode("")


def test_a_code_never_shows_its_password_in_a_repr() -> None:
    assert CODE.password not in repr(CODE)
    assert "agent.ani" in repr(CODE)


def test_a_ca_file_means_verified_tls_even_on_this_pc(tmp_path: Path) -> None:
    ca = tmp_path / "site-ca.crt"
    ca.write_text("-----BEGIN CERTIFICATE-----\n")
    plain = connect_url("postgresql://127.0.0.1/site", user="a", password="p")
    assert plain.query["sslmode"] == "prefer"
    checked = connect_url("postgresql://127.0.0.1/site", user="a", password="p", ca_file=str(ca))
    assert checked.query["sslmode"] == "verify-full"
    remote = connect_url("postgresql://db.site.lan/site", user="a", password="p", ca_file=str(ca))
    assert (remote.query["sslmode"], remote.query["sslrootcert"]) == ("verify-full", str(ca))
    with pytest.raises(SiteError, match="--ca FILE"):
        connect_url("postgresql://db.site.lan/site", user="a", password="p")


def test_connection_errors_are_one_line_and_never_carry_the_password() -> None:
    url = connect_url("postgresql://127.0.0.1:5999/site", user="ani", password="s3cret-pw")
    echoed = RuntimeError(
        'connection failed: connection to server at "127.0.0.1", port 5999 failed: FATAL:  '
        'password authentication failed for user "ani" (password=s3cret-pw)\nsecond line'
    )
    error = connection_error(echoed, url)
    assert "refused the login ani" in error.message
    assert "s3cret-pw" not in error.message and "\n" not in error.message
    odd = connection_error(RuntimeError("something new with s3cret-pw in it"), url)
    assert "s3cret-pw" not in odd.message
    assert scrub("a s3cret-pw b", "s3cret-pw", "") == "a *** b"


def test_the_admin_password_is_asked_when_pgpassword_is_not_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from copilot.site import server

    monkeypatch.delenv("PGPASSWORD", raising=False)
    prompts: list[str] = []

    def ask(prompt: str) -> str:
        prompts.append(prompt)
        return "typed-secret"

    monkeypatch.setattr(server.getpass, "getpass", ask)
    url = server.admin_url("postgresql://siteadmin@127.0.0.1/site")
    assert url.password == "typed-secret"
    assert prompts == ["Password for siteadmin: "]
    monkeypatch.setenv("PGPASSWORD", "from-the-environment")
    assert server.admin_url("postgresql://siteadmin@127.0.0.1/site").password == (
        "from-the-environment"
    )


def test_no_terminal_and_no_pgpassword_is_one_clear_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from copilot.site import server

    monkeypatch.delenv("PGPASSWORD", raising=False)

    def no_terminal(prompt: str) -> str:
        raise EOFError

    monkeypatch.setattr(server.getpass, "getpass", no_terminal)
    with pytest.raises(SiteError, match="set PGPASSWORD"):
        server.admin_url("postgresql://siteadmin@127.0.0.1/site")
    with pytest.raises(SiteError, match="administrator's login"):
        server.admin_url("postgresql://127.0.0.1/site")
