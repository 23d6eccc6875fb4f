"""Tone data files: the shipped ones load; a malformed one fails with the file and the reason."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from copilot.context.tone import ToneDataError, ToneModel, load_tone
from copilot.resources import resources_dir
from copilot.vocabulary import AGENT_SIGNAL_KINDS, CUSTOMER_SIGNAL_KINDS, SEVERITIES


@pytest.fixture
def tone_copy(tmp_path: Path) -> Path:
    target = tmp_path / "tone"
    shutil.copytree(resources_dir() / "tone", target)
    return target


def test_shipped_tone_data_has_every_kind_in_both_languages() -> None:
    data = load_tone(resources_dir() / "tone")
    for kind in (*CUSTOMER_SIGNAL_KINDS, *AGENT_SIGNAL_KINDS):
        text = data.texts[kind]
        assert text.message.en and text.message.id and text.suggestion.en and text.suggestion.id
        assert text.severity in SEVERITIES
    assert {rule.kind for rule, _t, _e in data.customer_rules} == set(CUSTOMER_SIGNAL_KINDS)
    # Compliance and vulnerable customers outrank the rest (the panel ranks cards by this).
    assert data.texts["sensitive_data_request"].severity == "must"
    assert data.texts["vulnerability"].severity == "must"
    assert data.texts["abusive"].severity == "must"
    rewrites = [rule.rewrite for rule, _t, _e in data.agent_rules if rule.rewrite is not None]
    assert rewrites and all(r.en.strip() and r.id.strip() for r in rewrites)
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
    line = _line_of(path, 'kind = "hurry"')
    with pytest.raises(ToneDataError, match=rf"customer\.toml:{line}: rule #\d+: kind 'hurry'"):
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


def _line_of(path: Path, needle: str) -> int:
    return next(
        number
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if needle in line
    )


def test_a_missing_severity_names_file_and_line(tone_copy: Path) -> None:
    path = tone_copy / "agent.toml"
    text = path.read_text(encoding="utf-8")
    block = text.index("[signal.jargon]")
    severity = text.index('severity = "should"\n', block)
    path.write_text(text[:severity] + text[severity + len('severity = "should"\n') :])
    line = _line_of(path, "[signal.jargon]")
    with pytest.raises(
        ToneDataError, match=rf"agent\.toml:{line}: signal\.jargon: severity None must be one of"
    ):
        load_tone(tone_copy)


def test_an_unknown_severity_names_file_and_line(tone_copy: Path) -> None:
    path = tone_copy / "customer.toml"
    text = path.read_text(encoding="utf-8")
    block = text.index("[signal.abusive]")
    severity = text.index('severity = "must"', block)
    path.write_text(text[:severity] + 'severity = "urgent"' + text[severity + 17 :])
    line = _line_of(path, 'severity = "urgent"')
    with pytest.raises(ToneDataError, match=rf"customer\.toml:{line}: signal\.abusive: .*'urgent'"):
        load_tone(tone_copy)


@pytest.mark.parametrize(
    "rewrite",
    [
        'rewrite = "our specialist team"',  # one language only: the draft may be either
        'rewrite = { en = "our specialist team", id = "" }',
        'rewrite = { en = "our specialist team" }',
    ],
)
def test_a_rewrite_needs_both_languages(tone_copy: Path, rewrite: str) -> None:
    path = tone_copy / "agent.toml"
    text = path.read_text(encoding="utf-8")
    old = 'rewrite = { en = "our specialist team", id = "tim spesialis kami" }'
    path.write_text(text.replace(old, rewrite), encoding="utf-8")
    line = _line_of(path, rewrite)
    with pytest.raises(ToneDataError, match=rf"agent\.toml:{line}: rule #\d+ rewrite: needs"):
        load_tone(tone_copy)


def test_a_customer_rule_cannot_rewrite_the_customers_message(tone_copy: Path) -> None:
    path = tone_copy / "customer.toml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        'kind = "urgency"', 'kind = "urgency"\nrewrite = { en = "soon", id = "segera" }', 1
    )
    path.write_text(text, encoding="utf-8")
    line = _line_of(path, 'rewrite = { en = "soon"')
    with pytest.raises(ToneDataError, match=rf"customer\.toml:{line}: rule #\d+: only draft"):
        load_tone(tone_copy)
