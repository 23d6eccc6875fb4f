"""A hint's `signal` field: the pack says which customer signal the hint is the playbook for."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from copilot.cli import main
from copilot.context.engine import Engine
from copilot.context.packs import check_pack, default_packs_dir, load_packs
from copilot.context.present import with_signal_words

PACK = """\
[pack]
version = 1
industry = "general"

[[hint]]
id = "general.again"
severity = "should"
{signal}
title = {{ en = "Again", id = "Lagi" }}
text = {{ en = "Say you see it.", id = "Bilang sudah terlihat." }}
why = {{ en = "Nobody likes retelling.", id = "Tidak ada yang suka mengulang." }}
triggers = {{ en = ["called ... again"], id = ["sudah|udah ... 3x"] }}
"""


def write(tmp_path: Path, signal_line: str) -> Path:
    path = tmp_path / "general.toml"
    path.write_text(PACK.format(signal=signal_line), encoding="utf-8")
    return path


def test_a_known_signal_kind_loads(tmp_path: Path) -> None:
    pack, errors = check_pack(write(tmp_path, 'signal = "repeat_contact"'))
    assert errors == [] and pack is not None
    assert pack.hints[0].signal == "repeat_contact"


def test_without_the_field_a_hint_covers_no_signal(tmp_path: Path) -> None:
    pack, errors = check_pack(write(tmp_path, ""))
    assert errors == [] and pack is not None
    assert pack.hints[0].signal is None


@pytest.mark.parametrize(
    "value",
    ['"repeat"', '"blame"', '""', '"Repeat_Contact"', "3", '["urgency"]', "true"],
)
def test_an_unknown_signal_kind_names_file_and_line(tmp_path: Path, value: str) -> None:
    # "blame" is an agent draft signal: a customer hint cannot be its playbook.
    path = write(tmp_path, f"signal = {value}")
    pack, errors = check_pack(path)
    assert pack is None
    (error,) = errors
    assert error.path == path and error.line == 8  # the `signal = ...` line
    assert error.message.startswith(f"{path}:8: hint 'general.again': signal ")
    assert "must be one of the customer signal kinds: frustration, repeat_contact" in error.problem


def test_engine_hints_carry_their_signal_and_the_analysis_keeps_the_signal(
    tmp_path: Path,
) -> None:
    write(tmp_path, 'signal = "repeat_contact"')
    analysis = Engine(tmp_path).analyze("Sudah 3x saya telepon, tolong segera!")
    (hint,) = analysis.hints
    assert hint.signal == "repeat_contact"
    assert hint.to_dict()["signal"] == "repeat_contact"
    # The signal stays in the analysis (reports count signals); only presentation merges.
    assert "repeat_contact" in {s.kind for s in analysis.signals}


def test_a_hint_without_the_field_has_signal_none_in_json(tmp_path: Path) -> None:
    write(tmp_path, "")
    (hint,) = Engine(tmp_path).analyze("Sudah 3x saya telepon").hints
    assert hint.signal is None and hint.to_dict()["signal"] is None


def test_the_shipped_general_pack_marks_its_signal_playbooks() -> None:
    hints = {h.id: h for pack in load_packs(default_packs_dir()).packs for h in pack.hints}
    assert hints["general.repeat_contact"].signal == "repeat_contact"
    assert hints["general.urgent_request"].signal == "urgency"
    assert hints["general.confusion"].signal == "confusion"
    assert hints["general.abusive_caller"].signal == "abusive"
    assert hints["general.vulnerable_customer"].signal == "vulnerability"
    # Not every hint is a signal's playbook: a claim denial is about the claim.
    assert hints["insurance.claim_denied"].signal is None
    assert hints["general.self_harm_risk"].signal is None


@pytest.mark.parametrize(
    ("why", "span", "expected"),
    [
        (("3x", "telepon"), "Sudah 3x", ("sudah 3x", "telepon")),
        (("third", "time"), "Third time", ("third time",)),
        (("butuh", "hari", "ini"), "butuh kepastian hari", ("butuh kepastian hari", "ini")),
        (("goblok",), "goblok", ("goblok",)),
        (("klaim",), "Tolong  SEGERA\n", ("klaim", "tolong segera")),
        (("3x",), "", ("3x",)),  # raised from history: no words in the text
        (("3x",), "   \n ", ("3x",)),
        (("segera",), "!!!", ("segera",)),  # nothing readable to add
        ((), "segera", ("segera",)),
    ],
)
def test_signal_words_join_the_hint_why(
    why: tuple[str, ...], span: str, expected: tuple[str, ...]
) -> None:
    assert with_signal_words(why, span) == expected


def run_analyze(monkeypatch: pytest.MonkeyPatch, text: str, *args: str) -> str:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["analyze", *args]) == 0
    return out.getvalue()


def test_analyze_prints_a_covered_signal_with_its_hint_not_twice(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = run_analyze(monkeypatch, "Sudah 3x saya telepon, tolong segera!", "--industry", "general")
    hint_line = next(line for line in out.splitlines() if "general.repeat_contact" in line)
    assert "signal: repeat_contact" in hint_line and "why: sudah 3x, telepon" in hint_line
    assert "  repeat_contact:" not in out  # not listed again under signals
    assert "  urgency:" in out or "general.urgent_request" in out  # urgency still said once
    assert out.count("Kontak berulang") == 1


def test_analyze_lists_uncovered_signals_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    out = run_analyze(monkeypatch, "I have been waiting forever and this is useless")
    assert "signals:" in out and "signals: none" not in out
