"""End to end as a floor uses it: an administrator sets up a site, two agents of different
campaigns enrol their desks, work online, keep working through an outage, and the site ends
with everything once, each campaign seeing only its own customers (row security applies to
the desks' own logins, not to a superuser)."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from site_support import Site, wait_for
from sqlalchemy import func
from sqlmodel import select

from copilot.app import build_services
from copilot.config import PASSPHRASE_ENV, Settings
from copilot.services import Services
from copilot.site import link as link_module
from copilot.site.enrol import enrol
from copilot.storage.access import access_lines
from copilot.storage.db import open_database
from copilot.storage.models import Customer, Interaction, new_uid
from copilot.storage.schemas import IdentifierIn, IdentifierKind

NUMBER = "081355500011"


@pytest.fixture
def desks(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[dict[str, Services]]:
    """Two enrolled desks: an insurer's agent and a telco's agent, each with its own login."""
    monkeypatch.setenv(PASSPHRASE_ENV, "desk passphrase")
    monkeypatch.setattr(link_module, "LAST_RETRY_S", 1.0)  # the test need not wait 30 s
    site.init()
    opened: dict[str, Services] = {}
    suffix = secrets.token_hex(3)
    for desk, campaign in (("insurer", "insurer"), ("telco", "telco")):
        code = site.add(f"agent_{desk}_{suffix}", "agent", [campaign])
        data_dir = tmp_path / desk
        enrol(site.public_url(), code.encode(), data_dir=data_dir)
        settings = Settings(data_dir=data_dir, database=str(data_dir / "copilot.db"))
        opened[desk] = build_services(settings)
    yield opened
    for services in opened.values():
        services.close()


def test_two_campaigns_share_a_site_through_an_outage_and_never_see_each_other(
    site: Site, desks: dict[str, Services]
) -> None:
    insurer, telco = desks["insurer"], desks["telco"]
    assert insurer.site is not None and telco.site is not None
    phone = IdentifierIn(kind=IdentifierKind.phone, value=NUMBER)

    # Online: the insurer's agent logs a first contact; it reaches the site.
    dewi = insurer.customers.create_customer(name="Dewi Lestari", identifiers=[phone])
    insurer.customers.log_contact(
        contact_key=new_uid(), customer_id=dewi.id, summary="asked about her claim"
    )
    wait_for(lambda: insurer.site.status().waiting == 0)  # type: ignore[union-attr]
    story = insurer.customers.story(dewi.id)
    assert [i.summary for i in story.interactions] == ["asked about her claim"]

    # The telco's agent cannot find the insurer's customer by the same number...
    assert telco.customers.find(NUMBER) == []
    # ...and their own caller with that number is a separate telco record.
    other = telco.customers.create_customer(name="Dewi L.", identifiers=[phone])
    telco.customers.log_contact(contact_key=new_uid(), customer_id=other.id, summary="no signal")
    wait_for(lambda: telco.site.status().waiting == 0)  # type: ignore[union-attr]

    # The server goes away; the insurer's desk keeps saving on this PC.
    site.server.stop()
    try:
        for n in range(3):
            insurer.customers.log_contact(
                contact_key=new_uid(), customer_id=dewi.id, summary=f"offline follow-up {n}"
            )
        assert insurer.customers.find(NUMBER)[0].name == "Dewi Lestari"  # from the cache
        wait_for(lambda: not insurer.site.status().online)  # type: ignore[union-attr]
        assert insurer.site.status().waiting >= 3  # type: ignore[union-attr]
    finally:
        site.server.start_again()
    wait_for(lambda: insurer.site.status().waiting == 0)  # type: ignore[union-attr]

    # On the site, as its administrator sees it: everything once, each in its campaign.
    admin = open_database(site.admin_url().render_as_string(hide_password=False))
    try:
        with admin.session() as session:
            by_campaign = dict(
                session.exec(
                    select(Customer.campaign, func.count()).group_by(Customer.campaign)
                ).all()
            )
            summaries = sorted(session.exec(select(Interaction.summary)).all())
        assert by_campaign == {"insurer": 1, "telco": 1}
        assert summaries == sorted(
            ["asked about her claim", "no signal"] + [f"offline follow-up {n}" for n in range(3)]
        )
        # The insurer's agent opened the story: the access log names their own login.
        lines = access_lines(admin)
        assert lines and {line.username for line in lines} == {insurer.site.config.user}  # type: ignore[union-attr]
    finally:
        admin.close()
