"""Torture the store: kills mid-write, -import, -backup and -erase; racing writers; masking.

    .venv/bin/python benchmarks/torture.py [--kills 25] [--writers 10] [--contacts 200] [--smoke]

Each kill phase starts a child process that works on one encrypted database and appends, after
each commit returns, what it committed to a log file; the parent SIGKILLs it after a random
delay, then opens the database and checks it: `Database.check()` (integrity, cipher HMACs,
full-text indexes, foreign keys) and that everything the log says was committed is there. The
writers phase runs several processes at once on an overlapping pool of phone numbers and counts
lost contacts, duplicate customers and errors. The masking phase generates card numbers in
many spellings and counts the ones that survive `mask_payment_secrets`. Full runs rewrite the
`torture` section of BENCHMARKS.md; `--smoke` runs tiny and writes nothing.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from _report import write_section
from card_check import surviving_cards  # the masking tests' own, independent checker

PASSPHRASE = "torture-test-passphrase"
ROOT = Path(__file__).resolve().parent.parent
PHONES = [f"0812{n:08d}" for n in range(40)]  # a small pool: writers collide on purpose
ERASE_PHONES = [f"0857{n:08d}" for n in range(1000)]  # enough customers to be erasing when killed


# --- children --------------------------------------------------------------------------------


def _open(db: str):  # type: ignore[no-untyped-def]
    from copilot.storage.db import open_database
    from copilot.storage.service import CustomerService

    database = open_database(db, passphrase=PASSPHRASE)
    return database, CustomerService(database)


def child_writes(db: str, log: str, seed: int, count: int, phones: list[str] = PHONES) -> int:
    """Log contacts one by one; after each commit append its interaction id to `log`."""
    from copilot.storage.schemas import IdentifierIn, IdentifierKind, InteractionCreate

    rng = random.Random(seed)
    database, service = _open(db)
    with open(log, "a", encoding="utf-8") as out:
        for n in range(count):
            result = service.add_interaction(
                InteractionCreate(
                    identifiers=[IdentifierIn(kind=IdentifierKind.phone, value=rng.choice(phones))],
                    summary=f"torture contact {seed}-{n}",
                    notes="card 4111 1111 1111 1111" if n % 7 == 0 else "",
                )
            )
            out.write(f"{result.interaction_id}\n")
            out.flush()
    database.close()
    return 0


def child_erases(db: str, log: str, seed: int, count: int) -> int:
    """Erase customers one by one; after each erase returns append the erased id to `log`."""
    database, service = _open(db)
    from copilot.storage.schemas import IdentifierKind

    with open(log, "a", encoding="utf-8") as out:
        for phone in random.Random(seed).sample(ERASE_PHONES, min(count, len(ERASE_PHONES))):
            found = service.find(phone)
            if not found:
                continue
            customer = found[0]
            assert any(i.kind is IdentifierKind.phone for i in customer.identifiers)
            service.erase(customer_id=customer.id, by="torture")
            out.write(f"{customer.id}\n")
            out.flush()
    database.close()
    return 0


def child_backup(db: str, dest: str) -> int:
    database, _ = _open(db)
    database.backup(Path(dest))
    database.close()
    return 0


# --- the parent ------------------------------------------------------------------------------


@dataclass
class Phase:
    name: str
    kills: int = 0
    finished_before_kill: int = 0
    checked_ids: int = 0
    lost: int = 0
    integrity_failures: int = 0
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["COPILOT_DB_PASSPHRASE"] = PASSPHRASE
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _child(args: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "--child", *args],
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _kill_after(proc: subprocess.Popen[bytes], delay: float) -> bool:
    """SIGKILL `proc` after `delay` seconds; False when it had already finished."""
    try:
        proc.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        return True
    if proc.returncode != 0:
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        raise SystemExit(f"error: a child failed on its own:\n{err}")
    return False


def _logged(log: Path) -> list[int]:
    if not log.exists():
        return []
    # The last line may be cut by the kill; only whole lines count.
    text = log.read_text(encoding="utf-8")
    return [int(line) for line in text.split("\n")[:-1] if line.strip()]


def _check(db: str, phase: Phase, must_exist: list[int], must_be_gone: list[int]) -> None:
    database, _service = _open(db)
    try:
        problems = database.check()
        if problems:
            phase.integrity_failures += 1
            phase.notes.append(problems[0])
        with database.engine.connect() as conn:
            ids = {row[0] for row in conn.exec_driver_sql("SELECT id FROM interaction")}
            customers = {row[0] for row in conn.exec_driver_sql("SELECT id FROM customer")}
        phase.checked_ids += len(must_exist) + len(must_be_gone)
        phase.lost += sum(1 for i in must_exist if i not in ids)
        phase.lost += sum(1 for c in must_be_gone if c in customers)
    finally:
        database.close()


def _seed(db: str, kind: str = "writes", count: int = len(PHONES) * 2) -> None:
    proc = _child([kind, db, os.devnull, "999", str(count)])
    if proc.wait() != 0:
        raise SystemExit(proc.stderr.read().decode() if proc.stderr else "seeding failed")


def phase_writes(tmp: Path, kills: int, rng: random.Random) -> Phase:
    phase = Phase("kill during writes")
    db, log = str(tmp / "writes.db"), tmp / "writes.log"
    _seed(db)
    for n in range(kills):
        proc = _child(["writes", db, str(log), str(n), "5000"])
        # The child needs about a second to import and derive the key before its first write.
        phase.kills += _kill_after(proc, rng.uniform(1.5, 4.0))
        _check(db, phase, _logged(log), [])
    return phase


def phase_erases(tmp: Path, kills: int, rng: random.Random) -> Phase:
    phase = Phase("kill during erases")
    db, log = str(tmp / "erases.db"), tmp / "erases.log"
    for n in range(kills):
        _seed(db, "seed-erasable", len(ERASE_PHONES) * 2)  # customers to erase (again)
        proc = _child(["erases", db, str(log), str(n), str(len(ERASE_PHONES))])
        phase.kills += _kill_after(proc, rng.uniform(1.1, 2.5))
        erased = _logged(log)
        _check(db, phase, [], erased)
        log.unlink(missing_ok=True)  # a later seed may create those phones again
    return phase


def phase_backups(tmp: Path, kills: int, rng: random.Random, customers: int) -> Phase:
    phase = Phase("kill during backups")
    db = str(tmp / "backup.db")
    # Large enough that the copy itself (VACUUM INTO) takes a while to kill it in.
    subprocess.run(
        [sys.executable, "-m", "copilot", "--db", db, "demo", "--customers", str(customers)],
        env=_env(),
        check=True,
        capture_output=True,
    )
    for n in range(kills):
        dest = tmp / "backups" / f"b{n}.db"
        proc = _child(["backup", db, str(dest)])
        killed = _kill_after(proc, rng.uniform(0.8, 2.0))
        phase.kills += killed
        phase.finished_before_kill += not killed
        _check(db, phase, [], [])
        if dest.exists():
            copy, _ = _open(str(dest))
            try:
                if copy.check():
                    phase.integrity_failures += 1
                    phase.notes.append(f"backup {dest.name} fails its check")
            finally:
                copy.close()
    # A killed backup leaves its locked .partial; the next backup must clear every one of them.
    killed = len(list((tmp / "backups").glob("*.partial")))
    if _child(["backup", db, str(tmp / "backups" / "final.db")]).wait() != 0:
        phase.notes.append("the backup after the kills failed")
    leftovers = len(list((tmp / "backups").glob("*.partial")))
    phase.notes.append(
        f".partial files: {killed} after the last kill, {leftovers} after the next backup"
    )
    phase.lost += leftovers
    return phase


def _import_file(path: Path, rows: int) -> None:
    from copilot.storage.transfer import COLUMNS

    start = datetime(2026, 1, 1, tzinfo=UTC)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for n in range(rows):
            record = {
                "name": f"Pelanggan {n % 500}",
                "phone": f"0813{n % 500:08d}",
                "channel": "phone",
                "started_at": (start + timedelta(minutes=n)).isoformat(),
                "agent": "torture",
                "summary": f"imported contact {n}",
            }
            writer.writerow([record.get(column, "") for column in COLUMNS])


def phase_imports(tmp: Path, kills: int, rng: random.Random, rows: int) -> Phase:
    phase = Phase("kill during imports")
    db, source = str(tmp / "import.db"), tmp / "contacts.csv"
    _import_file(source, rows)
    copilot = [sys.executable, "-m", "copilot", "--db", db, "import", str(source)]
    for _ in range(kills):
        proc = subprocess.Popen(
            copilot, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        phase.kills += _kill_after_any(proc, rng.uniform(0.8, 3.0))
        _check(db, phase, [], [])
    subprocess.run(copilot, env=_env(), check=True, capture_output=True)
    database, _ = _open(db)
    try:
        with database.engine.connect() as conn:
            stored = conn.exec_driver_sql("SELECT count(*) FROM interaction").scalar()
    finally:
        database.close()
    phase.checked_ids += rows
    if stored != rows:
        phase.lost += abs(rows - int(stored or 0))
        phase.notes.append(f"after the re-run: {stored} contacts stored for {rows} rows")
    return phase


def _kill_after_any(proc: subprocess.Popen[bytes], delay: float) -> bool:
    try:
        proc.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        return True


@dataclass
class Writers:
    processes: int
    contacts_each: int
    stored: int = 0
    customers: int = 0
    distinct_phones: int = 0
    errors: int = 0
    seconds: float = 0.0


def phase_writers(tmp: Path, processes: int, contacts: int) -> Writers:
    db = str(tmp / "writers.db")
    _open(db)[0].close()  # create it once, so the writers do not race to migrate
    started = time.perf_counter()
    procs = [
        _child(["writes", db, str(tmp / f"w{n}.log"), str(1000 + n), str(contacts)])
        for n in range(processes)
    ]
    result = Writers(processes, contacts)
    for proc in procs:
        if proc.wait() != 0:
            result.errors += 1
            err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
            print(err.strip().splitlines()[-1:] or "?", file=sys.stderr)
    result.seconds = time.perf_counter() - started
    database, _ = _open(db)
    try:
        with database.engine.connect() as conn:
            result.stored = int(conn.exec_driver_sql("SELECT count(*) FROM interaction").scalar())
            result.customers = int(conn.exec_driver_sql("SELECT count(*) FROM customer").scalar())
            result.distinct_phones = int(
                conn.exec_driver_sql(
                    "SELECT count(DISTINCT value) FROM identifier WHERE kind = 'phone'"
                ).scalar()
            )
    finally:
        database.close()
    return result


# --- masking ---------------------------------------------------------------------------------

_SEPARATORS = (" ", "\u00a0", "\u2009", "\u202f", ".", "-", "/", "")
_DIGIT_BASES = (
    0x30,
    0xFF10,
    0x0660,
    0x06F0,
    0x0966,
)  # ASCII, full-width, Arabic-Indic x2, Devanagari
_PREFIXES = ("", "card", "kartu ", "Rp", "order", "no.", "#", "nomor kartu saya ", "cc:")


def _luhn_number(rng: random.Random) -> str:
    length = rng.randint(13, 19)
    # No card number starts with 0 (ISO/IEC 7812 reserves it), and the masker leaves such
    # runs alone on purpose: they are phone numbers ("0812…").
    body = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(length - 2)]
    total = 0
    for i, digit in enumerate(reversed(body)):
        d = digit * 2 if i % 2 == 0 else digit
        total += d - 9 if d > 9 else d
    return "".join(map(str, body)) + str((10 - total % 10) % 10)


def _spell(number: str, rng: random.Random) -> str:
    base = rng.choice(_DIGIT_BASES)
    separator = rng.choice(_SEPARATORS)
    group = rng.choice((1, 4, 4, 4, 3))
    digits = [chr(base + int(d)) for d in number]
    out = []
    for i, digit in enumerate(digits):
        if i and i % group == 0:
            out.append(separator)
        out.append(digit)
    return rng.choice(_PREFIXES) + "".join(out) + rng.choice(("", " ", ".", " ya", "x"))


def phase_masking(cases: int, rng: random.Random) -> tuple[int, int, int, float]:
    """(cases, survivors, not idempotent, seconds)."""
    from copilot.context.pii import mask_payment_secrets

    started = time.perf_counter()
    survived = unstable = 0
    for _ in range(cases):
        text = "Pak, " + _spell(_luhn_number(rng), rng) + " tolong dicek"
        masked = mask_payment_secrets(text)
        survived += bool(surviving_cards(masked))
        unstable += mask_payment_secrets(masked) != masked
    return cases, survived, unstable, time.perf_counter() - started


# --- main ------------------------------------------------------------------------------------


def _table(phases: list[Phase]) -> str:
    lines = [
        "| phase | SIGKILLs | finished first | committed ids checked (summed over checks) | lost "
        "| integrity failures | notes |",
        "|---|---|---|---|---|---|---|",
    ]
    for p in phases:
        notes = "; ".join(dict.fromkeys(p.notes)) or "–"
        lines.append(
            f"| {p.name} | {p.kills} | {p.finished_before_kill} | {p.checked_ids:,} | {p.lost} "
            f"| {p.integrity_failures} | {notes} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=25, help="kills per phase")
    parser.add_argument("--writers", type=int, default=10)
    parser.add_argument("--contacts", type=int, default=200, help="contacts per writer")
    parser.add_argument("--import-rows", type=int, default=100_000)
    parser.add_argument("--masking-cases", type=int, default=100_000)
    parser.add_argument("--backup-customers", type=int, default=50_000)
    parser.add_argument("--smoke", action="store_true", help="tiny run; writes nothing")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, *rest = args.child
        children: dict[str, Callable[..., int]] = {
            "writes": lambda db, log, seed, n: child_writes(db, log, int(seed), int(n)),
            "seed-erasable": lambda db, log, seed, n: child_writes(
                db, log, int(seed), int(n), ERASE_PHONES
            ),
            "erases": lambda db, log, seed, n: child_erases(db, log, int(seed), int(n)),
            "backup": child_backup,
        }
        return children[kind](*rest)
    if args.smoke:
        args.kills, args.writers, args.contacts = 1, 2, 5
        args.import_rows, args.masking_cases, args.backup_customers = 300, 300, 100
    rng = random.Random(2026)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="copilot-torture-") as folder:
        tmp = Path(folder)
        phases = []
        for make in (
            lambda: phase_writes(tmp, args.kills, rng),
            lambda: phase_imports(tmp, args.kills, rng, args.import_rows),
            lambda: phase_backups(tmp, args.kills, rng, args.backup_customers),
            lambda: phase_erases(tmp, args.kills, rng),
        ):
            t0 = time.perf_counter()
            phases.append(make())
            phases[-1].seconds = time.perf_counter() - t0
            print(f"{phases[-1].name}: done in {phases[-1].seconds:.0f} s", file=sys.stderr)
        writers = phase_writers(tmp, args.writers, args.contacts)
    cases, survived, unstable, mask_s = phase_masking(args.masking_cases, rng)
    total = time.perf_counter() - started
    expected = writers.processes * writers.contacts_each
    report = (
        "## Torture run (`benchmarks/torture.py`)\n\n"
        f"Command: `.venv/bin/python benchmarks/torture.py --kills {args.kills} --writers "
        f"{args.writers} --contacts {args.contacts}` — "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}; {total:.0f} s in all.\n\n"
        "Each kill phase SIGKILLs a child process at a random moment, then opens the database "
        "and runs `Database.check()` and checks that everything the child logged as committed "
        "(after its commit returned) is there, or for erases, gone.\n\n"
        f"{_table(phases)}\n\n"
        f"Concurrent writers: {writers.processes} processes × {writers.contacts_each} contacts on "
        f"{len(PHONES)} shared phone numbers in {writers.seconds:.1f} s: {writers.stored:,} of "
        f"{expected:,} contacts stored ({expected - writers.stored} lost), {writers.customers} "
        f"customers for {writers.distinct_phones} distinct phones "
        f"({writers.customers - writers.distinct_phones} duplicates), {writers.errors} "
        "writers failed.\n\n"
        f"Masking: {cases:,} generated card numbers (13–19 digits, Luhn-valid; separators space, "
        "NBSP, thin spaces, dot, dash, slash or none; ASCII, full-width, Arabic-Indic and "
        "Devanagari digits; glued and spaced prefixes such as `card`, `Rp`, `order`) in "
        f"{mask_s:.1f} s: {survived} survived `mask_payment_secrets`, {unstable} changed when "
        "masked again. The property test (`tests/context`) generates the same kinds of case "
        "with hypothesis on every test run.\n"
    )
    print(report)
    failed = (
        any(p.lost or p.integrity_failures for p in phases)
        or writers.stored != expected
        or writers.errors
        or survived
        or unstable
    )
    if not args.smoke:
        write_section("torture", report)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
