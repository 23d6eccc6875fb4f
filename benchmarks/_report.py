"""Write one benchmark's section into BENCHMARKS.md, leaving every other section untouched."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

BENCHMARKS_MD = Path(__file__).resolve().parent.parent / "BENCHMARKS.md"

_HEADER = (
    "# Benchmarks\n\n"
    "Each section below is written by the script named in it (`benchmarks/bench_<name>.py`);\n"
    "run it again to refresh that section. `--smoke` runs never write here.\n"
)


def write_section(name: str, markdown: str, *, path: Path = BENCHMARKS_MD) -> Path:
    """Replace the `<!-- bench:name -->` block in BENCHMARKS.md (or append it) with `markdown`."""
    if not re.fullmatch(r"[a-z0-9_]+", name):
        raise ValueError(f"bad section name {name!r}: use lower-case letters, digits and _")
    start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    block = f"{start}\n{markdown.strip()}\n{end}"
    text = path.read_text(encoding="utf-8") if path.exists() else _HEADER
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(text):
        # A function replacement, so backslashes in the figures are not read as group references.
        text = pattern.sub(lambda _m: block, text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    # Write-then-rename: several benchmark scripts may refresh their sections one after another,
    # and a half-written file would lose the others' figures.
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".BENCHMARKS.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(tmp, path)
    return path
