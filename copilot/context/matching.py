"""Trigger phrases compiled once into a word-indexed matcher (no regexes from data files)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress
from operator import attrgetter
from typing import Any, NamedTuple

from copilot.context.text import normalise_word, tokenize

__all__ = [
    "ALL_GROUPS",
    "MAX_GAP",
    "Hit",
    "Matcher",
    "MatcherBuilder",
    "TriggerSyntaxError",
    "parse_trigger",
]

# `...` in a trigger lets up to this many words sit between its neighbours.
MAX_GAP = 3
# An alternative is a word with an optional `*` at its start (suffix match) or end (prefix
# match). `<num>` (any number, "3", "2x" is not one) exists for the tone files only.
_ALTERNATIVE_RE = re.compile(r"\*?[^\W_]+\*?")
_NUM_CLASS = "<num>"
_MAX_TRIGGER_TOKENS = 12
# Bound on the per-matcher word cache; chat vocabulary is small, so this is rarely reached.
_CACHE_LIMIT = 200_000
# `Matcher.find` looks for every group unless told otherwise.
ALL_GROUPS = -1
# Bound on each word's memo of which of its triggers a text makes worth verifying.
_MEMO_LIMIT = 64
# Bound on each matcher's memo of verified start positions (a few dozen per message).
_VERIFIED_LIMIT = 20_000


class TriggerSyntaxError(ValueError):
    """A trigger does not follow the constrained syntax; the message says what is wrong."""


@dataclass(frozen=True, slots=True)
class TokenSpec:
    """What one trigger token accepts: exact words, prefixes, suffixes, or any number."""

    exact: frozenset[str] = frozenset()
    prefixes: frozenset[str] = frozenset()
    suffixes: frozenset[str] = frozenset()
    number: bool = False


@dataclass(frozen=True, slots=True)
class ParsedTrigger:
    """A trigger as a sequence of (token, words allowed to be skipped before it)."""

    text: str
    steps: tuple[tuple[TokenSpec, int], ...]


class Hit(NamedTuple):
    """One trigger occurrence: whose trigger it was and the word positions it matched.

    A named tuple rather than a dataclass: dozens are made per keystroke, and a tuple is
    several times cheaper to build.
    """

    key: Any
    positions: tuple[int, ...]


def _parse_token(token: str, *, allow_classes: bool) -> list[TokenSpec]:
    """One space-separated trigger token; a plain hyphenated word becomes several tokens."""
    alternatives = token.split("|")
    if "" in alternatives:
        raise TriggerSyntaxError(f"empty alternative in {token!r} (stray '|')")
    if len(alternatives) == 1 and "*" not in token and token != _NUM_CLASS:
        # "e-ktp" or "top-up": the text tokeniser splits these, so the trigger must too.
        words = tokenize(token).words
        if not words:
            raise TriggerSyntaxError(f"{token!r} has no letters or digits")
        if len(words) > 1:
            return [TokenSpec(exact=frozenset([w])) for w in words]
    exact: set[str] = set()
    prefixes: set[str] = set()
    suffixes: set[str] = set()
    number = False
    for alt in alternatives:
        if alt == _NUM_CLASS:
            if not allow_classes:
                raise TriggerSyntaxError(f"{_NUM_CLASS} is only allowed in tone files")
            number = True
            continue
        cleaned = alt.replace("'", "").replace("’", "")
        if not _ALTERNATIVE_RE.fullmatch(cleaned):
            raise TriggerSyntaxError(
                f"alternative {alt!r} must be one word, optionally with * at its start or end"
                " (no spaces, punctuation or regex characters)"
            )
        if cleaned.startswith("*") and cleaned.endswith("*"):
            raise TriggerSyntaxError(f"alternative {alt!r} has * at both ends; use one")
        word = normalise_word(cleaned.strip("*"))
        if cleaned.endswith("*"):
            prefixes.add(word)
        elif cleaned.startswith("*"):
            suffixes.add(word)
        else:
            exact.add(word)
    return [TokenSpec(frozenset(exact), frozenset(prefixes), frozenset(suffixes), number)]


def parse_trigger(text: str, *, allow_classes: bool = False) -> ParsedTrigger:
    """Parse a trigger; raises TriggerSyntaxError saying what is wrong."""
    if not isinstance(text, str):
        raise TriggerSyntaxError(f"trigger must be a string, not {type(text).__name__}")
    tokens = text.split()
    if not tokens:
        raise TriggerSyntaxError("empty trigger")
    if tokens[0] == "..." or tokens[-1] == "...":
        raise TriggerSyntaxError(f"{text!r}: '...' must sit between two words")
    steps: list[tuple[TokenSpec, int]] = []
    gap = 0
    for token in tokens:
        if token == "...":
            if gap:
                raise TriggerSyntaxError(f"{text!r}: two '...' in a row")
            gap = MAX_GAP
            continue
        for spec in _parse_token(token.lower(), allow_classes=allow_classes):
            steps.append((spec, gap))
            gap = 0
    if len(steps) > _MAX_TRIGGER_TOKENS:
        raise TriggerSyntaxError(f"{text!r}: more than {_MAX_TRIGGER_TOKENS} words")
    return ParsedTrigger(text=text, steps=tuple(steps))


class MatcherBuilder:
    """Collects triggers (each with a key saying whose it is) and builds one Matcher."""

    def __init__(self) -> None:
        self._spec_ids: dict[TokenSpec, int] = {}
        self._triggers: list[tuple[tuple[tuple[int, int], ...], Any]] = []
        self._groups: list[int] = []

    def add(
        self,
        trigger: str | ParsedTrigger,
        key: Any,
        *,
        allow_classes: bool = False,
        group: int = 1,
    ) -> None:
        """Add a trigger; `group` (a bit) lets `Matcher.find` look for some groups only."""
        parsed = (
            trigger
            if isinstance(trigger, ParsedTrigger)
            else parse_trigger(trigger, allow_classes=allow_classes)
        )
        steps = tuple(
            (self._spec_ids.setdefault(spec, len(self._spec_ids)), gap)
            for spec, gap in parsed.steps
        )
        self._triggers.append((steps, key))
        self._groups.append(group)

    def build(self) -> Matcher:
        return Matcher(list(self._spec_ids), self._triggers, self._groups)


class Matcher:
    """Finds every trigger in a word stream in near-linear time.

    Each distinct word is classified once (exact dict lookup, then its prefixes and suffixes of
    the lengths that occur in triggers) and the result is cached, so a keystroke costs about
    one dict lookup per word plus the verification of triggers whose first token matched.
    """

    def __init__(
        self,
        specs: Sequence[TokenSpec],
        triggers: Sequence[tuple[tuple[tuple[int, int], ...], Any]],
        groups: Sequence[int] | None = None,
    ) -> None:
        self._exact: dict[str, list[int]] = {}
        self._prefix: dict[str, list[int]] = {}
        self._suffix: dict[str, list[int]] = {}
        self._number: list[int] = []
        for spec_id, spec in enumerate(specs):
            for word in spec.exact:
                self._exact.setdefault(word, []).append(spec_id)
            for word in spec.prefixes:
                self._prefix.setdefault(word, []).append(spec_id)
            for word in spec.suffixes:
                self._suffix.setdefault(word, []).append(spec_id)
            if spec.number:
                self._number.append(spec_id)
        self._prefix_lengths = sorted({len(p) for p in self._prefix})
        self._suffix_lengths = sorted({len(s) for s in self._suffix})
        self._triggers = tuple(triggers)
        self._groups = tuple(groups) if groups is not None else (1,) * len(self._triggers)
        # Every spec a trigger needs: a trigger is only verified when all of them occur
        # somewhere in the text, which skips most starts on common words ("my", "saya").
        self._required = tuple(frozenset(spec for spec, _gap in steps) for steps, _key in triggers)
        # How many words after its first a trigger can reach (each step: its gap + 1).
        self._reach = tuple(sum(1 + gap for _spec, gap in steps[1:]) for steps, _key in triggers)
        # (viable triggers, the words they can reach) -> what fires; see `find`.
        self._verified: dict[tuple[_Viable, tuple[_WordInfo, ...]], tuple[Any, ...]] = {}
        self._by_words: dict[tuple[frozenset[_WordInfo], int], dict[_WordInfo, _Viable]] = {}
        self._placed: dict[tuple[int, _Viable, tuple[_WordInfo, ...]], tuple[Hit, ...]] = {}
        self._starts: dict[int, list[int]] = {}
        for index, (steps, _key) in enumerate(self._triggers):
            self._starts.setdefault(steps[0][0], []).append(index)
        # word -> (spec ids it satisfies, triggers it can start). Filled on first sight of a
        # word. Only ever grows or is cleared whole; dict get/set are atomic under the GIL, so
        # concurrent analyses at worst classify a word twice.
        self._cache: dict[str, _WordInfo] = {}

    def clear_cache(self) -> None:
        """Forget every word and position seen (results never depend on the caches)."""
        self._cache.clear()
        self._by_words.clear()
        self._verified.clear()
        self._placed.clear()

    def _classify(self, word: str) -> _WordInfo:
        ids: list[int] = list(self._exact.get(word, ()))
        n = len(word)
        for length in self._prefix_lengths:
            if length > n:
                break
            ids.extend(self._prefix.get(word[:length], ()))
        for length in self._suffix_lengths:
            if length > n:
                break
            ids.extend(self._suffix.get(word[n - length :], ()))
        if self._number and word.isdigit():
            ids.extend(self._number)
        if ids:
            spec_ids = frozenset(ids)
            starts: list[int] = []
            for spec_id in spec_ids:
                starts.extend(self._starts.get(spec_id, ()))
            needs = _EMPTY.union(*(self._required[t] for t in starts)) - spec_ids
            info = _WordInfo(spec_ids, tuple(sorted(starts)), needs)
        else:
            info = _NOTHING  # most words: one shared object, so per-text sets stay tiny
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[word] = info
        return info

    def find(self, words: Sequence[str], groups: int = ALL_GROUPS) -> list[Hit]:
        """Every trigger occurrence, in order of its first word (earliest match per start).

        Only triggers added with a group bit in `groups` are looked for: one matcher can
        serve several callers (hints and tone rules) with one pass over the words.
        """
        found = list(map(self._cache.get, words))
        if None in found:
            classify = self._classify
            found = [
                info if info is not None else classify(w)
                for info, w in zip(found, words, strict=True)
            ]
        infos: tuple[_WordInfo, ...] = tuple(found)  # type: ignore[arg-type]
        hits: list[Hit] = []
        if not any(map(_STARTS, infos)):
            return hits
        # Which triggers are worth verifying depends only on the set of distinct words (by
        # what they match) and the groups: memoised on that, as the next keystroke's text
        # mostly has the same set (a half-typed word usually matches nothing).
        distinct = frozenset(infos)  # identity-hashed: cheap
        viable = self._by_words.get((distinct, groups))
        if viable is None:
            viable = self._viable_starts(distinct, groups)
        n = len(infos)
        placed, verified = self._placed, self._verified
        for i in compress(range(n), map(viable.__contains__, infos)):
            ready = viable[infos[i]]
            # What fires at i depends only on the viable triggers and the words they can
            # reach: memoised on exactly that, so a keystroke re-verifies only what changed.
            # Two levels: the Hits themselves at this very position (typing at the end of a
            # message leaves the earlier positions alone), else the offsets from any position.
            key = (i, ready, infos[i + 1 : i + 1 + ready[1]])
            at_i = placed.get(key)
            if at_i is None:
                here = verified.get(key[1:])
                if here is None:
                    here = self._verify(ready[0], i, infos, n)
                    if len(verified) >= _VERIFIED_LIMIT:
                        verified.clear()
                    verified[key[1:]] = here
                at_i = tuple(
                    _new(Hit, (trigger_key, tuple(map(i.__add__, offsets))))
                    for trigger_key, offsets in here
                )
                if len(placed) >= _VERIFIED_LIMIT:
                    placed.clear()
                placed[key] = at_i
            hits.extend(at_i)
        return hits

    def _viable_starts(
        self, distinct: frozenset[_WordInfo], groups: int
    ) -> dict[_WordInfo, _Viable]:
        # Every spec some word of the text satisfies: a trigger is only verified when all the
        # specs it needs occur somewhere, which skips most starts on common words ("saya").
        present = _EMPTY.union(*map(_SPECS, distinct))
        viable: dict[_WordInfo, _Viable] = {}
        for info in distinct:
            if info.starts:
                # Which of its triggers are viable depends only on which of the specs they
                # need occur; memoised per word too.
                have = (info.needs & present, groups)
                ready = info.memo.get(have)
                if ready is None:
                    ready = self._viable(info, have, present, groups)
                if ready[0]:
                    viable[info] = ready
        if len(self._by_words) >= _MEMO_LIMIT:
            self._by_words.clear()
        self._by_words[(distinct, groups)] = viable
        return viable

    def _viable(
        self,
        info: _WordInfo,
        have: tuple[frozenset[int], int],
        present: frozenset[int],
        groups: int,
    ) -> _Viable:
        """The triggers `info` starts that are in `groups` and whose specs are all present,
        and how many words after the start they can reach."""
        required, group_of = self._required, self._groups
        chosen = tuple(t for t in info.starts if group_of[t] & groups and required[t] <= present)
        ready = (chosen, max((self._reach[t] for t in chosen), default=0))
        if len(info.memo) >= _MEMO_LIMIT:
            info.memo.clear()
        info.memo[have] = ready
        return ready

    def _verify(
        self, chosen: tuple[int, ...], i: int, infos: Sequence[_WordInfo], n: int
    ) -> tuple[tuple[Any, tuple[int, ...]], ...]:
        """The triggers in `chosen` that match at i: (key, word offsets from i)."""
        out: list[tuple[Any, tuple[int, ...]]] = []
        for trigger_index in chosen:
            steps, key = self._triggers[trigger_index]
            if len(steps) == 1:
                out.append((key, (0,)))
                continue
            rest = _extend(steps, 1, i, infos, n)
            if rest is not None:
                out.append((key, (0, *(j - i for j in rest))))
        return tuple(out)


class _WordInfo:
    """What one distinct word satisfies: spec ids, and the triggers it can start.

    A plain object (hashed by identity) rather than a tuple: a set of a text's word infos is
    built on every call, and tuples would be re-hashed element by element each time.
    """

    __slots__ = ("memo", "needs", "specs", "starts")

    def __init__(
        self, specs: frozenset[int], starts: tuple[int, ...], needs: frozenset[int]
    ) -> None:
        self.specs = specs
        self.starts = starts
        # Specs (beyond its own) that the triggers this word starts need, and a memo from
        # which of them a text has (and the groups asked for) to the viable triggers.
        self.needs = needs
        self.memo: dict[tuple[frozenset[int], int], _Viable] = {}


# Triggers worth verifying at a start, and how many words after it they can reach.
_Viable = tuple[tuple[int, ...], int]


_EMPTY: frozenset[int] = frozenset()
_NOTHING = _WordInfo(_EMPTY, (), _EMPTY)
_STARTS = attrgetter("starts")
# Builds a Hit without the Python-level NamedTuple constructor (half the cost, same object).
_new = tuple.__new__
_SPECS = attrgetter("specs")


def _extend(
    steps: tuple[tuple[int, int], ...],
    k: int,
    pos: int,
    infos: Sequence[_WordInfo],
    n: int,
) -> list[int] | None:
    """Positions for steps[k:] after `pos`, trying the nearest candidate first.

    Depth is bounded by the trigger length and breadth by MAX_GAP + 1, so this is a small
    constant per start position, whatever the text.
    """
    spec_id, gap = steps[k]
    last = k + 1 == len(steps)
    for j in range(pos + 1, min(pos + 2 + gap, n)):
        if spec_id in infos[j].specs:
            if last:
                return [j]
            rest = _extend(steps, k + 1, j, infos, n)
            if rest is not None:
                return [j, *rest]
    return None
