"""Wrap-up reason codes per industry: the `[reasons]` table at the end of each hint pack.

A reason code is a stable key (what the store and reports keep) with an English and an
Indonesian label (what the wrap-up shows). Only the `[reasons]` table is read, not the whole
pack: the panel loads these at start-up, and parsing 270 KB of hints for 44 labels took 70 ms
(plus the trigger compiler's import) of a worker the first lookups need. Errors name the file
and line, like the packs'.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from copilot.resources import resources_dir
from copilot.vocabulary import INDUSTRIES, LANGUAGES

if TYPE_CHECKING:
    from copilot.context.packs import PackError

__all__ = ["ReasonCode", "check_reasons", "load_reasons"]

MAX_REASON_KEY = 40  # a key is an identifier in reports, not a sentence
MAX_REASON_LABEL = 60  # one line in a 320-px-wide combo box
_KEY_RE = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*")
_TABLE_RE = re.compile(r"^\s*\[\s*reasons\s*\]\s*(#.*)?$")
_ANY_TABLE_RE = re.compile(r"^\s*\[")


@dataclass(frozen=True, slots=True)
class ReasonCode:
    """One reason a customer contacted us, as the wrap-up offers it."""

    key: str
    en: str
    id: str

    def label(self, language: str) -> str:
        return self.id if language == "id" else self.en


@dataclass(frozen=True, slots=True)
class _Problem:
    line: int
    text: str


def _table(source: str) -> tuple[int, str] | None:
    """(first line number, text) of the `[reasons]` table, or None when there is none."""
    lines = source.splitlines()
    start = next((i for i, line in enumerate(lines) if _TABLE_RE.match(line)), None)
    if start is None:
        return None
    end = next(
        (i for i in range(start + 1, len(lines)) if _ANY_TABLE_RE.match(lines[i])), len(lines)
    )
    return start + 1, "\n".join(lines[start:end])


def _line_of(first: int, text: str, key: str) -> int:
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    for offset, line in enumerate(text.splitlines()):
        if pattern.match(line):
            return first + offset
    return first


def _label(key: str, value: Any) -> tuple[str, str] | str:
    """The (en, id) labels of `key`, or what is wrong with them."""
    if not isinstance(value, dict):
        return f'reason \'{key}\' must be {{ en = "...", id = "..." }}'
    extra = sorted(set(value) - set(LANGUAGES))
    if extra:
        return f"reason '{key}' has unknown language(s) {', '.join(extra)}; use en and id"
    labels = [value.get(lang) for lang in LANGUAGES]
    if not all(isinstance(label, str) and label.strip() for label in labels):
        return f"reason '{key}' needs a text label in en and id"
    too_long = [lang for lang in LANGUAGES if len(value[lang].strip()) > MAX_REASON_LABEL]
    if too_long:
        return (
            f"reason '{key}': the {too_long[0]} label is longer than {MAX_REASON_LABEL} "
            "characters; the wrap-up shows it on one line"
        )
    return value["en"].strip(), value["id"].strip()


def _read(source: str) -> tuple[tuple[ReasonCode, ...], list[_Problem]]:
    found = _table(source)
    if found is None:
        return (), []  # optional: the wrap-up then offers no reason codes for this industry
    first, text = found
    try:
        table = tomllib.loads(text).get("reasons")
    except tomllib.TOMLDecodeError as exc:
        return (), [_Problem(first, f"[reasons] is not valid TOML: {exc}")]
    if not isinstance(table, dict) or not table:
        return (), [_Problem(first, "[reasons] must list key = { en = ..., id = ... }")]
    reasons: list[ReasonCode] = []
    problems: list[_Problem] = []
    for key, value in table.items():
        line = _line_of(first, text, key)
        if not _KEY_RE.fullmatch(key) or len(key) > MAX_REASON_KEY:
            problems.append(
                _Problem(
                    line,
                    f"reason key '{key}' must be snake_case, at most {MAX_REASON_KEY} "
                    "characters (reports keep it; never rename one)",
                )
            )
            continue
        label = _label(key, value)
        if isinstance(label, str):
            problems.append(_Problem(line, label))
        else:
            reasons.append(ReasonCode(key, *label))
    # A table with an error offers nothing rather than half a list.
    return (tuple(reasons), []) if not problems else ((), problems)


def check_reasons(path: Path) -> tuple[tuple[ReasonCode, ...], list[PackError]]:
    """The reason codes of one pack file, and every problem with them (file and line)."""
    from copilot.context.packs import PackError

    path = Path(path)
    try:
        source = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return (), []  # the pack check reports a file it cannot read, once
    reasons, problems = _read(source)
    return reasons, [PackError(path, p.line, p.text) for p in problems]


def load_reasons(directory: Path | None = None) -> dict[str, tuple[ReasonCode, ...]]:
    """Every industry's reason codes from the packs in `directory` (a bad table: none)."""
    folder = Path(directory) if directory is not None else resources_dir() / "packs"
    found: dict[str, tuple[ReasonCode, ...]] = {}
    for industry in INDUSTRIES:
        path = folder / f"{industry}.toml"
        try:
            source = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        found[industry] = _read(source)[0]
    return found
