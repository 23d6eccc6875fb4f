"""Two desks changing the same customer: settled by rule on the site, never lost."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from site_support import Desk
from sqlmodel import col, select

from copilot.storage.db import Database
from copilot.storage.kinds import utc_now
from copilot.storage.models import Commitment, Customer, Interaction, Outbox, SyncConflict
from copilot.storage.schemas import CommitmentStatus, IdentifierIn, IdentifierKind
from copilot.storage.service import CustomerService

PHONE = IdentifierIn(kind=IdentifierKind.phone, value="0813-1111-2222")
EMAIL = IdentifierIn(kind=IdentifierKind.email, value="rina@example.id")


def shared_customer(first: Desk, second: Desk) -> tuple[int, int]:
    """A customer made on `first`, sent, and read into `second`'s cache: (first id, second id)."""
    made = first.customers.create_customer(name="Rina", identifiers=[PHONE])
    first.sync()
    (on_second,) = second.customers.find(PHONE.value)
    second.customers.story(on_second.id)
    return made.id, on_second.id


def conflicts(site_db: Database) -> list[SyncConflict]:
    with site_db.session() as session:
        return list(session.exec(select(SyncConflict).order_by(col(SyncConflict.id))).all())


def test_a_promise_closed_on_two_desks_stays_closed(
    make_desk: Callable[..., Desk], site_db: Database
) -> None:
    first, second = make_desk("one"), make_desk("two")
    on_first, on_second = shared_customer(first, second)
    promise = first.customers.add_commitment(
        customer_id=on_first, text="refund", due_at=utc_now() + timedelta(days=1), made_by="A"
    )
    first.sync()
    (on_two,) = second.customers.story(on_second).commitments
    first.customers.set_commitment_status(commitment_id=promise.id, status=CommitmentStatus.done)
    # The second desk, later, thinks it is still open and reopens... no: it marks it broken,
    # then a stale "open" from an old wrap-up form arrives too.
    second.customers.set_commitment_status(commitment_id=on_two.id, status=CommitmentStatus.broken)
    second.customers.set_commitment_status(commitment_id=on_two.id, status=CommitmentStatus.open)
    first.sync()
    second.sync()
    with site_db.session() as session:
        assert session.exec(select(Commitment.status)).one() == "done"
    assert [(c.field, c.kept, c.discarded) for c in conflicts(site_db)] == [
        ("status", "done", "broken"),
        ("status", "done", "open"),
    ]
    # The desk that lost learns the site's word at its next read; closed is never reopened.
    assert second.customers.story(on_second).commitments == ()


def test_the_later_edit_of_a_name_wins_and_the_other_is_recorded(
    make_desk: Callable[..., Desk], site_db: Database
) -> None:
    first, second = make_desk("one"), make_desk("two")
    on_first, on_second = shared_customer(first, second)
    second.customers.rename_customer(customer_id=on_second, name="Rina Wati")  # made earlier
    first.customers.rename_customer(customer_id=on_first, name="Rina Kusuma")  # made later
    first.sync()  # the later edit reaches the site first
    second.sync()  # the earlier one arrives after it and loses
    with site_db.session() as session:
        assert session.exec(select(Customer.name)).one() == "Rina Kusuma"
    ((conflict),) = conflicts(site_db)
    assert (conflict.entity, conflict.field) == ("customer", "name")
    assert (conflict.kept, conflict.discarded) == ("Rina Kusuma", "Rina Wati")
    # The losing desk's cache takes the site's name at its next read.
    assert second.customers.find(PHONE.value)[0].name == "Rina Kusuma"


def test_the_later_edit_of_a_fact_wins_whichever_arrives_last(
    make_desk: Callable[..., Desk], site_db: Database
) -> None:
    first, second = make_desk("one"), make_desk("two")
    on_first, on_second = shared_customer(first, second)
    fact = first.customers.add_fact(customer_id=on_first, text="prefers chat", created_by="A")
    first.sync()
    (on_two,) = second.customers.story(on_second).facts
    first.customers.update_fact(fact_id=fact.id, text="prefers email")  # earlier
    second.customers.update_fact(fact_id=on_two.id, text="deaf: use chat only")  # later
    second.sync()
    first.sync()
    story = CustomerService(site_db).story(CustomerService(site_db).find(PHONE.value)[0].id)
    assert [f.text for f in story.facts] == ["deaf: use chat only"]
    ((conflict),) = conflicts(site_db)
    assert (conflict.entity, conflict.kept, conflict.discarded) == (
        "fact", "deaf: use chat only", "prefers email",
    )  # fmt: skip


def test_an_edit_arriving_after_an_earlier_one_replaces_it_and_records_it(
    make_desk: Callable[..., Desk], site_db: Database
) -> None:
    first, second = make_desk("one"), make_desk("two")
    on_first, on_second = shared_customer(first, second)
    first.customers.rename_customer(customer_id=on_first, name="Rina A")  # earlier, sent first
    second.customers.rename_customer(customer_id=on_second, name="Rina B")  # later
    first.sync()
    second.sync()
    with site_db.session() as session:
        assert session.exec(select(Customer.name)).one() == "Rina B"
    ((conflict),) = conflicts(site_db)
    assert (conflict.kept, conflict.discarded) == ("Rina B", "Rina A")


def test_a_customer_made_offline_with_a_number_the_site_has_ends_as_one_customer(
    make_desk: Callable[..., Desk], site_db: Database
) -> None:
    first, second = make_desk("one"), make_desk("two")
    made = first.customers.create_customer(name="Joko", identifiers=[PHONE])
    first.sync()
    # The second desk never looked them up (or was offline): it makes "a new customer".
    offline = second.customers.create_customer(name="Joko W", identifiers=[PHONE, EMAIL])
    second.customers.log_contact(
        contact_key="d" * 32, customer_id=offline.id, summary="asked about the claim"
    )
    second.sync()
    with site_db.session() as session:
        (customer,) = session.exec(select(Customer)).all()  # ONE customer
        assert session.exec(select(Interaction.customer_id)).all() == [customer.id]
    site = CustomerService(site_db)
    assert {i.value for i in site.get_customer(customer.id).identifiers} == {
        "+6281311112222", "rina@example.id",
    }  # fmt: skip
    # The desk took the site's uid: its next writes name the one customer.
    with second.db.session() as session:
        assert session.exec(select(Customer.uid)).all() == [customer.uid]
    second.customers.add_fact(customer_id=offline.id, text="VIP", created_by="B")
    with second.db.session() as session:
        assert customer.uid in session.exec(select(Outbox.payload)).one()
    assert second.sync().sent == 1
    assert made.id  # the first desk's customer is the one that stayed


def test_a_customer_both_cached_and_made_offline_is_joined_in_the_cache(
    make_desk: Callable[..., Desk], site_db: Database
) -> None:
    first, second = make_desk("one"), make_desk("two")
    first.customers.create_customer(name="Eka", identifiers=[PHONE])
    first.sync()
    offline = second.customers.create_customer(name="Eka", identifiers=[EMAIL])
    second.customers.log_contact(contact_key="f" * 32, customer_id=offline.id, summary="hi")
    # Still unsent, the desk learns the same person's email from... an agent adding the phone:
    second.customers.add_identifier(customer_id=offline.id, identifier=PHONE)
    # A find reads the site's Eka (same phone) into the cache: the two become one here too.
    found = second.customers.find(PHONE.value)
    assert len(found) == 1
    assert [i.summary for i in second.customers.story(found[0].id).interactions] == ["hi"]
    second.sync()
    with site_db.session() as session:
        assert len(session.exec(select(Customer)).all()) == 1
        assert session.exec(select(Interaction.contact_key)).all() == ["f" * 32]


def test_timestamps_in_payloads_keep_their_zone(make_desk: Callable[..., Desk]) -> None:
    desk = make_desk()
    made = desk.customers.create_customer(name="Tono", identifiers=[PHONE])
    desk.customers.rename_customer(customer_id=made.id, name="Tono S")
    with desk.db.session() as session:
        payload = session.exec(select(Outbox.payload).order_by(col(Outbox.id).desc())).first()
    assert payload is not None
    stamp = payload.split('"edited_at": "')[1].split('"')[0]
    assert datetime.fromisoformat(stamp).tzinfo is not None
    assert datetime.fromisoformat(stamp) <= datetime.now(UTC)


def test_two_desks_sending_the_same_new_callers_at_once_end_with_one_customer_each(
    make_desk: Callable[..., Desk], site_db: Database
) -> None:
    first, second = make_desk("one"), make_desk("two")
    phones = [
        IdentifierIn(kind=IdentifierKind.phone, value=f"0815-0000-{n:04d}") for n in range(10)
    ]
    for desk, tag in ((first, "a"), (second, "b")):
        for n, number in enumerate(phones):
            made = desk.customers.create_customer(name=f"Caller {n}", identifiers=[number])
            desk.customers.log_contact(
                contact_key=f"{tag}{n:031x}", customer_id=made.id, summary=f"{tag} {n}"
            )
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def send(desk: Desk) -> None:
        try:
            start.wait()
            while desk.waiting():
                desk.sync()
        except BaseException as exc:  # reported below, on the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=send, args=(desk,)) for desk in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    with site_db.session() as session:
        assert len(session.exec(select(Customer)).all()) == 10
        owners = session.exec(select(Interaction.customer_id)).all()
    assert len(owners) == 20 and len(set(owners)) == 10  # each caller's two contacts together


def test_erasing_a_customer_takes_their_conflict_records_with_them(
    make_desk: Callable[..., Desk], site_db: Database
) -> None:
    """A lost edit holds a name or a fact's text: personal data that must go with the customer."""
    first, second = make_desk("one"), make_desk("two")
    on_first, on_second = shared_customer(first, second)
    fact = first.customers.add_fact(customer_id=on_first, text="prefers chat", created_by="A")
    first.sync()
    (on_two,) = second.customers.story(on_second).facts
    second.customers.rename_customer(customer_id=on_second, name="Rina Wati")
    first.customers.rename_customer(customer_id=on_first, name="Rina Kusuma")
    first.customers.update_fact(fact_id=fact.id, text="prefers email")
    second.customers.update_fact(fact_id=on_two.id, text="deaf: use chat only")
    first.sync()
    second.sync()
    first.sync()
    assert {c.entity for c in conflicts(site_db)} == {"customer", "fact"}
    other = CustomerService(site_db).create_customer(name="Someone Else", identifiers=[EMAIL])
    with site_db.write() as session:
        session.add(
            SyncConflict(
                entity="customer", entity_uid=str(other.id), field="name", kept="x",
                discarded="y", by="z",
            )
        )  # fmt: skip
    first.customers.erase(customer_id=on_first, by="supervisor")
    assert [(c.kept, c.discarded) for c in conflicts(site_db)] == [("x", "y")]
