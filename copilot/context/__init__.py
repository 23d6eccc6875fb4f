"""Context engine: hint packs, tone signals, PII detection; pure Python, no Qt."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from copilot.context.engine import Analysis, Engine, History

__all__ = ["analyze", "default_engine"]


@cache
def default_engine() -> Engine:
    """The engine over the shipped packs and tone data, built on first use.

    A cached function rather than a module global: tests build their own `Engine` (or call
    `default_engine.cache_clear()`), and importing `copilot.context.pii` stays cheap.
    """
    from copilot.context.engine import Engine

    return Engine()


def analyze(
    text: str,
    *,
    role: str = "customer",
    customer_text: str | None = None,
    industry: str = "auto",
    language: str = "auto",
    history: History | None = None,
) -> Analysis:
    """Analyse one message with the default engine (see docs/ARCHITECTURE.md)."""
    return default_engine().analyze(
        text,
        role=role,
        customer_text=customer_text,
        industry=industry,
        language=language,
        history=history,
    )
