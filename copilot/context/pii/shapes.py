"""PII found by its own shape: NPWP tax ids, e-mail addresses, passports and passwords."""

from __future__ import annotations

import re

from copilot.context.pii.match import PiiMatch

# Every pattern is linear-time: no nested unbounded quantifiers, and each repetition either
# consumes a mandatory character that cannot start the next one, or is bounded.

# NPWP `99.999.999.9-999.999`, searched from its first dot: a pattern that starts with a
# literal lets the regex engine skip to candidates at C speed (one starting with `\d` is tried
# at every position); the two digits before the dot are checked afterwards.
_NPWP_TAIL_RE = re.compile(r"\.\d{3}\.\d{3}\.\d[-.]\d{3}\.\d{3}")
_TWO_DIGITS_RE = re.compile(r"\d{2}")

_EMAIL_LOCAL_RE = re.compile(r"[A-Za-z0-9._%+\-]{1,64}\Z")
_EMAIL_DOMAIN_RE = re.compile(r"[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){0,6}\.[A-Za-z]{2,24}")

_PASSPORT_RE = re.compile(r"(?<![\w])[A-Za-z]\s?\d{7}(?!\w)")
_PASSPORT_KW_RE = re.compile(r"\b(?:paspor|passport|pasport)\b", re.IGNORECASE)


def npwp_matches(text: str) -> list[PiiMatch]:
    if "." not in text:
        return []
    found = []
    for start, end in _npwp_spans(text):
        # Not part of a longer number or word ("1.01.234.567.8-901.000", "x01.234...").
        if start and (text[start - 1].isalnum() or text[start - 1] == "."):
            continue
        after = text[end : end + 2]
        if after[:1].isalnum() or (after[:1] == "." and after[1:].isdigit()):
            continue
        found.append(PiiMatch("tax_id", start, end, "[tax id]"))
    return found


def _npwp_spans(text: str) -> list[tuple[int, int]]:
    """Spans of `\\d{2}` + _NPWP_TAIL_RE, exactly as `re.finditer` would find them."""
    spans: list[tuple[int, int]] = []
    pos = 0  # where finditer would search next: after the last match
    search = pos + 2
    while (tail := _NPWP_TAIL_RE.search(text, search)) is not None:
        dot = tail.start()
        if _TWO_DIGITS_RE.fullmatch(text, dot - 2, dot):
            spans.append((dot - 2, tail.end()))
            pos = tail.end()
            search = pos + 2
        else:
            search = dot + 1  # tails can overlap: the next one may start inside this one
    return spans


def email_matches(text: str) -> list[PiiMatch]:
    found: list[PiiMatch] = []
    at = text.find("@")
    last_end = 0
    while at != -1:
        # Bounded look to the left (an address's local part has at most 64 characters).
        left = _EMAIL_LOCAL_RE.search(text, max(last_end, at - 64), at)
        right = _EMAIL_DOMAIN_RE.match(text, at + 1)
        if left is not None and right is not None:
            start = left.start()
            # Trim leading dots/dashes that belong to the surrounding sentence.
            while start < at and text[start] in ".-":
                start += 1
            if start < at:
                found.append(PiiMatch("email", start, right.end(), "[email]"))
                last_end = right.end()
        at = text.find("@", max(at + 1, last_end))
    return found


def passport_matches(text: str, lower: str) -> list[PiiMatch]:
    """Passport numbers after a passport word; `lower` is the text lower-cased, for the cheap
    check that there is such a word at all."""
    found: list[PiiMatch] = []
    if "paspor" not in lower and "passport" not in lower and "pasport" not in lower:
        return found
    for kw in _PASSPORT_KW_RE.finditer(text):
        m = _PASSPORT_RE.search(text, kw.end(), kw.end() + 40)
        if m is not None:
            found.append(PiiMatch("passport", *m.span(), "[passport]"))
    return found


# Passwords have no shape of their own, so only a secret word before them makes one: the value
# must follow a separator ("password: x", "kata sandi adalah x") or contain a digit ("password
# saya rahasia123"), so "I forgot my password and ..." keeps its words. They are reported with
# the other one-time secrets as `otp` (the shared vocabulary has no password kind) and masked
# as "[password]". Linear-time: every repeated part must consume a literal word.
# Every keyword of _PASSWORD_RE contains one of: passw, passc, pwd, sandi (see has_secret_word).
_PASSWORD_RE = re.compile(
    r"(?i)\b(?:password|passwd|passcode|pwd|kata ?sandi|sandi)(?:nya|ku)?\b"
    r"[ \t]*(?:(?:saya|aku|baru|lama|yang|yg|my|new|old|the)\b[ \t]*){0,2}"
    r"(?P<sep>(?:[:=]|is\b|was\b|adalah\b|itu\b)[ \t]*)?"
    r"(?P<value>[^\s,;]{3,64})"
)


def password_matches(text: str) -> list[PiiMatch]:
    found = []
    for match in _PASSWORD_RE.finditer(text):
        value = match.group("value")
        if match.group("sep") is None and not any(c.isdigit() for c in value):
            continue
        found.append(
            PiiMatch("otp", match.start("value"), match.end("value"), replacement="[password]")
        )
    return found


def has_secret_word(text: str) -> bool:
    """Whether a password keyword may be in `text` (substring tests: ~15x a case-blind regex)."""
    lowered = text.lower()
    # Spelled out rather than any(...) over a tuple: this runs on every note of an
    # import, and the generator costs more than the four searches.
    return "passw" in lowered or "passc" in lowered or "pwd" in lowered or "sandi" in lowered
