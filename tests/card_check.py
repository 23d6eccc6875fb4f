"""An independent check for card numbers in text, shared by the masking tests (not pii.py's)."""

from __future__ import annotations

import unicodedata

# The checker's own definition, written apart from pii.py: a run is digits (any script) with
# at most one separator between two of them; a card is a stretch of whole groups of a run with
# 13-19 digits, not starting with 0 (no card number does), that passes Luhn.
_SEPARATORS = frozenset(
    " \t\n\u00a0\u2009\u202f\u2007\u2002\u3000.,-/_\u00b7\u2010\u2011\u2013\u2014\u2212"
    "\u200b\u2060\ufeff\uff0c\uff0d\uff0e\uff0f"
)


def luhn(digits: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def _runs(text: str) -> list[list[str]]:
    """Each run of digits in `text` as its groups of ASCII digits."""
    runs: list[list[str]] = []
    groups: list[str] = []
    group = ""
    i = 0
    while i < len(text):
        c = text[i]
        if c.isdecimal():
            group += str(unicodedata.digit(c))
        elif group and c in _SEPARATORS and i + 1 < len(text) and text[i + 1].isdecimal():
            groups.append(group)
            group = ""
        else:
            if group:
                groups.append(group)
            if groups:
                runs.append(groups)
            groups, group = [], ""
        i += 1
    if group:
        groups.append(group)
    if groups:
        runs.append(groups)
    return runs


def surviving_cards(text: str) -> list[str]:
    found = []
    for groups in _runs(text):
        for i in range(len(groups)):
            digits = ""
            for group in groups[i:]:
                digits += group
                if 13 <= len(digits) <= 19 and digits[0] != "0" and luhn(digits):
                    found.append(digits)
    return found
