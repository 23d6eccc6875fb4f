"""Tokenising and normalising informal Indonesian/English text, keeping character offsets."""

from __future__ import annotations

import re
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
    it, the search for "lamaaaa"-style runs, which costs as much as tokenising, is skipped.
    """

    __slots__ = ("ends", "starts", "text", "words")

    def __init__(self, text: str, known: set[str] | None = None) -> None:
        self.text = text
        lower = text.lower()
        # Some characters change length when lower-cased ("İ" -> "i̇"); then offsets into the
        # lower-cased text would not be offsets into `text`, so tokenise the original instead.
        base = lower if len(lower) == len(text) else text
        apostrophe = "'" in base or "’" in base
        parts: list[str] = (_SPLIT_WORD_RE if apostrophe else _SPLIT_PLAIN_RE).split(base)
        # parts = [between, word, between, word, ..., between]: running lengths are offsets.
        offsets = list(accumulate(map(len, parts)))
        self.starts: list[int] = offsets[0:-1:2]
        self.ends: list[int] = offsets[1::2]
        words: list[str] = parts[1::2]
        # Normalise every word in a few C-speed passes over the words joined by _SEP.
        joined: str | None = None
        if apostrophe and words:
            joined = _SEP.join(words)
            if "'s" in joined or "’s" in joined:
                joined = _POSSESSIVE_RE.sub("", joined)
            joined = joined.replace("'", "").replace("’", "")
            words = joined.split(_SEP)
        if words and (known is None or not known.issuperset(words)):
            if joined is None:
                joined = _SEP.join(words)
            # Cheap pre-check (26 substring searches) before the slower back-reference regex.
            if any(triple in joined for triple in _ASCII_TRIPLES) and _REPEAT_RE.search(joined):
                words = _REPEAT_RE.sub(r"\1", joined).split(_SEP)
            elif known is not None and base is lower:
                # No word here has a letter three times in a row: remember them all.
                if len(known) >= _KNOWN_LIMIT:
                    known.clear()
                known.update(words)
        if base is text:
            words = [normalise_word(w) for w in words]
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


def tokenize(text: str) -> Tokens:
    return Tokens(text)
