"""Which site a desk is enrolled in: the server's URL (never with a password), the login,
the campaign new customers belong to, and the site's CA file; kept in `site.json` in the data
folder. The password lives in the OS keyring, or COPILOT_SITE_PASSWORD where none works.
"""

from __future__ import annotations

import ipaddress
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from copilot.errors import CopilotError, InputError

if TYPE_CHECKING:
    from sqlalchemy import URL

# SQLAlchemy is imported inside the functions that parse URLs: the panel reads site.json on
# the GUI thread at start-up, and only the worker opening the store may import the ORM.

SITE_FILE = "site.json"
PASSWORD_ENV = "COPILOT_SITE_PASSWORD"
KEYRING_SERVICE = "Copilot site"
DRIVER = "postgresql+psycopg"


class SiteError(CopilotError):
    """The site server cannot be used as configured; the message says what to do."""

    exit_code = 5


@dataclass(frozen=True)
class SiteConfig:
    """A desk's enrolment: where the site is and who this desk logs in as (no password)."""

    url: str  # postgresql+psycopg://host:port/database, never with a password
    user: str
    campaign: str  # the campaign new customers are created in (the login's first one)
    campaigns: tuple[str, ...] = ()
    ca_file: str = ""  # the site's CA certificate; required unless the server is on loopback

    @property
    def keyring_user(self) -> str:
        """The keyring entry's name: the login at this server and database."""
        from sqlalchemy import make_url

        url = make_url(self.url)
        return f"{self.user}@{url.host}:{url.port or 5432}/{url.database}"

    @property
    def place(self) -> tuple[str, str]:
        """(database, host[:port]): where the site is, for a translated sentence."""
        parts = urlsplit(self.url)
        host = parts.hostname or "?"
        return parts.path.lstrip("/") or "?", host + (f":{parts.port}" if parts.port else "")

    @property
    def label(self) -> str:
        """What status lines show: host and database, never a credential."""
        database, host = self.place
        return f"{database} on {host}"


def site_file(data_dir: Path) -> Path:
    return Path(data_dir) / SITE_FILE


def load_site(data_dir: Path) -> SiteConfig | None:
    """The desk's site, or None when the desk works on its own."""
    path = site_file(data_dir)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise SiteError(f"{path} is unreadable ({exc}); enrol the desk again") from exc
    try:
        return SiteConfig(
            url=str(raw["url"]),
            user=str(raw["user"]),
            campaign=str(raw.get("campaign", "")),
            campaigns=tuple(str(c) for c in raw.get("campaigns", ())),
            ca_file=str(raw.get("ca_file", "")),
        )
    except (KeyError, TypeError) as exc:
        raise SiteError(f"{path} is incomplete; enrol the desk again") from exc


def save_site(data_dir: Path, config: SiteConfig) -> Path:
    """Write `site.json` (no secret in it: `public_url` refuses a password)."""
    public_url(config.url)
    path = site_file(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = asdict(config)
    data["campaigns"] = list(config.campaigns)
    partial = path.with_suffix(".json.partial")
    partial.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    os.replace(partial, path)
    return path


def forget_site(data_dir: Path) -> bool:
    """Leave site mode (the desk's own database stays); True when there was a site."""
    try:
        site_file(data_dir).unlink()
    except FileNotFoundError:
        return False
    return True


def public_url(text: str) -> URL:
    """A site URL as given by a person, checked: PostgreSQL, a host and database, no password.

    Always psycopg's driver. A password in the URL is refused rather than stripped: a URL with
    a secret in it must not end up in a file, a shell history or a log.
    """
    from sqlalchemy import exc as sa_exc
    from sqlalchemy import make_url

    try:
        url = make_url(text.strip())
    except sa_exc.ArgumentError as exc:
        raise InputError("not a site URL; give postgresql://HOST[:PORT]/DATABASE") from exc
    if url.get_backend_name() != "postgresql":
        raise InputError("a site is a PostgreSQL server: give postgresql://HOST[:PORT]/DATABASE")
    if url.password:
        raise InputError(
            "don't put a password in the site URL (it would be kept on disk and in your shell "
            "history); it is asked for, or read from " + PASSWORD_ENV
        )
    if not url.host or not url.database:
        raise InputError("the site URL needs a host and a database: postgresql://HOST/DATABASE")
    return url.set(drivername=DRIVER)


def redact(url: str | URL) -> str:
    """A URL as it may be shown or logged: no password."""
    from sqlalchemy import URL, make_url
    from sqlalchemy import exc as sa_exc

    try:
        parsed = url if isinstance(url, URL) else make_url(url)
    except sa_exc.ArgumentError:
        return "(unreadable URL)"
    return parsed.render_as_string(hide_password=True)


def is_loopback(host: str | None) -> bool:
    if not host or host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def connect_url(url: str | URL, *, user: str, password: str, ca_file: str = "") -> URL:
    """The URL to connect with (in memory only): credentials set, TLS required off loopback.

    Anything but loopback is `sslmode=verify-full` against the site's CA file, so a stranger's
    server cannot pose as the site and nothing crosses the network in clear.
    """
    from sqlalchemy import URL

    parsed = public_url(str(url)) if not isinstance(url, URL) else url.set(drivername=DRIVER)
    query = dict(parsed.query)
    if is_loopback(parsed.host) and not ca_file:
        query.setdefault("sslmode", "prefer")
    else:
        # A CA file given for a server on this PC is checked too: asking for it means TLS.
        if not ca_file:
            raise SiteError(
                f"{parsed.host} is not this PC: a site server off this PC needs TLS; give the "
                "site's CA certificate file (--ca FILE) so the server can be checked"
            )
        if not Path(ca_file).is_file():
            raise SiteError(f"the site's CA file {ca_file} does not exist")
        query["sslmode"] = "verify-full"
        query["sslrootcert"] = str(Path(ca_file).resolve())
    return parsed.set(username=user, password=password, query=query)


def site_password(config: SiteConfig) -> str:
    """The desk's site password: COPILOT_SITE_PASSWORD, else the OS keyring."""
    from_env = os.environ.get(PASSWORD_ENV)
    if from_env:
        return from_env
    import keyring
    from keyring.errors import KeyringError

    try:
        stored = keyring.get_password(KEYRING_SERVICE, config.keyring_user)
    except KeyringError as exc:
        raise SiteError(
            f"the OS keyring cannot be read ({exc}); set {PASSWORD_ENV} on this desk"
        ) from exc
    if not stored:
        raise SiteError(
            f"no site password for {config.user} on this desk; enrol it again "
            f"(copilot site enrol) or set {PASSWORD_ENV}"
        )
    return stored


def store_password(config: SiteConfig, password: str) -> str:
    """Keep the password in the OS keyring; where none works, say how to use the variable.

    Returns where it went ("the OS keyring").
    """
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, config.keyring_user, password)
    except (KeyringError, RuntimeError) as exc:
        raise SiteError(
            f"the OS keyring cannot store the site password ({exc}); on a desk without one, "
            f"set {PASSWORD_ENV} instead"
        ) from exc
    return "the OS keyring"
