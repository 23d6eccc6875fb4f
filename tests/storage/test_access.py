"""The access log on a desk file and on the site server (the login is the server's own)."""

from __future__ import annotations

from copilot.storage.access import access_lines, record_access
from copilot.storage.db import Database, open_database
from copilot.storage.service import CustomerService


def test_desk_records_who_opened_which_story(database: Database) -> None:
    service = CustomerService(database, default_region="ID")
    customer = service.create_customer(name="Budi", identifiers=[])
    record_access(database, customer.id)
    (line,) = access_lines(database, customer_id=customer.id)
    assert (line.customer_id, line.action, line.username) == (customer.id, "story", "")


def test_site_line_names_the_server_login_and_outlives_erasure(pg_url: str) -> None:
    database = open_database(pg_url)
    try:
        service = CustomerService(database, default_region="ID")
        customer = service.create_customer(name="Siti", identifiers=[])
        record_access(database, customer.id)
        service.erase(customer_id=customer.id, by="admin")
        (line,) = access_lines(database)
        assert line.username == "postgres"  # the login of pg_url, set by the server
        assert line.customer_id == customer.id
        assert not [c for c in service.find("Siti")]
    finally:
        database.close()
