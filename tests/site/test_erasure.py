"""Erasure on the site reaches every desk's cache at its next sync; merge and erase in site
mode happen on the server first."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pgserver import PgServer
from site_support import Desk
from sqlmodel import select

from copilot.errors import NotFoundError
from copilot.site.link import SiteOffline
from copilot.storage.db import Database
from copilot.storage.models import Customer, Erasure, Interaction, Outbox
from copilot.storage.schemas import IdentifierIn, IdentifierKind
from copilot.storage.service import CustomerService

PHONE = IdentifierIn(kind=IdentifierKind.phone, value="0812-7777-1234")
OTHER = IdentifierIn(kind=IdentifierKind.phone, value="0812-7777-5678")


def test_an_erasure_on_the_site_reaches_a_desks_cache_at_its_next_sync(
    make_desk: Callable[..., Desk], site_db: Database
) -> None:
    desk = make_desk()
    made = desk.customers.create_customer(name="Siti Aminah", identifiers=[PHONE])
    desk.customers.log_contact(contact_key="a" * 32, customer_id=made.id, summary="keluhan")
    desk.sync()
    # Still unsent when the erasure comes: a fact added on the desk.
    desk.customers.add_fact(customer_id=made.id, text="alamat baru", created_by="A")

    site = CustomerService(site_db)
    (on_site,) = site.find(PHONE.value)
    site.erase(customer_id=on_site.id, by="privacy officer")  # e.g. `copilot erase --db URL`
    with site_db.session() as session:
        assert session.exec(select(Erasure.customer_uid)).all() == [
            session.exec(select(Customer.uid)).first() or _uid_of(desk, made.id)
        ]

    assert desk.sync().erased == 1
    with pytest.raises(NotFoundError):
        desk.customers.get_customer(made.id)
    assert desk.customers.find("Siti") == []
    with desk.db.session() as session:
        assert session.exec(select(Interaction)).all() == []
        assert session.exec(select(Outbox)).all() == []  # its pending write went with it
    with site_db.session() as session:
        assert session.exec(select(Customer)).all() == []  # and was never re-created there
    assert desk.sync().erased == 0  # once


def _uid_of(desk: Desk, customer_id: int) -> str | None:
    with desk.db.session() as session:
        return session.exec(select(Customer.uid).where(Customer.id == customer_id)).first()


def test_erase_from_a_desk_happens_on_the_site_and_reaches_the_other_desks(
    make_desk: Callable[..., Desk], site_db: Database
) -> None:
    first, second = make_desk("one"), make_desk("two")
    made = first.customers.create_customer(name="Agus", identifiers=[PHONE])
    first.sync()
    (cached,) = second.customers.find(PHONE.value)
    first.customers.erase(customer_id=made.id, by="Sari")
    with site_db.session() as session:
        assert session.exec(select(Customer)).all() == []
    assert second.sync().erased == 1
    assert second.customers.find("Agus") == []
    with pytest.raises(NotFoundError):
        second.customers.get_customer(cached.id)


def test_merge_and_erase_need_the_server(
    make_desk: Callable[..., Desk], pg_server: PgServer
) -> None:
    desk = make_desk()
    a = desk.customers.create_customer(name="A", identifiers=[PHONE])
    b = desk.customers.create_customer(name="B", identifiers=[OTHER])
    desk.sync()
    pg_server.stop()
    try:
        with pytest.raises(SiteOffline, match="erasing a customer needs the site server"):
            desk.customers.erase(customer_id=a.id, by="Sari")
        with pytest.raises(SiteOffline, match="merging customers needs the site server"):
            desk.customers.merge(keep_id=a.id, merge_id=b.id, by="Sari")
    finally:
        if not pg_server.is_running():  # the session's other tests need it
            pg_server.start_again()
    assert desk.customers.get_customer(a.id).name == "A"  # nothing happened here either


def test_merge_from_a_desk_happens_on_the_site(
    make_desk: Callable[..., Desk], site_db: Database
) -> None:
    desk = make_desk()
    a = desk.customers.create_customer(name="A", identifiers=[PHONE])
    b = desk.customers.create_customer(name="B", identifiers=[OTHER])
    desk.customers.log_contact(contact_key="b" * 32, customer_id=b.id, summary="on B")
    desk.sync()
    desk.link.failed(RuntimeError("a blip"))  # the link comes back for an action that needs it
    desk.link.wake()
    kept = desk.customers.merge(keep_id=a.id, merge_id=b.id, by="Sari")
    assert {i.value for i in kept.identifiers} == {"+6281277771234", "+6281277775678"}
    site = CustomerService(site_db)
    (on_site,) = site.find(OTHER.value)
    assert on_site.name == "A"
    assert [i.summary for i in site.story(on_site.id).interactions] == ["on B"]
