"""Site mode: how fast a desk's outbox empties when the site server comes back.

    .venv/bin/python benchmarks/bench_outbox.py            # 1,000 contacts; BENCHMARKS.md
    .venv/bin/python benchmarks/bench_outbox.py --smoke    # 20 contacts, seconds, writes nothing

A throwaway PostgreSQL server on loopback (tests/pgserver.py). A desk in site mode (an
encrypted desk file, `copilot.site.mode.site_services`, its sync worker running) logs N
contacts while the server is stopped; the server is started again, and the clock runs until
the outbox is empty. Reported: from the server back to the worker's first successful
connection (its backoff), and from there to the outbox empty (the sending itself), with
contacts per second. Baseline in the same run: the same N `log_contact` calls made directly
on a `CustomerService` on the site database (what a desk does when nothing is queued).
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
PASSPHRASE = "bench-outbox"


def _site_config(url: str) -> object:
    from sqlalchemy import URL, make_url

    from copilot.site.config import SiteConfig

    parsed = make_url(url)
    public = URL.create(
        parsed.drivername, host=parsed.host, port=parsed.port, database=parsed.database
    )
    return SiteConfig(
        url=public.render_as_string(hide_password=False),
        user=parsed.username or "",
        campaign="bench",
    )


def _baseline(url: str, count: int) -> float:
    """Seconds for `count` log_contact calls straight on the site (one customer per 10)."""
    from copilot.storage.db import open_database
    from copilot.storage.schemas import IdentifierIn, IdentifierKind
    from copilot.storage.service import CustomerService

    site = open_database(url)
    try:
        service = CustomerService(site)
        ids = [
            service.create_customer(
                name=f"Base {n}",
                identifiers=[IdentifierIn(kind=IdentifierKind.phone, value=f"0813{n:08d}")],
            ).id
            for n in range(max(1, count // 10))
        ]
        started = time.perf_counter()
        for n in range(count):
            service.log_contact(
                contact_key=f"b{n:031x}", customer_id=ids[n % len(ids)], summary=f"call {n}"
            )
        return time.perf_counter() - started
    finally:
        site.close()


def _queue(desk_customers: object, count: int) -> None:
    from copilot.storage.schemas import IdentifierIn, IdentifierKind

    service = desk_customers
    ids = [
        service.create_customer(  # type: ignore[attr-defined]
            name=f"Offline {n}",
            identifiers=[IdentifierIn(kind=IdentifierKind.phone, value=f"0812{n:08d}")],
        ).id
        for n in range(max(1, count // 10))
    ]
    for n in range(count):
        service.log_contact(  # type: ignore[attr-defined]
            contact_key=f"d{n:031x}", customer_id=ids[n % len(ids)], summary=f"call {n}"
        )


def run(count: int) -> dict[str, float]:
    from pgserver import running_server

    from copilot.site.mode import site_services
    from copilot.site.sync import count_waiting
    from copilot.storage.db import open_database

    with running_server() as server, tempfile.TemporaryDirectory(prefix="bench-outbox-") as tmp:
        base_url = server.create_database("baseline")
        open_database(base_url).close()
        baseline_s = _baseline(base_url, count)

        url = server.create_database("site")
        open_database(url).close()
        desk = open_database(str(Path(tmp) / "desk.db"), passphrase=PASSPHRASE)
        customers, link = site_services(desk, _site_config(url), server.password)  # type: ignore[arg-type]
        online_at: list[float] = []
        link.subscribe(lambda s: online_at.append(time.perf_counter()) if s.online else None)
        try:
            server.stop()
            queued_started = time.perf_counter()
            _queue(customers, count)
            queue_s = time.perf_counter() - queued_started
            waiting = count_waiting(desk)
            online_at.clear()
            server.start_again()
            back = time.perf_counter()
            while count_waiting(desk):
                time.sleep(0.01)
            empty = time.perf_counter()
        finally:
            link.close()
            desk.close()
        first_online = online_at[0] if online_at else back
    return {
        "count": count,
        "waiting": waiting,
        "queue_s": queue_s,
        "backoff_s": first_online - back,
        "send_s": empty - first_online,
        "total_s": empty - back,
        "baseline_s": baseline_s,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="20 contacts; no BENCHMARKS.md")
    args = parser.parse_args(argv)
    if args.smoke:
        from copilot.site import link as link_module

        link_module.LAST_RETRY_S = 2.0  # a smoke run checks it works, not how long it waits
    r = run(20 if args.smoke else 1000)
    rate = r["count"] / r["send_s"] if r["send_s"] > 0 else float("inf")
    base_rate = r["count"] / r["baseline_s"]
    lines = [
        f"{r['count']:.0f} contacts queued offline in {r['queue_s']:.1f} s "
        f"({r['waiting']:.0f} outbox operations with their customers)",
        f"server back -> outbox empty: {r['total_s']:.1f} s "
        f"(backoff until the first connection {r['backoff_s']:.1f} s, sending {r['send_s']:.1f} s, "
        f"{rate:.0f} contacts/s)",
        f"baseline: the same log_contact calls straight on the site: {r['baseline_s']:.1f} s "
        f"({base_rate:.0f} contacts/s)",
    ]
    for line in lines:
        print(line)
    if args.smoke:
        return 0 if r["waiting"] and r["total_s"] < 120 else 1

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from _report import write_section  # type: ignore[import-not-found]

    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    machine = f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, Python "
    machine += platform.python_version()
    markdown = f"""## The outbox after the site server comes back (`bench_outbox`)

`.venv/bin/python benchmarks/bench_outbox.py` — {stamp}, {machine}.
A throwaway PostgreSQL server on loopback (durability off, as in the tests). A desk in site
mode (encrypted desk file, sync worker running) logs {r["count"]:.0f} contacts (to
{r["count"] / 10:.0f} customers it creates) while the server is stopped: {r["waiting"]:.0f}
operations wait in its outbox. The server is started again and the clock runs until the
outbox is empty, untouched by anyone.

| measure | result |
|---|---|
| server back → outbox empty | {r["total_s"]:.1f} s |
| of which: waiting for the worker's next retry (backoff, 1 s doubling to 30 s, jitter) | {r["backoff_s"]:.1f} s |
| of which: sending (one server transaction and one desk transaction per operation) | {r["send_s"]:.1f} s, {rate:.0f} contacts/s |
| baseline: the same {r["count"]:.0f} `log_contact` calls straight on the site service | {r["baseline_s"]:.1f} s, {base_rate:.0f} contacts/s |
| queueing them offline on the desk (cache + outbox, one desk transaction each) | {r["queue_s"]:.1f} s |

Each operation is applied in its own server transaction and then deleted from the outbox in
its own desk transaction (SQLCipher, synchronous FULL): a desk killed between the two sends it
again, harmlessly. The backoff wait depends on how long the server was away (the retry delay
had doubled up to that point); a write made on the desk wakes the worker at once.
"""  # noqa: E501
    write_section("outbox", markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
