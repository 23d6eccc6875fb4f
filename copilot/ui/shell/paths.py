"""Where the shell finds its resources (styles, icons, translations) in a checkout or install."""

from __future__ import annotations

from pathlib import Path


def resources_dir() -> Path:
    """The repository's `resources/` folder (the package is installed editable, beside it)."""
    return Path(__file__).resolve().parents[3] / "resources"


def icon_path() -> Path:
    return resources_dir() / "icons" / "copilot.svg"
