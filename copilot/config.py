"""Settings: where the data lives, which database to open, the default phone region."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from copilot.vocabulary import DEFAULT_REGION

APP_NAME = "Copilot"
PASSPHRASE_ENV = "COPILOT_DB_PASSPHRASE"
RECOVERY_KEY_ENV = "COPILOT_RECOVERY_KEY"
DATA_DIR_ENV = "COPILOT_DATA_DIR"


def default_data_dir() -> Path:
    """The platform's local (non-roaming) data folder, overridable for tests and sites."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    # roaming=False: on Windows the database must not follow the user to other desks.
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


@dataclass(frozen=True)
class Settings:
    """What the composition root needs to build the services."""

    data_dir: Path = field(default_factory=default_data_dir)
    database: str | None = None  # a path or an SQLAlchemy URL; None means the desk default
    default_region: str = DEFAULT_REGION
    # Only the commands that should make a database (panel, demo, import) create a missing
    # file; the others say it does not exist (a misspelt --db).
    create_database: bool = True
    allow_unencrypted: bool = False  # a plain sqlite:/// URL stores everything in clear

    @property
    def database_target(self) -> str:
        """The path or URL to open: the explicit one, else `copilot.db` in the data folder.

        An explicit empty string stays empty (and is refused when opened): `--db ""` from a
        script with an unset variable must not quietly open the desk's real database.
        """
        if self.database is not None:
            return self.database
        return str(self.data_dir / "copilot.db")

    @property
    def demo_database(self) -> Path:
        """Where `copilot panel --demo-if-no-keyring` keeps its demo data, apart from real data."""
        return self.data_dir / "demo.db"

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"
