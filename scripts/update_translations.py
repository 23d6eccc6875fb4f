"""Extract every tr() string under copilot/ui into resources/i18n/*.ts and compile them to .qm.

Run after changing user-visible text: `.venv/bin/python scripts/update_translations.py`.
Translate new entries in the .ts file (Qt Linguist: `pyside6-linguist`, or any editor), run it
again, and commit both the .ts and the .qm (the app loads only the .qm).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from copilot.resources import resources_dir

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "copilot" / "ui"
LANGUAGES = ("id",)


def tool(name: str) -> str:
    """The PySide6 tool next to this Python (the venv), else on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"error: {name} not found; install PySide6-Essentials in this venv")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-obsolete", action="store_true", help="drop vanished strings")
    args = parser.parse_args(argv)
    sources = sorted(str(p.relative_to(ROOT)) for p in SOURCES.rglob("*.py"))
    for language in LANGUAGES:
        ts = resources_dir() / "i18n" / f"copilot_{language}.ts"
        command = [tool("pyside6-lupdate"), "-locations", "relative", *sources, "-ts", str(ts)]
        if args.no_obsolete:
            command.insert(1, "-no-obsolete")
        subprocess.run(command, cwd=ROOT, check=True)
        subprocess.run(
            [tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))],
            cwd=ROOT,
            check=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
