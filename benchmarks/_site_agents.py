"""bench_site's simulated agents: processes doing find -> story -> log_contact on the site.

Each agent is a forked process with its own connection pool (logged in as the superuser, not as an
agent login under row security: `bench_site_rls` measures that cost) that counts every exception as
an error an agent would see; the run then checks that the database holds exactly the contacts the
agents were told were saved, and where the CPU went (PostgreSQL's processes against the agents').
"""

from __future__ import annotations

import multiprocessing
import os
import random
import resource
import time
import uuid
from pathlib import Path
from typing import Any

from bench_store import _pct, _typed
from pgserver import PgServer

FIND_ROWS = 21  # what the panel asks for: 20 rows and one more to know that more exist
GOAL_AGENT_ERRORS = 0

AGENT_PREFIX = "site-bench agent"
SUMMARIES = (
    "Tanya status klaim, sudah dijelaskan prosesnya",
    "Keluhan sinyal lemah di rumah, tiket dibuat",
    "Minta refund tagihan ganda, diteruskan ke billing",
    "Customer update alamat email, sudah diverifikasi",
    "Paket internet belum aktif setelah bayar",
)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# --- picks: identifiers as agents type them --------------------------------------------------


def sample_queries(database: Any, count: int, seed: int) -> list[tuple[str, str]]:
    """(typed query, stored value) for `count` random customers' identifiers."""
    from sqlalchemy import func, select

    from copilot.storage.statements import CUSTOMER, IDENTIFIER

    rng = random.Random(seed)
    picks: list[tuple[str, str]] = []
    with database.engine.connect() as connection:
        top = int(connection.execute(select(func.max(CUSTOMER.c.id))).scalar() or 0)
        while len(picks) < count:
            ids = [rng.randint(1, top) for _ in range(min(2_000, count - len(picks)))]
            rows = connection.execute(
                select(IDENTIFIER.c.customer_id, IDENTIFIER.c.kind, IDENTIFIER.c.value).where(
                    IDENTIFIER.c.customer_id.in_(ids)
                )
            ).all()
            owned: dict[int, list[tuple[str, str]]] = {}
            for customer_id, kind, value in rows:
                owned.setdefault(customer_id, []).append((kind, value))
            for customer_id in ids:
                if customer_id in owned:
                    kind, value = rng.choice(owned[customer_id])
                    picks.append((_typed(kind, value, rng), value))
    return picks[:count]


# --- (4) simulated agents --------------------------------------------------------------------


def _agent(
    number: int, url: str, queries: list[str], timing: tuple[float, float], *queues: Any
) -> None:
    """One agent's process: find -> story -> log_contact for `seconds`, a round every `pace`
    seconds (0: as fast as it can); timing is (seconds, pace), queues (ready, go, results)."""
    ready, go, results = queues
    seconds, pace = timing
    from copilot.storage.db import open_database
    from copilot.storage.service import CustomerService

    times: dict[str, list[float]] = {"find": [], "story": [], "log_contact": []}
    errors: list[str] = []
    saved = misses = 0
    rng = random.Random(number)
    database = open_database(url)
    try:
        service = CustomerService(database)
        service.story(service.find_matches(queries[0], limit=FIND_ROWS)[0].customer.id)  # warm
        ready.put(number)
        go.wait()
        cpu, started = cpu_seconds(), time.monotonic()
        offset = rng.random() * pace  # agents' rounds spread over the pace, not in step
        n = 0
        while time.monotonic() - started < seconds:
            if pace:
                time.sleep(max(0.0, started + offset + n * pace - time.monotonic()))
            query = queries[n % len(queries)]
            n += 1
            try:
                t0 = time.perf_counter()
                found = service.find_matches(query, limit=FIND_ROWS)
                t1 = time.perf_counter()
                times["find"].append(t1 - t0)
                if not found:
                    misses += 1
                    continue
                customer_id = found[0].customer.id
                service.story(customer_id, limit=10)
                t2 = time.perf_counter()
                times["story"].append(t2 - t1)
                logged = service.log_contact(
                    contact_key=uuid.uuid4().hex,
                    customer_id=customer_id,
                    agent=f"{AGENT_PREFIX} {number:02d}",
                    summary=rng.choice(SUMMARIES),
                    outcome="resolved",
                )
                times["log_contact"].append(time.perf_counter() - t2)
                saved += not logged.already_saved
            except Exception as exc:  # every failure an agent would see is counted, not fatal
                errors.append(f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}")
        ended, cpu = time.monotonic(), cpu_seconds() - cpu
    finally:
        database.close()
    results.put(
        {
            "times": times,
            "errors": errors,
            "saved": saved,
            "misses": misses,
            "started": started,
            "cpu": cpu,
            "ended": ended,
        }
    )


def _bench_contacts(database: Any) -> int:
    from sqlalchemy import func, select

    from copilot.storage.statements import INTERACTION

    with database.engine.connect() as connection:
        return int(
            connection.execute(
                select(func.count()).where(INTERACTION.c.agent.like(AGENT_PREFIX + " %"))
            ).scalar()
            or 0
        )


def _forget_bench_contacts(database: Any) -> None:
    """Delete the agents' contacts once counted: the kept demo stays the demo run after run."""
    from sqlalchemy import delete

    from copilot.storage.statements import INTERACTION

    with database.engine.begin() as connection:
        connection.execute(delete(INTERACTION).where(INTERACTION.c.agent.like(AGENT_PREFIX + " %")))


def server_cpu_seconds(server: PgServer) -> float:
    """CPU the server's processes have used: the postmaster's own and its children's, ended
    (reaped: backends of closed connections) and running, from /proc (Linux)."""
    pid = int((server.data_dir / "postmaster.pid").read_text().split()[0])
    tick = os.sysconf("SC_CLK_TCK")

    def fields(process: int) -> list[str]:
        stat = Path(f"/proc/{process}/stat").read_text()
        return stat[stat.rindex(")") + 2 :].split()  # after "pid (name) "

    own = fields(pid)
    total = sum(int(own[n]) for n in (11, 12, 13, 14))  # utime stime cutime cstime
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and entry.name != str(pid):
            try:
                stat = fields(int(entry.name))
            except (OSError, ValueError):
                continue  # gone meanwhile
            if stat[1] == str(pid):  # ppid
                total += int(stat[11]) + int(stat[12])
    return total / tick


def bench_agents(
    server: PgServer, database: Any, url: str, agents: int, timing: tuple[float, float]
) -> dict[str, Any]:
    """`agents` processes against the server at once; per-step latency, throughput, errors,
    and the contacts the database holds afterwards against the ones the agents were told saved."""
    queries = [q for q, _v in sample_queries(database, agents * 300, seed=23)]
    before = _bench_contacts(database)
    context = multiprocessing.get_context("fork")  # children start from the imported modules
    ready, results, go = context.Queue(), context.Queue(), context.Event()
    database.engine.dispose()  # no pooled connection may be shared with a child
    workers = [
        context.Process(
            target=_agent,
            args=(n, url, queries[n::agents], timing, ready, go, results),
            daemon=True,
        )
        for n in range(agents)
    ]
    spawn_started = time.perf_counter()
    for worker in workers:
        worker.start()
    for _ in workers:
        ready.get(timeout=600)
    spawn_seconds = time.perf_counter() - spawn_started
    load_before = os.getloadavg()[0]
    server_cpu = server_cpu_seconds(server)
    go.set()
    reports = [results.get(timeout=timing[0] + 600) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
    time.sleep(1)  # the agents' backends have ended; the postmaster reaps them (their CPU)
    server_cpu = server_cpu_seconds(server) - server_cpu
    after = _bench_contacts(database)
    _forget_bench_contacts(database)
    steps: dict[str, list[float]] = {"find": [], "story": [], "log_contact": []}
    for report in reports:
        for step, took in report["times"].items():
            steps[step] += took
    errors = [e for r in reports for e in r["errors"]]
    saved = sum(r["saved"] for r in reports)
    wall = max(r["ended"] for r in reports) - min(r["started"] for r in reports)
    return {
        "agents": agents,
        "seconds": timing[0],
        "pace": timing[1],
        "wall": wall,
        "spawn_seconds": spawn_seconds,
        "steps": {
            step: {"count": len(t), "p50": _pct(t, 50), "p99": _pct(t, 99)}
            for step, t in steps.items()
        },
        "saved": saved,
        "per_second": saved / wall,
        "arrived": after - before,
        "errors": len(errors),
        "error_examples": sorted(set(errors))[:3],
        "misses": sum(r["misses"] for r in reports),
        "agents_cpu": sum(r["cpu"] for r in reports),
        "server_cpu": server_cpu,
        "load": (load_before, os.getloadavg()[0]),
    }


def render_agents(crowd: dict[str, Any]) -> list[str]:
    steps = crowd["steps"]

    def per(cpu: float) -> str:
        return ms(cpu / max(1, crowd["saved"]))

    if crowd["pace"]:
        how = (
            f"a round every {crowd['pace']:g} s each ({crowd['agents'] / crowd['pace']:g} "
            "contacts/s offered: still several times what a 500-seat floor asks, about 1.7/s); "
            "the latency an agent sees when the server is busy but not saturated"
        )
    else:
        how = (
            f"no think time; all processes and the server share {os.cpu_count()} CPUs, so this "
            f"measures the floor saturated, not {crowd['agents']} people (who each log a "
            "contact every few minutes)"
        )
    lines = [
        f"**{crowd['agents']} simulated agents** (one process each) doing find → story → "
        f"log_contact in a loop for {crowd['seconds']:g} s against the server, {how}. Load "
        f"average {crowd['load'][0]:.1f} at the start, {crowd['load'][1]:.1f} at the end.",
        "",
        "| Step | Count | p50 | p99 |",
        "|---|---|---|---|",
    ]
    for step, figures in steps.items():
        lines.append(
            f"| {step} | {figures['count']:,} | {ms(figures['p50'])} | {ms(figures['p99'])} |"
        )
    lines += [
        "",
        f"Contacts saved: {crowd['saved']:,} in {crowd['wall']:.1f} s = "
        f"**{crowd['per_second']:,.1f} contacts/s**; in the database afterwards: "
        f"{crowd['arrived']:,} ({_once(crowd['arrived'], crowd['saved'])}). "
        f"Errors shown to an agent: **{crowd['errors']}** (goal {GOAL_AGENT_ERRORS}: "
        f"{verdict(crowd['errors'] <= GOAL_AGENT_ERRORS)})"
        + (f", e.g. `{crowd['error_examples'][0]}`" if crowd["error_examples"] else "")
        + f"; finds that missed: {crowd['misses']}. Starting the {crowd['agents']} processes "
        f"(each opens the site and warms up) took {crowd['spawn_seconds']:.0f} s, not counted.",
    ]
    if crowd["pace"]:
        return lines
    return [
        *lines,
        "",
        f"Where the CPU went: PostgreSQL's processes {crowd['server_cpu']:.1f} s, the agents "
        f"{crowd['agents_cpu']:.1f} s, of {os.cpu_count()} CPUs × {crowd['wall']:.0f} s. Per "
        f"contact (find + story + log_contact): **{per(crowd['server_cpu'])} of server "
        f"CPU**, {per(crowd['agents_cpu'])} in the agent. A server core alone would take "
        f"about {crowd['saved'] / crowd['server_cpu']:,.0f} contacts/s; a 500-seat floor "
        "logging one contact per agent every 5 minutes asks for 1.7/s.",
    ]


def _once(arrived: int, saved: int) -> str:
    return "every one, once" if arrived == saved else "**not what the agents were told**"
