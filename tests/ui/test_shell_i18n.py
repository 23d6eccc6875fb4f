"""The Indonesian translation is complete, keeps placeholders, and is compiled."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from copilot.resources import resources_dir

REPO = Path(__file__).resolve().parents[2]
TS = resources_dir() / "i18n" / "copilot_id.ts"
QM = TS.with_suffix(".qm")
PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%\d")


def _messages(path: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(path).getroot()
    out = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.findall("message"):
            translation = message.find("translation")
            assert translation is not None
            if translation.get("type") in ("obsolete", "vanished"):
                continue
            out.append((name, message.findtext("source") or "", translation))
    return out


def test_every_string_is_translated_and_keeps_its_placeholders() -> None:
    messages = _messages(TS)
    assert len(messages) > 100
    for context, source, translation in messages:
        text = translation.text or ""
        assert translation.get("type") != "unfinished" and text.strip(), (
            f"{context}: {source!r} has no Indonesian translation; run "
            "scripts/update_translations.py and translate it"
        )
        assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(text)), (
            f"{context}: {source!r} -> {text!r} changes its placeholders"
        )


def test_no_tr_string_in_the_code_is_missing_from_the_ts_file(tmp_path: Path) -> None:
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    if not lupdate.exists():
        found = shutil.which("pyside6-lupdate")
        if found is None:
            pytest.skip("pyside6-lupdate is not installed")
        lupdate = Path(found)
    fresh = tmp_path / "copilot_id.ts"
    shutil.copy(TS, fresh)
    sources = sorted(str(p) for p in (REPO / "copilot" / "ui").rglob("*.py"))
    subprocess.run([str(lupdate), *sources, "-ts", str(fresh)], check=True, capture_output=True)
    new = [(c, s) for c, s, t in _messages(fresh) if t.get("type") == "unfinished"]
    assert new == [], "strings added since the last scripts/update_translations.py run"


def test_compiled_translation_loads_and_translates(qapp: QCoreApplication) -> None:
    translator = QTranslator()
    assert translator.load(str(QM))
    assert translator.translate("MainWindow", "Settings") == "Pengaturan"
    disk_full = translator.translate("ErrorBanner", "The computer's disk is full")
    assert disk_full == "Disk komputer penuh"
