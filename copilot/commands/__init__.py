"""Subcommands of `copilot`: each module adds its parsers and sets a `handler`."""

from __future__ import annotations

import argparse
import importlib

# Each module exposes `register(subparsers)`; listed here so the order of `--help` is stable.
_MODULES = (
    "copilot.commands.store",
    "copilot.commands.backups",
    "copilot.commands.context",
    "copilot.commands.gui",
    "copilot.commands.open",
    "copilot.commands.integrate",
    "copilot.commands.site",
)


# Commands with a latency budget, by module: `copilot open` runs on every incoming call and
# must reach the panel within 150 ms, so it builds only its own parser (about a fifth of
# the command's own start-up under load). Any other command builds them all.
FAST_COMMANDS = {"open": "copilot.commands.open"}


def register_all(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], command: str | None = None
) -> None:
    """Add every subcommand, or only `command`'s when it is one of FAST_COMMANDS."""
    fast = FAST_COMMANDS.get(command or "")
    for name in (fast,) if fast else _MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue  # a part not built yet; the others still work
        module.register(sub)
