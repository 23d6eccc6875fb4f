"""Engines for the context tests: one over the shipped data, one over the small test packs."""

from __future__ import annotations

from pathlib import Path

import pytest

from copilot.context.engine import Engine

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def engine() -> Engine:
    """The engine over resources/ (shipped packs and tone data), built once per session."""
    return Engine()


@pytest.fixture(scope="session")
def small_engine() -> Engine:
    """The engine over tests/context/data/packs (a small pack written for these tests)."""
    return Engine(DATA / "packs")
