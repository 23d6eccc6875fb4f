"""How a hint and the customer signal it covers are shown together (panel and command line)."""

from __future__ import annotations

import re

__all__ = ["with_signal_words"]

_WORD = re.compile(r"\w+")


def with_signal_words(why: tuple[str, ...], span: str) -> tuple[str, ...]:
    """A covering hint's `why` with the words that raised its signal (`span`, lower-cased).

    The signal's words keep the reason it fired visible on the one card that remains. The span
    takes the place of the hint's words it contains, so nothing is said twice: "3x, telepon"
    with "Udah 3x" gives "udah 3x, telepon", and "third, time" with "Third time" gives "third
    time". Nothing changes when the span has no words (a signal raised from the contact
    history).
    """
    span = " ".join(span.split()).lower()
    words = set(_WORD.findall(span))
    if not words:
        return why
    merged: list[str] = []
    for item in why:
        contained = set(_WORD.findall(item.lower()))
        if contained and contained <= words:
            if span not in merged:
                merged.append(span)
        else:
            merged.append(item)
    if span not in merged:
        merged.append(span)
    return tuple(merged)
