"""Shouting in a text (upper-case runs, !! and ?!) and its calm, sentence-case rewrite."""

from __future__ import annotations

import re

_SHOUT_RUN_RE = re.compile(r"!{2,}|\?{2,}|\?!|!\?")
# ASCII capitals only: Indonesian and English; other scripts have no case to shout with.
_UPPER_WORD_RE = re.compile(r"\b[A-Z]{2,}\b")
_SENTENCE_START_RE = re.compile(r"([.!?]\s+)(\w)")


def has_emphatic_run(text: str) -> bool:
    # Four substring searches run at C speed; the regex is only needed for the span.
    return "!!" in text or "??" in text or "?!" in text or "!?" in text


def shouting_span(text: str) -> tuple[int, int] | None:
    """Mostly upper-case words (at least three), or a run of !! / ?!.

    The span of shouted words takes the exclamation marks right after them too, so that its
    rewrite calms both ("KAMI SEDANG CEK!!!" -> "Kami sedang cek!").
    """
    run = _SHOUT_RUN_RE.search(text) if has_emphatic_run(text) else None
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


def sentence_case(shouted: str, *, capital: bool) -> str:
    """Shouted words in sentence case with one "!" at most; `capital`: the span starts a
    sentence, so its first letter stays a capital."""
    calm = shouted.lower()
    while "!!" in calm:
        calm = calm.replace("!!", "!")
    calm = _SENTENCE_START_RE.sub(lambda m: m.group(1) + m.group(2).upper(), calm)
    return calm[:1].upper() + calm[1:] if capital else calm
