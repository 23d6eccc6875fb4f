"""Running the `copilot` command in-process for the CLI tests, and reading its one-line errors."""

from __future__ import annotations

import pytest

from copilot.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `copilot ARGV`."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_error_line(err: str) -> str:
    """The single `copilot: error: ...` line of stderr; fails on anything more (a traceback)."""
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("copilot: error: ")
    assert "Traceback" not in err
    return lines[0]
