"""The labelled hint cases in data/hint_cases.toml, run against the shipped packs."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from copilot.context.engine import Engine
from copilot.vocabulary import INDUSTRIES

CASES_FILE = Path(__file__).parent / "data" / "hint_cases.toml"


def _cases() -> list[Any]:
    if not CASES_FILE.exists():
        return []
    cases = tomllib.loads(CASES_FILE.read_text(encoding="utf-8")).get("case", [])
    return [pytest.param(case, id=f"{case['industry']}-{i}") for i, case in enumerate(cases)]


CASES = _cases()


def test_the_case_file_exists_and_has_cases() -> None:
    assert CASES, f"no cases in {CASES_FILE}"


def test_every_industry_has_cases_and_a_loaded_pack(engine: Engine) -> None:
    covered = {param.values[0]["industry"] for param in CASES}
    assert covered == set(INDUSTRIES)
    assert set(engine.industries) == set(INDUSTRIES)


@pytest.mark.parametrize("case", CASES)
def test_hint_case(engine: Engine, case: dict[str, Any]) -> None:
    # A pack that is missing or fails to load is a failure here, never a skip.
    assert case["industry"] in engine.industries, f"no {case['industry']} pack loaded"
    analysis = engine.analyze(case["text"], industry=case["industry"])
    fired = [hint.id for hint in analysis.hints]
    missing = set(case.get("expect", [])) - set(fired)
    unwanted = set(case.get("reject", [])) & set(fired)
    assert not missing, f"expected {sorted(missing)} to fire; fired {fired}"
    assert not unwanted, f"{sorted(unwanted)} should not fire; fired {fired}"
    if "max_hints" in case:
        assert len(fired) <= case["max_hints"], f"too many hints: {fired}"
