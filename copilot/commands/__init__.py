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
)


def register_all(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    for name in _MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue  # a part not built yet; the others still work
        module.register(sub)
