"""Enrolling a desk: the one-time code `add-user` prints, and `copilot site enrol` using it.

The code carries the site's id, the login and a first password, in base32 with a short
checksum, grouped by four for reading aloud or over the phone. Enrolling changes the login's
password at once to one only this desk knows, so the code is useless afterwards.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from psycopg import sql

from copilot.errors import InputError
from copilot.site.config import (
    PASSWORD_ENV,
    SiteConfig,
    SiteError,
    connect_url,
    public_url,
    save_site,
    store_password,
)
from copilot.site.server import (
    LoginRefused,
    connected,
    new_password,
    read_site_id,
    scram_verifier,
    without_login,
)

if TYPE_CHECKING:
    from psycopg import Connection
    from psycopg.rows import TupleRow

CODE_VERSION = 1
SITE_ID_BYTES = 4
PASSWORD_BYTES = 10  # 80 bits: guessed only online, against a password that lives minutes
CHECK_BYTES = 2
MIN_OWN_PASSWORD = 12
# Misreadings of the base32 alphabet (A-Z, 2-7) when a code is read aloud or retyped.
_LOOKALIKES = str.maketrans({"0": "O", "1": "I", "8": "B"})


def code_password() -> str:
    """A first password for a new login, short enough to fit a readable code."""
    return secrets.token_hex(PASSWORD_BYTES)


@dataclass(frozen=True)
class EnrolmentCode:
    """What a desk needs to join a site once: the site's id, the login, its first password."""

    site_id: str  # hex
    user: str
    password: str  # hex

    def __repr__(self) -> str:  # never the password, even in a debugger or a log line
        return f"EnrolmentCode(site_id={self.site_id!r}, user={self.user!r})"

    def encode(self) -> str:
        payload = (
            bytes([CODE_VERSION])
            + bytes.fromhex(self.site_id)
            + bytes.fromhex(self.password)
            + self.user.encode()
        )
        check = hashlib.sha256(payload).digest()[:CHECK_BYTES]
        text = base64.b32encode(payload + check).decode("ascii").rstrip("=")
        return "-".join(text[i : i + 4] for i in range(0, len(text), 4))

    @classmethod
    def decode(cls, text: str) -> EnrolmentCode:
        """Read a code as typed (any case, dashes or spaces, 0/1/8 for O/I/B)."""
        letters = "".join(ch for ch in text.upper() if ch.isalnum()).translate(_LOOKALIKES)
        try:
            raw = base64.b32decode(letters + "=" * (-len(letters) % 8))
        except (binascii.Error, ValueError):
            raw = b""
        payload, check = raw[:-CHECK_BYTES], raw[-CHECK_BYTES:]
        fixed = 1 + SITE_ID_BYTES + PASSWORD_BYTES
        if len(payload) <= fixed or hashlib.sha256(payload).digest()[:CHECK_BYTES] != check:
            raise InputError("that enrolment code is mistyped; check it against the one given")
        if payload[0] != CODE_VERSION:
            raise InputError("that enrolment code is from a newer Copilot; update this desk")
        try:
            user = payload[fixed:].decode()
        except UnicodeDecodeError as exc:
            raise InputError("that enrolment code is mistyped") from exc
        return cls(
            site_id=payload[1 : 1 + SITE_ID_BYTES].hex(),
            user=user,
            password=payload[1 + SITE_ID_BYTES : fixed].hex(),
        )


@dataclass(frozen=True)
class Enrolled:
    """A desk now on a site, and where its password was kept."""

    config: SiteConfig
    kept_in: str


def enrol(url_text: str, code_text: str, *, data_dir: Path, ca_file: str = "") -> Enrolled:
    """Join the site at `url_text` with a one-time code; write `site.json`.

    The new password is COPILOT_SITE_PASSWORD when it is set (a desk without a keyring), else
    a random one kept in the OS keyring. Nothing changes on the server until the password has
    somewhere to live: a desk without a keyring that forgot the variable can try again.
    """
    code = EnrolmentCode.decode(code_text)
    url = without_login(public_url(url_text))
    ca = str(Path(ca_file).resolve()) if ca_file else ""
    own = os.environ.get(PASSWORD_ENV, "")
    if own and len(own) < MIN_OWN_PASSWORD:
        raise InputError(f"{PASSWORD_ENV} must be at least {MIN_OWN_PASSWORD} characters long")
    password = own or new_password()
    login = connect_url(url, user=code.user, password=code.password, ca_file=ca)
    try:
        with connected(login) as connection:
            if read_site_id(connection) != code.site_id:
                raise SiteError(
                    f"this code is for another site than {url.database} on {url.host}; check "
                    "the URL"
                )
            campaigns = _campaigns(connection)
            config = SiteConfig(
                url=url.render_as_string(),
                user=code.user,
                campaign=campaigns[0],
                campaigns=campaigns,
                ca_file=ca,
            )
            kept_in = f"the {PASSWORD_ENV} variable" if own else _keep(config, password)
            # A literal, not a parameter (utility statements take none); a SCRAM verifier,
            # so the password itself never reaches the server.
            verifier = sql.Literal(scram_verifier(connection, code.user, password))
            connection.execute(sql.SQL("ALTER ROLE CURRENT_USER PASSWORD {}").format(verifier))
    except LoginRefused as exc:
        raise SiteError(
            f"the site refused the code for {code.user}: it was used already, or the login was "
            "removed; ask the site administrator for a new one (copilot site add-user)"
        ) from exc
    save_site(data_dir, config)
    return Enrolled(config=config, kept_in=kept_in)


def _campaigns(connection: Connection[TupleRow]) -> tuple[str, ...]:
    rows = connection.execute(
        b"SELECT campaign FROM site_member WHERE username = current_user ORDER BY campaign"
    ).fetchall()
    campaigns = tuple(str(row[0]) for row in rows)
    if not campaigns:
        raise SiteError("this login has no campaign on the site; ask the site administrator")
    return campaigns


def _keep(config: SiteConfig, password: str) -> str:
    try:
        return store_password(config, password)
    except SiteError as exc:
        raise SiteError(
            f"no OS keyring can keep the site password on this desk; set {PASSWORD_ENV} to a "
            f"password of your own ({MIN_OWN_PASSWORD}+ characters) and run enrol again: the "
            "code still works"
        ) from exc
