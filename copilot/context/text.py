"""Tokenising and normalising informal Indonesian/English text, keeping character offsets."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from itertools import accumulate

__all__ = ["Tokens", "normalise_word", "tokenize"]

# A word is a run of letters/digits (and "_") in any script; apostrophes inside a word are
# kept in the match and dropped from the normalised form ("don't" -> "dont", "wife's" -> "wife",
# wiki-style "'''E'''arth" -> "earth"). Hyphens and every other punctuation character separate
# words ("e-ktp" -> "e", "ktp"). Captured, for `re.split`: one C-level pass yields the words AND
# the text between them, whose lengths give every word's offsets.
_SPLIT_WORD_RE = re.compile(r"(\w+(?:['’]+\w+)*)")
# Without apostrophes a word is just this. (`\w` includes "_": "snake_case" stays one word.
# `\w+` is about twice as fast as `[^\W_]+` in CPython's regex engine, and this runs on
# every keystroke.)
_SPLIT_PLAIN_RE = re.compile(r"(\w+)")
_ASCII_TRIPLES = tuple(c * 3 for c in "abcdefghijklmnopqrstuvwxyz")
# Letters repeated three or more times are squashed to one: "lamaaaa" -> "lama",
# "bangeeettt" -> "banget". Digits are left alone ("1000" stays "1000").
_REPEAT_RE = re.compile(r"([^\W\d_])\1{2,}")
# A possessive or contracted "'s" at the end of a word: dropped, as in `normalise_word`.
_POSSESSIVE_RE = re.compile(r"(?<=[^\W_])['’]s\b")
# Joins a text's words so that a few C-level passes normalise all of them at once. It can never
# occur inside a word (it is not `\w`), so splitting on it gives the words back one for one,
# and to the patterns above it is a word boundary, like whatever separated the words in the text.
_SEP = "\x00"
# Bound on a caller's set of words known to need no squashing (see `Tokens`).
_KNOWN_LIMIT = 200_000


def _drop_apostrophes(word: str) -> str:
    # A possessive or contracted "'s" goes ("wife's" -> "wife", "that's" -> "that"); any
    # other apostrophe just disappears ("don't" -> "dont", "I'm" -> "im").
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    return word.replace("'", "").replace("’", "")


def normalise_word(word: str) -> str:
    """The normal form of one word: lower-case, no apostrophes, long letter runs squashed."""
    word = _drop_apostrophes(word.lower())
    if len(word) > 2:
        word = _REPEAT_RE.sub(r"\1", word)
    return word


class Tokens:
    """The normalised words of a text and their character spans in it.

    `known` (optional, owned by the caller and reused across texts, e.g. by an Engine) is a set
    of words seen before with no letter repeated three times: when every word of a text is in
    it, the search for "lamaaaa"-style runs, which costs as much as tokenising, is skipped
    (see `_squash_runs`).

    `previous` (optional): Tokens of texts seen just before, e.g. the same message one keystroke
    ago. The words of the longest common prefix are reused and only the rest is tokenised; the
    result is the same as without them.
    """

    __slots__ = ("_raw", "_reusable", "ends", "starts", "text", "words")
    text: str
    words: list[str]
    starts: list[int]
    ends: list[int]
    _raw: list[str]  # words before squashing letter runs
    _reusable: bool

    def __init__(
        self, text: str, known: set[str] | None = None, previous: Iterable[Tokens] = ()
    ) -> None:
        self.text = text
        lower = text.lower()
        # Some characters change length when lower-cased ("İ" -> "i̇"); then offsets into the
        # lower-cased text would not be offsets into `text`, so tokenise the original instead.
        base = lower if len(lower) == len(text) else text
        # Reuse needs the lower-cased prefix not to depend on what follows it: true of every
        # character but "Σ", whose lower case depends on whether a letter comes next.
        self._reusable = base is lower and "Σ" not in text
        prev, keep, cut = _reusable_prefix(previous, text) if self._reusable else (None, 0, 0)
        apostrophe = "'" in base or "’" in base
        pattern = _SPLIT_WORD_RE if apostrophe else _SPLIT_PLAIN_RE
        parts: list[str] = pattern.split(base[cut:] if cut else base)
        # parts = [between, word, between, ..., between]: running lengths are offsets.
        offsets = list(accumulate(map(len, parts), initial=cut))
        starts: list[int] = offsets[1:-1:2]
        ends: list[int] = offsets[2::2]
        raw: list[str] = parts[1::2]
        # Normalise every word in a few C-speed passes over the words joined by _SEP.
        if apostrophe and raw:
            joined = _SEP.join(raw)
            if "'s" in joined or "’s" in joined:
                joined = _POSSESSIVE_RE.sub("", joined)
            raw = joined.replace("'", "").replace("’", "").split(_SEP)
        if prev is not None:
            raw = prev._raw[:keep] + raw
            starts = prev.starts[:keep] + starts
            ends = prev.ends[:keep] + ends
        words = _squash_runs(raw, known if base is lower else None)
        if base is text:
            words = [normalise_word(w) for w in words]
        self._raw = raw
        self.starts = starts
        self.ends = ends
        self.words = words

    def __len__(self) -> int:
        return len(self.words)

    @property
    def spans(self) -> list[tuple[int, int]]:
        """(start, end) of each word in the original text, aligned with `words`."""
        return list(zip(self.starts, self.ends, strict=True))

    def surface(self, index: int) -> str:
        """The word as written in the text (original case and spelling)."""
        return self.text[self.starts[index] : self.ends[index]]


def _squash_runs(raw: list[str], known: set[str] | None) -> list[str]:
    """The words with letter runs squashed ("lamaaaa" -> "lama") if any word has a run of a
    Latin letter a-z; otherwise unchanged (a run of another letter alone is left as is).

    `known` holds words seen before that have no run at all: squashing leaves them alone, so
    only the others are looked at, and a text of known words costs one set operation.
    """
    if not raw:
        return raw
    if known is None:
        joined = _SEP.join(raw)
        # Cheap pre-check (26 substring searches) before the slower back-reference regex.
        if any(triple in joined for triple in _ASCII_TRIPLES):
            return _REPEAT_RE.sub(r"\1", joined).split(_SEP)
        return raw
    if known.issuperset(raw):
        return raw
    unknown = list(set(raw).difference(known))
    joined = _SEP.join(unknown)
    words = raw
    if any(triple in joined for triple in _ASCII_TRIPLES):
        squashed = dict(zip(unknown, _REPEAT_RE.sub(r"\1", joined).split(_SEP), strict=True))
        words = list(map(squashed.get, raw, raw))
    if len(known) >= _KNOWN_LIMIT:
        known.clear()
    if _REPEAT_RE.search(joined) is None:
        known.update(unknown)
    else:
        known.update(word for word in unknown if _REPEAT_RE.search(word) is None)
    return words


def _common_prefix(a: str, b: str) -> int:
    """Length of the longest common prefix, by bisection on C-speed slice comparisons."""
    low, high = 0, min(len(a), len(b))
    if a[:high] == b[:high]:
        return high
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _reusable_prefix(previous: Iterable[Tokens], text: str) -> tuple[Tokens | None, int, int]:
    """The earlier Tokens sharing the most words with `text`: (it, words kept, where to cut).

    A word is kept only if it ends before the texts differ and is followed by a character
    that is neither a word character nor an apostrophe: then nothing after it can change it.
    """
    best: tuple[Tokens | None, int, int] = (None, 0, 0)
    for prev in previous:
        if not prev._reusable or not prev.ends:
            continue
        same = _common_prefix(prev.text, text)
        if same == len(text) == len(prev.text):
            keep = len(prev.ends)  # the same text: every word
        else:
            keep = bisect_left(prev.ends, same)  # words that end before the texts differ
            while keep and text[prev.ends[keep - 1]] in "'’":
                keep -= 1
        if keep > best[1]:
            cut = prev.ends[keep - 1]
            best = (prev, keep, cut)
    return best


def tokenize(text: str) -> Tokens:
    return Tokens(text)
