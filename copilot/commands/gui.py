"""`copilot panel`: start the side panel."""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from copilot.config import PASSPHRASE_ENV, RECOVERY_KEY_ENV, Settings

if TYPE_CHECKING:
    from copilot.cli import CommandContext

# Published in the repository on purpose: it only ever encrypts the separate demo database.
DEMO_PASSPHRASE = "copilot-demo-passphrase"


@dataclasses.dataclass(frozen=True)
class PanelDatabase:
    """Which database the panel opens, and the passphrase and notice that go with it."""

    settings: Settings
    passphrase: str | None = None  # set only for the demo database
    notice: str | None = None


def panel_database(
    settings: Settings, environ: Mapping[str, str], keyring_works: Callable[[], bool]
) -> PanelDatabase:
    """The real database when its key can be kept safely, else a separate demo database.

    Without a keyring and without a passphrase the real database could only be encrypted
    with a passphrase published in the repository, which is no encryption at all: the demo
    database gets that passphrase instead, and the notice says so. An explicit --db is never
    redirected; it fails with the usual "set COPILOT_DB_PASSPHRASE" line instead.
    """
    if settings.database is not None or environ.get(PASSPHRASE_ENV):
        return PanelDatabase(settings)
    if environ.get(RECOVERY_KEY_ENV) or keyring_works():
        return PanelDatabase(settings)
    demo = settings.demo_database
    notice = (
        f"run: no OS keyring works here and {PASSPHRASE_ENV} is not set, so the panel opens a "
        f"DEMO database ({demo}) encrypted with a published passphrase. Do not enter real "
        f"customer data. For real data, set {PASSPHRASE_ENV} or unlock a keyring."
    )
    real = settings.data_dir / "copilot.db"
    if real.exists():
        notice += f" Your database {real} is left untouched."
    return PanelDatabase(dataclasses.replace(settings, database=str(demo)), DEMO_PASSPHRASE, notice)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "panel",
        help="start the side panel",
        description="Start the side panel. If it is already running, bring it forward.",
    )
    parser.add_argument(
        "--demo-if-no-keyring",
        action="store_true",
        help=f"without a keyring and {PASSPHRASE_ENV}, open a separate demo database "
        "(what scripts/run does)",
    )
    parser.set_defaults(handler=_panel, creates_database=True)


def _panel(args: argparse.Namespace, ctx: CommandContext) -> int:
    from copilot.app import run_gui

    settings = ctx.settings
    if args.demo_if_no_keyring:
        from copilot.storage.keys import keyring_available

        choice = panel_database(settings, os.environ, keyring_available)
        settings = choice.settings
        if choice.passphrase is not None:
            # The process's own environment: the quick lookup and the full open both read it.
            os.environ[PASSPHRASE_ENV] = choice.passphrase
        if choice.notice:
            print(choice.notice, file=sys.stderr)
    from copilot.commands.open import ALREADY_RUNNING, hand_to_running_panel
    from copilot.integrate import channel

    # Asked here, not only in run_gui, so the terminal says what happened.
    database = channel.database_fingerprint(settings.database_target)
    if hand_to_running_panel(
        channel.Request("show", database), elsewhere=channel.ELSEWHERE_MESSAGE
    ):
        print(ALREADY_RUNNING, file=sys.stderr)
        return 0
    # Qt reads its own options (-platform, -style) from argv; ours were parsed already.
    return run_gui(settings, [sys.argv[0] if sys.argv else "copilot"])
