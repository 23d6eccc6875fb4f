"""Tokenising and normalising informal Indonesian/English text, keeping character offsets."""

from __future__ import annotations

import re
from functools import cached_property

__all__ = ["Tokens", "normalise_word", "tokenize"]

# A word is a run of letters/digits (and "_") in any script; an apostrophe inside a word is
# kept in the match and dropped from the normalised form ("don't" -> "dont", "wife's" -> "wife").
# Hyphens and every other punctuation character separate words ("e-ktp" -> "e", "ktp").
_WORD_RE = re.compile(r"\w+(?:['’]\w+)*")
# Without apostrophes (they are removed before words are listed) a word is just this.
# (`\w` includes "_": "snake_case" stays one word. `\w+` is about twice as fast as
# `[^\W_]+` in CPython's regex engine, and this runs on every keystroke.)
_PLAIN_WORD_RE = re.compile(r"\w+")
_ASCII_TRIPLES = tuple(c * 3 for c in "abcdefghijklmnopqrstuvwxyz")
# Letters repeated three or more times are squashed to one: "lamaaaa" -> "lama",
# "bangeeettt" -> "banget". Digits are left alone ("1000" stays "1000").
_REPEAT_RE = re.compile(r"([^\W\d_])\1{2,}")
# A possessive or contracted "'s" at the end of a word: dropped, as in `normalise_word`.
_POSSESSIVE_RE = re.compile(r"(?<=[^\W_])['’]s\b")


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
    """The normalised words of a text; character spans are computed only when asked for.

    Most keystrokes match nothing, so the spans (one match object per word) are built lazily:
    the hot path is one `findall` over the lower-cased text.
    """

    __slots__ = ("__dict__", "_has_apostrophe", "_lower", "text", "words")

    def __init__(self, text: str) -> None:
        self.text = text
        lower = text.lower()
        # Some characters change length when lower-cased ("İ" -> "i̇"); then offsets into the
        # lower-cased text would not be offsets into `text`, so tokenise the original instead.
        self._lower = lower if len(lower) == len(text) else text
        # Normalise the whole text in a few C-speed passes rather than word by word. None of
        # them changes where words start or end (an apostrophe inside a word is already part
        # of it), so the words found here line up with the spans found in `_lower`.
        normal = self._lower
        self._has_apostrophe = "'" in normal or "’" in normal
        if self._has_apostrophe:
            if "'s" in normal or "’s" in normal:
                normal = _POSSESSIVE_RE.sub("", normal)
            normal = normal.replace("'", "").replace("’", "")
        # Cheap pre-check (26 substring searches) before the slower back-reference regex.
        if any(triple in normal for triple in _ASCII_TRIPLES) and _REPEAT_RE.search(normal):
            normal = _REPEAT_RE.sub(r"\1", normal)
        words: list[str] = _PLAIN_WORD_RE.findall(normal)
        if self._lower is text:
            words = [normalise_word(w) for w in words]
        self.words = words

    def __len__(self) -> int:
        return len(self.words)

    @cached_property
    def spans(self) -> list[tuple[int, int]]:
        """(start, end) of each word in the original text, aligned with `words`."""
        pattern = _WORD_RE if self._has_apostrophe else _PLAIN_WORD_RE
        return [m.span() for m in pattern.finditer(self._lower)]

    def surface(self, index: int) -> str:
        """The word as written in the text (original case and spelling)."""
        start, end = self.spans[index]
        return self.text[start:end]


def tokenize(text: str) -> Tokens:
    return Tokens(text)
