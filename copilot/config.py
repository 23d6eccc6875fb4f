"""Settings: where the data lives, which database to open, the default phone region."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from copilot.vocabulary import DEFAULT_REGION

APP_NAME = "Copilot"
PASSPHRASE_ENV = "COPILOT_DB_PASSPHRASE"
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

    @property
    def database_target(self) -> str:
        """The path or URL to open: the explicit one, else `copilot.db` in the data folder."""
        if self.database:
            return self.database
        return str(self.data_dir / "copilot.db")
