"""Many desks writing at once: one customer per caller, no contact lost, no error for an agent.

On the site server there is no write lock: identity rests on the unique identifiers and
`INSERT ... ON CONFLICT DO NOTHING` (storage/customers.py), and a write the server aborts for
a deadlock runs again inside the storage layer (`Database.transact`).
"""

from __future__ import annotations

import multiprocessing
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from concurrency_support import (
    CALLS,
    NUMBERS,
    contact_key,
    number_of,
    phone_number,
    write_contacts,
)
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from storage_support import TEST_PASSPHRASE

from copilot.errors import IdentityConflictError
from copilot.storage.db import Database, open_database
from copilot.storage.schemas import IdentifierIn, IdentifierKind, InteractionCreate
from copilot.storage.service import CustomerService

WRITERS = 20


def _phone(value: str) -> IdentifierIn:
    return IdentifierIn(kind=IdentifierKind.phone, value=value)


def _rows(database: Database, sql: str) -> list[Any]:
    with database.session() as session:
        return list(session.execute(text(sql)))


@pytest.fixture
def site(pg_url: str) -> Iterator[Database]:
    database = open_database(pg_url)
    yield database
    database.close()


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_twenty_desks_logging_the_same_callers_lose_nothing_and_duplicate_no_one(
    pg_url: str, site: Database
) -> None:
    spawn = multiprocessing.get_context("spawn")
    barrier = spawn.Barrier(WRITERS)
    results = spawn.Queue()
    desks = [
        spawn.Process(target=write_contacts, args=(pg_url, writer, CALLS, barrier, results))
        for writer in range(WRITERS)
    ]
    for desk in desks:
        desk.start()
    reports = dict(results.get(timeout=840) for _ in desks)
    for desk in desks:
        desk.join(timeout=60)
        assert desk.exitcode == 0

    assert {writer: errors for writer, errors in reports.items() if errors} == {}
    keys = [str(row[0]) for row in _rows(site, "SELECT contact_key FROM interaction")]
    expected = {contact_key(w, c) for w in range(WRITERS) for c in range(CALLS)}
    assert len(keys) == WRITERS * CALLS and set(keys) == expected  # each one, once
    owners = _rows(
        site,
        "SELECT i.value, i.customer_id, count(x.id) FROM identifier AS i "
        "LEFT JOIN interaction AS x ON x.customer_id = i.customer_id "
        "GROUP BY i.value, i.customer_id",
    )
    assert len(owners) == NUMBERS  # one identifier per number...
    assert len({row[1] for row in owners}) == NUMBERS  # ...each its own customer
    assert _rows(site, "SELECT count(*) FROM customer") == [(NUMBERS,)]  # none left over
    calls = Counter(phone_number(number_of(w, c)) for w in range(WRITERS) for c in range(CALLS))
    by_value = {str(row[0]): int(row[2]) for row in owners}
    assert by_value == {"+62" + number[1:]: count for number, count in calls.items()}


def _at_once(count: int, work: Callable[[int], Any]) -> list[Any]:
    """`work(n)` on `count` threads released together; their results (or errors)."""
    barrier = threading.Barrier(count)
    results: list[Any] = [None] * count

    def run(n: int) -> None:
        barrier.wait(timeout=30)
        try:
            results[n] = work(n)
        except Exception as exc:
            results[n] = exc

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_agents_creating_the_same_caller_at_once_get_one_customer(site: Database) -> None:
    service = CustomerService(site)
    for round_ in range(5):
        number = f"08129999{round_:04d}"
        created = _at_once(
            8, lambda _n, n=number: service.create_customer(name="Rina", identifiers=[_phone(n)])
        )
        assert not [r for r in created if isinstance(r, Exception)]
        assert len({customer.id for customer in created}) == 1
    assert _rows(site, "SELECT count(*) FROM customer") == [(5,)]


def test_first_contacts_of_a_new_number_at_once_attach_to_one_customer(site: Database) -> None:
    service = CustomerService(site)
    email = IdentifierIn(kind=IdentifierKind.email, value="rina@x.id")

    def first_contact(n: int) -> int:
        # Half the desks also know the caller's email: it joins the one customer.
        identifiers = (_phone("081277770000"), email) if n % 2 else (_phone("081277770000"),)
        return service.add_interaction(
            InteractionCreate(identifiers=identifiers, name="Rina", summary=f"desk {n}")
        ).customer_id

    owners = _at_once(8, first_contact)
    assert not [r for r in owners if isinstance(r, Exception)]
    (customer_id,) = set(owners)
    customer = service.get_customer(customer_id)
    assert {i.value for i in customer.identifiers} == {"+6281277770000", "rina@x.id"}
    assert service.story(customer_id).total_interactions == 8
    assert _rows(site, "SELECT count(*) FROM customer") == [(1,)]


def test_someone_elses_number_is_still_a_conflict(site: Database) -> None:
    service = CustomerService(site)
    budi = service.create_customer(name="Budi", identifiers=[_phone("081234567890")])
    # The same caller created again (a find made before Budi was saved): Budi, not a copy.
    again = service.create_customer(name="  budi ", identifiers=[_phone("0812-3456-7890")])
    assert again.id == budi.id
    with pytest.raises(IdentityConflictError):
        service.create_customer(name="Ani", identifiers=[_phone("081234567890")])
    assert _rows(site, "SELECT count(*) FROM customer") == [(1,)]


def test_a_campaign_keeps_its_own_customers(site: Database) -> None:
    insurer = CustomerService(site, campaign="insurer")
    telco = CustomerService(site, campaign="telco")
    number = _phone("081234567890")
    at_insurer = insurer.add_interaction(InteractionCreate(identifiers=(number,), name="Budi"))
    at_telco = telco.add_interaction(InteractionCreate(identifiers=(number,), name="Budi"))
    # The same phone at two clients is two records that never mix.
    assert at_insurer.customer_id != at_telco.customer_id
    again = insurer.add_interaction(InteractionCreate(identifiers=(number,)))
    assert again.customer_id == at_insurer.customer_id and not again.created_customer
    rows = _rows(
        site,
        "SELECT c.campaign, i.campaign FROM customer AS c "
        "JOIN identifier AS i ON i.customer_id = c.id ORDER BY c.id",
    )
    assert rows == [("insurer", "insurer"), ("telco", "telco")]


def test_a_write_the_server_aborts_for_a_deadlock_runs_again(site: Database) -> None:
    attempts: list[int] = []

    def work(session: Any) -> str:
        attempts.append(len(attempts))
        if len(attempts) == 1:  # the server's own deadlock error, SQLSTATE 40P01
            session.execute(text("DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = '40P01'; END $$"))
        return "saved"

    assert site.transact(work) == "saved" and len(attempts) == 2

    def broken(session: Any) -> None:
        attempts.append(len(attempts))
        session.execute(text("DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = '23514'; END $$"))

    attempts.clear()
    with pytest.raises(IntegrityError):  # any other error is the caller's, at once
        site.transact(broken)
    assert len(attempts) == 1


def test_two_threads_on_the_desk_file_lose_nothing_and_duplicate_no_one(
    tmp_path: Path,
) -> None:
    database = open_database(str(tmp_path / "desk.db"), passphrase=TEST_PASSPHRASE)
    try:
        service = CustomerService(database)
        numbers, calls = 20, 100

        def desk(writer: int) -> None:
            for call in range(calls):
                n = number_of(writer, call) % numbers
                hits = service.find(phone_number(n))
                customer_id = (
                    hits[0].id
                    if hits
                    else service.create_customer(
                        name=f"Pelanggan {n}", identifiers=[_phone(phone_number(n))]
                    ).id
                )
                service.log_contact(contact_key=contact_key(writer, call), customer_id=customer_id)

        assert _at_once(2, desk) == [None, None]
        assert _rows(database, "SELECT count(*) FROM interaction") == [(2 * calls,)]
        assert _rows(database, "SELECT count(*) FROM customer") == [(numbers,)]
        assert _rows(database, "SELECT count(DISTINCT customer_id) FROM identifier") == [(numbers,)]
    finally:
        database.close()
