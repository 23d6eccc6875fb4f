"""A desk's agent in a process of its own, for the concurrency tests (spawned: import-light)."""

from __future__ import annotations

import traceback
from typing import Any

CALLS = 500  # contacts each writer logs
NUMBERS = 300  # phone numbers every writer shares


def phone_number(n: int) -> str:
    """The n-th shared number, as an agent types it (a valid Indonesian mobile)."""
    return f"0812{n:08d}"


def number_of(writer: int, call: int) -> int:
    """Which number a writer's call is for: writer w's call i is writer w-1's call i+1, so
    the first contact of every number is logged by two desks at nearly the same moment."""
    return (call + writer) % NUMBERS


def contact_key(writer: int, call: int) -> str:
    return f"w{writer:02d}c{call:04d}"


def write_contacts(url: str, writer: int, calls: int, barrier: Any, results: Any) -> None:
    """What an agent does per call: find the caller by number, create them when nobody has
    the number, log the wrap-up. Every error is reported (the test wants none)."""
    from copilot.storage.db import open_database
    from copilot.storage.schemas import IdentifierIn, IdentifierKind
    from copilot.storage.service import CustomerService

    errors: list[str] = []
    database = open_database(url)
    try:
        service = CustomerService(database)
        barrier.wait(timeout=300)  # every desk starts at once
        for call in range(calls):
            n = number_of(writer, call)
            try:
                hits = service.find(phone_number(n))
                customer_id = (
                    hits[0].id
                    if hits
                    else service.create_customer(
                        name=f"Pelanggan {n}",
                        identifiers=[
                            IdentifierIn(kind=IdentifierKind.phone, value=phone_number(n))
                        ],
                    ).id
                )
                service.log_contact(
                    contact_key=contact_key(writer, call),
                    customer_id=customer_id,
                    agent=f"agent {writer}",
                    summary=f"call {call} about number {n}",
                )
            except Exception:
                errors.append(traceback.format_exc(limit=3))
    finally:
        database.close()
        results.put((writer, errors))
