"""COPILOT_RESOURCES_DIR moves the context engine's packs and tone data (the panel's: tests/ui)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from copilot.context.engine import Engine
from copilot.context.tone import ToneDataError
from copilot.resources import RESOURCES_ENV

REPO_RESOURCES = Path(__file__).resolve().parents[1] / "resources"


def test_the_engine_loads_packs_and_tone_from_the_override(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    (site / "packs").mkdir(parents=True)
    shutil.copy(REPO_RESOURCES / "packs" / "insurance.toml", site / "packs")
    shutil.copytree(REPO_RESOURCES / "tone", site / "tone")
    monkeypatch.setenv(RESOURCES_ENV, str(site))
    engine = Engine()
    assert [pack.industry for pack in engine.packs] == ["insurance"]


def test_an_override_without_tone_data_says_which_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(REPO_RESOURCES / "packs", tmp_path / "packs")
    monkeypatch.setenv(RESOURCES_ENV, str(tmp_path))
    with pytest.raises(ToneDataError, match=str(tmp_path / "tone")):
        Engine()
