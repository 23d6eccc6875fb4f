"""Word valence scoring: the lexicon, with negation, contrast and intensifiers."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import compress
from operator import itemgetter

from copilot.context.text import Tokens

# Words that flip (and soften) the valence of what follows them: see `Lexicon.score`.
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
# A negation reaches this many words ahead, and never across a clause break.
_NEGATION_WINDOW = 3
# Words that open a condition ("if not fixed ..."), see `negated`.
_CONDITIONALS = frozenset(
    ["if", "unless", "kalau", "kalo", "klo", "kl", "jika", "jikalau", "bila", "apabila"]
)
_CLAUSE_BREAK_RE = re.compile(r"[,.;:!?\n]")
_VALUE = itemgetter(2)


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


def negated(tokens: Tokens, first: int) -> bool:
    """A negation within three words before `first`, in the same clause.

    A negator just after "if"/"kalau" is the condition, not the cue's negation: in "kalau gak
    beres saya viralkan" or "if the claim isn't paid I'm going to the ombudsman" (typed
    without a comma) the threat still stands.
    """
    words = tokens.words
    for j in range(first - 1, max(-1, first - 1 - _NEGATION_WINDOW), -1):
        if words[j] in NEGATORS:
            if not _CONDITIONALS.isdisjoint(words[max(0, j - _NEGATION_WINDOW) : j]):
                return False
            gap = tokens.text[tokens.ends[j] : tokens.starts[first]]
            return _CLAUSE_BREAK_RE.search(gap) is None
    return False
