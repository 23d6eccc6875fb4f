"""Wrap-up reason codes: every shipped pack offers some; bad tables are named by file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from copilot.cli import main
from copilot.context.packs import check_pack, default_packs_dir
from copilot.context.reasons import check_reasons, load_reasons
from copilot.vocabulary import INDUSTRIES

DATA = Path(__file__).parent / "data"
PACK = (DATA / "packs" / "logistics.toml").read_text(encoding="utf-8")


def write(tmp_path: Path, reasons: str) -> Path:
    path = tmp_path / "logistics.toml"
    path.write_text(PACK + "\n[reasons]\n" + reasons, encoding="utf-8")
    return path


def test_every_shipped_industry_offers_reason_codes_in_both_languages() -> None:
    found = load_reasons()
    assert set(found) == set(INDUSTRIES)
    for industry, reasons in found.items():
        assert len(reasons) >= 5, industry
        assert reasons[-1].key == "other", industry  # the last resort comes last
        for reason in reasons:
            assert reason.en and reason.id
            assert reason.en != reason.id or reason.key == "bpjs_referral"


def test_a_reasons_table_at_the_end_leaves_the_pack_valid(tmp_path: Path) -> None:
    path = write(tmp_path, 'late = { en = "Late parcel", id = "Paket terlambat" }\n')
    pack, errors = check_pack(path)
    assert errors == [] and pack is not None
    reasons, problems = check_reasons(path)
    assert problems == []
    assert [(r.key, r.label("id"), r.label("en")) for r in reasons] == [
        ("late", "Paket terlambat", "Late parcel")
    ]


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('Late = { en = "Late", id = "Telat" }', "reason key 'Late' must be snake_case"),
        ('late = { en = "Late" }', "reason 'late' needs a text label in en and id"),
        ('late = "Late"', "reason 'late' must be"),
        ('late = { en = "Late", id = "Telat", fr = "Retard" }', "unknown language(s) fr"),
        (f'late = {{ en = "{"x" * 61}", id = "Telat" }}', "longer than 60 characters"),
    ],
)
def test_a_bad_reason_is_named_with_its_file_and_line(
    tmp_path: Path, line: str, problem: str
) -> None:
    path = write(tmp_path, 'ok = { en = "Fine", id = "Baik" }\n' + line + "\n")
    reasons, errors = check_reasons(path)
    assert reasons == ()  # a table with an error offers nothing rather than half a list
    (error,) = errors
    expected_line = len((PACK + "\n[reasons]\nok\n").splitlines()) + 1
    assert error.line == expected_line
    assert problem in error.problem
    assert error.message.startswith(f"{path}:{expected_line}: ")


def test_packs_check_reports_a_bad_reason_and_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, 'late = { en = "Late" }\n')
    (tmp_path / "general.toml").write_text(
        (DATA / "packs" / "general.toml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert main(["packs", "check", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith(f"{path}:")
    assert "needs a text label in en and id" in captured.out
    assert "1 pack(s) OK (1 hints), 1 with errors" in captured.err


def test_a_pack_without_reasons_offers_none(tmp_path: Path) -> None:
    path = tmp_path / "logistics.toml"
    path.write_text(PACK, encoding="utf-8")
    assert check_reasons(path) == ((), [])
    assert load_reasons(tmp_path) == {"logistics": ()}


def test_the_shipped_packs_dir_is_where_reasons_come_from() -> None:
    assert load_reasons(default_packs_dir()) == load_reasons()


def test_only_the_reasons_table_is_read_and_a_broken_one_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, 'late = { en = "Late", id = \n')
    reasons, (error,) = check_reasons(path)
    assert reasons == ()
    assert error.line == len((PACK + "\n[reasons]").splitlines())  # the table's header
    assert "not valid TOML" in error.problem
    assert load_reasons(tmp_path) == {"logistics": ()}


def test_loading_reasons_does_not_import_the_hint_engine() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from copilot.context.reasons import load_reasons; load_reasons(); "
        "print('copilot.context.packs' in sys.modules, 'copilot.context.matching' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
