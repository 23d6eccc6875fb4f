"""The access log: which login opened which customer's story, and when.

A customer's right to know who looked at their data (Indonesia's UU PDP, the GDPR). On the
site server the login is the database's own `current_user`, so a desk cannot write a line in
someone else's name; the site's grants let agents add lines but not read them (see
`copilot.site`). A line holds no personal data and no foreign key: erasing the customer leaves
it, pointing at an id that no longer leads anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, insert, literal, select

from copilot.storage.db import Database
from copilot.storage.kinds import as_utc, utc_now
from copilot.storage.models import AccessLog, table_of

ACCESS = table_of(AccessLog)
STORY = "story"


@dataclass(frozen=True)
class AccessLine:
    """One line of the access log."""

    at: datetime
    username: str
    customer_id: int
    action: str


def record_access(
    database: Database, customer_id: int, action: str = STORY, *, at: datetime | None = None
) -> None:
    """Add a line: the current login opened `customer_id` (`action`, e.g. its story)."""
    # On a server, the login the connection is made as; a desk file has one user, unnamed.
    who = func.current_user() if database.dialect_name == "postgresql" else literal("")
    # inline(): no RETURNING, which would need the right to read the log (agents have none).
    statement = (
        insert(ACCESS)
        .inline()
        .values(at=as_utc(at or utc_now()), username=who, customer_id=customer_id, action=action)
    )
    with database.write() as session:
        session.execute(statement)


def access_lines(
    database: Database, *, customer_id: int | None = None, limit: int = 1000
) -> list[AccessLine]:
    """The newest lines first (for one customer when given); readers need the right to read."""
    query = select(ACCESS.c.at, ACCESS.c.username, ACCESS.c.customer_id, ACCESS.c.action)
    if customer_id is not None:
        query = query.where(ACCESS.c.customer_id == customer_id)
    query = query.order_by(ACCESS.c.at.desc(), ACCESS.c.id.desc()).limit(max(1, limit))
    with database.session() as session:
        rows = session.execute(query).all()
    return [AccessLine(as_utc(at), username, cid, action) for at, username, cid, action in rows]
