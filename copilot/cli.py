"""The `copilot` command: thin argument parsing over the services, one clear line per error."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from copilot import __version__
from copilot.config import Settings
from copilot.errors import CopilotError
from copilot.vocabulary import DEFAULT_REGION

if TYPE_CHECKING:
    from copilot.services import Services

Handler = Callable[[argparse.Namespace, "CommandContext"], int]


@dataclass
class CommandContext:
    """What a subcommand handler may use; the database opens only when a handler asks."""

    settings: Settings
    _services: Services | None = field(default=None, repr=False)

    def services(self) -> Services:
        if self._services is None:
            from copilot.app import build_services

            self._services = build_services(self.settings)
        return self._services

    def close(self) -> None:
        if self._services is not None:
            self._services.close()
            self._services = None


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; with `command`, possibly only that subcommand's parser (see
    copilot.commands.FAST_COMMANDS)."""
    from copilot.commands import register_all

    parser = argparse.ArgumentParser(
        prog="copilot",
        description="Copilot: customer memory and context for contact-centre agents.",
    )
    parser.add_argument("--version", action="version", version=f"copilot {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help="database file or SQLAlchemy URL (default: copilot.db in the local data folder)",
    )
    parser.add_argument(
        "--allow-unencrypted",
        action="store_true",
        help="accept a plain sqlite:/// URL, which stores everything in clear (tests, tools)",
    )
    parser.add_argument(
        "--region",
        default=DEFAULT_REGION,
        metavar="CC",
        help=(
            f"default region for phone numbers without a country code (default: {DEFAULT_REGION})"
        ),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    register_all(sub, command)
    return parser


def _command_of(argv: Sequence[str]) -> str | None:
    """The subcommand's name in `argv`: the first word that is not a global option's."""
    takes_value = {"--db", "--region"}
    words = iter(argv)
    for word in words:
        if word in takes_value:
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit code. Errors become one line on stderr."""
    logging.basicConfig(level=logging.WARNING, format="copilot: %(message)s")
    words = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_command_of(words))
    args = parser.parse_args(words)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return 2
    settings = Settings(
        database=args.db,
        default_region=args.region.upper(),
        # Set by the commands that make a database when there is none (panel, demo, import).
        create_database=getattr(args, "creates_database", False),
        allow_unencrypted=args.allow_unencrypted,
    )
    ctx = CommandContext(settings)
    try:
        return handler(args, ctx)
    except CopilotError as exc:
        print(f"copilot: error: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("copilot: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `copilot export - | head`: the reader went away; not an error worth a traceback.
        return 0
    finally:
        ctx.close()
