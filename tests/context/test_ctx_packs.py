"""Hint pack loading: every malformed pack is rejected with file, line and reason; others load."""

from __future__ import annotations

from pathlib import Path

import pytest

from copilot.context.packs import check_pack, default_packs_dir, load_pack, load_packs

GOOD = """\
[pack]
industry = "logistics"
version = 1
detect = { en = ["parcel"], id = ["paket"] }

[[hint]]
id = "logistics.late"
severity = "should"
title = { en = "Late", id = "Terlambat" }
text = { en = "Check tracking.", id = "Cek pelacakan." }
why = { en = "Dates calm people.", id = "Tanggal menenangkan." }
checklist = { en = ["Scan read"], id = ["Scan dibaca"] }
triggers = { en = ["parcel ... late"], id = ["paket ... telat"] }
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def only_error(path: Path) -> tuple[int, str]:
    pack, errors = check_pack(path)
    assert pack is None
    assert errors, "expected an error"
    first = errors[0]
    assert first.path == path
    assert first.message.startswith(f"{path}:{first.line}: ")
    return first.line, first.problem


def test_a_good_pack_loads_into_frozen_dataclasses(tmp_path: Path) -> None:
    pack = load_pack(write(tmp_path, "logistics.toml", GOOD))
    assert pack.industry == "logistics" and pack.version == 1
    (hint,) = pack.hints
    assert hint.id == "logistics.late" and hint.line == 6
    assert hint.title.get("id") == "Terlambat"
    assert hint.checklist["en"] == ("Scan read",)
    with pytest.raises(AttributeError):
        hint.id = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("old", "new", "line", "problem"),
    [
        ('severity = "should"', 'severity = "urgent"', 8, "severity 'urgent' must be one of"),
        ('id = "logistics.late"', 'id = "health.late"', 7, "must start with 'logistics.'"),
        ('id = "logistics.late"', 'id = "logistics.Late-One"', 7, "snake_case"),
        (
            'title = { en = "Late", id = "Terlambat" }',
            'title = { en = "Late" }',
            9,
            "missing the id",
        ),
        ('text = { en = "Check tracking.", id = "Cek pelacakan." }', "", 6, "has no 'text'"),
        (
            'checklist = { en = ["Scan read"], id = ["Scan dibaca"] }',
            'checklist = { en = ["Scan read", "Date"], id = ["Scan dibaca"] }',
            12,
            "2 en items but 1 id",
        ),
        ('"parcel ... late"', '"parcel ... ... late"', 13, "two '...' in a row"),
        ('"paket ... telat"', '"paket (telat|lama)+"', 13, "must be one word"),
        (
            'triggers = { en = ["parcel ... late"], id = ["paket ... telat"] }',
            'triggers = { en = ["parcel ... late"] }',
            13,
            "missing the id list",
        ),
        ("why = {", "whyy = {", 11, "unknown key 'whyy'"),
        ('industry = "logistics"', 'industry = "shipping"', 2, "must be one of"),
        ("version = 1", 'version = "one"', 3, "positive whole number"),
    ],
)
def test_each_error_names_the_line_and_the_problem(
    tmp_path: Path, old: str, new: str, line: int, problem: str
) -> None:
    assert old in GOOD
    path = write(tmp_path, "logistics.toml", GOOD.replace(old, new))
    only_error(path)
    _pack, errors = check_pack(path)
    found = [(e.line, e.problem) for e in errors]
    assert any(got_line == line and problem in got for got_line, got in found), found


def test_toml_syntax_error_reports_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "logistics.toml", GOOD.replace("version = 1", "version = = 1"))
    line, problem = only_error(path)
    assert line == 3 and "TOML syntax error" in problem


def test_file_name_must_match_the_industry(tmp_path: Path) -> None:
    line, problem = only_error(write(tmp_path, "health.toml", GOOD))
    assert line == 2 and "does not match the file name" in problem


def test_duplicate_ids_within_a_pack_name_both_lines(tmp_path: Path) -> None:
    second = GOOD[GOOD.index("[[hint]]") :]
    path = write(tmp_path, "logistics.toml", GOOD + "\n" + second)
    line, problem = only_error(path)
    assert line == 15 and "duplicate hint id 'logistics.late' (first at line 6)" in problem


def test_not_utf8_is_reported_not_raised(tmp_path: Path) -> None:
    path = tmp_path / "logistics.toml"
    path.write_bytes(GOOD.encode() + b"\n# caf\xe9\n")
    line, problem = only_error(path)
    assert line == 15 and "UTF-8" in problem


def test_a_bad_pack_does_not_stop_the_others(tmp_path: Path) -> None:
    write(tmp_path, "logistics.toml", GOOD)
    write(tmp_path, "health.toml", GOOD.replace("logistics", "health").replace("should", "maybe"))
    write(tmp_path, "telecom.toml", "this is not toml")
    result = load_packs(tmp_path)
    assert [p.industry for p in result.packs] == ["logistics"]
    assert sorted(e.path.name for e in result.errors) == ["health.toml", "telecom.toml"]


def test_hint_ids_are_unique_across_packs(tmp_path: Path) -> None:
    write(tmp_path, "logistics.toml", GOOD)
    general = GOOD.replace('industry = "logistics"', 'industry = "general"')
    write(tmp_path, "general.toml", general.replace("logistics.late", "general.late"))
    assert not load_packs(tmp_path).errors


def test_missing_folder_is_an_error_not_a_crash(tmp_path: Path) -> None:
    result = load_packs(tmp_path / "nope")
    assert result.packs == () and "does not exist" in result.errors[0].message


def test_the_shipped_packs_are_valid() -> None:
    result = load_packs(default_packs_dir())
    assert result.errors == ()
    assert result.packs, "resources/packs has no packs"
    for pack in result.packs:
        assert pack.path.stem == pack.industry
        for hint in pack.hints:
            assert hint.title.en and hint.title.id
            assert hint.triggers or hint.pii or hint.overdue_at_least, hint.id
