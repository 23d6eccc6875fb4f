"""`copilot backup|check|restore|key export`: keeping the store safe and getting it back."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from copilot.config import PASSPHRASE_ENV, RECOVERY_KEY_ENV
from copilot.errors import InputError

if TYPE_CHECKING:
    from copilot.cli import CommandContext
    from copilot.storage.db import Database
    from copilot.storage.keys import DatabaseKey

RECOVERY_WARNING = (
    "This recovery key opens this database and every backup of it, on any computer.\n"
    "Write it down or print it once, keep it in the site's safe, and never send it by email\n"
    "or chat. Anyone holding it and a copy of the file can read every customer's story."
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "backup",
        help="copy the database to a verified backup file, or prune old backups",
        description="Copy the database to a verified, encrypted backup file. With a --prune "
        "option it first makes a fresh backup, then removes this database's backups in the "
        "backups folder that were made before the erase (or date) given, so an erased "
        "customer's data does not live on in them.",
    )
    p.add_argument(
        "dest",
        nargs="?",
        metavar="DEST",
        help="backup file (default: backups/copilot-YYYYmmdd-HHMMSS.db in the data folder)",
    )
    prune = p.add_mutually_exclusive_group()
    prune.add_argument(
        "--prune",
        metavar="CUSTOMER",
        help="remove backups made before this erased customer's erase (#ID, as erase printed)",
    )
    prune.add_argument(
        "--prune-erased", action="store_true", help="remove backups made before the latest erase"
    )
    prune.add_argument(
        "--prune-before", metavar="DATE", help="remove backups made before DATE (YYYY-MM-DD)"
    )
    p.add_argument(
        "--folder",
        metavar="DIR",
        help="backups folder to prune (default: backups in the data folder)",
    )
    p.add_argument("--yes", action="store_true", help="prune without asking")
    p.set_defaults(handler=_backup)

    p = sub.add_parser("check", help="check the database's integrity (exit 1 on problems)")
    p.set_defaults(handler=_check)

    p = sub.add_parser(
        "restore",
        help="restore a backup, on this desk or any other, with its recovery key or passphrase",
        description="Open BACKUP with the recovery key (asked for, or --recovery-key-file, or "
        f"{RECOVERY_KEY_ENV}) or the passphrase ({PASSPHRASE_ENV}), verify it, copy it to DEST "
        "(default: the configured database) and keep its key in the OS keyring. An existing "
        "database is only replaced with --force, and is then kept as DEST.before-restore. "
        "Close the panel first.",
    )
    p.add_argument("backup", metavar="BACKUP")
    p.add_argument("dest", nargs="?", metavar="DEST")
    p.add_argument("--recovery-key-file", metavar="FILE", help="read the recovery key from FILE")
    p.add_argument("--force", action="store_true", help="replace an existing database")
    p.set_defaults(handler=_restore)

    p = sub.add_parser("key", help="the database key")
    key_sub = p.add_subparsers(dest="key_command", metavar="ACTION", required=True)
    p = key_sub.add_parser(
        "export",
        help="show the recovery key once, for the site's safe",
        description="Show the database's recovery key: with it, `copilot restore` opens this "
        "database and its backups on any computer, even if this desk's keyring is lost.",
    )
    p.add_argument("--yes", action="store_true", help="show it without asking")
    p.set_defaults(handler=_key_export)


# --- backup and prune --------------------------------------------------------------------------


def _backup(args: argparse.Namespace, ctx: CommandContext) -> int:
    before = _prune_moment_from_args(args)  # a bad date fails before the database opens
    pruning = bool(args.prune or args.prune_erased or before is not None)
    if pruning and args.dest:
        raise InputError("give either DEST or a --prune option, not both")
    services = ctx.services()
    database = services.database
    if pruning and before is None:
        # Looked up first: a wrong #ID must not cost a backup.
        before = _erase_moment(args, database)
    dest = Path(args.dest) if args.dest else _default_backup_path(services.settings.backups_dir)
    made = database.backup(dest)
    print(made)
    if before is None:
        return 0
    return _prune(args, database, services.settings.backups_dir, before, keep=made)


def _default_backup_path(folder: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    dest = folder / f"copilot-{stamp}.db"
    n = 2
    while dest.exists():  # two backups in one second (a prune right after a backup)
        dest = folder / f"copilot-{stamp}-{n}.db"
        n += 1
    return dest


def _erase_moment(args: argparse.Namespace, database: Database) -> datetime:
    from copilot.storage.backups import erase_time

    customer = None
    if args.prune:
        text = args.prune.strip().lstrip("#")
        if not text.isdigit():
            raise InputError(f"--prune takes the erased customer's #ID, not {args.prune!r}")
        customer = int(text)
    return erase_time(database, customer)


def _prune_moment_from_args(args: argparse.Namespace) -> datetime | None:
    if not args.prune_before:
        return None
    try:
        moment = datetime.fromisoformat(args.prune_before)
    except ValueError:
        raise InputError(f"{args.prune_before!r} is not a date (YYYY-MM-DD)") from None
    return moment if moment.tzinfo else moment.astimezone(UTC)


def _prune(
    args: argparse.Namespace,
    database: Database,
    default_folder: Path,
    before: datetime,
    *,
    keep: Path,
) -> int:
    from copilot.storage.backups import backups_before, prune_backups

    folder = Path(args.folder).expanduser() if args.folder else default_folder
    doomed = [f for f in backups_before(database, folder, before) if f != keep]
    if not doomed:
        print(f"No backups in {folder} were made before {before:%Y-%m-%d %H:%M} UTC.")
        return 0
    for file in doomed:
        print(f"  {file}")
    if not args.yes:
        if not sys.stdin.isatty():
            raise InputError(
                f"not removing {len(doomed)} backups without confirmation: run it in a "
                "terminal, or add --yes"
            )
        answer = _ask(f"Remove these {len(doomed)} backups? [y/N] ")
        if answer.strip().lower() not in ("y", "yes", "ya"):
            print("Nothing removed.")
            return 1
    removed = prune_backups(doomed)
    print(f"Removed {len(removed)} of {len(doomed)} backups; {keep.name} is the newest.")
    return 0 if len(removed) == len(doomed) else 1


def _ask(prompt: str) -> str:
    try:
        return input(prompt)
    except EOFError:
        return ""


# --- check -------------------------------------------------------------------------------------


def _check(args: argparse.Namespace, ctx: CommandContext) -> int:
    from copilot.storage.health import check_now

    database = ctx.services().database
    report = check_now(database)
    if report.ok:
        print(f"OK: {database.label} passed every check.")
        return 0
    for problem in report.problems:
        print(f"problem: {problem}", file=sys.stderr)
    print(
        f"copilot: {len(report.problems)} problems found in {database.label}; restore the "
        "newest good backup with `copilot restore BACKUP --force`",
        file=sys.stderr,
    )
    return 1


# --- restore -----------------------------------------------------------------------------------


def _restore(args: argparse.Namespace, ctx: CommandContext) -> int:
    from copilot.storage.backups import restore_backup
    from copilot.storage.db import open_database
    from copilot.storage.keys import keyring_available

    target = args.dest or ctx.settings.database_target
    if not target.strip():
        raise InputError("no database given to restore into")
    if "://" in target:
        raise InputError(f"restore writes a database file; {target} is a URL")
    backup = Path(args.backup)
    if not backup.is_file():
        raise InputError(f"{backup} does not exist or is not a file")
    key = _restore_key(args)
    keyring_ok = key.raw and keyring_available()
    restored = restore_backup(backup, Path(target), key, force=args.force, keyring_ok=keyring_ok)
    # Opening it runs any schema upgrade this version needs, with the key just verified.
    open_database(str(restored.dest), key=restored.key, create=False).close()
    print(f"Restored {backup} to {restored.dest} (verified: intact).")
    if restored.previous is not None:
        print(f"The database it replaced is kept as {restored.previous}.")
    if not key.raw:
        print(f"It opens with the same passphrase: keep {PASSPHRASE_ENV} set as before.")
    elif restored.key_stored:
        print("Its key is now in the OS keyring: the panel and every command open it as usual.")
    else:
        print(
            "No OS keyring works here, so the key was not stored: set "
            f"{RECOVERY_KEY_ENV} to the recovery key to open this database."
        )
    return 0


def _restore_key(args: argparse.Namespace) -> DatabaseKey:
    from copilot.storage.keys import DatabaseKey, parse_recovery_key

    if args.recovery_key_file:
        path = Path(args.recovery_key_file)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read the recovery key file {path}: {exc}") from None
        return parse_recovery_key(text)
    if os.environ.get(RECOVERY_KEY_ENV):
        return parse_recovery_key(os.environ[RECOVERY_KEY_ENV])
    if os.environ.get(PASSPHRASE_ENV):
        return DatabaseKey(os.environ[PASSPHRASE_ENV], raw=False, source="environment")
    if not sys.stdin.isatty():
        raise InputError(
            f"no key to open the backup: give --recovery-key-file, or set {RECOVERY_KEY_ENV} "
            f"or {PASSPHRASE_ENV}"
        )
    typed = getpass.getpass("Recovery key (or the database passphrase): ")
    stripped = "".join(typed.split()).replace("-", "")
    if len(stripped) == 64 and all(c in "0123456789abcdefABCDEF" for c in stripped):
        return parse_recovery_key(typed)
    return DatabaseKey(typed, raw=False, source="argument")


# --- key export --------------------------------------------------------------------------------


def _key_export(args: argparse.Namespace, ctx: CommandContext) -> int:
    from copilot.storage.keys import recovery_key_text

    database = ctx.services().database
    if not database.encrypted:
        raise InputError(f"{database.label} is not encrypted; it has no recovery key")
    print(RECOVERY_WARNING, file=sys.stderr)
    if not args.yes:
        if not sys.stdin.isatty():
            raise InputError("not showing the recovery key without confirmation: add --yes")
        answer = _ask("Show the recovery key now? [y/N] ")
        if answer.strip().lower() not in ("y", "yes", "ya"):
            print("Not shown.", file=sys.stderr)
            return 1
    # stdout only, never a log: `copilot key export --yes > /media/usb/key.txt` works too.
    print(recovery_key_text(database.key))
    return 0
