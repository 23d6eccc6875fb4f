"""`copilot open VALUE|LINK`: show a caller's story in the running panel, or start one for it.

Made for a soft-phone's "run a command on an incoming call" setting (`copilot open
%CALLERID%`) and for copilot:// links (`copilot integrate` registers the scheme). The value is
never printed or logged: it is a customer's phone number or email.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from copilot.errors import CopilotError

if TYPE_CHECKING:
    from copilot.cli import CommandContext
    from copilot.integrate.channel import Request

ALREADY_RUNNING = "copilot: a panel is already running; it was brought forward"
OPEN_ELSEWHERE = (
    "the running panel uses another database; it was brought forward but did not look the "
    "caller up. Run copilot open without --db, or quit that panel first"
)
NOT_ANSWERING = "a panel is running but did not answer within 2 seconds; it may be busy: try again"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "open",
        help="show a caller's story in the panel (starts it if needed)",
        description="Hand a caller's identifier to the running side panel, which comes "
        "forward and shows their story (one match), the list to choose from (several), or a "
        "new-caller card ready to create them (none). Without a running panel, starts one "
        "and opens the caller once the database is open. For a soft-phone: run "
        "`copilot open %CALLERID%` on an incoming call. Without --db, the running panel's "
        "database is used, whichever it is.",
    )
    parser.add_argument(
        "value",
        metavar="VALUE_OR_LINK",
        help="a phone number in any format, an email, an account or ticket number, or a "
        "copilot://open?phone=... link",
    )
    parser.set_defaults(handler=_open, creates_database=True)


def hand_to_running_panel(request: Request, *, elsewhere: str) -> bool:
    """True when a running panel took `request`; raises when it has another database open
    (`elsewhere` says so) or does not answer; False when no panel runs."""
    from copilot.integrate import channel

    reply = channel.send(request)
    if reply is None:
        return False
    if reply == channel.OTHER_DATABASE:
        raise channel.PanelElsewhereError(elsewhere)
    if reply == channel.NO_REPLY:
        raise CopilotError(NOT_ANSWERING)
    return True


def _open(args: argparse.Namespace, ctx: CommandContext) -> int:
    from copilot.integrate import channel
    from copilot.integrate.links import value_from_argument

    value = value_from_argument(args.value)
    settings = ctx.settings
    # An explicit --db must match the running panel's; without it, any panel will do (a
    # soft-phone does not know which database the agent opened).
    database = (
        channel.database_fingerprint(settings.database_target)
        if settings.database is not None
        else channel.ANY_DATABASE
    )
    if hand_to_running_panel(channel.Request("open", database, value), elsewhere=OPEN_ELSEWHERE):
        return 0
    from copilot.app import run_gui

    # Qt reads its own options (-platform, -style) from argv; ours were parsed already.
    return run_gui(settings, [sys.argv[0] if sys.argv else "copilot"], open_value=value)
