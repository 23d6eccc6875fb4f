"""Masking: PII replaced by tokens, again until nothing changes; what the store writes."""

from __future__ import annotations

from bisect import bisect_left

from copilot.context.pii.find import find_matches, find_pii, might_hold_secret
from copilot.context.pii.match import PiiCache, PiiMatch, Redaction
from copilot.context.pii.patterns import TOKEN_RE
from copilot.vocabulary import PAYMENT_SECRET_KINDS

# Passes of `_mask` after the first. Each pass can only find what the previous one's tokens
# uncovered within a context window of them (a number no longer next to "1.5", a keyword now
# 32 characters away instead of 33), so chains are a few links long; the bound keeps a
# hostile text linear in the worst case.
_MAX_PASSES = 8
# How far a token can change what is found around it: every check reads at most the context
# windows (patterns.py's `RUN_CONTEXT`, `WINDOW_AFTER`) or an e-mail's 64-character local part
# around a number, and runs end where a token starts.
_TOKEN_REACH = 72


def _masked_with_spans(text: str, matches: list[PiiMatch]) -> tuple[str, list[tuple[int, int]]]:
    """`text` with each match replaced by its replacement, and where each replacement landed."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = size = 0
    for match in matches:
        before = text[pos : match.start]
        parts += (before, match.replacement)
        size += len(before)
        spans.append((size, size + len(match.replacement)))
        size += len(match.replacement)
        pos = match.end
    parts.append(text[pos:])
    return "".join(parts), spans


def _may_change(masked: str, placed: list[tuple[int, int]]) -> bool:
    """Whether masking `masked` again may find more than the tokens just `placed` in it.

    Only what lies within reach of a new token can read differently (see `_TOKEN_REACH`):
    without a digit, an "@" or a secret word there, nothing new can be found. Lower-casing
    that changes lengths ("İ") shifts every window after it, so such a text is always read
    again.
    """
    if not masked.isascii() and len(masked.lower()) != len(masked):
        return True
    for start, end in placed:
        around = TOKEN_RE.sub(" ", masked[max(0, start - _TOKEN_REACH) : end + _TOKEN_REACH])
        if might_hold_secret(around) or "@" in around:
            return True
    return False


def _mask(
    text: str, keep: frozenset[str] | None, cache: PiiCache | None = None
) -> tuple[str, tuple[PiiMatch, ...]]:
    """`text` masked until masking it again changes nothing, and the matches masked (spans
    in `text`); `keep` limits the kinds masked.

    Masking replaces a secret with a shorter or longer token, which moves context words
    nearer to or further from the numbers around it and changes what follows a number
    ("otp 1234.4111111111111111": "1234" followed by ".4" is part of an amount; followed by
    ".[card ****1111]" it is an OTP): masking the masked text once more finds those too.
    """
    found = [m for m in find_pii(text, cache=cache) if keep is None or m.kind in keep]
    if not found:
        return text, ()
    masked, placed = _masked_with_spans(text, found)
    for _ in range(_MAX_PASSES):
        if not _may_change(masked, placed):
            break
        more = [m for m in find_matches(masked, cache, placed) if keep is None or m.kind in keep]
        if not more:
            break
        # Where each position of `masked` comes from in `text`: the new matches lie outside
        # every token, so a position maps back by the length change of the tokens before it.
        found.sort(key=lambda m: m.start)
        ends, shifts, shift = [], [], 0
        for match in found:
            shift += len(match.replacement) - (match.end - match.start)
            ends.append(match.end + shift)
            shifts.append(shift)
        for match in more:
            i = bisect_left(ends, match.start + 1) - 1
            back = shifts[i] if i >= 0 else 0
            found.append(
                PiiMatch(match.kind, match.start - back, match.end - back, match.replacement)
            )
        masked, placed = _masked_with_spans(masked, more)
    found.sort(key=lambda m: m.start)
    return masked, tuple(found)


def redact(text: str, *, cache: PiiCache | None = None) -> Redaction:
    """Find and mask every PII kind; spans in `matches` refer to the original text.

    Masking the redacted text again changes nothing.
    """
    masked, matches = _mask(text, None, cache)
    return Redaction(text=masked, matches=matches)


def mask_payment_secrets(text: str) -> str:
    """Mask what must never be stored: card numbers (last four kept), CVVs, OTPs/PINs and
    passwords.

    The storage layer calls this on every free-text field before writing it. No Luhn-valid
    13–19 digit card number survives it, whatever its separators, digits or neighbours, and
    masking a masked text changes nothing.
    """
    return _mask(text, PAYMENT_SECRET_KINDS)[0]
