"""`copilot demo|import|export|find|search|story|erase`: the store from a shell.

Handlers are thin: they parse arguments, call the services, and print. Human output is compact;
`--json` output is stable (model field order, ISO 8601 dates). Every failure is a
`copilot.errors` exception, which `cli.main` turns into one line on stderr.
"""

from __future__ import annotations

import argparse
import getpass
import json
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from copilot.errors import InputError, NotFoundError

if TYPE_CHECKING:
    from copilot.cli import CommandContext
    from copilot.storage.schemas import CustomerRead, Story
    from copilot.storage.service import CustomerService

# Show import progress without a terminal too, when the file is this big (a cron job's log
# then shows the import is alive).
LARGE_FILE_BYTES = 50 * 1024 * 1024
MAX_REJECTIONS_SHOWN = 50


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("demo", help="fill an empty database with realistic demo data")
    p.add_argument("--customers", type=_positive_int, default=1000, metavar="N")
    p.add_argument("--seed", type=int, default=1, metavar="S", help="same seed, same data")
    p.set_defaults(handler=_demo, creates_database=True)

    p = sub.add_parser(
        "import",
        help="import interactions from a CSV file",
        description="Import interactions from a UTF-8 CSV file with a header row: name, "
        "phone, email, account, channel, started_at, agent, summary, notes, outcome, client, "
        "helpdesk_ref (started_at and one of phone/email/account are required; other "
        "columns are ignored). Rows are committed a chunk at a time; importing the same file "
        "again skips the rows already imported, so an import that was stopped finishes by "
        "running it again. Rejected rows are listed with their line number, and the exit "
        "code is 1 when any row was rejected.",
    )
    p.add_argument("file", metavar="FILE")
    p.set_defaults(handler=_import, creates_database=True)

    p = sub.add_parser(
        "export",
        help="export every interaction to CSV or JSON Lines",
        description="Export every interaction with its customer. The format follows the file "
        "name: .csv, .jsonl or .ndjson; '-' writes CSV to standard output.",
    )
    p.add_argument("file", metavar="FILE")
    p.set_defaults(handler=_export)

    p = sub.add_parser("find", help="find customers by phone, email, account number or name")
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--limit", type=_positive_int, default=20, metavar="N")
    p.set_defaults(handler=_find)

    p = sub.add_parser("search", help="full-text search in summaries, notes and facts")
    p.add_argument("text", metavar="TEXT")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--limit", type=_positive_int, default=20, metavar="N")
    p.set_defaults(handler=_search)

    p = sub.add_parser("story", help="the story so far of one customer")
    p.add_argument("identifier", metavar="IDENTIFIER", help="phone, email, account, or #ID")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--limit", type=_positive_int, default=10, metavar="N")
    p.set_defaults(handler=_story)

    p = sub.add_parser("erase", help="erase a customer and everything about them")
    p.add_argument("identifier", metavar="IDENTIFIER", help="phone, email, account, or #ID")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(handler=_erase)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


# --- output helpers --------------------------------------------------------------------------


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def _dump(model: Any) -> Any:
    return model.model_dump(mode="json")


def _n(count: int, noun: str) -> str:
    """`1 interaction`, `2 interactions`: output people read and scripts grep."""
    return f"{count:,} {noun}" + ("" if count == 1 else "s")


def _when(value: datetime | None) -> str:
    if value is None:
        return "-"
    return value.astimezone().strftime("%Y-%m-%d %H:%M")


def _customer_line(customer: CustomerRead) -> str:
    ids = ", ".join(f"{i.kind} {i.value}" for i in customer.identifiers)
    name = customer.name or "(no name)"
    return f"#{customer.id}  {name}" + (f"  [{ids}]" if ids else "")


def _one_line(text: str, width: int = 100) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


class _Progress:
    """A single self-overwriting progress line on stderr."""

    def __init__(self, stream: TextIO, enabled: bool) -> None:
        self._stream = stream
        self._enabled = enabled
        self._last = 0.0
        self._shown = False

    def show(self, text: str, *, force: bool = False) -> None:
        if not self._enabled:
            return
        now = time.monotonic()
        # A terminal line is rewritten in place; a log file gets a line every few seconds.
        interval = 0.2 if self._stream.isatty() else 5.0
        if not force and now - self._last < interval:
            return
        self._last = now
        end = "\r" if self._stream.isatty() else "\n"
        self._stream.write(f"{text}{end}")
        self._stream.flush()
        self._shown = True

    def done(self) -> None:
        if self._enabled and self._shown and self._stream.isatty():
            self._stream.write("\n")
            self._stream.flush()


# --- resolving IDENTIFIER --------------------------------------------------------------------


def _resolve(customers: CustomerService, identifier: str) -> CustomerRead:
    """The one customer an IDENTIFIER names; `#12` is customer 12."""
    text = identifier.strip()
    if text.startswith("#") and text[1:].isdigit():
        return customers.get_customer(int(text[1:]))
    found = customers.find(text, limit=6)
    if not found:
        raise NotFoundError(f"no customer matches {identifier!r}")
    if len(found) > 1:
        shown = "; ".join(f"#{c.id} {c.name or '(no name)'}" for c in found[:5])
        more = " and more" if len(found) > 5 else ""
        raise InputError(
            f"{identifier!r} matches {len(found)} customers ({shown}{more}): "
            "give a phone, email or account number, or #ID"
        )
    return found[0]


# --- handlers --------------------------------------------------------------------------------


def _demo(args: argparse.Namespace, ctx: CommandContext) -> int:
    from copilot.storage.demo import generate

    services = ctx.services()
    progress = _Progress(sys.stderr, sys.stderr.isatty() or args.customers >= 50_000)

    def report(done: int, total: int) -> None:
        progress.show(f"demo: {done:,} of {total:,} customers", force=done == total)

    summary = generate(services.database, customers=args.customers, seed=args.seed, progress=report)
    progress.done()
    print(
        f"Made {summary.customers:,} demo customers with {summary.interactions:,} "
        f"interactions, {summary.facts:,} facts and {summary.commitments:,} commitments "
        f"in {summary.seconds:.1f} s."
    )
    print(f"Try: copilot story {summary.story_phone}")
    return 0


def _import(args: argparse.Namespace, ctx: CommandContext) -> int:
    from copilot.storage.transfer import import_csv

    path = Path(args.file)
    _require_readable_file(path)
    size = path.stat().st_size
    services = ctx.services()
    progress = _Progress(sys.stderr, sys.stderr.isatty() or size >= LARGE_FILE_BYTES)

    def report(rows: int, done: int, total: int) -> None:
        share = f" ({100 * done // total}%)" if total else ""
        progress.show(f"import: {rows:,} rows{share}", force=done >= total)

    with _stop_on_sigterm() as stop:
        result = import_csv(
            services.database,
            path,
            default_region=services.settings.default_region,
            progress=report,
            stop=stop.is_set,
        )
    progress.done()
    skipped = ""
    if result.already_imported:
        skipped = f"; {_n(result.already_imported, 'row')} already imported"
    print(
        f"Imported {_n(result.imported, 'interaction')} from {path} "
        f"({_n(result.customers_created, 'new customer')}{skipped})."
    )
    for line, reason in result.rejected[:MAX_REJECTIONS_SHOWN]:
        print(f"{path}:{line}: {reason}", file=sys.stderr)
    hidden = result.rejected_count - min(len(result.rejected), MAX_REJECTIONS_SHOWN)
    if hidden > 0:
        print(f"... and {hidden:,} more rejected rows", file=sys.stderr)
    if result.rejected_count:
        print(
            f"copilot: {_n(result.rejected_count, 'row')} rejected; fix and import those rows "
            "again",
            file=sys.stderr,
        )
    if result.stopped:
        print(
            "copilot: import stopped; run the same import again to finish it (rows already "
            "imported are skipped)",
            file=sys.stderr,
        )
        return 128 + signal.SIGTERM
    return 1 if result.rejected_count else 0


@contextmanager
def _stop_on_sigterm() -> Iterator[threading.Event]:
    """SIGTERM asks the import to stop after the chunk it is loading (committed chunks stay);
    a second SIGTERM ends the process at once, which the store survives as well."""
    stop = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield stop  # signal handlers belong to the main thread
        return

    def on_sigterm(_signum: int, _frame: Any) -> None:
        stop.set()
        signal.signal(signal.SIGTERM, signal.SIG_DFL)

    previous = signal.signal(signal.SIGTERM, on_sigterm)
    try:
        yield stop
    finally:
        signal.signal(signal.SIGTERM, previous)


def _require_readable_file(path: Path) -> None:
    # Checked before the database opens, so a typo in the file name costs nothing.
    if not path.exists():
        raise InputError(f"{path} does not exist")
    if path.is_dir():
        raise InputError(f"{path} is a folder, not a file")
    try:
        with path.open("rb"):
            pass
    except PermissionError:
        raise InputError(f"cannot read {path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None


def _export(args: argparse.Namespace, ctx: CommandContext) -> int:
    from copilot.storage.transfer import export_file, export_format

    export_format(args.file)  # a bad extension fails before the database opens
    services = ctx.services()
    to_stdout = args.file == "-"
    progress = _Progress(sys.stderr, sys.stderr.isatty())
    count = export_file(
        services.database,
        args.file,
        progress=lambda n: progress.show(f"export: {n:,} interactions"),
    )
    progress.done()
    message = (
        f"Exported {_n(count, 'interaction')}" + ("" if to_stdout else f" to {args.file}") + "."
    )
    print(message, file=sys.stderr if to_stdout else sys.stdout)
    return 0


def _find(args: argparse.Namespace, ctx: CommandContext) -> int:
    found = ctx.services().customers.find(args.query, limit=args.limit)
    if args.json:
        _print_json([_dump(c) for c in found])
    else:
        for customer in found:
            print(_customer_line(customer))
    if not found:
        raise NotFoundError(f"no customer matches {args.query!r}")
    return 0


def _search(args: argparse.Namespace, ctx: CommandContext) -> int:
    hits = ctx.services().customers.search(args.text, limit=args.limit)
    if args.json:
        _print_json([_dump(h) for h in hits])
        return 0
    if not hits:
        print(f"No interactions or facts mention {args.text!r}.")
        return 0
    for hit in hits:
        who = f"#{hit.customer.id} {hit.customer.name or '(no name)'}"
        print(f"{_when(hit.started_at)}  {who}  {hit.source}: {_one_line(hit.snippet)}")
    return 0


def _story(args: argparse.Namespace, ctx: CommandContext) -> int:
    customers = ctx.services().customers
    customer = _resolve(customers, args.identifier)
    story = customers.story(customer.id, limit=args.limit)
    if args.json:
        _print_json(_dump(story))
    else:
        _print_story(story)
    return 0


def _print_story(story: Story) -> None:
    print(_customer_line(story.customer))
    print(
        f"Contacts: {story.contacts_7d} in the last 7 days, {story.contacts_30d} in 30 days, "
        f"{story.total_interactions} in all"
    )
    if story.facts:
        print("Need to know:")
        for fact in story.facts:
            print(f"  - {_one_line(fact.text)}")
    if story.commitments:
        print("Open promises:")
        for c in story.commitments:
            flag = "OVERDUE " if c.overdue else ""
            print(f"  - {flag}due {_when(c.due_at)}: {_one_line(c.text)} ({c.made_by or '?'})")
    if story.interactions:
        print("Latest contacts:")
        for i in story.interactions:
            text = _one_line(i.summary or i.notes or "", 80)
            agent = f" by {i.agent}" if i.agent else ""
            outcome = f" -> {i.outcome}" if i.outcome else ""
            print(f"  {_when(i.started_at)}  {i.channel}{agent}: {text}{outcome}")


def _erase(args: argparse.Namespace, ctx: CommandContext) -> int:
    customers = ctx.services().customers
    customer = _resolve(customers, args.identifier)
    if not args.yes:
        story = customers.story(customer.id, limit=1)
        what = (
            f"customer #{customer.id} {customer.name or '(no name)'} with "
            f"{_n(story.total_interactions, 'interaction')}, {_n(len(story.facts), 'fact')} and "
            f"{_n(len(story.commitments), 'open commitment')}"
        )
        if not sys.stdin.isatty():
            raise InputError(
                f"not erasing {what} without confirmation: run it in a terminal, or add --yes"
            )
        answer = _ask(f"Erase {what}? This cannot be undone. [y/N] ")
        if answer.strip().lower() not in ("y", "yes", "ya"):
            print("Nothing erased.")
            return 1
    customers.erase(customer_id=customer.id, by=_actor())
    print(f"Erased customer #{customer.id}.")
    return 0


def _ask(prompt: str) -> str:
    try:
        return input(prompt)
    except EOFError:
        return ""


def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (OSError, KeyError):  # no login name (some containers)
        return "cli"
