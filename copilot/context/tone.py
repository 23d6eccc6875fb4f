"""Tone signals for the customer's message and the agent's draft, from data in resources/tone/.

Data files (all TOML except the lexicons):

- `customer.toml`, `agent.toml`: `[tone]` settings, `[signal.<kind>]` with a `severity`
  (must | should | tip: how the panel ranks it), a `message` and a `suggestion` in `en` and
  `id`, and `[[rule]]` tables: `kind`, `triggers = { en = [...], id = [...] }` in the
  hint-pack trigger syntax (plus `<num>` for any number), optional `weight` (added to the
  customer's negativity score), `negatable` (no hit when a negation sits just before the
  phrase), `exclude` (phrases that suppress the rule), `suggestion`, and (draft rules only)
  `rewrite`: the words that replace the matched phrase when the agent presses Apply.
- `politeness.toml`: `[[marker]]` tables with `weight`, `triggers` and optional
  `at = "start" | "inside"` (sentence position).
- `lexicon_id.tsv` (written for Copilot) and `vader_lexicon.txt` (MIT): word valence -4..+4.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import compress
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple

from copilot.context.matching import Hit, Matcher, MatcherBuilder, TriggerSyntaxError
from copilot.context.packs import Localized
from copilot.context.text import Tokens, normalise_word
from copilot.vocabulary import AGENT_SIGNAL_KINDS, CUSTOMER_SIGNAL_KINDS, SEVERITIES

__all__ = [
    "Signal",
    "ToneDataError",
    "ToneModel",
    "load_tone",
]

# Customer signals that mean "this person is upset": the draft should acknowledge them.
UPSET_KINDS = frozenset({"frustration", "repeat_contact", "churn_risk", "vulnerability", "abusive"})
_EMPATHY = "empathy"  # agent rule kind that is a marker, not a signal

NEGATORS = frozenset(
    [
        "not",
        "no",
        "never",
        "dont",
        "doesnt",
        "didnt",
        "isnt",
        "wasnt",
        "arent",
        "werent",
        "cant",
        "cannot",
        "couldnt",
        "wont",
        "wouldnt",
        "shouldnt",
        "hasnt",
        "havent",
        "hadnt",
        "aint",
        "nothing",
        "nobody",
        "none",
        "neither",
        "nor",
        "without",
        "hardly",
        "barely",
        "tidak",
        "tdk",
        "tak",
        "gak",
        "ga",
        "gk",
        "g",
        "nggak",
        "ngga",
        "nggk",
        "enggak",
        "engga",
        "ndak",
        "nda",
        "bukan",
        "bkn",
        "belum",
        "blm",
        "blom",
        "blum",
        "kurang",
        "jangan",
        "jgn",
        "tanpa",
        "tk",
    ]
)
# Contrast words: what follows counts more than what came before ("enak, tapi mahal").
_CONTRAST = frozenset(["but", "however", "tapi", "tetapi", "tp", "namun", "cuma", "cuman"])
_BOOST_BEFORE = frozenset(
    [
        "very",
        "so",
        "really",
        "extremely",
        "too",
        "super",
        "totally",
        "sangat",
        "terlalu",
        "paling",
        "amat",
    ]
)
_BOOST_AFTER = frozenset(["banget", "bgt", "bngt", "sekali", "sekali", "amat"])
_NEGATION_SCALE = -0.74  # VADER's: "not good" is less bad than "bad"
_NEGATION_WINDOW = 3
# VADER entries that are function words in Indonesian text ("no rek", "ok") or too ambiguous.
_VADER_SKIP = frozenset({"no", "ok", "okay", "yes", "like", "kind", "pretty", "well", "please"})
_ID_CLITICS = ("nya", "lah", "kah", "pun")

_VALUE = itemgetter(2)
# Builds a named tuple without its Python-level constructor (half the cost, same object).
_new = tuple.__new__
_SHOUT_RUN_RE = re.compile(r"!{2,}|\?{2,}|\?!|!\?")
# ASCII capitals only: Indonesian and English; other scripts have no case to shout with.
_UPPER_WORD_RE = re.compile(r"\b[A-Z]{2,}\b")
_SENTENCE_END_RE = re.compile(r"[.!?\n]")
_SENTENCE_START_RE = re.compile(r"([.!?]\s+)(\w)")
_CLAUSE_BREAK_RE = re.compile(r"[,.;:!?\n]")


class ToneDataError(ValueError):
    """A tone data file is malformed: the message names the file and what is wrong."""


@dataclass(frozen=True, slots=True)
class Signal:
    """One tone signal: its kind, the span that triggered it, a message and a suggestion.

    `severity` (must | should | tip) comes from the tone data's `[signal.<kind>]`. `rewrite`
    is the wording that may replace `start:end` (the draft's Apply button), or None when the
    signal is advice only: from the rule's `rewrite`, or for shouting the span in sentence case.
    """

    kind: str
    message: str
    start: int
    end: int
    suggestion: str
    severity: str
    rewrite: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "suggestion": self.suggestion,
            "severity": self.severity,
            "rewrite": self.rewrite,
        }


@dataclass(frozen=True, slots=True)
class ToneRule:
    kind: str
    weight: float
    negatable: bool
    suggestion: Localized | None
    rewrite: Localized | None = None


@dataclass(frozen=True, slots=True)
class SignalText:
    """What `[signal.<kind>]` says about every signal of its kind."""

    severity: str
    message: Localized
    suggestion: Localized


@dataclass(frozen=True, slots=True)
class PolitenessMarker:
    weight: float
    at: str  # "any" | "start" | "inside"


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Word valence (-4..+4) with negation, contrast and intensifiers handled at scoring."""

    words: Mapping[str, float]
    bigrams: Mapping[tuple[str, str], float]
    bigram_firsts: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Frozen dataclass: the derived field is set once, through object.__setattr__.
        object.__setattr__(self, "bigram_firsts", frozenset(first for first, _ in self.bigrams))

    def score(self, tokens: Tokens) -> tuple[float, list[tuple[int, int, float]]]:
        """Total valence and each contribution as (first word, last word, value).

        A negation flips the next valenced word within three words, but not across a clause
        boundary: in "belum sampai, saya kecewa" the "belum" does not soften "kecewa".
        """
        words = tokens.words
        get = self.words.get
        values = list(map(get, words))
        contributions: list[tuple[int, int, float]] = []
        n = len(words)
        used_negators: set[int] = set()
        skip: set[int] = set()
        if self.bigrams:
            firsts = self.bigram_firsts
            for i in compress(range(n - 1), map(firsts.__contains__, words)):
                value = self.bigrams.get((words[i], words[i + 1]))
                if value is not None:
                    values[i] = value
                    values[i + 1] = None
                    skip.add(i)
        positions = [i for i in compress(range(n), values)]
        if not positions:
            return 0.0, contributions
        contrast_at = -1
        if not _CONTRAST.isdisjoint(words):
            # The last contrast word: the first one from the end, found at C speed.
            from_end = next(compress(range(n), map(_CONTRAST.__contains__, reversed(words))))
            contrast_at = n - 1 - from_end
        negations = not NEGATORS.isdisjoint(words)
        for i in positions:
            value = values[i]
            assert value is not None
            last = i + 1 if i in skip else i
            if (i > 0 and words[i - 1] in _BOOST_BEFORE) or (
                last + 1 < n and words[last + 1] in _BOOST_AFTER
            ):
                value *= 1.3
            for j in range(i - 1, max(-1, i - 1 - _NEGATION_WINDOW), -1) if negations else ():
                if words[j] in NEGATORS:
                    gap = tokens.text[tokens.ends[j] : tokens.starts[i]]
                    if _CLAUSE_BREAK_RE.search(gap) is None:
                        value *= _NEGATION_SCALE
                        used_negators.add(j)
                    break
            if contrast_at >= 0:
                value *= 0.5 if i < contrast_at else 1.5
            contributions.append((i, last, value))
        # A negator that is also a word of its own ("kurang") counts once: as the negation.
        if used_negators:
            contributions = [c for c in contributions if c[0] not in used_negators]
        return sum(map(_VALUE, contributions)), contributions


@dataclass(frozen=True)
class ToneData:
    """Everything loaded from resources/tone/, before compiling."""

    texts: Mapping[str, SignalText]  # by kind
    customer_rules: tuple[tuple[ToneRule, tuple[str, ...], tuple[str, ...]], ...]
    agent_rules: tuple[tuple[ToneRule, tuple[str, ...], tuple[str, ...]], ...]
    markers: tuple[tuple[PolitenessMarker, tuple[str, ...]], ...]
    lexicon: Lexicon
    threshold: float = 1.5
    emphasis_weight: float = 0.0
    max_words: int = 120
    max_chars: int = 800
    files: tuple[Path, ...] = field(default=())


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
        isinstance(value.get(lang), str) and value[lang].strip() for lang in ("en", "id")
    ):
        raise ToneDataError(f"{where}: needs non-empty 'en' and 'id' texts")
    return Localized(en=value["en"], id=value["id"])


def _phrases(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, dict) or set(value) - {"en", "id"}:
        raise ToneDataError(f"{where}: must be {{ en = [...], id = [...] }}")
    out: list[str] = []
    for lang in ("en", "id"):
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
        if rewrite is not None and (not rewrites or kind == _EMPATHY):
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


def _load_lexicon(directory: Path) -> Lexicon:
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
        agent_rules=_rules(agent, agent_lines, (*AGENT_SIGNAL_KINDS, _EMPATHY), rewrites=True),
        markers=tuple(markers),
        lexicon=_load_lexicon(directory),
        threshold=float(settings_c.get("threshold", 1.5)),
        emphasis_weight=float(settings_c.get("emphasis_weight", 0.0)),
        max_words=int(settings_a.get("max_words", 120)),
        max_chars=int(settings_a.get("max_chars", 800)),
        files=(customer_lines.path, agent_lines.path, politeness_path),
    )


class _Candidate(NamedTuple):
    """A rule hit before deduplication (a tuple: a few dozen are made per keystroke)."""

    kind: str
    weight: float
    start: int
    end: int
    suggestion: Localized | None
    rewrite: Localized | None


def _strongest(candidates: Iterable[_Candidate]) -> tuple[dict[str, _Candidate], list[str]]:
    """One candidate per kind: the highest weight, then the earliest (dedup per kind).

    Kinds are in the order of their first candidate. Also returns the kinds that have a
    positive-weight candidate, in the order of their first such candidate: for those kinds the
    strongest candidate is positive, so this is the dedup of the positive candidates alone,
    without a second pass.
    """
    best: dict[str, _Candidate] = {}
    positive: dict[str, None] = {}
    for candidate in candidates:
        kind, weight, start = candidate[0], candidate[1], candidate[2]
        current = best.get(kind)
        if current is None or weight > current[1] or (weight == current[1] and start < current[2]):
            best[kind] = candidate
        if weight > 0 and kind not in positive:
            positive[kind] = None
    return best, list(positive)


def _add_rules(
    builder: MatcherBuilder,
    rules: Sequence[tuple[ToneRule, tuple[str, ...], tuple[str, ...]]],
    source: str,
    group: int = 1,
) -> None:
    for index, (_rule, triggers, exclude) in enumerate(rules):
        for phrase in triggers:
            try:
                builder.add(phrase, ("rule", index), allow_classes=True, group=group)
            except TriggerSyntaxError as exc:
                raise ToneDataError(f"{source}: rule #{index + 1}: {exc}") from exc
        for phrase in exclude:
            try:
                builder.add(phrase, ("exclude", index), allow_classes=True, group=group)
            except TriggerSyntaxError as exc:
                raise ToneDataError(f"{source}: rule #{index + 1} exclude: {exc}") from exc


def _compile_rules(
    rules: Sequence[tuple[ToneRule, tuple[str, ...], tuple[str, ...]]], source: str
) -> Matcher:
    builder = MatcherBuilder()
    _add_rules(builder, rules, source)
    return builder.build()


def _negated(tokens: Tokens, first: int) -> bool:
    """A negation within three words before `first`, in the same clause."""
    words = tokens.words
    for j in range(first - 1, max(-1, first - 1 - _NEGATION_WINDOW), -1):
        if words[j] in NEGATORS:
            gap = tokens.text[tokens.ends[j] : tokens.starts[first]]
            return _CLAUSE_BREAK_RE.search(gap) is None
    return False


class ToneModel:
    """Compiled tone rules, lexicon and politeness markers; built once, used per keystroke."""

    def __init__(self, data: ToneData) -> None:
        self.data = data
        self._customer = _compile_rules(data.customer_rules, "customer.toml")
        self._agent = _compile_rules(data.agent_rules, "agent.toml")
        builder = MatcherBuilder()
        for index, (_marker, triggers) in enumerate(data.markers):
            for phrase in triggers:
                try:
                    builder.add(phrase, index, allow_classes=True)
                except TriggerSyntaxError as exc:
                    raise ToneDataError(f"politeness.toml: marker #{index + 1}: {exc}") from exc
        self._markers = builder.build()

    @classmethod
    def from_directory(cls, directory: Path) -> ToneModel:
        return cls(load_tone(directory))

    def clear_caches(self) -> None:
        for matcher in (self._customer, self._agent, self._markers):
            matcher.clear_cache()

    def add_rules(self, builder: MatcherBuilder, role: str, group: int) -> None:
        """Add the customer or agent rules to another matcher, under their usual keys
        ("rule"/"exclude", rule index): a caller that also matches other triggers (the
        engine's hints) then finds everything in one pass and passes the hits back in."""
        if role == "customer":
            _add_rules(builder, self.data.customer_rules, "customer.toml", group)
        else:
            _add_rules(builder, self.data.agent_rules, "agent.toml", group)

    # --- rule hits -----------------------------------------------------------------------

    def _candidates(
        self,
        tokens: Tokens,
        matcher: Matcher,
        rules: Sequence[tuple[ToneRule, tuple[str, ...], tuple[str, ...]]],
        hits: Sequence[Hit] | None = None,
    ) -> list[_Candidate]:
        """Rule hits as candidates. `hits` may hold other callers' hits too (other tags)."""
        if hits is None:
            hits = matcher.find(tokens.words)
        if not hits:
            return []
        excluded = {key[1] for key, _positions in hits if key[0] == "exclude"}
        out: list[_Candidate] = []
        starts, ends = tokens.starts, tokens.ends
        for (tag, index), positions in hits:
            if tag != "rule" or index in excluded:
                continue
            rule = rules[index][0]
            if rule.negatable and _negated(tokens, positions[0]):
                continue
            out.append(
                _new(
                    _Candidate,
                    (
                        rule.kind,
                        rule.weight,
                        starts[positions[0]],
                        ends[positions[-1]],
                        rule.suggestion,
                        rule.rewrite,
                    ),
                )
            )
        return out

    def _signal(self, candidate: _Candidate, language: str) -> Signal:
        text = self.data.texts[candidate.kind]
        chosen = candidate.suggestion or text.suggestion
        return Signal(
            candidate.kind,
            text.message.get(language),
            candidate.start,
            candidate.end,
            chosen.get(language),
            text.severity,
            candidate.rewrite.get(language) if candidate.rewrite is not None else None,
        )

    # --- customer ------------------------------------------------------------------------

    def negativity(self, tokens: Tokens) -> tuple[float, _Candidate | None]:
        """The customer's negativity score and the span that contributes most to it.

        Score = weights of complaint cues found (unmet expectations, time elapsed, repeat
        contact, escalation, abuse, ...) minus the lexicon valence of the words (so positive
        words offset negative ones; negation flips). Frustration fires at `threshold`.
        """
        candidates = self._candidates(tokens, self._customer, self.data.customer_rules)
        strongest, positive = _strongest(candidates)
        return self._negativity(tokens, strongest, positive)

    def _negativity(
        self, tokens: Tokens, strongest: Mapping[str, _Candidate], positive: Sequence[str]
    ) -> tuple[float, _Candidate | None]:
        valence, contributions = self.data.lexicon.score(tokens)
        score = -valence
        best: _Candidate | None = None
        # "???" and "!!!" in a customer's message read as exasperation.
        if self.data.emphasis_weight and _has_emphatic_run(tokens.text):
            score += self.data.emphasis_weight
        # Count each cue kind once (its strongest hit): three ways of saying "still not
        # arrived" are one complaint, not three.
        for kind in positive:
            candidate = strongest[kind]
            score += candidate.weight
            if best is None or candidate.weight > best.weight:
                best = candidate
        worst = min(contributions, key=lambda c: c[2], default=None)
        if worst is not None and worst[2] < 0 and (best is None or -worst[2] > best.weight):
            best = _Candidate(
                "frustration", -worst[2], tokens.starts[worst[0]], tokens.ends[worst[1]], None, None
            )
        return score, best

    def customer_signals(
        self,
        tokens: Tokens,
        language: str,
        *,
        contacts_7d: int = 0,
        hits: Sequence[Hit] | None = None,
    ) -> tuple[list[Signal], float]:
        """Customer signals and negativity score; `hits` are the customer rules' hits on
        `tokens` if the caller already has them (see `add_rules`)."""
        candidates = self._candidates(tokens, self._customer, self.data.customer_rules, hits)
        best, positive = _strongest(candidates)
        score, strongest = self._negativity(tokens, best, positive)
        frustration = best.pop("frustration", None)
        if score >= self.data.threshold and strongest is not None:
            chosen = frustration or strongest
            best["frustration"] = _Candidate(
                "frustration", score, chosen.start, chosen.end, None, None
            )
        signals = [self._signal(c, language) for c in best.values()]
        if contacts_7d >= 2 and "repeat_contact" not in best:
            signals.append(self._history_signal(contacts_7d, language))
        signals.sort(key=lambda s: (CUSTOMER_SIGNAL_KINDS.index(s.kind), s.start))
        return signals, score

    def _history_signal(self, contacts_7d: int, language: str) -> Signal:
        text = self.data.texts["repeat_contact"]
        nth = contacts_7d + 1
        message = (
            f"Kontak ke-{nth} dalam 7 hari: akui itu dan jangan minta pelanggan mengulang cerita."
            if language == "id"
            else f"Contact number {nth} in 7 days: acknowledge it, don't make them repeat it."
        )
        return Signal("repeat_contact", message, 0, 0, text.suggestion.get(language), text.severity)

    def is_upset(self, tokens: Tokens) -> bool:
        signals, _score = self.customer_signals(tokens, "en")
        return any(s.kind in UPSET_KINDS for s in signals)

    # --- agent ---------------------------------------------------------------------------

    def agent_signals(
        self,
        tokens: Tokens,
        language: str,
        *,
        customer: Tokens | None = None,
        customer_upset: bool | None = None,
        hits: Sequence[Hit] | None = None,
    ) -> list[Signal]:
        """Draft signals. missing_empathy needs an upset customer: `customer_upset` if the
        caller knows it already, else `is_upset(customer)`. `hits`: see `customer_signals`."""
        candidates = self._candidates(tokens, self._agent, self.data.agent_rules, hits)
        best, _positive = _strongest(candidates)
        empathic = best.pop(_EMPATHY, None) is not None
        signals = [self._signal(c, language) for c in best.values()]
        text = tokens.text
        shouting = _shouting_span(text)
        if shouting is not None:
            before = text[: shouting[0]].rstrip(" \t")
            calm = _sentence_case(
                text[shouting[0] : shouting[1]], capital=not before or before[-1] in ".!?\n"
            )
            signals.append(self._text_signal("shouting", shouting, language, rewrite=calm))
        if len(tokens.words) > self.data.max_words or len(text) > self.data.max_chars:
            signals.append(self._text_signal("too_long", (0, len(text)), language))
        if customer_upset is None and customer is not None and not empathic and text.strip():
            customer_upset = self.is_upset(customer)
        if customer_upset and not empathic and text.strip():
            first = _SENTENCE_END_RE.search(text)
            end = first.end() if first else len(text)
            signals.append(self._text_signal("missing_empathy", (0, end), language))
        signals.sort(key=lambda s: (AGENT_SIGNAL_KINDS.index(s.kind), s.start))
        return signals

    def _text_signal(
        self, kind: str, span: tuple[int, int], language: str, *, rewrite: str | None = None
    ) -> Signal:
        text = self.data.texts[kind]
        return Signal(
            kind,
            text.message.get(language),
            span[0],
            span[1],
            text.suggestion.get(language),
            text.severity,
            rewrite,
        )

    def politeness(self, tokens: Tokens) -> float:
        """Agent politeness: markers (gratitude, hedges, apologies, indirect requests ...)
        minus impoliteness (direct questions, commands, factuality) minus one point per
        draft signal, plus a little lexicon valence. Higher is more polite."""
        score = 0.0
        hits = self._markers.find(tokens.words)
        if hits:
            starts = _sentence_starts(tokens)
            seen: set[tuple[object, int]] = set()
            for hit in hits:
                marker = self.data.markers[hit.key][0]
                first = hit.positions[0]
                at_start = first in starts
                if (marker.at == "start" and not at_start) or (marker.at == "inside" and at_start):
                    continue
                if (hit.key, first) in seen:
                    continue
                seen.add((hit.key, first))
                score += marker.weight
        penalties = [
            s for s in self.agent_signals(tokens, "en") if s.kind not in ("too_long", "jargon")
        ]
        score -= len(penalties)
        valence, _ = self.data.lexicon.score(tokens)
        return score + 0.1 * valence


def _sentence_starts(tokens: Tokens) -> set[int]:
    """Indices of words that start a sentence (the first word, or after . ! ? or a newline)."""
    starts = {0}
    text = tokens.text
    firsts, lasts = tokens.starts, tokens.ends
    for index in range(1, len(firsts)):
        gap = text[lasts[index - 1] : firsts[index]]
        if _SENTENCE_END_RE.search(gap):
            starts.add(index)
    return starts


def _has_emphatic_run(text: str) -> bool:
    # Four substring searches run at C speed; the regex is only needed for the span.
    return "!!" in text or "??" in text or "?!" in text or "!?" in text


def _shouting_span(text: str) -> tuple[int, int] | None:
    """Mostly upper-case words (at least three), or a run of !! / ?!.

    The span of shouted words takes the exclamation marks right after them too, so that its
    rewrite calms both ("KAMI SEDANG CEK!!!" -> "Kami sedang cek!").
    """
    run = _SHOUT_RUN_RE.search(text) if _has_emphatic_run(text) else None
    upper = list(_UPPER_WORD_RE.finditer(text))
    span: tuple[int, int] | None = None
    if len(upper) >= 3:
        letters_words = sum(1 for w in text.split() if any(ch.isalpha() for ch in w))
        if letters_words and len(upper) / letters_words >= 0.5:
            span = upper[0].start(), upper[-1].end()
        else:
            # Three capitalised words in a row is shouting even inside a normal sentence.
            for a, b, c in zip(upper, upper[1:], upper[2:], strict=False):
                if text[a.end() : b.start()].isspace() and text[b.end() : c.start()].isspace():
                    span = a.start(), c.end()
                    break
    if span is None:
        return run.span() if run is not None else None
    end = span[1]
    while end < len(text) and text[end] == "!":
        end += 1
    return span[0], end


def _sentence_case(shouted: str, *, capital: bool) -> str:
    """Shouted words in sentence case with one "!" at most; `capital`: the span starts a
    sentence, so its first letter stays a capital."""
    calm = shouted.lower()
    while "!!" in calm:
        calm = calm.replace("!!", "!")
    calm = _SENTENCE_START_RE.sub(lambda m: m.group(1) + m.group(2).upper(), calm)
    return calm[:1].upper() + calm[1:] if capital else calm
