"""The composition root: site mode only with a site.json, and not a packet without one."""

from __future__ import annotations

import socket
import time
from pathlib import Path
from typing import Any

import psycopg
import pytest
from pgserver import PgServer
from site_support import DESK_PASSPHRASE, site_config
from sqlmodel import select

from copilot.app import build_services
from copilot.config import Settings
from copilot.site.config import PASSWORD_ENV, save_site
from copilot.site.link import SiteLink
from copilot.site.service import SiteCustomerService
from copilot.storage.db import Database
from copilot.storage.models import Interaction
from copilot.storage.schemas import IdentifierIn, IdentifierKind

PHONE = IdentifierIn(kind=IdentifierKind.phone, value="0812-9999-0000")


def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data")


def test_without_a_site_nothing_connects_anywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    attempts: list[Any] = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        attempts.append(args)
        raise AssertionError("a desk without a site must not connect anywhere")

    monkeypatch.setenv("COPILOT_DB_PASSPHRASE", DESK_PASSPHRASE)
    monkeypatch.setattr(psycopg, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    services = build_services(settings(tmp_path))
    try:
        assert services.site is None
        assert not isinstance(services.customers, SiteCustomerService)
        made = services.customers.create_customer(name="Budi", identifiers=[PHONE])
        services.customers.log_contact(contact_key="a" * 32, customer_id=made.id, summary="x")
        services.customers.story(made.id)
        services.customers.find("Budi")
    finally:
        services.close()
    assert attempts == []


def test_with_a_site_the_desk_becomes_its_cache_and_closing_stops_the_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pg_url: str, pg_server: PgServer,
    site_db: Database,
) -> None:  # fmt: skip
    monkeypatch.setenv("COPILOT_DB_PASSPHRASE", DESK_PASSPHRASE)
    monkeypatch.setenv(PASSWORD_ENV, pg_server.password)
    save_site(tmp_path / "data", site_config(pg_url))
    services = build_services(settings(tmp_path))
    try:
        assert isinstance(services.customers, SiteCustomerService)
        assert isinstance(services.site, SiteLink)
        seen: list[Any] = []
        services.site.subscribe(seen.append)
        made = services.customers.create_customer(name="Budi", identifiers=[PHONE])
        services.customers.log_contact(contact_key="a" * 32, customer_id=made.id, summary="x")
        deadline = time.monotonic() + 30
        while services.site.status().waiting and time.monotonic() < deadline:
            time.sleep(0.05)
        status = services.site.status()
        assert (status.online, status.waiting) == (True, 0)
        assert status.label.startswith("t")  # the database's name, no credential
        assert pg_server.password not in repr(status)
        assert seen and seen[-1].waiting == 0
    finally:
        services.close()
    threads = [t.name for t in __import__("threading").enumerate()]
    assert "copilot-site-sync" not in threads
    with site_db.session() as session:
        assert session.exec(select(Interaction.contact_key)).all() == ["a" * 32]


def test_a_site_without_a_password_is_a_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pg_url: str
) -> None:
    from copilot.site.config import SiteError

    monkeypatch.setenv("COPILOT_DB_PASSPHRASE", DESK_PASSPHRASE)
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    save_site(tmp_path / "data", site_config(pg_url))
    with pytest.raises(SiteError, match="no site password") as raised:
        build_services(settings(tmp_path))
    assert "\n" not in str(raised.value)
