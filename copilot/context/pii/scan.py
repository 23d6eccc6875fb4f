"""What each run of digits is (phone, NIK, account, CVV, OTP, PIN), read from the words near it."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from copilot.context.pii.match import CACHE_LIMIT, PiiCache, PiiMatch
from copilot.context.pii.patterns import (
    ACCOUNT_KW,
    AMOUNT_BEFORE_RE,
    CVV_KW,
    DATE_RE,
    FAMILY_OF,
    FIRST_WORDS,
    GLUED_SECRET,
    GLUED_SUFFIXES,
    MULTI_BY_FIRST,
    NIK_KW,
    NOT_PII_KW,
    NPWP_KW,
    OTP_KW,
    PHONE_KW,
    PIN_KW,
    RUN_CONTEXT,
    RUN_RE,
    SECRET_SHAPES,
    SINGLE_FAMILIES,
    WINDOW_AFTER,
    WINDOW_BEFORE,
    WINDOW_WORD_RE,
)

# Indonesian province codes (first two digits of a NIK), including the 2022 Papua provinces.
_NIK_PROVINCES = frozenset(
    {
        11,
        12,
        13,
        14,
        15,
        16,
        17,
        18,
        19,
        21,
        31,
        32,
        33,
        34,
        35,
        36,
        51,
        52,
        53,
        61,
        62,
        63,
        64,
        65,
        71,
        72,
        73,
        74,
        75,
        76,
        81,
        82,
        91,
        92,
        93,
        94,
        95,
        96,
    }
)


# What is dropped from a run before its digits are counted (as a translation table: C speed).
_SEPARATORS = str.maketrans("", "", " -+()")


def _nik_plausible(digits: str) -> bool:
    """A 16-digit NIK: province, regency, district, birth date (+40 for women), serial."""
    if len(digits) != 16 or int(digits[:2]) not in _NIK_PROVINCES:
        return False
    day, month = int(digits[6:8]), int(digits[8:10])
    if day > 40:
        day -= 40
    return 1 <= day <= 31 and 1 <= month <= 12 and digits[12:] != "0000"


def _is_phone(digits: str, *, plus: bool, area: str | None, context: bool) -> bool:
    """Indonesian mobile/landline or an international number with a '+', by digit count."""
    if plus:
        if digits.startswith("62"):
            digits = "0" + digits[2:]
        else:
            return 8 <= len(digits) <= 15
    elif area is not None:
        return area.startswith("0") and 8 <= len(digits) <= 13
    elif digits.startswith("628"):
        digits = "0" + digits[2:]
    if digits.startswith("08"):
        return 10 <= len(digits) <= 13
    if digits.startswith("0") and digits[1] in "234567":  # landline with area code
        return 9 <= len(digits) <= 12
    return context and digits.startswith("0") and 9 <= len(digits) <= 13


class RunScanner:
    """One pass over one text's digit runs, with the context-window helpers they share."""

    # Below this size every context window is simply read; above it, families whose words
    # occur nowhere in the text are skipped without reading any window.
    _PREFILTER_FROM = 20_000

    def __init__(
        self, text: str, cache: PiiCache | None = None, tokens: Sequence[tuple[int, int]] = ()
    ) -> None:
        self.text = text
        self._windows: dict[tuple[int, int], frozenset[str]] = {}
        self._present: dict[str, bool] = {}
        self._lower = text.lower() if len(text) >= self._PREFILTER_FROM else None
        self._folded: str | None = self._lower
        self._cache = cache
        # Masked tokens are no context: blanked (same length) in the text the windows read.
        self._tokens = bool(tokens)
        if tokens:
            parts: list[str] = []
            pos = 0
            for start, end in tokens:
                parts += (text[pos:start], " " * (end - start))
                pos = end
            parts.append(text[pos:])
            self._folded = "".join(parts).lower()
            self._lower = self._folded if self._lower is not None else None
        if cache is not None:
            # What a number is depends only on the characters around it (the context windows),
            # unless lower-casing shifts offsets ("İ"): then the windows depend on everything
            # before them, and nothing is cached.
            if self._folded is None:
                self._folded = text.lower()
            if len(self._folded) != len(text):
                self._cache = None

    def present(self, family: str) -> bool:
        """Whether any word of a context family occurs anywhere in a long text.

        A plain substring search (a superset of the word match), done once per family and
        only when a candidate needs it: in a 10 MB log without "otp", no number needs an OTP
        window at all.
        """
        if self._lower is None:
            return True
        found = self._present.get(family)
        if found is None:
            lower = self._lower
            found = self._present[family] = any(w in lower for w in FIRST_WORDS[family])
        return found

    def _families(self, pos: int, endpos: int) -> frozenset[str]:
        """The context families whose phrases occur in text[pos:endpos] (cached per window)."""
        if self._folded is None:
            self._folded = self.text.lower()
        # Lower-casing may change the length of a few characters ("İ"); the window is then a
        # few characters off, which only widens or narrows the context slightly.
        words = WINDOW_WORD_RE.findall(self._folded, pos, endpos)
        found: set[str] = set()
        joined: str | None = None
        for word in words:
            names = SINGLE_FAMILIES.get(word)
            if names is not None:
                found.update(names)
            multis = MULTI_BY_FIRST.get(word)
            if multis is not None:
                # Multi-word phrases by substring search in the space-joined window: the
                # spaces around the phrase make it match whole words only.
                if joined is None:
                    joined = " " + " ".join(words) + " "
                found.update(name for phrase, name in multis if phrase in joined)
        families = self._windows[(pos, endpos)] = frozenset(found)
        return families

    def _has(self, family: str, pos: int, endpos: int) -> bool:
        if self._lower is not None and not self.present(family):
            return False
        families = self._windows.get((pos, endpos))
        if families is None:
            families = self._families(pos, endpos)
        return family in families

    def before(self, phrases: frozenset[str], start: int, width: int = WINDOW_BEFORE) -> bool:
        return self._has(FAMILY_OF[phrases], max(0, start - width), start)

    def after(self, phrases: frozenset[str], end: int, width: int = WINDOW_AFTER) -> bool:
        return self._has(FAMILY_OF[phrases], end, end + width)

    def near(self, phrases: frozenset[str], start: int, end: int) -> bool:
        return self.before(phrases, start) or self.after(phrases, end, 16)

    def run_matches(self, placed: list[tuple[int, int]] | None = None) -> list[PiiMatch]:
        """What each run of digits is; with `placed`, only runs within reach of those spans."""
        text = self.text
        cache = self._cache
        found: list[PiiMatch] = []
        resume = 0  # runs before this offset were merged into the previous candidate
        starts = [s for s, _ in placed] if placed is not None else []
        for m in RUN_RE.finditer(text):
            start, end = m.span()
            if start < resume:
                continue
            if placed is not None and not (start and text[start - 1] == "("):
                # Every check reads at most the context windows around the run (an area code's
                # number runs on, so those runs are always read).
                i = bisect_left(starts, end + WINDOW_AFTER + 2) - 1
                if i < 0 or placed[i][1] <= start - RUN_CONTEXT - 2:
                    continue
            if cache is None or (start and text[start - 1] == "("):
                match, resume = self._run(m, start, end, resume)
            else:
                # What a run is depends only on the characters around it, as far as the checks
                # read (not so after "(": an area code's number runs on): memoised on those.
                low = max(0, start - RUN_CONTEXT)
                key = (text[low : end + WINDOW_AFTER], start - low, end - start)
                if self._tokens and ("[" in key[0] or "]" in key[0]):
                    # Whether a token cut by the context's edge is blanked depends on what lies
                    # outside the context: not memoised.
                    match, resume = self._run(m, start, end, resume)
                    if match is not None:
                        found.append(match)
                    continue
                if key in cache:
                    seen = cache[key]
                    if seen is not None:
                        kind, offset, length, replacement = seen
                        found.append(
                            PiiMatch(kind, start + offset, start + offset + length, replacement)
                        )
                    continue
                match, resume = self._run(m, start, end, resume)
                if len(cache) >= CACHE_LIMIT:
                    cache.clear()
                cache[key] = (
                    None
                    if match is None
                    else (
                        match.kind,
                        match.start - start,
                        match.end - match.start,
                        match.replacement,
                    )
                )
            if match is not None:
                found.append(match)
        return found

    def _run(
        self, m: re.Match[str], start: int, end: int, resume: int
    ) -> tuple[PiiMatch | None, int]:
        """What one digit run is (or None), and the offset before which runs were merged."""
        text = self.text
        size = len(text)
        before = text[start - 1] if start else ""
        plus = before == "+"
        area: str | None = None
        if plus:
            start -= 1
        elif before == "(" and end < size and text[end] == ")" and end - start <= 4:
            # "(021) 555-1234": the area code in brackets and the number after it.
            nxt = RUN_RE.match(text, end + 1)
            if nxt is None and text[end + 1 : end + 2] in (" ", "-"):
                nxt = RUN_RE.match(text, end + 2)
            if nxt is not None:
                area = m.group(0)
                start, end = start - 1, nxt.end()
                resume = end
        if start and text[start - 1].isalpha():
            return self._glued_secret(m.group(0), start, end), resume
        if start and (text[start - 1].isalnum() or text[start - 1] in "_+"):
            return None, resume
        # A number glued to a code ("INV-2024-0001", "JP-12345") is a reference.
        if start >= 2 and text[start - 1] in "-/#_." and text[start - 2].isalnum():
            return None, resume
        # "30hari", "2x", "3rd": counts and units, not data.
        if end < size and text[end].isalpha():
            return None, resume
        # "1.500.000", "12,50", "10:30": part of an amount, a decimal or a time.
        if end + 1 < size and text[end] in ".,:" and text[end + 1].isdigit():
            return None, resume
        if start >= 2 and text[start - 1] in ".,:" and text[start - 2].isdigit():
            return None, resume
        match = self.classify_run(text[start:end], start, end, plus=plus, area=area)
        return match, resume

    def _glued_secret(self, raw: str, start: int, end: int) -> PiiMatch | None:
        """A CVV, OTP or PIN written right after its word ("cvv123"), else None."""
        text = self.text
        low = start
        while low > max(0, start - 16) and text[low - 1].isalpha():
            low -= 1
        word = text[low:start].lower()
        secret = GLUED_SECRET.get(word)
        if secret is None:
            if not word.endswith(GLUED_SUFFIXES):
                return None
            secret = GLUED_SECRET[word[-3:]]
        shortest, longest, kind, replacement = SECRET_SHAPES[secret]
        n = len(raw.translate(_SEPARATORS))
        if shortest <= n <= longest:
            return PiiMatch(kind, start, end, replacement)
        return None

    def classify_run(
        self, raw: str, start: int, end: int, *, plus: bool, area: str | None
    ) -> PiiMatch | None:
        digits = raw.translate(_SEPARATORS)
        n = len(digits)
        if n < 3:
            return None
        if DATE_RE.fullmatch(raw) or AMOUNT_BEFORE_RE.search(self.text, max(0, start - 5), start):
            return None
        # Secrets recognised by the words around them come first: "OTP 1234" is never a phone.
        if 3 <= n <= 4 and self.near(CVV_KW, start, end):
            return PiiMatch("cvv", start, end, "[cvv]")
        if 4 <= n <= 8 and self.near(OTP_KW, start, end):
            return PiiMatch("otp", start, end, "[otp]")
        if 4 <= n <= 6 and self.near(PIN_KW, start, end):
            # The vocabulary has no `pin` kind; a PIN is a one-time-style secret, masked alike.
            return PiiMatch("otp", start, end, "[pin]")
        if n < 6:
            return None
        if n in (15, 16) and self.before(NPWP_KW, start):
            return PiiMatch("tax_id", start, end, "[tax id]")
        if 8 <= n <= 16 and self.before(NIK_KW, start):
            return PiiMatch("national_id", start, end, "[national id]")
        if 6 <= n <= 18 and self.before(ACCOUNT_KW, start):
            return PiiMatch("bank_account", start, end, "[bank account]")
        # Card numbers are found by `card_matches`, which wins over whatever this finds.
        if self.before(NOT_PII_KW, start, 16):
            return None
        if n == 16 and _nik_plausible(digits):
            return PiiMatch("national_id", start, end, "[national id]")
        context = self.before(PHONE_KW, start)
        if _is_phone(digits, plus=plus, area=area, context=context):
            return PiiMatch("phone", start, end, "[phone]")
        return None

    def folded(self) -> str:
        """The text lower-cased, with masked tokens blanked: what the context windows read."""
        if self._folded is None:
            self._folded = self.text.lower()
        return self._folded
