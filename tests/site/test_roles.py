"""Role separation on a real server: what an agent, a team leader and an admin can see and do.

Every check goes through the server's own rules (grants and row-level security), with the
same services the panel uses, connected as each login.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import psycopg
import pytest
from site_support import Site
from sqlalchemy import exc as sa_exc
from sqlalchemy import insert, select, update

from copilot.errors import CopilotError, NotFoundError
from copilot.site.admin import remove_user
from copilot.site.enrol import EnrolmentCode
from copilot.storage.access import access_lines, record_access
from copilot.storage.db import Database, open_database
from copilot.storage.drafts import DraftService
from copilot.storage.kinds import utc_now
from copilot.storage.models import AccessLog, Customer, Identifier, Outbox, SiteMember, table_of
from copilot.storage.schemas import IdentifierIn
from copilot.storage.service import CustomerService
from copilot.vocabulary import IdentifierKind

PHONE_A = "+6281234567890"
PHONE_B = "+6281298765432"


@dataclass
class Floor:
    """A site with one customer in each of two campaigns and a login per role."""

    site: Site
    admin: Database
    customer_a: int
    customer_b: int
    agent_a: EnrolmentCode
    agent_b: EnrolmentCode
    leader_a: EnrolmentCode

    def open_as(self, code: EnrolmentCode) -> Database:
        return open_database(self.site.login_url(code))


def _customer_in(database: Database, name: str, phone: str, campaign: str) -> int:
    service = CustomerService(database)
    created = service.create_customer(
        name=name, identifiers=[IdentifierIn(kind=IdentifierKind.phone, value=phone)]
    )
    # Campaigns are set by the site's writes (another part); here directly, as the admin.
    with database.write() as session:
        session.execute(
            update(table_of(Customer)).where(Customer.id == created.id).values(campaign=campaign)
        )
        session.execute(
            update(table_of(Identifier))
            .where(Identifier.customer_id == created.id)
            .values(campaign=campaign)
        )
    return created.id


@pytest.fixture
def floor(site: Site) -> Iterator[Floor]:
    site.init()
    admin = open_database(site.admin_url().render_as_string(hide_password=False))
    a = _customer_in(admin, "Ani Acme", PHONE_A, "acme")
    b = _customer_in(admin, "Budi Globex", PHONE_B, "globex")
    # Logins belong to the whole server: named after the site, so every test has its own.
    tag = site.database.removeprefix("site_")
    agent_a = site.add(f"agent.ani.{tag}", "agent", ["acme"])
    agent_b = site.add(f"agent.budi.{tag}", "agent", ["globex"])
    leader_a = site.add(f"leader.lia.{tag}", "team_leader", ["acme"])
    yield Floor(site, admin, a, b, agent_a, agent_b, leader_a)
    admin.close()


@pytest.fixture
def agent_a(floor: Floor) -> Iterator[Database]:
    database = floor.open_as(floor.agent_a)
    yield database
    database.close()


def test_an_agent_sees_and_finds_only_their_campaigns_customers(
    floor: Floor, agent_a: Database
) -> None:
    service = CustomerService(agent_a)
    assert service.count_customers() == 1
    assert [c.id for c in service.find(PHONE_A)] == [floor.customer_a]
    assert service.find(PHONE_B) == []
    assert service.find("Budi") == []
    with pytest.raises(NotFoundError):
        service.get_customer(floor.customer_b)
    with pytest.raises(NotFoundError):
        service.story(floor.customer_b)
    # Nor through full-text search of what is written about them.
    admin = CustomerService(floor.admin)
    admin.add_fact(customer_id=floor.customer_b, text="klaim kacamata ditolak", created_by="x")
    assert [hit.customer.id for hit in admin.search("kacamata")] == [floor.customer_b]
    assert service.search("kacamata") == []
    # The admin sees both.
    assert admin.count_customers() == 2


def test_an_agent_cannot_write_another_campaigns_customer(floor: Floor, agent_a: Database) -> None:
    service = CustomerService(agent_a)
    with pytest.raises(NotFoundError):
        service.rename_customer(customer_id=floor.customer_b, name="Hijacked")
    with pytest.raises(NotFoundError):
        service.add_fact(customer_id=floor.customer_b, text="planted", created_by="ani")
    with pytest.raises(NotFoundError):
        service.erase(customer_id=floor.customer_b, by="ani")
    # Nor create one in a campaign that is not theirs: the server's check refuses the row.
    with (
        pytest.raises(sa_exc.ProgrammingError, match="row-level security"),
        agent_a.write() as session,
    ):
        session.execute(
            insert(table_of(Customer)).values(name="X", name_key="x", campaign="globex")
        )
    kept = CustomerService(floor.admin).story(floor.customer_b)
    assert kept.customer.name == "Budi Globex"
    assert kept.facts == ()


def test_an_agent_writes_their_own_campaigns_customer(floor: Floor, agent_a: Database) -> None:
    service = CustomerService(agent_a)
    service.add_fact(customer_id=floor.customer_a, text="prefers WhatsApp", created_by="ani")
    story = CustomerService(floor.admin).story(floor.customer_a)
    assert [f.text for f in story.facts] == ["prefers WhatsApp"]


def test_an_agent_adds_access_lines_but_cannot_read_them(floor: Floor, agent_a: Database) -> None:
    record_access(agent_a, floor.customer_a)
    with pytest.raises(sa_exc.ProgrammingError, match="permission denied"):
        access_lines(agent_a)
    lines = access_lines(floor.admin)
    assert [(line.username, line.customer_id) for line in lines] == [
        (floor.agent_a.user, floor.customer_a)
    ]


def test_an_agent_cannot_write_a_line_in_someone_elses_name(
    floor: Floor, agent_a: Database
) -> None:
    with (
        pytest.raises(sa_exc.ProgrammingError, match="row-level security"),
        agent_a.write() as session,
    ):
        session.execute(
            insert(table_of(AccessLog))
            .inline()
            .values(at=utc_now(), username=floor.leader_a.user, customer_id=1, action="story")
        )


def test_an_agent_reads_only_their_own_membership(floor: Floor, agent_a: Database) -> None:
    with agent_a.session() as session:
        rows = session.execute(select(SiteMember.username, SiteMember.campaign)).all()
        assert [tuple(row) for row in rows] == [(floor.agent_a.user, "acme")]
    with (
        pytest.raises(sa_exc.ProgrammingError, match="permission denied"),
        agent_a.write() as session,
    ):
        session.execute(
            insert(table_of(SiteMember)).values(
                username=floor.agent_a.user, campaign="globex", role="agent"
            )
        )


def test_drafts_and_the_outbox_stay_on_the_desk(floor: Floor, agent_a: Database) -> None:
    with pytest.raises(sa_exc.ProgrammingError, match="permission denied"):
        DraftService(agent_a).save(floor.customer_a, "half a reply")
    with (
        pytest.raises(sa_exc.ProgrammingError, match="permission denied"),
        agent_a.session() as session,
    ):
        session.execute(select(Outbox.id)).all()


def test_a_team_leader_reads_the_access_log(floor: Floor, agent_a: Database) -> None:
    record_access(agent_a, floor.customer_a)
    leader = floor.open_as(floor.leader_a)
    try:
        lines = access_lines(leader, customer_id=floor.customer_a)
        assert [line.username for line in lines] == [floor.agent_a.user]
        assert CustomerService(leader).count_customers() == 1  # still their campaign only
    finally:
        leader.close()


def test_erase_keeps_the_access_log_lines(floor: Floor, agent_a: Database) -> None:
    record_access(agent_a, floor.customer_a)
    record_access(floor.admin, floor.customer_a)
    leader = floor.open_as(floor.leader_a)
    try:
        CustomerService(leader).erase(customer_id=floor.customer_a, by="lia")
        assert CustomerService(floor.admin).find(PHONE_A) == []
        lines = access_lines(leader, customer_id=floor.customer_a)
        expected = sorted([floor.agent_a.user, floor.site.admin])
        assert sorted(line.username for line in lines) == expected
    finally:
        leader.close()


def test_a_removed_login_cannot_connect(floor: Floor) -> None:
    remove_user(floor.site.admin_url(), floor.agent_b.user)
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(
            floor.site.login_url(floor.agent_b).replace("postgresql+psycopg", "postgresql")
        ).close()
    with floor.admin.session() as session:
        names = session.execute(select(SiteMember.username)).scalars().all()
    assert floor.agent_b.user not in names


def test_a_login_of_one_site_cannot_open_another_sites_database(floor: Floor) -> None:
    server = floor.site.server
    other = Site(
        server, f"{floor.site.database}_other", floor.site.admin, floor.site.admin_password
    )
    server.execute(f"CREATE DATABASE {other.database} OWNER {other.admin} TEMPLATE template0")
    try:
        other.init()
        url = server.url(other.database, user=floor.agent_a.user, password=floor.agent_a.password)
        with pytest.raises(CopilotError, match="permission denied for database"):
            open_database(url)
    finally:
        server.drop_database(other.database)
