"""Card numbers, found by shape alone: Luhn-valid 13–19 digit runs, whatever their separators."""

from __future__ import annotations

import re
import unicodedata

from copilot.context.pii.match import PiiMatch

# Card numbers are found apart from the other numbers, by shape alone: a run of at least 13
# digits (`\d` is any Unicode decimal digit: full-width, Arabic-Indic, Devanagari, ...) with at
# most one separator between two digits, wherever it starts ("card4111...", "Rp4111...") and
# whatever the words around it say ("order 4111..."): a card number stored in clear costs far
# more than a masked reference. Separators: any white space (NBSP, thin and narrow spaces
# included), dots, commas, dashes, slashes, their full-width and Unicode forms, and the
# invisible zero-width characters. Linear-time: each repetition consumes a digit, the optional
# separator before it cannot be a digit, and a failed attempt reads at most the 12 digits it
# needed, so a text is read a bounded number of times.
_CARD_SEPARATORS = (
    r"\s.,\-/_\u00b7\u2010-\u2015\u2024\u2027\u2212"
    r"\u200b-\u200d\u2060\ufeff\uff0c\uff0d\uff0e\uff0f\uff3f"
)
_CARD_RUN_RE = re.compile(rf"\d(?:[{_CARD_SEPARATORS}]?\d){{12,}}")
_DIGITS_RE = re.compile(r"\d+")

# Luhn: a doubled digit, its digits summed (as a translation table: C speed).
_DOUBLED = str.maketrans("0123456789", "0246813579")


def _luhn_ok(digits: str) -> bool:
    odd = sum(map(int, digits[-1::-2]))
    even = sum(map(int, digits[-2::-2].translate(_DOUBLED)))
    return (odd + even) % 10 == 0


def card_matches(text: str) -> list[PiiMatch]:
    """Every Luhn-valid 13–19 digit card number, whatever its separators and digits."""
    found: list[PiiMatch] = []
    for m in _CARD_RUN_RE.finditer(text):
        found.extend(_cards_in_run(m.group(), m.start()))
    return found


def _ascii(digits: str) -> str:
    """Decimal digits of any script as ASCII ("４１", "٤١" -> "41")."""
    if digits.isascii():
        return digits
    return "".join([str(unicodedata.digit(c)) for c in digits])


def _cards_in_run(raw: str, start: int) -> list[PiiMatch]:
    """The card numbers in one run of digits (see `_CARD_RUN_RE`), as whole groups of digits.

    From each group in turn, the longest Luhn-valid 13–19 digit stretch of whole groups is a
    card ("4111 1111 1111 1111 2", "0812 3456 7890 4111 1111 1111 1111": the card and not the
    number glued to it); the search goes on after it, so two cards in one run are both found.
    At most 19 digits are tried from each group: linear in the run's length. No card number
    starts with 0 (ISO/IEC 7812), which keeps phone numbers ("0812...") out.
    """
    groups = [(m.start(), m.end(), _ascii(m.group())) for m in _DIGITS_RE.finditer(raw)]
    found: list[PiiMatch] = []
    i, count = 0, len(groups)
    while i < count:
        if groups[i][2][0] == "0":
            i += 1
            continue
        digits = ""
        best: tuple[int, str] | None = None
        for j in range(i, count):
            digits += groups[j][2]
            if len(digits) > 19:
                break
            if len(digits) >= 13 and _luhn_ok(digits):
                best = (j, digits)
        if best is None:
            i += 1
            continue
        j, digits = best
        found.append(
            PiiMatch(
                "card_number",
                start + groups[i][0],
                start + groups[j][1],
                f"[card ****{digits[-4:]}]",
            )
        )
        i = j + 1
    return found
