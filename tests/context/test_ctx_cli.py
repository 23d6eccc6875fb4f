"""`copilot analyze` and `copilot packs check` on the command line."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from copilot.cli import main

DATA = Path(__file__).parent / "data"


def run(argv: list[str], stdin: bytes, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    return main(argv)


def test_analyze_json_from_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "udah 3x saya call, kartu 4111 1111 1111 1111 blm juga diblokir"
    code = run(["analyze", "--json"], text.encode(), monkeypatch)
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert out["language"] == "id"
    assert {s["kind"] for s in out["signals"]} >= {"repeat_contact"}
    assert out["pii"][0]["kind"] == "card_number"
    assert "4111" not in out["redacted"]


def test_analyze_summary_for_a_draft(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run(
        [
            "analyze",
            "--role",
            "agent",
            "--customer",
            "I'm really fed up, third time I call",
            "--lang",
            "en",
        ],
        b"Please send me the OTP you received.",
        monkeypatch,
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "language: en" in out
    assert "sensitive_data_request" in out and "missing_empathy" in out
    assert "->" in out  # each signal comes with its suggestion


def test_analyze_fixed_industry(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run(["analyze", "--industry", "general", "--json"], b"halo kak", monkeypatch)
    assert code == 0
    assert json.loads(capsys.readouterr().out)["industry"] == "general"


def test_invalid_utf8_is_one_clear_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run(["analyze"], b"caf\xe9 \xff\xfe", monkeypatch)
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1
    assert "not valid UTF-8 (byte 0xe9 at offset 3)" in err


def test_empty_stdin_is_fine(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["analyze", "--json"], b"", monkeypatch) == 0
    assert json.loads(capsys.readouterr().out)["signals"] == []


def test_customer_option_needs_agent_role(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["analyze", "--customer", "hi"], b"x", monkeypatch) == 2
    assert "--customer is only used with --role agent" in capsys.readouterr().err


def test_unknown_industry_is_rejected_by_the_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(SystemExit) as exc:
        run(["analyze", "--industry", "retail"], b"x", monkeypatch)
    assert exc.value.code == 2


def test_packs_check_ok(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["packs", "check", str(DATA / "packs")]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "2 pack(s) OK (3 hints), 0 with errors" in captured.err


def test_packs_check_prints_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = (DATA / "packs" / "logistics.toml").read_text(encoding="utf-8")
    (tmp_path / "logistics.toml").write_text(
        good.replace('severity = "must"', 'severity = "high"'), encoding="utf-8"
    )
    (tmp_path / "general.toml").write_text(
        (DATA / "packs" / "general.toml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert main(["packs", "check", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    line = next(i for i, text in enumerate(good.splitlines(), 1) if 'severity = "must"' in text)
    assert captured.out.startswith(f"{tmp_path / 'logistics.toml'}:{line}: ")
    assert "severity 'high' must be one of must, should, tip" in captured.out
    assert "1 pack(s) OK (1 hints), 1 with errors" in captured.err


def test_packs_check_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["packs", "check", str(tmp_path / "nope")]) == 2
    assert "no such folder" in capsys.readouterr().err


def test_packs_check_default_folder_is_the_shipped_packs(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["packs", "check"]) == 0
    assert "with errors" in capsys.readouterr().err
