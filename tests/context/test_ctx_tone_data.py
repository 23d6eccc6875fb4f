"""Tone data files: the shipped ones load; a malformed one fails with the file and the reason."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from copilot.context.resources import resources_dir
from copilot.context.tone import AGENT_KINDS, CUSTOMER_KINDS, ToneDataError, ToneModel, load_tone


@pytest.fixture
def tone_copy(tmp_path: Path) -> Path:
    target = tmp_path / "tone"
    shutil.copytree(resources_dir() / "tone", target)
    return target


def test_shipped_tone_data_has_every_kind_in_both_languages() -> None:
    data = load_tone(resources_dir() / "tone")
    for kind in (*CUSTOMER_KINDS, *AGENT_KINDS):
        message, suggestion = data.texts[kind]
        assert message.en and message.id and suggestion.en and suggestion.id
    assert {rule.kind for rule, _t, _e in data.customer_rules} == set(CUSTOMER_KINDS)
    assert len(data.lexicon.words) > 5000  # VADER plus the Indonesian lexicon


def test_licence_and_attribution_ship_with_the_english_lexicon() -> None:
    folder = resources_dir() / "tone"
    assert "MIT" in (folder / "LICENSE-vaderSentiment-MIT.txt").read_text(encoding="utf-8")
    assert "Hutto" in (folder / "NOTICE.md").read_text(encoding="utf-8")


def test_unknown_signal_kind_is_rejected(tone_copy: Path) -> None:
    path = tone_copy / "customer.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('kind = "urgency"', 'kind = "hurry"'),
        encoding="utf-8",
    )
    with pytest.raises(ToneDataError, match=r"customer\.toml: rule #\d+: kind 'hurry'"):
        load_tone(tone_copy)


def test_missing_signal_text_is_rejected(tone_copy: Path) -> None:
    path = tone_copy / "agent.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index("[signal.jargon]")
    end = text.index("[signal.overpromise]")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(ToneDataError, match=r"agent\.toml: no \[signal\.jargon\]"):
        load_tone(tone_copy)


def test_bad_trigger_in_tone_data_names_the_rule(tone_copy: Path) -> None:
    path = tone_copy / "customer.toml"
    text = path.read_text(encoding="utf-8").replace('"fed up",', '"fed (up)+",', 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ToneDataError, match=r"customer\.toml: rule #1: .*must be one word"):
        ToneModel.from_directory(tone_copy)


def test_bad_lexicon_line_names_file_and_line(tone_copy: Path) -> None:
    path = tone_copy / "lexicon_id.tsv"
    path.write_text("# header\nbagus\tvery\n", encoding="utf-8")
    with pytest.raises(ToneDataError, match=r"lexicon_id\.tsv:2: expected word<TAB>valence"):
        load_tone(tone_copy)


def test_toml_syntax_error_is_a_tone_data_error(tone_copy: Path) -> None:
    (tone_copy / "agent.toml").write_text("[tone\n", encoding="utf-8")
    with pytest.raises(ToneDataError, match=r"agent\.toml"):
        load_tone(tone_copy)
