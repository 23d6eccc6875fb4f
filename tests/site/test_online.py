"""Site mode with the server up: the panel's reads show what other desks wrote, and each
write reaches the site once, by its uid or contact key."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

import pytest
from pgserver import PgServer
from site_support import CAMPAIGN, Desk
from sqlalchemy import make_url
from sqlmodel import col, select

from copilot.errors import InputError
from copilot.site.apply import apply_operation
from copilot.site.config import SiteError
from copilot.site.link import SiteLink
from copilot.site.service import SiteCustomerService
from copilot.site.sync import sync_once
from copilot.storage.access import access_lines
from copilot.storage.db import Database
from copilot.storage.kinds import utc_now
from copilot.storage.models import Customer, Interaction, Outbox
from copilot.storage.schemas import CommitmentIn, CommitmentStatus, IdentifierIn, IdentifierKind
from copilot.storage.service import CustomerService

PHONE = IdentifierIn(kind=IdentifierKind.phone, value="0812-3456-7890")


def contacts_on_site(site_db: Database) -> list[str]:
    with site_db.session() as session:
        return list(session.exec(select(Interaction.contact_key)).all())


def test_a_contact_logged_on_one_desk_shows_in_another_desks_story(
    make_desk: Callable[..., Desk], site_db: Database
) -> None:
    first, second = make_desk("one"), make_desk("two")
    made = first.customers.create_customer(name="Budi Santoso", identifiers=[PHONE])
    first.customers.log_contact(
        contact_key="a" * 32,
        customer_id=made.id,
        agent="Sari",
        summary="klaim ditolak, minta banding",
        facts=["tuli: pakai chat"],
        commitments=[CommitmentIn(text="telepon balik", due_at=utc_now() + timedelta(days=1))],
    )
    assert first.waiting() == 2
    assert first.sync().sent == 2
    assert first.waiting() == 0

    found = second.customers.find("+62 812 3456 7890")
    assert [c.name for c in found] == ["Budi Santoso"]
    story = second.customers.story(found[0].id)
    assert [i.summary for i in story.interactions] == ["klaim ditolak, minta banding"]
    assert [f.text for f in story.facts] == ["tuli: pakai chat"]
    assert [c.text for c in story.commitments] == ["telepon balik"]
    # The site's story read is in its access log, under the server's login.
    with site_db.session() as session:
        site_id = session.exec(select(Customer.id)).one()
    assert [line.action for line in access_lines(site_db, customer_id=site_id)] == ["story"]
    assert second.waiting() == 0  # reading queues nothing


def test_a_write_arrives_on_the_site_once_even_when_sent_twice(
    make_desk: Callable[..., Desk], site_db: Database
) -> None:
    desk = make_desk()
    made = desk.customers.create_customer(name="Ani", identifiers=[PHONE])
    desk.customers.log_contact(contact_key="b" * 32, customer_id=made.id, summary="tagihan")
    with desk.db.session() as session:
        queued = [(row.kind, json.loads(row.payload)) for row in session.exec(select(Outbox))]
    desk.sync()
    # A desk that crashed after the server committed sends the same operations again.
    for kind, payload in queued:
        with site_db.write() as session:
            apply_operation(session, kind, payload, dialect=site_db.dialect)
    assert contacts_on_site(site_db) == ["b" * 32]
    with site_db.session() as session:
        assert len(session.exec(select(Customer)).all()) == 1


def test_every_panel_write_is_queued_with_uids_not_desk_ids(
    make_desk: Callable[..., Desk], site: CustomerService
) -> None:
    desk = make_desk()
    c = desk.customers
    made = c.create_customer(name="Citra", identifiers=[PHONE])
    c.rename_customer(customer_id=made.id, name="Citra Lestari", salutation="ibu")
    c.add_identifier(
        customer_id=made.id, identifier=IdentifierIn(kind=IdentifierKind.email, value="C@x.id")
    )
    c.remove_identifier(customer_id=made.id, identifier=PHONE)
    fact = c.add_fact(customer_id=made.id, text="kartu 4111 1111 1111 1111", created_by="Sari")
    c.update_fact(fact_id=fact.id, text="prefers WhatsApp")
    other = c.add_fact(customer_id=made.id, text="temporary", created_by="Sari")
    c.remove_fact(fact_id=other.id)
    promise = c.add_commitment(
        customer_id=made.id, text="refund", due_at=utc_now() + timedelta(days=2), made_by="Sari"
    )
    c.set_commitment_status(commitment_id=promise.id, status=CommitmentStatus.done)
    with desk.db.session() as session:
        kinds = [row.kind for row in session.exec(select(Outbox).order_by(col(Outbox.id)))]
        payloads = " ".join(row.payload for row in session.exec(select(Outbox)))
    assert kinds == [
        "create_customer", "rename_customer", "add_identifier", "remove_identifier",
        "add_fact", "update_fact", "add_fact", "remove_fact", "add_commitment",
        "set_commitment_status",
    ]  # fmt: skip
    assert "4111 1111 1111 1111" not in payloads  # masked before it was queued
    assert desk.sync().sent == 10

    (on_site,) = site.find("c@x.id")
    assert (on_site.name, on_site.salutation, on_site.identifiers[0].value) == (
        "Citra Lestari", "ibu", "c@x.id",
    )  # fmt: skip
    story = site.story(on_site.id)
    assert [f.text for f in story.facts] == ["prefers WhatsApp"]
    assert story.commitments == ()  # done
    with site._db.session() as session:
        assert session.exec(select(Customer.campaign)).one() == CAMPAIGN


def test_a_refused_operation_is_kept_and_does_not_block_the_next(
    make_desk: Callable[..., Desk], site_db: Database
) -> None:
    desk = make_desk()
    made = desk.customers.create_customer(name="Dewi", identifiers=[PHONE])
    with desk.db.write() as session:  # bad data, as an older or broken desk might queue it
        session.add(Outbox(kind="log_contact", payload=json.dumps({"customer": "f" * 32})))
    desk.customers.log_contact(contact_key="c" * 32, customer_id=made.id, summary="ok")
    done = desk.sync()
    assert (done.sent, done.refused) == (2, 1)
    assert contacts_on_site(site_db) == ["c" * 32]
    with desk.db.session() as session:
        (kept,) = session.exec(select(Outbox)).all()
    assert kept.attempts == 1 and kept.last_error
    assert desk.link.status().last_error == kept.last_error
    assert "\n" not in kept.last_error


def test_an_unknown_operation_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="unknown outbox operation 'drop_everything'"):
        apply_operation(None, "drop_everything", {}, dialect=None)  # type: ignore[arg-type]


def test_a_site_that_refuses_the_login_leaves_the_cache_answering(
    make_desk: Callable[..., Desk], pg_server: PgServer, pg_url: str
) -> None:
    desk = make_desk()
    made = desk.customers.create_customer(name="Rudi", identifiers=[PHONE])
    role = f"no_rights_{make_url(pg_url).database}"
    pg_server.execute(f"CREATE ROLE {role} LOGIN PASSWORD 'pw'")
    try:
        config = replace(desk.link.config, user=role)
        link = SiteLink(config, "pw")
        refused = SiteCustomerService(desk.db, link=link, campaign=CAMPAIGN)
        assert [c.id for c in refused.find("Rudi")] == [made.id]  # from the cache
        status = link.status()
        assert not status.online
        assert "permission denied" in status.last_error and "\n" not in status.last_error
        with pytest.raises(SiteError, match="cannot be used now: permission denied"):
            sync_once(desk.db, link)  # not retried before its time
        link.close()
    finally:
        pg_server.execute(f"DROP ROLE {role}")


def test_contacts_in_site_mode_go_through_wrap_ups(make_desk: Callable[..., Desk]) -> None:
    from copilot.storage.schemas import InteractionCreate

    with pytest.raises(InputError, match="log contacts as wrap-ups"):
        make_desk().customers.add_interaction(InteractionCreate(identifiers=(PHONE,)))


def test_a_customer_kept_before_enrolment_joins_the_site_when_the_agent_works_with_them(
    make_desk: Callable[..., Desk], site_db: Database
) -> None:
    desk = make_desk("veteran")
    # Made while the desk was on its own (no journal, campaign ""), with a contact then.
    before = CustomerService(desk.db).create_customer(name="Rina Wati", identifiers=[PHONE])
    CustomerService(desk.db).log_contact(contact_key="b" * 32, customer_id=before.id, summary="old")
    assert desk.waiting() == 0  # nothing of the desk's own past is sent on its own

    desk.customers.log_contact(contact_key="c" * 32, customer_id=before.id, summary="today")
    assert desk.waiting() == 2  # their creation first, then today's contact
    assert desk.sync().sent == 2 and desk.waiting() == 0
    with site_db.session() as session:
        customer = session.exec(select(Customer).where(col(Customer.name) == "Rina Wati")).one()
        assert customer.campaign == CAMPAIGN
        keys = session.exec(
            select(Interaction.contact_key).where(col(Interaction.customer_id) == customer.id)
        ).all()
    assert keys == ["c" * 32]  # the earlier contact stays on this PC
    # A second write to them queues no second creation.
    desk.customers.add_fact(customer_id=before.id, text="prefers WhatsApp", created_by="Sari")
    assert desk.waiting() == 1
