"""Wrap-up reason codes per industry: the `[reasons]` table at the end of each hint pack.

A reason code is a stable key (what the store and reports keep) with an English and an
Indonesian label (what the wrap-up shows). Errors name the file and line, like the packs'.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from copilot.context.packs import Localized, PackError, default_packs_dir
from copilot.vocabulary import INDUSTRIES, LANGUAGES

__all__ = ["ReasonCode", "check_reasons", "load_reasons"]

MAX_REASON_KEY = 40  # a key is an identifier in reports, not a sentence
MAX_REASON_LABEL = 60  # one line in a 320-px-wide combo box
_KEY_RE = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*")
_TABLE_RE = re.compile(r"^\s*\[\s*reasons\s*\]")


@dataclass(frozen=True, slots=True)
class ReasonCode:
    """One reason a customer contacted us, as the wrap-up offers it."""

    key: str
    label: Localized


def _line_of(lines: list[str], key: str | None) -> int:
    """The line of `key` inside the `[reasons]` table, else of the table, else 1."""
    start = next((i for i, line in enumerate(lines) if _TABLE_RE.match(line)), None)
    if start is None:
        return 1
    if key is not None:
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
        for i in range(start + 1, len(lines)):
            if pattern.match(lines[i]):
                return i + 1
    return start + 1


def _label(key: str, value: Any) -> Localized | str:
    """The labels of `key`, or what is wrong with them."""
    if not isinstance(value, dict):
        return f'reason \'{key}\' must be {{ en = "...", id = "..." }}'
    missing = [lang for lang in LANGUAGES if not str(value.get(lang, "")).strip()]
    extra = sorted(set(value) - set(LANGUAGES))
    if extra:
        return f"reason '{key}' has unknown language(s) {', '.join(extra)}; use en and id"
    if missing or not all(isinstance(value[lang], str) for lang in LANGUAGES):
        return f"reason '{key}' needs a text label in en and id"
    too_long = [lang for lang in LANGUAGES if len(value[lang].strip()) > MAX_REASON_LABEL]
    if too_long:
        return (
            f"reason '{key}': the {too_long[0]} label is longer than {MAX_REASON_LABEL} "
            "characters; the wrap-up shows it on one line"
        )
    return Localized(en=value["en"].strip(), id=value["id"].strip())


def check_reasons(path: Path) -> tuple[tuple[ReasonCode, ...], list[PackError]]:
    """The reason codes of one pack file, and every problem with them (file and line)."""
    path = Path(path)
    try:
        source = path.read_bytes().decode("utf-8")
        data = tomllib.loads(source)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return (), []  # the pack check reports a file it cannot read, once
    lines = source.splitlines()
    table = data.get("reasons")
    if table is None:
        return (), []  # optional: the wrap-up then offers no reason codes for this industry
    if not isinstance(table, dict) or not table:
        return (), [PackError(path, _line_of(lines, None), "[reasons] must list key = labels")]
    reasons: list[ReasonCode] = []
    errors: list[PackError] = []
    for key, value in table.items():
        line = _line_of(lines, key)
        if not _KEY_RE.fullmatch(key) or len(key) > MAX_REASON_KEY:
            errors.append(
                PackError(
                    path,
                    line,
                    f"reason key '{key}' must be snake_case, at most {MAX_REASON_KEY} "
                    "characters (reports keep it; never rename one)",
                )
            )
            continue
        label = _label(key, value)
        if isinstance(label, str):
            errors.append(PackError(path, line, label))
            continue
        reasons.append(ReasonCode(key, label))
    return (tuple(reasons), errors) if not errors else ((), errors)


def load_reasons(directory: Path | None = None) -> dict[str, tuple[ReasonCode, ...]]:
    """Every industry's reason codes from the packs in `directory` (a bad table: none)."""
    folder = Path(directory) if directory is not None else default_packs_dir()
    found: dict[str, tuple[ReasonCode, ...]] = {}
    for industry in INDUSTRIES:
        path = folder / f"{industry}.toml"
        if path.is_file():
            found[industry] = check_reasons(path)[0]
    return found
