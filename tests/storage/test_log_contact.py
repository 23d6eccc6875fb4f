"""log_contact: a wrap-up is saved whole or not at all, and a retry never saves it twice."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from storage_support import FIXED_NOW, TEST_PASSPHRASE

from copilot.errors import InputError, NotFoundError
from copilot.storage import wrapup
from copilot.storage.db import Database, open_database
from copilot.storage.models import Fact
from copilot.storage.schemas import (
    Channel,
    CommitmentIn,
    CommitmentStatus,
    IdentifierIn,
    IdentifierKind,
    Industry,
)
from copilot.storage.service import CustomerService

TABLES = ("interaction", "fact", "commitment")


def counts(database: Database) -> dict[str, int]:
    with database.session() as session:
        conn = session.connection()
        return {
            t: int(conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar() or 0) for t in TABLES
        }


@pytest.fixture
def customer_id(service: CustomerService) -> int:
    phone = IdentifierIn(kind=IdentifierKind.phone, value="081234567890")
    return service.create_customer(name="Siti", identifiers=[phone]).id


@pytest.fixture
def promise_id(service: CustomerService, customer_id: int) -> int:
    return service.add_commitment(
        customer_id=customer_id, text="Call back", due_at=FIXED_NOW, made_by="ayu"
    ).id


def wrap_up(service: CustomerService, customer_id: int, key: str, /, **extra: Any) -> Any:
    fields: dict[str, Any] = {
        "contact_key": key,
        "customer_id": customer_id,
        "channel": Channel.whatsapp,
        "agent": "ayu",
        "summary": "Claim still unpaid",
        "outcome": "escalated",
        "industry": Industry.insurance,
        "facts": ["Claim KLM-778", "Prefers WhatsApp"],
        "commitments": [CommitmentIn(text="Call with the result", due_at=FIXED_NOW)],
    }
    fields.update(extra)
    return service.log_contact(**fields)


def test_everything_of_a_wrap_up_lands_together(
    service: CustomerService, customer_id: int, promise_id: int
) -> None:
    logged = wrap_up(service, customer_id, "k1", status_changes={promise_id: CommitmentStatus.done})
    assert (logged.customer_id, logged.already_saved) == (customer_id, False)
    assert (logged.facts_added, logged.commitments_added, logged.statuses_changed) == (2, 1, 1)
    assert logged.contacts_7d == 1
    story = service.story(customer_id)
    (contact,) = story.interactions
    assert contact.id == logged.interaction_id
    assert (contact.channel, contact.agent, contact.outcome, contact.industry) == (
        Channel.whatsapp,
        "ayu",
        "escalated",
        Industry.insurance,
    )
    assert contact.started_at == FIXED_NOW  # the service's clock
    assert {f.text for f in story.facts} == {"Claim KLM-778", "Prefers WhatsApp"}
    assert all(f.created_by == "ayu" for f in story.facts)
    # The old promise is done (so off the open list); the new one is open.
    assert [(c.text, c.made_by) for c in story.commitments] == [("Call with the result", "ayu")]


def test_the_same_key_twice_saves_one_contact(
    service: CustomerService, database: Database, customer_id: int
) -> None:
    first = wrap_up(service, customer_id, "same-key")
    again = wrap_up(service, customer_id, "same-key", summary="edited after a timeout")
    assert again.already_saved and not first.already_saved
    assert again.interaction_id == first.interaction_id
    assert (again.facts_added, again.commitments_added, again.statuses_changed) == (0, 0, 0)
    assert again.contacts_7d == 1
    assert counts(database) == {"interaction": 1, "fact": 2, "commitment": 1}
    assert service.story(customer_id).interactions[0].summary == "Claim still unpaid"
    # A second, different contact is a second key.
    assert wrap_up(service, customer_id, "other-key").contacts_7d == 2


def test_a_failing_fact_insert_leaves_nothing_and_the_retry_saves_once(
    service: CustomerService,
    database: Database,
    customer_id: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = counts(database)

    class DiskGone(Exception):
        pass

    # The second statement of the wrap-up fails (a fact), after the interaction was inserted.
    def failing_fact(*args: Any, **kwargs: Any) -> Any:
        raise DiskGone

    with monkeypatch.context() as patch:
        patch.setattr("copilot.storage.wrapup.Fact", failing_fact)
        with pytest.raises(DiskGone):
            wrap_up(service, customer_id, "retry-me")
    assert counts(database) == before
    assert service.story(customer_id).interactions == ()

    logged = wrap_up(service, customer_id, "retry-me")
    assert not logged.already_saved
    assert counts(database) == {"interaction": 1, "fact": 2, "commitment": 1}
    assert wrap_up(service, customer_id, "retry-me").already_saved
    assert counts(database)["interaction"] == 1


@pytest.mark.parametrize("bad_commitment", ["another customer's", "nonexistent"])
def test_a_bad_status_change_leaves_nothing_behind(
    service: CustomerService, database: Database, customer_id: int, bad_commitment: str
) -> None:
    other = service.create_customer(name="Budi").id
    theirs = service.add_commitment(customer_id=other, text="x", due_at=FIXED_NOW, made_by="a")
    target = theirs.id if bad_commitment == "another customer's" else 9999
    before = counts(database)
    with pytest.raises(NotFoundError, match=str(target)):
        wrap_up(service, customer_id, "k", status_changes={target: CommitmentStatus.done})
    assert counts(database) == before
    assert service.story(other).commitments[0].status is CommitmentStatus.open
    assert not wrap_up(service, customer_id, "k").already_saved  # the key was never used


def test_losing_the_race_for_the_key_returns_the_other_save(
    service: CustomerService,
    database: Database,
    customer_id: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = wrap_up(service, customer_id, "raced")
    # Another desk saved the key between our check and our insert: the check misses it,
    # the unique index catches it, and the caller gets the other desk's save.
    real = wrapup.contact_by_key
    misses = iter([True])

    def check(session: Any, key: str) -> Any:
        if next(misses, False):
            return None
        return real(session, key)

    monkeypatch.setattr(wrapup, "contact_by_key", check)
    again = wrap_up(service, customer_id, "raced")
    assert again.already_saved and again.interaction_id == first.interaction_id
    assert counts(database) == {"interaction": 1, "fact": 2, "commitment": 1}


def test_two_desks_saving_the_same_key_at_once_save_it_once(db_path: Path) -> None:
    desks = [
        open_database(str(db_path), passphrase=TEST_PASSPHRASE, busy_timeout_ms=30_000)
        for _ in range(2)
    ]
    try:
        services = [CustomerService(d, clock=lambda: FIXED_NOW) for d in desks]
        customer = services[0].create_customer(name="Siti").id
        start = threading.Barrier(len(services))
        results: list[Any] = []
        errors: list[BaseException] = []

        def save(service: CustomerService) -> None:
            start.wait()
            try:
                results.append(wrap_up(service, customer, "one-contact"))
            except BaseException as exc:  # reported below
                errors.append(exc)

        threads = [threading.Thread(target=save, args=(s,)) for s in services]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert sorted(r.already_saved for r in results) == [False, True]
        assert len({r.interaction_id for r in results}) == 1
        assert counts(desks[0]) == {"interaction": 1, "fact": 2, "commitment": 1}
    finally:
        for d in desks:
            d.close()


def test_texts_are_masked_and_limited_like_every_write(
    service: CustomerService, customer_id: int
) -> None:
    wrap_up(
        service,
        customer_id,
        "masked",
        summary="Kartu 4111 1111 1111 1111",
        outcome="paid with 4012888888881881 " + "x" * 500,
        facts=["card on file 378282246310005"],
        commitments=[CommitmentIn(text="refund to 6011111111111117", due_at=FIXED_NOW)],
    )
    story = service.story(customer_id)
    shown = " ".join(
        [
            story.interactions[0].summary,
            story.interactions[0].outcome,
            story.facts[0].text,
            story.commitments[0].text,
        ]
    )
    for card in ("4111 1111 1111 1111", "4012888888881881", "378282246310005", "6011111111111117"):
        assert card not in shown
    assert len(story.interactions[0].outcome) == 200  # cut to the field, as add_interaction


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"contact_key": ""}, InputError),
        ({"contact_key": "   "}, InputError),
        ({"contact_key": "k" * 65}, InputError),
        ({"contact_key": "clé"}, InputError),
        ({"contact_key": "a b"}, InputError),
        ({"summary": "x" * 20_001}, InputError),
        ({"facts": ["   "]}, InputError),
        ({"facts": ["x" * 20_001]}, InputError),
        ({"agent": "a" * 201}, InputError),
        ({"commitments": [CommitmentIn(text="", due_at=FIXED_NOW)]}, InputError),
        (
            {"commitments": [CommitmentIn(text="x", due_at=FIXED_NOW.replace(tzinfo=None))]},
            InputError,
        ),
        ({"customer_id": 9999}, NotFoundError),
        ({"status_changes": {1: "finished"}}, ValueError),
    ],
)
def test_unusable_wrap_ups_are_refused_and_write_nothing(
    service: CustomerService,
    database: Database,
    customer_id: int,
    fields: dict[str, Any],
    error: type[Exception],
) -> None:
    with pytest.raises(error):
        wrap_up(service, customer_id, "k", **fields)
    assert counts(database) == {"interaction": 0, "fact": 0, "commitment": 0}


def test_a_key_reused_for_another_customer_is_refused(
    service: CustomerService, database: Database, customer_id: int
) -> None:
    other = service.create_customer(name="Budi").id
    wrap_up(service, customer_id, "shared")
    with pytest.raises(InputError, match="another contact"):
        wrap_up(service, other, "shared")
    assert counts(database)["interaction"] == 1


def test_contacts_7d_counts_like_the_story(service: CustomerService, customer_id: int) -> None:
    from copilot.storage.schemas import InteractionCreate

    for days in (1, 6, 8):
        service.add_interaction(
            InteractionCreate(customer_id=customer_id, started_at=FIXED_NOW - timedelta(days=days))
        )
    logged = wrap_up(service, customer_id, "count")
    assert logged.contacts_7d == service.story(customer_id).contacts_7d == 3


def test_fact_model_is_what_log_contact_writes() -> None:
    # The failing-insert test patches `copilot.storage.wrapup.Fact`: it must be the table
    # model the wrap-up writes facts with, or that test would patch nothing.
    assert wrapup.Fact is Fact
