"""TLS for real: a server with a certificate from a throwaway site CA, made with the openssl
commands docs/SITE.md gives, and desks that check it (`sslmode=verify-full`)."""

from __future__ import annotations

import os
import pwd
import secrets
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pgserver import PgServer
from sqlalchemy import make_url

from copilot.cli import main
from copilot.errors import CopilotError
from copilot.site.config import connect_url, load_site
from copilot.site.desk import desk_login_url
from copilot.site.server import connected


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_error_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("copilot: error: "), err
    return lines[0]


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


def make_ca(folder: Path, name: str) -> Path:
    """A site CA: its key and self-signed certificate (docs/SITE.md, step 1)."""
    _openssl(
        "req", "-x509", "-new", "-nodes", "-newkey", "ec", "-pkeyopt",
        "ec_paramgen_curve:prime256v1", "-keyout", f"{name}.key", "-out", f"{name}.crt",
        "-days", "30", "-subj", f"/CN={name}", cwd=folder,
    )  # fmt: skip
    return folder / f"{name}.crt"


def make_server_certificate(folder: Path, ca: str, san: str) -> None:
    """server.key and server.crt signed by the CA, for the names in `san` (step 2)."""
    (folder / "san.ext").write_text(f"subjectAltName={san}\n")
    _openssl(
        "req", "-new", "-nodes", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
        "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=copilot-site", cwd=folder,
    )  # fmt: skip
    _openssl(
        "x509", "-req", "-in", "server.csr", "-CA", f"{ca}.crt", "-CAkey", f"{ca}.key",
        "-CAcreateserial", "-out", "server.crt", "-days", "30", "-extfile", "san.ext",
        cwd=folder,
    )  # fmt: skip


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[PgServer, Path]]:
    """A server of its own with ssl = on and a certificate for 127.0.0.1 only (not for
    "localhost", so a name mismatch can be tested); yields it and the site CA file."""
    pki = tmp_path_factory.mktemp("pki")
    ca = make_ca(pki, "site-ca")
    make_server_certificate(pki, "site-ca", "IP:127.0.0.1")
    server = PgServer.start()
    try:
        server.stop()
        for name in ("server.crt", "server.key"):
            target = server.data_dir / name
            target.write_bytes((pki / name).read_bytes())
            target.chmod(0o600)
            if server.owner is not None:
                entry = pwd.getpwnam(server.owner)
                os.chown(target, entry.pw_uid, entry.pw_gid)
        with (server.data_dir / "postgresql.conf").open("a") as conf:
            conf.write("ssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\n")
        server.start_again()
        yield server, ca
    finally:
        server.destroy()


@pytest.fixture
def tls_site(
    tls_server: tuple[PgServer, Path], monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[PgServer, str, str]]:
    """A fresh site database there: (server, admin URL without password, admin password)."""
    server, _ca = tls_server
    tag = secrets.token_hex(4)
    password = secrets.token_hex(12)
    server.execute(f"CREATE ROLE tlsadmin_{tag} LOGIN CREATEROLE PASSWORD '{password}'")
    server.execute(f"CREATE DATABASE tls_{tag} OWNER tlsadmin_{tag} TEMPLATE template0")
    monkeypatch.setenv("PGPASSWORD", password)
    yield server, f"postgresql://tlsadmin_{tag}@127.0.0.1:{server.port}/tls_{tag}", password
    server.drop_database(f"tls_{tag}")


def test_a_desk_enrols_and_talks_to_the_site_over_verified_tls(
    capsys: pytest.CaptureFixture[str],
    tls_server: tuple[PgServer, Path],
    tls_site: tuple[PgServer, str, str],
) -> None:
    _server, ca = tls_server
    _, admin, _password = tls_site
    assert run(capsys, "site", "init", admin, "--ca", str(ca))[0] == 0
    code, out, err = run(
        capsys, "site", "add-user", "tls.ani", "--role", "agent", "--campaign", "acme",
        "--site", admin, "--ca", str(ca),
    )  # fmt: skip
    assert code == 0, err
    assert "--ca SITE-CA.crt" in out
    enrolment = next(line.strip() for line in out.splitlines() if line.startswith("    "))
    desk_url = admin.replace(admin.split("//")[1].split("@")[0] + "@", "")
    code, _, err = run(capsys, "site", "enrol", desk_url, enrolment, "--ca", str(ca))
    assert code == 0, err
    config = load_site(Path(os.environ["COPILOT_DATA_DIR"]))
    assert config is not None and config.ca_file == str(ca.resolve())
    url = desk_login_url(config)
    assert url.query["sslmode"] == "verify-full"
    with connected(url) as connection:
        row = connection.execute(
            b"SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()"
        ).fetchone()
    assert row is not None and row[0] is True


def test_a_server_signed_by_another_ca_is_refused_in_one_line(
    tls_site: tuple[PgServer, str, str], tmp_path: Path
) -> None:
    _, admin, password = tls_site
    stranger = make_ca(tmp_path, "stranger-ca")
    url = connect_url(admin, user=make_url(admin).username or "", password=password,
                      ca_file=str(stranger))  # fmt: skip
    with pytest.raises(CopilotError) as caught, connected(url):
        pass
    message = caught.value.message
    assert "failed the TLS check" in message and "\n" not in message
    assert password not in message


def test_a_host_name_not_in_the_certificate_is_refused(
    capsys: pytest.CaptureFixture[str],
    tls_server: tuple[PgServer, Path],
    tls_site: tuple[PgServer, str, str],
) -> None:
    _server, ca = tls_server
    _, admin, password = tls_site
    by_name = admin.replace("127.0.0.1", "localhost")
    code, _, err = run(capsys, "site", "init", by_name, "--ca", str(ca))
    line = one_error_line(err)
    assert code == 5 and "TLS check" in line
    assert password not in err
