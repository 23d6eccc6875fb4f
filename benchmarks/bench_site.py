"""Site mode on a loopback PostgreSQL holding the 1M-customer demo (issue 10 "Figures").

    .venv/bin/python benchmarks/bench_site.py            # 1M customers; writes BENCHMARKS.md
    .venv/bin/python benchmarks/bench_site.py --smoke    # 2,000 customers, seconds, writes nothing

Measures, in one run against one server:
(1) loading the demo (`copilot.storage.demo.generate`, the desk benchmark's generator and seed)
    through the bulk loader into PostgreSQL, once: the loaded cluster is kept under bench-data/
    and started again (fresh port, fresh password) by later runs;
(2) find by identifier p50/p99 through `CustomerService.find_matches` (as the panel asks), each
    lookup beside the same statement with the same parameters through raw psycopg;
(3) the story so far p50/p95 (the long-history customer, and random ones), beside the same six
    statements through raw psycopg;
(4) N simulated agents (processes, `_site_agents.py`) doing find -> story -> log_contact in a
    loop for S seconds, first with no think time (the floor saturated), then a round every
    `--pace` seconds each: p50/p99 per step, contacts per second, errors, whether every
    contact arrived once, and the server's CPU per contact.
The server runs with fsync, synchronous_commit and full_page_writes on while measuring (the
load runs with them off: a failed load is redone from scratch).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH_DATA = ROOT / "bench-data"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _site_agents import (  # noqa: E402
    FIND_ROWS,
    GOAL_AGENT_ERRORS,
    bench_agents,
    cpu_seconds,
    ms,
    render_agents,
    sample_queries,
    verdict,
)
from bench_store import _pct  # noqa: E402  (after the path set-up)
from pgserver import PgServer, running_server  # noqa: E402

SEED = 7
FULL_CUSTOMERS = 1_000_000
SMOKE_CUSTOMERS = 2_000
DATABASE = "demo"
REGION = "ID"

GOAL_FIND_P99_MS = 5.0
GOAL_STORY_P95_MS = 10.0


def _say(text: str) -> None:
    print(f"[bench_site] {text}", file=sys.stderr, flush=True)


# --- (1) the server and the loaded demo ------------------------------------------------------


@contextmanager
def site_server(customers: int, *, keep: bool) -> Iterator[PgServer]:
    """A throwaway server, or (keep) the cluster kept under bench-data/ for this size and seed."""
    if not keep:
        with running_server() as server:
            yield server
        return
    server = PgServer.keep(BENCH_DATA / f"site-pg-{customers}-s{SEED}")
    try:
        yield server
    finally:
        server.stop()


def _databases(server: PgServer) -> set[str]:
    import psycopg

    with closing(psycopg.connect(_conninfo(server.url()), autocommit=True)) as connection:
        return {row[0] for row in connection.execute("SELECT datname FROM pg_database")}


def _conninfo(url: str) -> str:
    """A libpq connection string for raw psycopg from a SQLAlchemy URL."""
    from psycopg.conninfo import make_conninfo
    from sqlalchemy import make_url

    parts = make_url(url)
    return make_conninfo(
        host=parts.host,
        port=parts.port,
        user=parts.username,
        password=parts.password,
        dbname=parts.database,
    )


def _durable(server: PgServer, on: bool) -> None:
    """Durability for measuring (on) or off for loading; applied by a reload."""
    value = "on" if on else "off"
    for setting in ("fsync", "synchronous_commit", "full_page_writes"):
        server.execute(f"ALTER SYSTEM SET {setting} = {value}")
    server.execute("SELECT pg_reload_conf()")


def ensure_loaded(server: PgServer, customers: int, *, shared_buffers: str) -> dict[str, Any]:
    """The demo database on `server` (loaded now if missing); how and when it was loaded."""
    record = server.root / "made.json"
    made = json.loads(record.read_text(encoding="utf-8")) if record.exists() else {}
    if DATABASE in _databases(server) and made.get("schema") == schema_fingerprint():
        made["reused"] = True
    else:
        made = _load(server, customers) | {"schema": schema_fingerprint()}
        record.write_text(json.dumps(made), encoding="utf-8")
        made["reused"] = False
    server.execute(f"ALTER SYSTEM SET shared_buffers = '{shared_buffers}'")
    _durable(server, True)
    server.stop()  # shared_buffers takes a restart
    server.start_again()
    return made


def schema_fingerprint() -> str:
    """A hash of the migrations: a kept database made by other migrations is loaded again
    (an unreleased migration may still change, and the figures must be of today's schema)."""
    import hashlib

    versions = ROOT / "copilot" / "storage" / "migrations" / "versions"
    digest = hashlib.sha256()
    for path in sorted(versions.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _load(server: PgServer, customers: int) -> dict[str, Any]:
    """Load the demo into a fresh database, then give it its final name (so a half-made one
    is never taken for a loaded one)."""
    from copilot.storage import demo
    from copilot.storage.db import open_database

    partial = DATABASE + "_partial"
    server.drop_database(partial)
    server.drop_database(DATABASE)
    _durable(server, False)
    url = server.create_database(partial)
    started, cpu = time.perf_counter(), cpu_seconds()
    shown = [0.0]

    def progress(done: int, total: int) -> None:
        if time.perf_counter() - shown[0] > 30 or done == total:
            shown[0] = time.perf_counter()
            _say(f"  loaded {done:,} of {total:,} customers ({shown[0] - started:.0f} s)")

    database = open_database(url)
    try:
        summary = demo.generate(database, customers=customers, seed=SEED, progress=progress)
    finally:
        database.close()
    loaded = time.perf_counter() - started
    loader_cpu = cpu_seconds() - cpu
    # What autovacuum would do after a while, now: the planner's statistics and the visibility
    # map (index-only scans), so the figures are the steady state, not the first hour.
    vacuum_started = time.perf_counter()
    server.execute("VACUUM (ANALYZE)", database=partial)
    server.execute(f'ALTER DATABASE "{partial}" RENAME TO "{DATABASE}"')
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "customers": summary.customers,
        "interactions": summary.interactions,
        "facts": summary.facts,
        "commitments": summary.commitments,
        "seconds": loaded,
        "loader_cpu_seconds": loader_cpu,
        "vacuum_seconds": time.perf_counter() - vacuum_started,
        "load": os.getloadavg()[0],
    }


def wait_for_quiet(limit: float) -> None:
    """Wait up to `limit` seconds for the machine to calm down (1-minute load average under half
    the CPUs): it is shared, and a latency percentile taken while others' tests run measures
    them. The load at each phase's start is reported either way."""
    deadline = time.monotonic() + limit
    while os.getloadavg()[0] >= (os.cpu_count() or 1) / 2 and time.monotonic() < deadline:
        time.sleep(5)


def compiled(statement: Any) -> str:
    """A store statement as psycopg runs it: the very SQL SQLAlchemy sends, for the baseline."""
    from sqlalchemy.dialects.postgresql import psycopg as pg

    return str(statement.compile(dialect=pg.dialect()))


# --- (2) find by identifier ------------------------------------------------------------------


def bench_find(database: Any, url: str, queries: list[tuple[str, str]]) -> dict[str, Any]:
    """Each query through the service and as the same statement in raw psycopg, alternating
    which goes first (the first to touch a customer's pages pays for reading them)."""
    import psycopg

    from copilot.storage import statements
    from copilot.storage.identity import guess_kinds
    from copilot.storage.lookup import printable
    from copilot.storage.service import CustomerService

    service = CustomerService(database)
    prepared = []
    for query, _value in queries:
        guess = guess_kinds(printable(query), REGION, validate=False)
        params: dict[str, Any] = {}
        for n, (kind, value) in enumerate(guess.identifiers):
            params[f"k{n}"], params[f"v{n}"] = kind.value, value
        prepared.append((compiled(statements.by_identifiers(len(guess.identifiers))), params))
    ours: list[float] = []
    theirs: list[float] = []
    misses = 0
    with closing(psycopg.connect(_conninfo(url))) as raw:

        def raw_once(sql: str, params: dict[str, Any]) -> float:
            started = time.perf_counter()
            raw.execute(sql, params).fetchall()
            raw.rollback()  # a read unit ends like the service's: the transaction closed
            return time.perf_counter() - started

        for (query, _value), (sql, params) in zip(queries[:100], prepared[:100], strict=True):
            service.find_matches(query, limit=FIND_ROWS)  # warm the pool and the code paths
            raw_once(sql, params)
        for n, ((query, value), (sql, params)) in enumerate(zip(queries, prepared, strict=True)):
            for step in (0, 1) if n % 2 else (1, 0):
                if step:
                    theirs.append(raw_once(sql, params))
                    continue
                started = time.perf_counter()
                found = service.find_matches(query, limit=FIND_ROWS)
                ours.append(time.perf_counter() - started)
                misses += not any(i.value == value for f in found for i in f.customer.identifiers)
    return _paired(ours, theirs, (50, 99)) | {"count": len(queries), "misses": misses}


def _paired(ours: list[float], theirs: list[float], qs: tuple[int, int]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for q in qs:
        out[f"p{q}"], out[f"raw_p{q}"] = _pct(ours, q), _pct(theirs, q)
        out[f"ratio_p{q}"] = _pct(ours, q) / _pct(theirs, q)
    return out


# --- (3) the story so far --------------------------------------------------------------------


class RawStory:
    """The story's six statements (customer, facts, open promises, counts, recent contacts,
    their overrides) compiled once, run on one raw psycopg connection in one transaction."""

    def __init__(self, connection: Any) -> None:
        from copilot.storage import statements

        self.connection = connection
        self.customer = compiled(statements.by_ids(1))
        self.facts = compiled(statements.STORY_FACTS)
        self.promises = compiled(statements.STORY_PROMISES)
        self.counts = compiled(statements.STORY_COUNTS)
        self.contacts = compiled(statements.STORY_CONTACTS)
        self.overrides = {n: compiled(statements.overrides_of(n)) for n in range(1, 11)}
        self.id_at = list(statements.INTERACTION.c.keys()).index("id")

    def __call__(self, customer_id: int, now: datetime) -> float:
        run = self.connection.execute
        started = time.perf_counter()
        run(self.customer, {"c0": customer_id}).fetchall()
        run(self.facts, {"c": customer_id, "now": now}).fetchall()
        run(self.promises, {"c": customer_id, "open": "open"}).fetchall()
        since = {"d7": now - timedelta(days=7), "d30": now - timedelta(days=30)}
        run(self.counts, {"c": customer_id, "now": now, **since}).fetchall()
        rows = run(self.contacts, {"c": customer_id, "limit": 10}).fetchall()
        if rows:
            params = {f"i{n}": row[self.id_at] for n, row in enumerate(rows)}
            run(self.overrides[len(rows)], params).fetchall()
        self.connection.rollback()
        return time.perf_counter() - started


def bench_story(database: Any, url: str, runs: int, random_ids: list[int]) -> dict[str, Any]:
    """The long-history customer (id 1, as on the desk) `runs` times, then random customers,
    each through the service and raw psycopg, alternating which goes first."""
    import psycopg

    from copilot.storage.service import CustomerService

    service = CustomerService(database)
    now = datetime.now(UTC)
    with closing(psycopg.connect(_conninfo(url))) as raw:
        raw_story = RawStory(raw)
        total = service.story(1, limit=10).total_interactions
        for _ in range(20):
            service.story(1, limit=10)
            raw_story(1, now)
        out: dict[str, Any] = {"interactions": total}
        for label, ids in (("long", [1] * runs), ("random", random_ids)):
            ours: list[float] = []
            theirs: list[float] = []
            for n, customer_id in enumerate(ids):
                for step in (0, 1) if n % 2 else (1, 0):
                    if step:
                        theirs.append(raw_story(customer_id, now))
                        continue
                    started = time.perf_counter()
                    service.story(customer_id, limit=10)
                    ours.append(time.perf_counter() - started)
            out[label] = _paired(ours, theirs, (50, 95)) | {"count": len(ids)}
    return out


# --- report ----------------------------------------------------------------------------------


NOTES = (
    "Measured by hand on 2026-12-06 (not rerun by this script): EXPLAIN (ANALYZE, BUFFERS) of "
    "find's `by_identifiers`, the story's six statements and log_contact's key check on the "
    "1M database: every one an index scan (the story's counts an index-only scan), 0.05-1.4 ms "
    "each from a cold start; no slow query. Nothing here needed an index beyond migration 0004's.",
    "",
    "The site's search indexes (migration 0004: two tsvector GIN indexes on interactions, two "
    "on facts, a trigram index on names) are maintained during the load: the same load took "
    "399 s wall-clock (206 s of loader CPU) on 2026-12-06 before 0004 had them, against the "
    "figure above. For a site import of this size, building those indexes after the load is "
    "the bigger win; COPY the second.",
    "",
    "COPY instead of executemany (measured by hand, 2026-12-06, on the schema before the "
    "search indexes: `demo.generate` of 100,000 "
    "customers, 536,958 interactions, into fresh databases on one throwaway server, the "
    "loader's `_Batch.write_now` swapped for psycopg's `cursor.copy` + `write_row`, "
    "alternating, load average 6-18 from other work): executemany 41.9 s and 31.4 s wall, "
    "20.4 s and 19.5 s of loader CPU; COPY 23.0 s and 21.7 s wall, 8.5 s and 8.9 s of loader "
    "CPU. About 1.5x the wall-clock and 2.3x the loader's CPU: worth a dialect seam "
    "(`Dialect.copy_rows`, PostgreSQL's with COPY) when site imports grow; not needed for a "
    "one-off demo load of a few minutes.",
    "",
)


def server_facts(server: PgServer) -> dict[str, Any]:
    import psycopg

    with closing(psycopg.connect(_conninfo(server.url(DATABASE)), autocommit=True)) as raw:
        version = raw.execute("SHOW server_version").fetchone()
        size = raw.execute("SELECT pg_database_size(current_database())").fetchone()
        buffers = raw.execute("SHOW shared_buffers").fetchone()
    return {
        "version": str(version[0]) if version else "?",
        "bytes": int(size[0]) if size else 0,
        "shared_buffers": str(buffers[0]) if buffers else "?",
    }


def render(results: dict[str, Any], command: str) -> str:
    """The "Site mode (PostgreSQL)" section of BENCHMARKS.md."""
    made, server = results["made"], results["server"]
    find, story = results["find"], results["story"]
    loaded = (
        f"loaded by an earlier run on {made['date']}"
        if made.get("reused")
        else "loaded in this run"
    )
    lines = [
        "## Site mode (PostgreSQL) (`benchmarks/bench_site.py`)",
        "",
        f"Command: `{command}` — run {results['date']} on {results['machine']}. PostgreSQL "
        f"{server['version']} on loopback (`tests/pgserver.py`, shared_buffers "
        f"{server['shared_buffers']}, fsync, synchronous_commit and full_page_writes on), "
        f"the agents log in as the superuser, not as agent logins under row security "
        "(`bench_site_rls` measures what that costs). The demo: "
        f"{results['customers']:,} customers, {made.get('interactions', 0):,} interactions "
        f"(`demo.generate`, seed {SEED}, as the desk's 1M file), {loaded}; database "
        f"{server['bytes'] / 1e9:.2f} GB. Load average (1 min) at the start and end of "
        f"each phase: {results['load']}.",
        "",
        "| What | Measured | Raw psycopg, same SQL | Ours / raw | Goal | |",
        "|---|---|---|---|---|---|",
        f"| Find by identifier ({find['count']:,} random customers, typed as agents type; "
        f"`find_matches`, 21 rows) | p50 {ms(find['p50'])}, p99 {ms(find['p99'])} | "
        f"p50 {ms(find['raw_p50'])}, p99 {ms(find['raw_p99'])} | {find['ratio_p50']:.1f}× / "
        f"{find['ratio_p99']:.1f}× | p99 ≤ {GOAL_FIND_P99_MS:g} ms | "
        f"{verdict(find['p99'] * 1000 <= GOAL_FIND_P99_MS and find['misses'] == 0)} |",
    ]
    for label, what in (
        ("long", f"the long-history customer ({story['interactions']} interactions)"),
        ("random", "random customers"),
    ):
        one = story[label]
        lines.append(
            f"| Story so far, {what}, {one['count']:,} reads | p50 {ms(one['p50'])}, p95 "
            f"{ms(one['p95'])} | p50 {ms(one['raw_p50'])}, p95 {ms(one['raw_p95'])} | "
            f"{one['ratio_p50']:.1f}× / {one['ratio_p95']:.1f}× | p95 ≤ {GOAL_STORY_P95_MS:g} "
            f"ms | {verdict(one['p95'] * 1000 <= GOAL_STORY_P95_MS)} |"
        )
    for crowd in results["agents"]:
        lines += ["", *render_agents(crowd)]
    lines += ["", *render_load(made), *NOTES]
    return "\n".join(lines) + "\n"


def render_load(made: dict[str, Any]) -> list[str]:
    if "seconds" not in made:
        return []
    return [
        f"Loading the demo into PostgreSQL (bulk loader, executemany through psycopg 3, "
        f"durability off): {made['seconds']:.0f} s wall-clock, {made['loader_cpu_seconds']:.0f} "
        f"s of the loader's CPU, for {made['customers']:,} customers, {made['interactions']:,} "
        f"interactions, {made['facts']:,} facts and {made['commitments']:,} promises; then "
        f"VACUUM (ANALYZE) {made['vacuum_seconds']:.0f} s (load average {made['load']:.1f}, "
        f"{made['date']}).",
        "",
    ]


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="2,000 customers; no BENCHMARKS.md")
    parser.add_argument("--agents", type=int, default=None)
    parser.add_argument("--seconds", type=float, default=None)
    parser.add_argument(
        "--pace",
        type=float,
        default=None,
        help="seconds between an agent's rounds in the second agents run (default 5; smoke 0.5)",
    )
    parser.add_argument(
        "--quiet-wait",
        type=float,
        default=None,
        help="seconds to wait, before each phase, for a calmer machine (default 300; smoke 0)",
    )
    args = parser.parse_args(argv)
    args.customers = SMOKE_CUSTOMERS if args.smoke else FULL_CUSTOMERS
    args.finds, args.stories = (200, 50) if args.smoke else (5_000, 500)
    args.agents = args.agents or (4 if args.smoke else 50)
    args.seconds = args.seconds or (3.0 if args.smoke else 60.0)
    args.pace = args.pace or (0.5 if args.smoke else 5.0)
    if args.quiet_wait is None:
        args.quiet_wait = 0.0 if args.smoke else 300.0
    return args


def measure(args: argparse.Namespace) -> dict[str, Any]:
    """Every figure of one run, on one server."""
    from copilot.storage.db import open_database

    loads: list[str] = []

    def phase(name: str, run: Any) -> Any:
        wait_for_quiet(args.quiet_wait)
        before = os.getloadavg()[0]
        _say(name)
        result = run()
        loads.append(f"{name.split(':')[0]} {before:.1f} → {os.getloadavg()[0]:.1f}")
        return result

    customers, stories = args.customers, args.stories
    with site_server(customers, keep=not args.smoke) as server:
        _say(f"the demo of {customers:,} customers on PostgreSQL")
        made = ensure_loaded(server, customers, shared_buffers="128MB" if args.smoke else "2GB")
        url = server.url(DATABASE)
        database = open_database(url)
        try:
            queries = sample_queries(database, args.finds, seed=11)
            find = phase(
                f"find: {len(queries):,} lookups", lambda: bench_find(database, url, queries)
            )
            ids = [random.Random(13).randint(2, customers) for _ in range(stories)]
            story = phase(
                f"story: {stories:,} reads of each",
                lambda: bench_story(database, url, stories, ids),
            )
            crowds = [
                phase(
                    f"agents: {args.agents} for {args.seconds:g} s, a round every {every:g} s",
                    lambda every=every: bench_agents(
                        server, database, url, args.agents, (args.seconds, every)
                    ),
                )
                for every in (0.0, args.pace)
            ]
        finally:
            database.close()
        facts = server_facts(server)
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}",
        "customers": customers,
        "made": made,
        "server": facts,
        "find": find,
        "story": story,
        "agents": crowds,
        "load": "; ".join(loads) + f" (on {os.cpu_count()} CPUs, shared with other work)",
    }


def main(argv: list[str] | None = None) -> int:
    # `kill` (TERM) ends the run like Ctrl+C: the kept server is stopped on the way out.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    args = _arguments(argv)
    results = measure(args)
    command = "python benchmarks/bench_site.py" + (" --smoke" if args.smoke else "")
    markdown = render(results, command)
    print(markdown)
    if not args.smoke:
        from _report import write_section

        write_section("site", markdown)
        _say("wrote the site section of BENCHMARKS.md")
    crowds = results["agents"]
    failed = any(c["errors"] > GOAL_AGENT_ERRORS or c["arrived"] != c["saved"] for c in crowds)
    return 1 if failed or results["find"]["misses"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
