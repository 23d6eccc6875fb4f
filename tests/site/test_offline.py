"""The site server goes away in the middle of a session: desks keep working from their caches,
queue their writes, and send them once when it is back, without anyone doing anything."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import timedelta

import pytest
from pgserver import PgServer
from site_support import Desk, wait_for
from sqlalchemy import func
from sqlmodel import col, select

from copilot.site import link as link_module
from copilot.site.link import SiteLink, SiteOffline
from copilot.site.sync import MAX_ATTEMPTS
from copilot.storage.db import Database
from copilot.storage.kinds import utc_now
from copilot.storage.models import Commitment, Fact, Interaction, Outbox
from copilot.storage.schemas import CommitmentIn, CommitmentStatus, IdentifierIn, IdentifierKind


def phone(n: int) -> IdentifierIn:
    return IdentifierIn(kind=IdentifierKind.phone, value=f"0812000{n:05d}")


def contact_keys_on_site(site_db: Database) -> list[str]:
    with site_db.session() as session:
        return list(session.exec(select(Interaction.contact_key)).all())


def test_two_desks_keep_working_while_the_server_is_down_and_everything_arrives_once(
    make_desk: Callable[..., Desk],
    site_db: Database,
    pg_server: PgServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(link_module, "LAST_RETRY_S", 1.0)  # the test need not wait 30 s
    one, two = make_desk("one", worker=True), make_desk("two", worker=True)
    shared = one.customers.create_customer(name="Budi", identifiers=[phone(1)])
    promise = one.customers.add_commitment(
        customer_id=shared.id, text="refund", due_at=utc_now() + timedelta(days=1), made_by="A"
    )
    wait_for(lambda: one.waiting() == 0)
    on_two = two.customers.find(phone(1).value)[0]  # read through: now in two's cache
    two.customers.story(on_two.id)
    promise_on_two = two.customers.story(on_two.id).commitments[0].id
    statuses: list[bool] = []
    two.link.subscribe(lambda status: statuses.append(status.online))

    keys: list[str] = []
    pg_server.stop()
    try:
        for n in range(10):
            for desk, customer_id in ((one, shared.id), (two, on_two.id)):
                key = f"{len(keys):032x}"
                keys.append(key)
                desk.customers.log_contact(
                    contact_key=key,
                    customer_id=customer_id,
                    summary=f"offline contact {n}",
                    facts=[f"fact {key[-4:]}"],
                )
        # The panel still reads: finds and stories come from the cache.
        assert two.customers.find(phone(1).value)[0].name == "Budi"
        assert len(two.customers.story(on_two.id, limit=50).interactions) == 10
        # Both desks close the same promise while offline.
        one.customers.set_commitment_status(commitment_id=promise.id, status=CommitmentStatus.done)
        two.customers.set_commitment_status(
            commitment_id=promise_on_two, status=CommitmentStatus.broken
        )
        new_offline = two.customers.create_customer(name="Nina", identifiers=[phone(2)])
        two.customers.log_contact(
            contact_key="e" * 32,
            customer_id=new_offline.id,
            summary="first call, made offline",
            commitments=[CommitmentIn(text="kirim polis", due_at=utc_now())],
        )
        keys.append("e" * 32)
        wait_for(lambda: not two.link.status().online and not one.link.status().online)
        status = two.link.status()
        assert status.waiting == 10 + 1 + 2  # contacts, the close, Nina and her first contact
        assert status.last_error and "\n" not in status.last_error
        with pytest.raises(SiteOffline, match="merging customers needs the site server"):
            two.customers.merge(keep_id=on_two.id, merge_id=new_offline.id, by="A")
    finally:
        if not pg_server.is_running():  # the session's other tests need it
            pg_server.start_again()

    wait_for(lambda: one.waiting() == 0 and two.waiting() == 0)
    site_db.engine.dispose()  # the checking connections died with the server
    on_site = contact_keys_on_site(site_db)
    assert sorted(on_site) == sorted(keys)  # every contact, exactly once
    with site_db.session() as session:
        closed = session.exec(select(Commitment.status).where(Commitment.text == "refund")).one()
        facts = session.exec(select(Fact.text).where(col(Fact.text).startswith("fact "))).all()
        assert session.exec(select(func.count()).select_from(Outbox)).one() == 0
    assert sorted(facts) == sorted(f"fact {key[-4:]}" for key in keys[:20])  # each once
    assert closed in ("done", "broken")  # closed stays closed, whichever desk came first
    assert two.link.status().online and False in statuses and statuses[-1] is True


def test_an_unreachable_site_is_offline_with_a_one_line_reason_and_no_password(
    make_desk: Callable[..., Desk], pg_server: PgServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    desk = make_desk()
    pg_server.stop()
    try:
        with pytest.raises(SiteOffline) as raised:
            desk.sync()
        status = desk.link.status()
    finally:
        if not pg_server.is_running():  # the session's other tests need it
            pg_server.start_again()
    assert not status.online
    assert caplog.records  # the outage was logged...
    for text in (str(raised.value), status.last_error, caplog.text):
        assert pg_server.password not in text  # ...without the password
    assert "\n" not in str(raised.value) + status.last_error
    # Not due for a retry yet: the next read answers from the cache without waiting.
    started = time.monotonic()
    assert desk.customers.find("Budi") == []
    assert time.monotonic() - started < 1.0
    desk.link.wake()  # a write: try at once
    assert desk.sync().sent == 0 and desk.link.status().online


def test_an_operation_refused_again_and_again_is_parked_not_lost(
    make_desk: Callable[..., Desk],
) -> None:
    desk = make_desk()
    with desk.db.write() as session:
        session.add(Outbox(kind="log_contact", payload='{"customer": "' + "f" * 32 + '"}'))
    for _ in range(MAX_ATTEMPTS + 2):
        desk.sync()
    with desk.db.session() as session:
        (parked,) = session.exec(select(Outbox)).all()
    assert parked.attempts == MAX_ATTEMPTS  # no longer sent, still kept
    assert desk.link.status().waiting == 1


def test_the_retry_delay_doubles_from_one_second_to_thirty_with_jitter() -> None:
    from site_support import site_config

    now = [1000.0]
    link = SiteLink(
        site_config("postgresql+psycopg://u@127.0.0.1:1/db"),
        "secret",
        clock=lambda: now[0],
        jitter=lambda: 1.0,  # the top of the jitter range: the full delay
    )
    delays = []
    for _ in range(200):  # a long outage: the delay stays capped, never overflows
        link.failed(RuntimeError("refused"))
        delays.append(link.retry_delay())
    assert delays[:7] == [1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0]
    assert delays[-1] == 30.0
    with pytest.raises(SiteOffline):
        link.site()  # not due: no connection attempt
    link.wake()
    assert link.retry_delay() == 0.0
    half = SiteLink(site_config("postgresql+psycopg://u@127.0.0.1:1/db"), "x", clock=lambda: 0.0,
                    jitter=lambda: 0.0)  # fmt: skip
    half.failed(RuntimeError("refused"))
    assert half.retry_delay() == 0.5  # the bottom of the range: half the delay
