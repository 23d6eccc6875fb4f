"""The daily integrity check: when the database was last checked, and running it when due."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from copilot.storage.dialects.sqlcipher import create_private_file, remove_quietly

if TYPE_CHECKING:
    from copilot.storage.db import Database

log = logging.getLogger(__name__)

CHECK_EVERY = timedelta(days=1)
RECORD_SUFFIX = ".checked"
_MAX_PROBLEMS_KEPT = 20


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class HealthReport:
    """One integrity check: when it ran and what it found (empty: healthy)."""

    checked_at: datetime
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def advice(self) -> str:
        """One line for the agent when the check failed; empty when healthy."""
        if self.ok:
            return ""
        return (
            f"The customer database failed its integrity check ({self.problems[0]}). "
            "Ask your supervisor to run `copilot check` and restore the newest backup with "
            "`copilot restore BACKUP`."
        )


def record_path(database: Database) -> Path | None:
    """The small file beside the database that holds the last check (no personal data)."""
    if database.path is None:
        return None
    return database.path.with_name(database.path.name + RECORD_SUFFIX)


def last_check(database: Database) -> HealthReport | None:
    """The last recorded check, or None if there is none (or it cannot be read)."""
    record = record_path(database)
    if record is None:
        return None
    try:
        data = json.loads(record.read_text(encoding="utf-8"))
        checked_at = datetime.fromisoformat(data["checked_at"])
        problems = tuple(str(p) for p in data["problems"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if checked_at.tzinfo is None:
        return None
    return HealthReport(checked_at=checked_at, problems=problems)


def check_now(database: Database, *, clock: Callable[[], datetime] = _utc_now) -> HealthReport:
    """Run `Database.check()` and record when, and what it found."""
    report = HealthReport(checked_at=clock(), problems=tuple(database.check()))
    _record(database, report)
    return report


def check_if_due(
    database: Database,
    *,
    clock: Callable[[], datetime] = _utc_now,
    every: timedelta = CHECK_EVERY,
) -> HealthReport | None:
    """The panel's hook: run the check if the last one is older than `every`, else None.

    Cheap when not due (one small file read), so the panel may call it at start and then
    hourly, from a worker thread: the check itself reads the whole file (seconds on a large
    database) in a read transaction, which never blocks the agent's writes (WAL). A failed
    check is repeated the next time: a damaged database should keep saying so.
    """
    previous = last_check(database)
    if previous is not None and previous.ok and clock() - previous.checked_at < every:
        return None
    return check_now(database, clock=clock)


def _record(database: Database, report: HealthReport) -> None:
    record = record_path(database)
    if record is None:
        return
    staging = record.with_name(record.name + ".new")
    data = {
        "checked_at": report.checked_at.isoformat(),
        "problems": list(report.problems[:_MAX_PROBLEMS_KEPT]),
    }
    try:
        remove_quietly(staging)
        create_private_file(staging)
        staging.write_text(json.dumps(data), encoding="utf-8")
        os.replace(staging, record)
    except OSError as exc:  # a full disk must not turn a check into an error
        log.warning("could not record the integrity check (%s)", exc.strerror or exc)
        remove_quietly(staging)
