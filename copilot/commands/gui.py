"""`copilot panel`: start the side panel."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from copilot.cli import CommandContext


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "panel",
        help="start the side panel",
        description="Start the side panel. If it is already running, bring it forward.",
    )
    parser.set_defaults(handler=_panel)


def _panel(args: argparse.Namespace, ctx: CommandContext) -> int:
    from copilot.app import run_gui

    # Qt reads its own options (-platform, -style) from argv; ours were parsed already.
    return run_gui(ctx.settings, [sys.argv[0] if sys.argv else "copilot"])
