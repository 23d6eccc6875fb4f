"""Industry hint packs: TOML files validated into frozen dataclasses; errors name file and line."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from copilot.context.matching import ParsedTrigger, TriggerSyntaxError, parse_trigger
from copilot.errors import InputError
from copilot.resources import resources_dir
from copilot.vocabulary import (
    CUSTOMER_SIGNAL_KINDS,
    INDUSTRIES,
    LANGUAGES,
    PII_KINDS,
    SEVERITIES,
)

__all__ = [
    "HintSpec",
    "LoadResult",
    "Localized",
    "Pack",
    "PackError",
    "check_pack",
    "default_packs_dir",
    "load_pack",
    "load_packs",
]

MAX_CHECKLIST = 10

_PACK_KEYS = {"industry", "version", "detect"}
_HINT_KEYS = {
    "id",
    "severity",
    "title",
    "text",
    "why",
    "checklist",
    "triggers",
    "exclude",
    "signal",
    "pii",
    "overdue_at_least",
}
_REQUIRED_HINT_KEYS = ("id", "severity", "title", "text", "why", "triggers")
_SNAKE_RE = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*")
_TOML_POSITION_RE = re.compile(r"\(at line (\d+), column (\d+)\)")


class PackError(InputError):
    """One problem in one pack file, shown as `FILE:LINE: what is wrong`."""

    def __init__(self, path: Path, line: int, problem: str) -> None:
        super().__init__(f"{path}:{line}: {problem}")
        self.path = path
        self.line = line
        self.problem = problem


@dataclass(frozen=True, slots=True)
class Localized:
    """A text in both languages of the product."""

    en: str
    id: str

    def get(self, language: str) -> str:
        return self.id if language == "id" else self.en


@dataclass(frozen=True, slots=True)
class HintSpec:
    """One hint as written in a pack, with its triggers parsed (and checked) once."""

    id: str
    industry: str
    severity: str
    title: Localized
    text: Localized
    why: Localized
    checklist: Mapping[str, tuple[str, ...]]
    triggers: tuple[ParsedTrigger, ...]
    exclude: tuple[ParsedTrigger, ...]
    line: int
    # The customer signal kind this hint is the playbook for: the panel shows the two as one
    # card (the hint, with the signal's words in its "why") instead of saying it twice.
    signal: str | None = None
    # Fires, whatever the words, when the customer's message holds personal data of one of
    # these kinds (a pasted OTP), or when the customer has this many overdue promises (0: never).
    pii: frozenset[str] = frozenset()
    overdue_at_least: int = 0


@dataclass(frozen=True, slots=True)
class Pack:
    """One industry's pack: the words that detect it and its hints."""

    industry: str
    version: int
    detect: tuple[ParsedTrigger, ...]
    hints: tuple[HintSpec, ...]
    path: Path


@dataclass(frozen=True, slots=True)
class LoadResult:
    """Packs that loaded, and the errors of those that did not (each naming file and line)."""

    packs: tuple[Pack, ...]
    errors: tuple[PackError, ...] = field(default=())


def default_packs_dir() -> Path:
    return resources_dir() / "packs"


class _Lines:
    """Finds the line of a section, a key or a value in the pack's text, for error messages."""

    _HINT_RE = re.compile(r"^\s*\[\[\s*hint\s*\]\]")
    _PACK_RE = re.compile(r"^\s*\[\s*pack\s*\]")
    _TABLE_RE = re.compile(r"^\s*\[")

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.hints = [i for i, line in enumerate(self.lines) if self._HINT_RE.match(line)]
        self.pack = next(
            (i for i, line in enumerate(self.lines) if self._PACK_RE.match(line)), None
        )

    def _block_end(self, start: int) -> int:
        for i in range(start + 1, len(self.lines)):
            if self._TABLE_RE.match(self.lines[i]):
                return i
        return len(self.lines)

    def hint_block(self, index: int) -> tuple[int, int]:
        if index < len(self.hints):
            start = self.hints[index]
            return start, self._block_end(start)
        return 0, len(self.lines)

    def pack_block(self) -> tuple[int, int]:
        if self.pack is None:
            return 0, len(self.lines)
        return self.pack, self._block_end(self.pack)

    def key(self, block: tuple[int, int], key: str) -> int:
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
        for i in range(*block):
            if pattern.match(self.lines[i]):
                return i + 1
        return block[0] + 1

    def value(self, block: tuple[int, int], key: str, needle: str) -> int:
        """The line holding `needle` (a string value) inside `key`, else the key's line."""
        start = self.key(block, key) - 1
        for i in range(start, block[1]):
            if needle and needle in self.lines[i]:
                return i + 1
        return start + 1


def _localized(
    value: Any, name: str, report: Callable[[str], None], *, required: bool = True
) -> Localized | None:
    if not isinstance(value, dict):
        report(f"{name} must be a table with 'en' and 'id' texts: {{ en = \"...\", id = \"...\" }}")
        return None
    missing = [lang for lang in LANGUAGES if lang not in value]
    if missing:
        report(f"{name} is missing the {' and '.join(missing)} text")
        return None
    extra = sorted(set(value) - set(LANGUAGES))
    if extra:
        report(f"{name} has unknown language(s) {', '.join(extra)}; use en and id")
        return None
    for lang in LANGUAGES:
        if not isinstance(value[lang], str) or (required and not value[lang].strip()):
            report(f"{name}.{lang} must be a non-empty string")
            return None
    return Localized(en=value["en"], id=value["id"])


def _trigger_lists(
    value: Any,
    name: str,
    report: Callable[[str, str], None],
    *,
    required: bool,
) -> tuple[ParsedTrigger, ...]:
    """Parse `{ en = [...], id = [...] }`; report(message, offending text) for each problem."""
    if not isinstance(value, dict):
        report(f"{name} must be a table {{ en = [...], id = [...] }}", "")
        return ()
    parsed: list[ParsedTrigger] = []
    for lang in LANGUAGES:
        if lang not in value:
            report(f"{name} is missing the {lang} list (write {lang} = [] if there is none)", "")
            continue
        items = value[lang]
        if not isinstance(items, list):
            report(f"{name}.{lang} must be a list of strings", "")
            continue
        for item in items:
            if not isinstance(item, str):
                report(f"{name}.{lang} must contain strings, found {item!r}", "")
                continue
            try:
                parsed.append(parse_trigger(item))
            except TriggerSyntaxError as exc:
                report(f"bad trigger in {name}.{lang}: {exc}", item)
    extra = sorted(set(value) - set(LANGUAGES))
    if extra:
        report(f"{name} has unknown language(s) {', '.join(extra)}; use en and id", "")
    if required and not parsed and not extra:
        report(f"{name} has no triggers; the hint could never fire", "")
    return tuple(parsed)


@dataclass(frozen=True, slots=True)
class _Report:
    """Where the problems of one table of a pack go, each on the line at fault."""

    path: Path
    lines: _Lines
    block: tuple[int, int]  # the table's lines
    errors: list[PackError]

    def at_line(self, line: int, message: str) -> None:
        self.errors.append(PackError(self.path, line, message))

    def at_key(self, key: str) -> Callable[[str], None]:
        """Report on the line of `key` (or the table's first line)."""
        return lambda message: self.at_line(self.lines.key(self.block, key), message)

    def at_value(self, key: str, prefix: str) -> Callable[[str, str], None]:
        """Report `prefix: message` on the line holding the offending value inside `key`."""
        return lambda message, needle: self.at_line(
            self.lines.value(self.block, key, needle), f"{prefix}: {message}"
        )


def _check_hint_keys(raw: dict[str, Any], label: str, industry: str, report: _Report) -> None:
    """The hint's keys: required and known ones, a well-formed id, a known severity and signal."""
    start_line = report.block[0] + 1
    for key in _REQUIRED_HINT_KEYS:
        if key not in raw:
            report.at_line(start_line, f"{label} has no '{key}'")
    for key in sorted(set(raw) - _HINT_KEYS):
        report.at_key(key)(
            f"{label}: unknown key '{key}' (allowed: {', '.join(sorted(_HINT_KEYS))})"
        )
    hint_id = raw.get("id")
    if "id" in raw:
        if not isinstance(hint_id, str) or not hint_id.startswith(f"{industry}."):
            report.at_key("id")(f"{label}: id must start with '{industry}.' (the pack's industry)")
        elif not _SNAKE_RE.fullmatch(hint_id[len(industry) + 1 :]):
            report.at_key("id")(
                f"{label}: id must be {industry}.<snake_case>, like {industry}.claim_denied"
            )
    severity = raw.get("severity")
    if "severity" in raw and severity not in SEVERITIES:
        report.at_key("severity")(
            f"{label}: severity {severity!r} must be one of {', '.join(SEVERITIES)}"
        )
    signal = raw.get("signal")
    if "signal" in raw and signal not in CUSTOMER_SIGNAL_KINDS:
        report.at_key("signal")(
            f"{label}: signal {signal!r} must be one of the customer signal kinds:"
            f" {', '.join(CUSTOMER_SIGNAL_KINDS)}"
        )
    pii = raw.get("pii", [])
    if not isinstance(pii, list) or any(kind not in PII_KINDS for kind in pii):
        report.at_key("pii")(f"{label}: pii must be a list of PII kinds: {', '.join(PII_KINDS)}")
    overdue = raw.get("overdue_at_least", 0)
    if not isinstance(overdue, int) or isinstance(overdue, bool) or overdue < 0:
        report.at_key("overdue_at_least")(
            f"{label}: overdue_at_least must be a whole number of promises, not {overdue!r}"
        )


def _checklist(value: Any, label: str, report: Callable[[str], None]) -> dict[str, tuple[str, ...]]:
    """The hint's checklist by language; empty (and reported) when malformed."""
    if not isinstance(value, dict) or set(value) != set(LANGUAGES):
        report(f"{label}: checklist must be {{ en = [...], id = [...] }} with both languages")
    elif not all(
        isinstance(v, list) and all(isinstance(s, str) and s.strip() for s in v)
        for v in value.values()
    ):
        report(f"{label}: checklist items must be non-empty strings")
    elif len(value["en"]) != len(value["id"]):
        report(
            f"{label}: checklist has {len(value['en'])} en items but {len(value['id'])} id"
            " items; they must match"
        )
    elif len(value["en"]) > MAX_CHECKLIST:
        report(f"{label}: checklist has more than {MAX_CHECKLIST} items")
    else:
        return {lang: tuple(value[lang]) for lang in LANGUAGES}
    return {"en": (), "id": ()}


def _check_hint(
    raw: Any, index: int, industry: str, lines: _Lines, path: Path, errors: list[PackError]
) -> HintSpec | None:
    """One `[[hint]]` table as a HintSpec, or None with its problems added to `errors`."""
    report = _Report(path, lines, lines.hint_block(index), errors)
    start_line = report.block[0] + 1
    if not isinstance(raw, dict):
        report.at_line(start_line, "each [[hint]] must be a table")
        return None
    before = len(errors)
    hint_id = raw.get("id")
    label = f"hint {hint_id!r}" if isinstance(hint_id, str) else f"hint #{index + 1}"
    _check_hint_keys(raw, label, industry, report)
    texts: dict[str, Localized | None] = {}
    for key in ("title", "text", "why"):
        if key in raw:
            texts[key] = _localized(raw[key], f"{label}: {key}", report.at_key(key))
    checklist: dict[str, tuple[str, ...]] = {"en": (), "id": ()}
    if "checklist" in raw:
        checklist = _checklist(raw["checklist"], label, report.at_key("checklist"))
    triggers: tuple[ParsedTrigger, ...] = ()
    if "triggers" in raw:
        # A hint that fires on personal data or on the history may have no words at all.
        conditional = bool(raw.get("pii")) or bool(raw.get("overdue_at_least"))
        triggers = _trigger_lists(
            raw["triggers"],
            "triggers",
            report.at_value("triggers", label),
            required=not conditional,
        )
    exclude: tuple[ParsedTrigger, ...] = ()
    if "exclude" in raw:
        exclude = _trigger_lists(
            raw["exclude"], "exclude", report.at_value("exclude", label), required=False
        )
    if len(errors) > before:
        return None
    title, text, why = texts["title"], texts["text"], texts["why"]
    assert title is not None and text is not None and why is not None  # checked above
    signal = raw.get("signal")
    return HintSpec(
        id=str(hint_id),
        industry=industry,
        severity=str(raw.get("severity")),
        title=title,
        text=text,
        why=why,
        checklist=checklist,
        triggers=triggers,
        exclude=exclude,
        line=start_line,
        signal=str(signal) if signal is not None else None,
        pii=frozenset(raw.get("pii", ())),
        overdue_at_least=int(raw.get("overdue_at_least", 0)),
    )


def _read_pack(path: Path) -> tuple[str, dict[str, Any]] | PackError:
    """The pack's text and its TOML, or the one error that stops any further check."""
    try:
        source = path.read_bytes().decode("utf-8")
    except OSError as exc:
        return PackError(path, 1, f"cannot read the file: {exc.strerror or exc}")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        return PackError(path, line, "the file is not valid UTF-8")
    try:
        return source, tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        position = _TOML_POSITION_RE.search(str(exc))
        line = int(position.group(1)) if position else 1
        message = _TOML_POSITION_RE.sub("", str(exc)).strip()
        column = f" (column {position.group(2)})" if position else ""
        return PackError(path, line, f"TOML syntax error: {message}{column}")


def _check_header(header: dict[str, Any], report: _Report) -> tuple[Any, tuple[ParsedTrigger, ...]]:
    """The `[pack]` table's version and detect words, once its industry is known to be valid."""
    path, at_pack = report.path, report.at_key
    industry = header.get("industry")
    if path.stem != industry:
        at_pack("industry")(f"industry {industry!r} does not match the file name {path.name!r}")
    version = header.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        at_pack("version")(f"version must be a positive whole number, not {version!r}")
    detect: tuple[ParsedTrigger, ...] = ()
    if "detect" in header:
        detect = _trigger_lists(
            header["detect"], "detect", report.at_value("detect", "[pack]"), required=False
        )
    elif industry != "general":
        at_pack("industry")("[pack] has no 'detect' words, so industry=auto can never pick it")
    return version, detect


def _check_hints(
    raw_hints: Any, industry: str, lines: _Lines, path: Path, errors: list[PackError]
) -> list[HintSpec]:
    """The `[[hint]]` tables that are valid and whose id is not a duplicate."""
    if not isinstance(raw_hints, list):
        errors.append(PackError(path, 1, "hints must be written as [[hint]] tables"))
        raw_hints = []
    hints: list[HintSpec] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(raw_hints):
        hint = _check_hint(raw, index, industry, lines, path, errors)
        if hint is None:
            continue
        if hint.id in seen:
            errors.append(
                PackError(
                    path,
                    hint.line,
                    f"duplicate hint id {hint.id!r} (first at line {seen[hint.id]})",
                )
            )
            continue
        seen[hint.id] = hint.line
        hints.append(hint)
    return hints


def check_pack(path: Path) -> tuple[Pack | None, list[PackError]]:
    """Validate one pack file: the pack (None if any error) and every problem found."""
    path = Path(path)
    read = _read_pack(path)
    if isinstance(read, PackError):
        return None, [read]
    source, data = read
    lines = _Lines(source)
    errors: list[PackError] = []
    report = _Report(path, lines, lines.pack_block(), errors)
    header = data.get("pack")
    if not isinstance(header, dict):
        return None, [PackError(path, 1, "missing the [pack] table (industry, version, detect)")]
    for key in sorted(set(header) - _PACK_KEYS):
        report.at_key(key)(
            f"[pack]: unknown key '{key}' (allowed: {', '.join(sorted(_PACK_KEYS))})"
        )
    for key in sorted(set(data) - {"pack", "hint"}):
        report.at_line(1, f"unknown top-level table or key '{key}'")
    industry = header.get("industry")
    if industry not in INDUSTRIES:
        report.at_key("industry")(f"industry {industry!r} must be one of {', '.join(INDUSTRIES)}")
        return None, errors
    version, detect = _check_header(header, report)
    hints = _check_hints(data.get("hint", []), industry, lines, path, errors)
    if errors:
        return None, errors
    return Pack(industry, int(str(version)), detect, tuple(hints), path), []


def load_pack(path: Path) -> Pack:
    """Load one pack or raise the first PackError."""
    pack, errors = check_pack(path)
    if errors:
        raise errors[0]
    assert pack is not None
    return pack


def load_packs(directory: Path | None = None, *, files: Iterable[Path] | None = None) -> LoadResult:
    """Load every `*.toml` pack in `directory`; a bad pack is reported and the others load."""
    directory = Path(directory) if directory is not None else default_packs_dir()
    if files is None:
        if not directory.is_dir():
            return LoadResult((), (PackError(directory, 0, "pack folder does not exist"),))
        files = sorted(directory.glob("*.toml"))
    packs: list[Pack] = []
    errors: list[PackError] = []
    owners: dict[str, Path] = {}
    for path in files:
        pack, problems = check_pack(path)
        if pack is not None and pack.industry in {p.industry for p in packs}:
            problems = [PackError(path, 1, f"a second pack for industry {pack.industry!r}")]
        if pack is not None and not problems:
            clashes = [h for h in pack.hints if h.id in owners]
            if clashes:
                problems = [
                    PackError(
                        path, h.line, f"hint id {h.id!r} is already used in {owners[h.id].name}"
                    )
                    for h in clashes
                ]
        if problems:
            errors.extend(problems)
            continue
        assert pack is not None
        for hint in pack.hints:
            owners[hint.id] = path
        packs.append(pack)
    return LoadResult(tuple(packs), tuple(errors))
