"""Where the data files (hint packs, tone lexicons, translations, styles, icons) live."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["RESOURCES_ENV", "icon_path", "resources_dir"]

# A site or a packaged build can point elsewhere; tests use it to run against a copy.
RESOURCES_ENV = "COPILOT_RESOURCES_DIR"


def resources_dir() -> Path:
    """The `resources/` folder: $COPILOT_RESOURCES_DIR, else the one beside the package.

    Read on every call, not at import, so the override holds for whatever loads next. In a
    repository checkout (and an editable install) the default is `<repo>/resources`; an
    installer is expected to place `resources/` next to the `copilot` package the same way.
    Standard library only: the context engine, the panel and the scripts all use it.
    """
    override = os.environ.get(RESOURCES_ENV)
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "resources"


def icon_path() -> Path:
    """The application icon (window and tray)."""
    return resources_dir() / "icons" / "copilot.svg"
