"""A throwaway PostgreSQL server on loopback for tests and benchmarks (never a system one).

`initdb` refuses to run as root, and CI and the developer machines are root: the cluster then
belongs to the unprivileged `postgres` system user (Debian's package creates it) and every
server command runs as that user. The data directory lives in a fresh folder under the system
temporary directory (pytest's own folders are private to root), the socket too, and the server
listens on 127.0.0.1 only, on a free port. Durability is switched off: these servers hold
nothing worth a fsync.

    server = PgServer.start()
    url = server.create_database("t1")   # a SQLAlchemy URL with the superuser's password
    server.stop(); server.start_again()  # the "site server went away" tests
    server.destroy()
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import re
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "postgres"
INSTALL_LINE = "apt-get install -y postgresql  (Debian/Ubuntu; as root)"


class PgUnavailable(RuntimeError):
    """PostgreSQL's server programs are not installed."""


def server_bin_dir() -> Path:
    """The folder with initdb, pg_ctl and postgres, or PgUnavailable naming the install line."""
    on_path = shutil.which("pg_ctl")
    if on_path and shutil.which("initdb"):
        return Path(on_path).resolve().parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), reverse=True)
    if candidates:
        return Path(candidates[0]).parent
    raise PgUnavailable(f"PostgreSQL server programs not found; install them: {INSTALL_LINE}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class PgServer:
    """One running (or stopped) throwaway cluster."""

    root: Path
    port: int
    password: str
    bin_dir: Path
    owner: str | None  # the system user that runs it (None: the current, non-root user)

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root / "socket"

    # -- life cycle -------------------------------------------------------------------------

    @classmethod
    def start(cls) -> PgServer:
        bin_dir = server_bin_dir()
        owner = SUPERUSER if os.geteuid() == 0 else None
        root = Path(tempfile.mkdtemp(prefix="copilot-pg-"))
        server = cls(root, _free_port(), secrets.token_urlsafe(16), bin_dir, owner)
        server._init()
        server.start_again()
        return server

    @classmethod
    def keep(cls, root: Path) -> PgServer:
        """A cluster at `root` that outlives the process (a benchmark's loaded data): made there
        when missing, else started again on a fresh port with a fresh superuser password (so no
        password is ever kept on disk)."""
        bin_dir = server_bin_dir()
        owner = SUPERUSER if os.geteuid() == 0 else None
        server = cls(root, _free_port(), secrets.token_urlsafe(16), bin_dir, owner)
        if not (server.data_dir / "PG_VERSION").exists():
            shutil.rmtree(root, ignore_errors=True)  # a half-made cluster is started over
            root.mkdir(parents=True)
            server._init()
            server.start_again()
            return server
        server.stop()  # left running by a run that was killed: it still has the old port
        conf = server.data_dir / "postgresql.conf"
        conf.write_text(
            re.sub(r"(?m)^port = \d+$", f"port = {server.port}", conf.read_text()),
        )
        server.start_again()
        server._set_password()
        return server

    def _set_password(self) -> None:
        """The superuser's password, through the socket (local connections are trusted)."""
        import psycopg
        from psycopg import sql

        with psycopg.connect(
            host=str(self.socket_dir),
            port=self.port,
            user=SUPERUSER,
            dbname="postgres",
            autocommit=True,
        ) as connection:
            connection.execute(
                sql.SQL("ALTER ROLE {} PASSWORD {}").format(
                    sql.Identifier(SUPERUSER), sql.Literal(self.password)
                )
            )

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self.owner is not None:
            command = ["runuser", "-u", self.owner, "--", *command]
        return subprocess.run(
            command, capture_output=True, text=True, check=check, cwd=self.root, timeout=120
        )

    def _init(self) -> None:
        self.socket_dir.mkdir()
        pwfile = self.root / "pwfile"
        pwfile.write_text(self.password + "\n")
        if self.owner is not None:
            entry = pwd.getpwnam(self.owner)
            for path in (self.root, self.socket_dir, pwfile):
                os.chown(path, entry.pw_uid, entry.pw_gid)
        self._run(
            "initdb",
            "-D",
            str(self.data_dir),
            "-U",
            SUPERUSER,
            "--pwfile",
            str(pwfile),
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        pwfile.unlink()
        with (self.data_dir / "postgresql.conf").open("a") as conf:
            conf.write(
                "\n# copilot test server\n"
                "listen_addresses = '127.0.0.1'\n"
                f"port = {self.port}\n"
                f"unix_socket_directories = '{self.socket_dir}'\n"
                "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
                "max_connections = 200\nshared_buffers = 128MB\n"
            )

    def start_again(self) -> None:
        """Start the (stopped) server and wait until it accepts connections."""
        self._run("pg_ctl", "-D", str(self.data_dir), "-l", str(self.root / "log"), "-w", "start")

    def stop(self, mode: str = "fast") -> None:
        """Stop the server (`immediate` is a crash: no shutdown checkpoint)."""
        self._run("pg_ctl", "-D", str(self.data_dir), "-m", mode, "-w", "stop", check=False)

    def destroy(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)

    def is_running(self) -> bool:
        return self._run("pg_ctl", "-D", str(self.data_dir), "status", check=False).returncode == 0

    # -- databases --------------------------------------------------------------------------

    def url(self, database: str = "postgres", *, user: str = SUPERUSER, password: str = "") -> str:
        """A SQLAlchemy URL (psycopg 3) on loopback TCP."""
        secret = password or (self.password if user == SUPERUSER else "")
        credentials = f"{user}:{secret}@" if secret else f"{user}@"
        return f"postgresql+psycopg://{credentials}127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str, *, template: str = "template0") -> str:
        """A new empty database (or a copy of `template`); its superuser URL."""
        self.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def execute(self, sql: str, database: str = "postgres") -> None:
        """One statement as the superuser, outside a transaction (CREATE DATABASE needs it)."""
        import psycopg

        deadline = time.monotonic() + 10
        while True:
            try:
                with psycopg.connect(
                    host="127.0.0.1",
                    port=self.port,
                    user=SUPERUSER,
                    password=self.password,
                    dbname=database,
                    autocommit=True,
                ) as connection:
                    connection.execute(sql.encode())
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)


@contextlib.contextmanager
def running_server() -> Iterator[PgServer]:
    """A server for the length of a `with` block (benchmarks)."""
    server = PgServer.start()
    try:
        yield server
    finally:
        server.destroy()
