"""How a hint and the customer signal it covers are shown together (panel and command line)."""

from __future__ import annotations

import re

__all__ = ["with_signal_words"]

_WORD = re.compile(r"\w+")


def with_signal_words(why: tuple[str, ...], span: str) -> tuple[str, ...]:
    """A covering hint's `why` plus the words that raised its signal (`span`, lower-cased).

    The signal's words keep the reason it fired visible on the one card that remains. Nothing
    is added when the span is empty (a signal raised from the contact history) or when every
    word of it is listed already: the hint's "third, time" says all that "Third time" does.
    """
    span = " ".join(span.split()).lower()
    if not span:
        return why
    listed = {word for item in why for word in _WORD.findall(item.lower())}
    words = _WORD.findall(span)
    if words and all(word in listed for word in words):
        return why
    return (*why, span)
