"""The labelled hint cases in data/hint_cases.toml, run against the shipped packs."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from copilot.context.engine import Engine

CASES_FILE = Path(__file__).parent / "data" / "hint_cases.toml"


def _cases() -> list[Any]:
    if not CASES_FILE.exists():
        return []
    cases = tomllib.loads(CASES_FILE.read_text(encoding="utf-8")).get("case", [])
    return [pytest.param(case, id=f"{case['industry']}-{i}") for i, case in enumerate(cases)]


CASES = _cases()


def test_the_case_file_exists_and_has_cases() -> None:
    assert CASES, f"no cases in {CASES_FILE}"


@pytest.mark.parametrize("case", CASES)
def test_hint_case(engine: Engine, case: dict[str, Any]) -> None:
    if case["industry"] not in engine.industries:
        pytest.skip(f"no {case['industry']} pack in resources/packs yet")
    analysis = engine.analyze(case["text"], industry=case["industry"])
    fired = [hint.id for hint in analysis.hints]
    missing = set(case.get("expect", [])) - set(fired)
    unwanted = set(case.get("reject", [])) & set(fired)
    assert not missing, f"expected {sorted(missing)} to fire; fired {fired}"
    assert not unwanted, f"{sorted(unwanted)} should not fire; fired {fired}"
    if "max_hints" in case:
        assert len(fired) <= case["max_hints"], f"too many hints: {fired}"
