"""One resources folder for the whole panel: COPILOT_RESOURCES_DIR moves styles, icons and i18n."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from copilot.resources import RESOURCES_ENV, icon_path, resources_dir
from copilot.ui.shell.i18n import LanguageSwitcher
from copilot.ui.shell.theme import load_stylesheet, palette_colours

REPO_RESOURCES = Path(__file__).resolve().parents[2] / "resources"


def test_without_the_override_the_folder_beside_the_package_is_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(RESOURCES_ENV, raising=False)
    assert resources_dir() == REPO_RESOURCES
    for part in ("packs", "tone", "i18n", "styles", "icons"):
        assert (resources_dir() / part).is_dir(), part
    assert icon_path().is_file()


def test_an_empty_override_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(RESOURCES_ENV, "")
    assert resources_dir() == REPO_RESOURCES


def test_the_override_is_read_on_every_call(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(RESOURCES_ENV, str(tmp_path / "a"))
    assert resources_dir() == tmp_path / "a"
    assert icon_path() == tmp_path / "a" / "icons" / "copilot.svg"
    monkeypatch.setenv(RESOURCES_ENV, str(tmp_path / "b"))
    assert resources_dir() == tmp_path / "b"


def test_the_themes_come_from_the_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    shutil.copytree(REPO_RESOURCES / "styles", site / "styles")
    light = site / "styles" / "light.qss"
    original = palette_colours("light", REPO_RESOURCES / "styles")["accent"]
    light.write_text(light.read_text(encoding="utf-8").replace(original, "#123456"), "utf-8")
    monkeypatch.setenv(RESOURCES_ENV, str(site))
    assert palette_colours("light")["accent"] == "#123456"
    assert "#123456" in load_stylesheet("light")


def test_the_theme_fails_loudly_when_the_override_has_no_styles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(RESOURCES_ENV, str(tmp_path))
    with pytest.raises(FileNotFoundError, match=str(tmp_path)):
        load_stylesheet("light")


def test_the_translations_come_from_the_override(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "empty"
    (empty / "i18n").mkdir(parents=True)
    monkeypatch.setenv(RESOURCES_ENV, str(empty))
    switcher = LanguageSwitcher(qapp)
    try:
        # Nothing to load there: the panel stays in English rather than reading the checkout.
        assert not switcher.set_language("id")
        assert switcher.language == "en"

        site = tmp_path / "site"
        shutil.copytree(REPO_RESOURCES / "i18n", site / "i18n")
        monkeypatch.setenv(RESOURCES_ENV, str(site))
        switcher = LanguageSwitcher(qapp)
        assert switcher.set_language("id")
        assert qapp.translate("MainWindow", "Settings") == "Pengaturan"
    finally:
        switcher.set_language("en")
