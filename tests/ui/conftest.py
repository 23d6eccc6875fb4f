"""UI fixtures: QSettings isolated in the test's folder, so no test reads the user's settings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path: Path, qapp: object) -> Iterator[Path]:
    """Every UI test writes QSettings (organisation "Copilot", app "Copilot") under tmp_path."""
    folder = tmp_path / "qsettings"
    folder.mkdir()
    previous_format = QSettings.defaultFormat()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.SystemScope, str(folder / "sys"))
    yield folder
    QSettings.setDefaultFormat(previous_format)
