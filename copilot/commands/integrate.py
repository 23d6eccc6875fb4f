"""`copilot integrate [--remove]`: let copilot:// links open callers in this user's panel."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from copilot.cli import CommandContext


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "integrate",
        help="register copilot:// links for this user (so a helpdesk link opens a caller)",
        description="Register the copilot:// link scheme for the current user, so a link "
        "such as copilot://open?phone=%2B6281234567890 in a helpdesk or soft-phone opens "
        "the caller in the panel (it runs copilot open). Linux: a .desktop file in "
        "~/.local/share/applications; Windows: HKEY_CURRENT_USER\\Software\\Classes\\copilot; "
        "macOS: prints the Info.plist entry an app bundle needs. No admin rights needed.",
    )
    parser.add_argument("--remove", action="store_true", help="undo the registration")
    parser.set_defaults(handler=_integrate)


def _integrate(args: argparse.Namespace, ctx: CommandContext) -> int:
    from copilot.integrate import scheme

    if sys.platform == "darwin":
        if args.remove:
            print("copilot: nothing to remove: links are declared by the app bundle on macOS")
            return 0
        print(scheme.macos_instructions(), file=sys.stderr)
        return 1  # nothing was registered
    database = ctx.settings.database
    if database and "://" not in database:
        database = os.path.abspath(database)  # the desktop starts it from another folder
    command = scheme.open_command(database)
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows; tests fake winreg
        import winreg

        done = (
            scheme.remove_windows(winreg)
            if args.remove
            else scheme.register_windows(command, winreg)
        )
    else:
        done = scheme.remove_linux() if args.remove else scheme.register_linux(command)
    if args.remove and not done:
        print("copilot: copilot:// links were not registered for this user; nothing to remove")
    for line in done:
        print(f"copilot: {line}")
    if not args.remove:
        print(
            "copilot: try it: xdg-open 'copilot://open?phone=%2B6281234567890'"
            if sys.platform != "win32"
            else "copilot: try it: start copilot://open?phone=%2B6281234567890"
        )
    return 0
