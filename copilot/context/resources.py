"""Where the data files (hint packs, tone lexicons, translations, icons) live."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["RESOURCES_ENV", "resources_dir"]

# A site or a packaged build can point elsewhere; tests use it to run against a copy.
RESOURCES_ENV = "COPILOT_RESOURCES_DIR"


def resources_dir() -> Path:
    """The `resources/` folder: $COPILOT_RESOURCES_DIR, else the one beside the package.

    In a repository checkout (and an editable install) that is `<repo>/resources`; an
    installer is expected to place `resources/` next to the `copilot` package the same way.
    """
    override = os.environ.get(RESOURCES_ENV)
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent.parent / "resources"
