"""Every PII span in a text: all the scanners run, card numbers win, overlaps are resolved."""

from __future__ import annotations

from bisect import bisect_left

from copilot.context.pii.cards import card_matches
from copilot.context.pii.match import PiiCache, PiiMatch
from copilot.context.pii.patterns import DIGIT_RE, TOKEN_RE
from copilot.context.pii.scan import RunScanner
from copilot.context.pii.shapes import (
    email_matches,
    has_secret_word,
    npwp_matches,
    passport_matches,
    password_matches,
)


def might_hold_secret(text: str) -> bool:
    """False only for text that cannot hold a card number, CVV, OTP, PIN or password.

    Loaders call this before `mask_payment_secrets` to skip most notes cheaply.
    """
    return DIGIT_RE.search(text) is not None or has_secret_word(text)


def find_pii(text: str, *, cache: PiiCache | None = None) -> tuple[PiiMatch, ...]:
    """Every PII span in `text`, in order, non-overlapping.

    `cache` (optional, owned by the caller, e.g. an Engine that sees the same message again on
    every keystroke) remembers what each number in its context turned out to be.
    """
    return find_matches(text, cache)


def find_matches(
    text: str, cache: PiiCache | None, placed: list[tuple[int, int]] | None = None
) -> tuple[PiiMatch, ...]:
    """`find_pii`; with `placed` (the tokens a masking pass just wrote), only what those
    tokens can have changed: numbers within reach of them (card numbers cannot change)."""
    if not text:
        return ()
    tokens = [m.span() for m in TOKEN_RE.finditer(text)] if "[" in text else []
    scanner = RunScanner(text, cache, tokens)
    matches: list[PiiMatch] = []
    cards: list[PiiMatch] = []
    # Cheap pre-checks skip whole scanners: most messages have no '@' and no passport word.
    if DIGIT_RE.search(text) is not None:
        if placed is None:
            cards = card_matches(text)
        matches.extend(scanner.run_matches(placed))
        matches.extend(npwp_matches(text))
        matches.extend(passport_matches(text, scanner.folded()))
    if "@" in text:
        matches.extend(email_matches(text))
    if has_secret_word(text):
        matches.extend(password_matches(text))
    if cards:
        # A card number is a card whatever else its digits could be (a NIK, an account, a
        # phone number written with "+"): only then is it sure to be masked in storage.
        matches = _without_overlaps(matches, [(m.start, m.end) for m in cards]) + cards
    if tokens:
        matches = _without_overlaps(matches, tokens)
    return _resolve_overlaps(matches)


def _without_overlaps(matches: list[PiiMatch], spans: list[tuple[int, int]]) -> list[PiiMatch]:
    """`matches` without those that overlap any of `spans` (sorted, not overlapping)."""
    starts = [s for s, _ in spans]
    kept = []
    for match in matches:
        i = bisect_left(starts, match.end) - 1
        if i < 0 or spans[i][1] <= match.start:
            kept.append(match)
    return kept


def _resolve_overlaps(matches: list[PiiMatch]) -> tuple[PiiMatch, ...]:
    """Keep non-overlapping matches, preferring the earlier and then the longer one."""
    ordered = sorted(matches, key=lambda p: (p.start, -(p.end - p.start)))
    kept: list[PiiMatch] = []
    for match in ordered:
        if kept and match.start < kept[-1].end:
            if (match.end - match.start) > (kept[-1].end - kept[-1].start):
                kept[-1] = match
            continue
        kept.append(match)
    return tuple(kept)
