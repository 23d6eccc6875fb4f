"""Reading and checking resources/tone/: errors name the file and line."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from copilot.context.packs import Localized
from copilot.context.text import normalise_word
from copilot.context.tone.data import (
    EMPATHY,
    PolitenessMarker,
    SignalText,
    ToneData,
    ToneDataError,
    ToneRule,
)
from copilot.context.tone.lexicon import Lexicon
from copilot.vocabulary import AGENT_SIGNAL_KINDS, CUSTOMER_SIGNAL_KINDS, LANGUAGES, SEVERITIES

# VADER entries that are function words in Indonesian text ("no rek", "ok") or too ambiguous.
_VADER_SKIP = frozenset({"no", "ok", "okay", "yes", "like", "kind", "pretty", "well", "please"})
_ID_CLITICS = ("nya", "lah", "kah", "pun")


class _Lines:
    """Where a table or a key sits in one tone file, so errors read `FILE:LINE: problem`."""

    _RULE_RE = re.compile(r"^\s*\[\[\s*rule\s*\]\]")
    _TABLE_RE = re.compile(r"^\s*\[")

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()
        self.rules = [i for i, line in enumerate(self.lines) if self._RULE_RE.match(line)]

    def _key(self, start: int, key: str | None) -> int:
        """The 1-based line of `key` in the table starting at `start`, else the table's."""
        if key is not None:
            pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
            for i in range(start + 1, len(self.lines)):
                if self._TABLE_RE.match(self.lines[i]):
                    break
                if pattern.match(self.lines[i]):
                    return i + 1
        return start + 1

    def rule(self, index: int, key: str | None = None) -> str:
        start = self.rules[index] if index < len(self.rules) else 0
        return f"{self.path}:{self._key(start, key)}: rule #{index + 1}"

    def signal(self, kind: str, key: str | None = None) -> str:
        header = re.compile(rf"^\s*\[\s*signal\.{re.escape(kind)}\s*\]")
        start = next((i for i, line in enumerate(self.lines) if header.match(line)), 0)
        return f"{self.path}:{self._key(start, key)}: signal.{kind}"


def _localized(value: Any, where: str) -> Localized:
    if not isinstance(value, dict) or not all(
        isinstance(value.get(lang), str) and value[lang].strip() for lang in LANGUAGES
    ):
        raise ToneDataError(f"{where}: needs non-empty 'en' and 'id' texts")
    return Localized(en=value["en"], id=value["id"])


def _phrases(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, dict) or set(value) - {"en", "id"}:
        raise ToneDataError(f"{where}: must be {{ en = [...], id = [...] }}")
    out: list[str] = []
    for lang in LANGUAGES:
        items = value.get(lang, [])
        if not isinstance(items, list) or not all(isinstance(s, str) for s in items):
            raise ToneDataError(f"{where}.{lang}: must be a list of strings")
        out.extend(items)
    return tuple(out)


def _read_toml(path: Path) -> tuple[dict[str, Any], _Lines]:
    try:
        text = path.read_text(encoding="utf-8")
        return tomllib.loads(text), _Lines(path, text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ToneDataError(f"{path}: {exc}") from exc


def _rules(
    data: dict[str, Any], lines: _Lines, kinds: Iterable[str], *, rewrites: bool
) -> tuple[tuple[ToneRule, tuple[str, ...], tuple[str, ...]], ...]:
    """The `[[rule]]` tables; `rewrites`: whether this file's rules may carry a `rewrite`
    (only the draft's: the customer's message is never edited)."""
    allowed = set(kinds)
    rules = []
    for index, raw in enumerate(data.get("rule", [])):
        kind = raw.get("kind")
        if kind not in allowed:
            raise ToneDataError(
                f"{lines.rule(index, 'kind')}: kind {kind!r} must be one of"
                f" {', '.join(sorted(allowed))}"
            )
        suggestion, rewrite = raw.get("suggestion"), raw.get("rewrite")
        if rewrite is not None and (not rewrites or kind == EMPATHY):
            raise ToneDataError(
                f"{lines.rule(index, 'rewrite')}: only draft signal rules can have a rewrite"
            )
        rule = ToneRule(
            kind=kind,
            weight=float(raw.get("weight", 1.0)),
            negatable=bool(raw.get("negatable", False)),
            suggestion=(
                _localized(suggestion, f"{lines.rule(index, 'suggestion')} suggestion")
                if suggestion
                else None
            ),
            rewrite=(
                _localized(rewrite, f"{lines.rule(index, 'rewrite')} rewrite")
                if rewrite is not None
                else None
            ),
        )
        triggers = _phrases(raw.get("triggers"), f"{lines.rule(index, 'triggers')} triggers")
        if not triggers:
            raise ToneDataError(f"{lines.rule(index)}: has no triggers")
        exclude = _phrases(raw.get("exclude"), f"{lines.rule(index, 'exclude')} exclude")
        rules.append((rule, triggers, exclude))
    return tuple(rules)


def _signal_texts(
    data: dict[str, Any], lines: _Lines, kinds: Iterable[str]
) -> dict[str, SignalText]:
    signals = data.get("signal", {})
    texts: dict[str, SignalText] = {}
    for kind in kinds:
        raw = signals.get(kind)
        if not isinstance(raw, dict):
            raise ToneDataError(
                f"{lines.path}: no [signal.{kind}] severity, message and suggestion"
            )
        severity = raw.get("severity")
        if severity not in SEVERITIES:
            raise ToneDataError(
                f"{lines.signal(kind, 'severity')}: severity {severity!r} must be one of"
                f" {', '.join(SEVERITIES)}"
            )
        texts[kind] = SignalText(
            severity=severity,
            message=_localized(raw.get("message"), f"{lines.signal(kind, 'message')}.message"),
            suggestion=_localized(
                raw.get("suggestion"), f"{lines.signal(kind, 'suggestion')}.suggestion"
            ),
        )
    return texts


def load_lexicon(directory: Path) -> Lexicon:
    words: dict[str, float] = {}
    bigrams: dict[tuple[str, str], float] = {}
    vader = directory / "vader_lexicon.txt"
    if vader.exists():
        for line in vader.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            token = parts[0]
            if not token.replace("'", "").isalpha():
                continue  # emoticons and multi-word entries: our tokens never equal them
            word = normalise_word(token)
            if word not in _VADER_SKIP:
                words[word] = float(parts[1])
    indonesian: dict[str, float] = {}
    id_path = directory / "lexicon_id.tsv"
    for number, line in enumerate(id_path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            phrase, value = line.split("\t")
            valence = float(value)
        except ValueError as exc:
            raise ToneDataError(f"{id_path}:{number}: expected word<TAB>valence") from exc
        parts = [normalise_word(p) for p in phrase.split()]
        if len(parts) == 2:
            bigrams[(parts[0], parts[1])] = valence
        elif len(parts) == 1:
            indonesian[parts[0]] = valence
        else:
            raise ToneDataError(f"{id_path}:{number}: one or two words per entry")
    for word, valence in list(indonesian.items()):
        for clitic in _ID_CLITICS:
            indonesian.setdefault(word + clitic, valence)
    words.update(indonesian)  # Indonesian entries win: they were written for this product
    # Zero-valence words are dropped so that truthiness means "has a valence" when scoring.
    return Lexicon({w: v for w, v in words.items() if v}, bigrams)


def load_tone(directory: Path) -> ToneData:
    """Read and check resources/tone/; raises ToneDataError naming the file and line."""
    customer, customer_lines = _read_toml(directory / "customer.toml")
    agent, agent_lines = _read_toml(directory / "agent.toml")
    politeness_path = directory / "politeness.toml"
    texts = {
        **_signal_texts(customer, customer_lines, CUSTOMER_SIGNAL_KINDS),
        **_signal_texts(agent, agent_lines, AGENT_SIGNAL_KINDS),
    }
    markers = []
    if politeness_path.exists():
        politeness, _lines = _read_toml(politeness_path)
        for index, raw in enumerate(politeness.get("marker", [])):
            at = raw.get("at", "any")
            if at not in ("any", "start", "inside"):
                raise ToneDataError(f"{politeness_path}: marker #{index + 1}: bad 'at' {at!r}")
            markers.append(
                (
                    PolitenessMarker(float(raw.get("weight", 0.0)), at),
                    _phrases(raw.get("triggers"), f"{politeness_path}: marker #{index + 1}"),
                )
            )
    settings_c, settings_a = customer.get("tone", {}), agent.get("tone", {})
    return ToneData(
        texts=texts,
        customer_rules=_rules(customer, customer_lines, CUSTOMER_SIGNAL_KINDS, rewrites=False),
        agent_rules=_rules(agent, agent_lines, (*AGENT_SIGNAL_KINDS, EMPATHY), rewrites=True),
        markers=tuple(markers),
        lexicon=load_lexicon(directory),
        threshold=float(settings_c.get("threshold", 1.5)),
        emphasis_weight=float(settings_c.get("emphasis_weight", 0.0)),
        max_words=int(settings_a.get("max_words", 120)),
        max_chars=int(settings_a.get("max_chars", 800)),
        files=(customer_lines.path, agent_lines.path, politeness_path),
    )
