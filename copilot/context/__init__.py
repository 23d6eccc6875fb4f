"""Context engine: hint packs, tone signals, PII detection; pure Python, no Qt."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from copilot.context.engine import Analysis, Engine, Hint, History
    from copilot.context.tone import Signal

__all__ = ["Analysis", "Engine", "Hint", "History", "Signal", "analyze", "default_engine"]

_ENGINE_NAMES = frozenset({"Analysis", "Engine", "Hint", "History"})


def __getattr__(name: str) -> object:
    # Lazy re-exports: `from copilot.context import History` works, while the storage layer's
    # `from copilot.context.pii import mask_payment_secrets` does not load the whole engine.
    if name in _ENGINE_NAMES:
        from copilot.context import engine

        return getattr(engine, name)
    if name == "Signal":
        from copilot.context.tone import Signal

        return Signal
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
