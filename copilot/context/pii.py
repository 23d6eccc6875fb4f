"""PII detection and masking: cards, CVVs, OTPs, NIK, NPWP, phones, emails, accounts, passports."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "PAYMENT_SECRET_KINDS",
    "PII_KINDS",
    "PiiMatch",
    "Redaction",
    "find_pii",
    "has_secret_word",
    "mask_payment_secrets",
    "might_hold_secret",
    "redact",
]

PII_KINDS = (
    "card_number",
    "cvv",
    "otp",
    "national_id",
    "tax_id",
    "phone",
    "email",
    "bank_account",
    "passport",
)
# What must never be stored (PRODUCT.md principle 4); the store masks only these.
PAYMENT_SECRET_KINDS = frozenset({"card_number", "cvv", "otp"})


@dataclass(frozen=True, slots=True)
class PiiMatch:
    """One piece of personal data found in a text: its kind and character span."""

    kind: str
    start: int
    end: int
    # What replaces the span in redacted text ("[card ****1234]", "[otp]", ...).
    replacement: str = ""

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Redaction:
    """A text with its PII masked, and what was masked (spans refer to the original text)."""

    text: str
    matches: tuple[PiiMatch, ...]


# --- Patterns -------------------------------------------------------------------------------
# Every pattern is linear-time: no nested unbounded quantifiers, and each repetition either
# consumes a mandatory character that cannot start the next one, or is bounded. Context words
# are looked for only in short windows around a candidate, so the cost is bounded by the input
# length times a small constant.

# A run of digits, allowing one space or dash between digits ("4111 1111-1111 1111"). A leading
# "+" and a bracketed area code ("(021) 555 1234") are picked up in Python, and so is the check
# that the run does not start inside a word ("INV2024"): a pattern that is only a character
# class and a simple repetition lets the regex engine skip fast between candidates.
_RUN_RE = re.compile(r"\d(?:[ -]?\d)*")

_DIGIT_RE = re.compile(r"\d")

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
# What masking writes in place of a secret. A text holding one of these was masked already (or
# says so): the digits in "[card ****1111]" are never masked again, and the words of a token
# are no context for the numbers around it ("[otp]" does not make the next number an OTP), so
# that masking a masked text changes nothing.
_TOKEN_RE = re.compile(
    r"\[(?:card \*{4}\d{4}|cvv|otp|pin|password|national id|tax id|bank account|phone|email"
    r"|passport)\]"
)
# NPWP `99.999.999.9-999.999`, searched from its first dot: a pattern that starts with a
# literal lets the regex engine skip to candidates at C speed (one starting with `\d` is tried
# at every position); the two digits before the dot are checked afterwards.
_NPWP_TAIL_RE = re.compile(r"\.\d{3}\.\d{3}\.\d[-.]\d{3}\.\d{3}")
_TWO_DIGITS_RE = re.compile(r"\d{2}")

_DATE_RE = re.compile(
    r"\d{4}[-/ ](?:0?[1-9]|1[0-2])[-/ ](?:0?[1-9]|[12]\d|3[01])"
    r"|(?:0?[1-9]|[12]\d|3[01])[-/ ](?:0?[1-9]|1[0-2])[-/ ](?:\d{4}|\d{2})"
)

_EMAIL_LOCAL_RE = re.compile(r"[A-Za-z0-9._%+\-]{1,64}\Z")
_EMAIL_DOMAIN_RE = re.compile(r"[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){0,6}\.[A-Za-z]{2,24}")

_PASSPORT_RE = re.compile(r"(?<![\w])[A-Za-z]\s?\d{7}(?!\w)")
_PASSPORT_KW_RE = re.compile(r"\b(?:paspor|passport|pasport)\b", re.IGNORECASE)


def _kw(*phrases: str) -> frozenset[str]:
    """Context phrases as lower-case words joined by single spaces ("kode keamanan")."""
    return frozenset(" ".join(_WINDOW_WORD_RE.findall(p.lower())) for p in phrases)


_WINDOW_WORD_RE = re.compile(r"\w+")

# Context words, looked for only in a short window before (or after) a candidate number. The
# window's words and word n-grams are compared with these sets: a few set lookups per
# candidate instead of a regex alternation tried at every position.
_CVV_KW = _kw(
    "cvv",
    "cvv2",
    "cvc",
    "cvc2",
    "cid",
    "csc",
    "kode keamanan",
    "security code",
    "card verification",
    "3 angka di belakang",
    "tiga angka di belakang",
    "3 digit di belakang",
    "3 angka belakang",
    "3 digits on the back",
    "three digits on the back",
)
_OTP_KW = _kw(
    "otp",
    "kode verifikasi",
    "verification code",
    "one time",
    "onetime",
    "kode sms",
    "sms code",
    "kode aktivasi",
    "kode rahasia",
    "token",
    "passcode",
)
_PIN_KW = _kw("pin", "mpin")
_NIK_KW = _kw("nik", "ktp", "ektp", "nomor induk", "national id", "id number")
_NPWP_KW = _kw("npwp", "tax id", "tax number", "nomor pokok wajib pajak")
_ACCOUNT_KW = _kw(
    "rekening", "rek", "norek", "account", "acc", "a c", "va", "virtual account", "acct"
)
_PHONE_KW = _kw(
    "hp",
    "telp",
    "tlp",
    "telepon",
    "telpon",
    "phone",
    "mobile",
    "wa",
    "whatsapp",
    "nomor",
    "call",
    "sms",
    "contact",
)
# Numbers that look like data but are references, amounts or counts: never PII.
_NOT_PII_KW = _kw(
    "resi",
    "awb",
    "airway bill",
    "tracking",
    "lacak",
    "order",
    "pesanan",
    "invoice",
    "inv",
    "faktur",
    "ref",
    "referensi",
    "reference",
    "tiket",
    "ticket",
    "booking",
    "transaksi",
    "trx",
    "id pelanggan",
    "customer id",
    "polis",
    "policy",
    "klaim",
    "claim",
    "kontrak",
    "contract",
    "sku",
)
_FAMILIES = {
    "cvv": _CVV_KW,
    "otp": _OTP_KW,
    "pin": _PIN_KW,
    "nik": _NIK_KW,
    "npwp": _NPWP_KW,
    "account": _ACCOUNT_KW,
    "phone": _PHONE_KW,
    "not_pii": _NOT_PII_KW,
}
_FAMILY_OF = {phrases: name for name, phrases in _FAMILIES.items()}


def _index_phrases() -> tuple[dict[str, frozenset[str]], dict[str, tuple[tuple[str, str], ...]]]:
    """Word -> families it is a one-word phrase of; first word -> (" multi word ", family)."""
    singles: dict[str, set[str]] = {}
    multis: dict[str, list[tuple[str, str]]] = {}
    for name, phrases in _FAMILIES.items():
        for phrase in phrases:
            if " " in phrase:
                multis.setdefault(phrase.split()[0], []).append((f" {phrase} ", name))
            else:
                singles.setdefault(phrase, set()).add(name)
    return (
        {word: frozenset(names) for word, names in singles.items()},
        {word: tuple(found) for word, found in multis.items()},
    )


# A window's words are looked up here once, giving every family the window holds: then each
# "is there an OTP word before this number" question is one set membership test.
_SINGLE_FAMILIES, _MULTI_BY_FIRST = _index_phrases()
_FIRST_WORDS = {
    name: frozenset(p.split()[0] for p in phrases) for name, phrases in _FAMILIES.items()
}
# A secret glued to its word ("cvv123", "otp482913", "kodeOTP482913"): the letters right
# before the digits, as a word or (for the unambiguous ones) as the end of a word. Not "cid",
# "csc" or "token": "CID1234" is a customer id and a glued "token" is a meter token.
_GLUED_SECRET = {"cvv": "cvv", "cvc": "cvv", "otp": "otp", "pin": "pin", "mpin": "pin"}
_GLUED_SUFFIXES = ("cvv", "cvc", "otp")
# How many digits each secret has, and what replaces it.
_SECRET_SHAPES = {
    "cvv": (3, 4, "cvv", "[cvv]"),
    "otp": (4, 8, "otp", "[otp]"),
    "pin": (4, 6, "otp", "[pin]"),
}
_AMOUNT_BEFORE_RE = re.compile(r"(?:rp\.?|idr|usd|\$|€|£|sgd|myr)\s?\Z", re.IGNORECASE)

# The context windows around a candidate number: every check reads at most this far.
_WINDOW_BEFORE = 32
_WINDOW_AFTER = 24
# A run's checks read at most this far before it (the context window, a "+" and the two
# characters before that).
_RUN_CONTEXT = _WINDOW_BEFORE + 3
# Bound on a PiiCache (see `find_pii`).
_CACHE_LIMIT = 4096

# run of digits in its context -> (kind, offset from the run's start, length, replacement)
# or None
PiiCache = dict[tuple[str, int, int], tuple[str, int, int, str] | None]

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


# Luhn: a doubled digit, its digits summed (as a translation table: C speed).
_DOUBLED = str.maketrans("0123456789", "0246813579")
_SEPARATORS = str.maketrans("", "", " -+()")


def _luhn_ok(digits: str) -> bool:
    odd = sum(map(int, digits[-1::-2]))
    even = sum(map(int, digits[-2::-2].translate(_DOUBLED)))
    return (odd + even) % 10 == 0


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


class _Finder:
    """One pass over one text; keeps the text and the context-window helpers together."""

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
            found = self._present[family] = any(w in lower for w in _FIRST_WORDS[family])
        return found

    def _families(self, pos: int, endpos: int) -> frozenset[str]:
        """The context families whose phrases occur in text[pos:endpos] (cached per window)."""
        if self._folded is None:
            self._folded = self.text.lower()
        # Lower-casing may change the length of a few characters ("İ"); the window is then a
        # few characters off, which only widens or narrows the context slightly.
        words = _WINDOW_WORD_RE.findall(self._folded, pos, endpos)
        found: set[str] = set()
        joined: str | None = None
        for word in words:
            names = _SINGLE_FAMILIES.get(word)
            if names is not None:
                found.update(names)
            multis = _MULTI_BY_FIRST.get(word)
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

    def before(self, phrases: frozenset[str], start: int, width: int = _WINDOW_BEFORE) -> bool:
        return self._has(_FAMILY_OF[phrases], max(0, start - width), start)

    def after(self, phrases: frozenset[str], end: int, width: int = _WINDOW_AFTER) -> bool:
        return self._has(_FAMILY_OF[phrases], end, end + width)

    def near(self, phrases: frozenset[str], start: int, end: int) -> bool:
        return self.before(phrases, start) or self.after(phrases, end, 16)

    def run_matches(self, placed: list[tuple[int, int]] | None = None) -> list[PiiMatch]:
        """What each run of digits is; with `placed`, only runs within reach of those spans."""
        text = self.text
        cache = self._cache
        found: list[PiiMatch] = []
        resume = 0  # runs before this offset were merged into the previous candidate
        starts = [s for s, _ in placed] if placed is not None else []
        for m in _RUN_RE.finditer(text):
            start, end = m.span()
            if start < resume:
                continue
            if placed is not None and not (start and text[start - 1] == "("):
                # Every check reads at most the context windows around the run (an area code's
                # number runs on, so those runs are always read).
                i = bisect_left(starts, end + _WINDOW_AFTER + 2) - 1
                if i < 0 or placed[i][1] <= start - _RUN_CONTEXT - 2:
                    continue
            if cache is None or (start and text[start - 1] == "("):
                match, resume = self._run(m, start, end, resume)
            else:
                # What a run is depends only on the characters around it, as far as the checks
                # read (not so after "(": an area code's number runs on): memoised on those.
                low = max(0, start - _RUN_CONTEXT)
                key = (text[low : end + _WINDOW_AFTER], start - low, end - start)
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
                if len(cache) >= _CACHE_LIMIT:
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
            nxt = _RUN_RE.match(text, end + 1)
            if nxt is None and text[end + 1 : end + 2] in (" ", "-"):
                nxt = _RUN_RE.match(text, end + 2)
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
        secret = _GLUED_SECRET.get(word)
        if secret is None:
            if not word.endswith(_GLUED_SUFFIXES):
                return None
            secret = _GLUED_SECRET[word[-3:]]
        shortest, longest, kind, replacement = _SECRET_SHAPES[secret]
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
        if _DATE_RE.fullmatch(raw) or _AMOUNT_BEFORE_RE.search(self.text, max(0, start - 5), start):
            return None
        # Secrets recognised by the words around them come first: "OTP 1234" is never a phone.
        if 3 <= n <= 4 and self.near(_CVV_KW, start, end):
            return PiiMatch("cvv", start, end, "[cvv]")
        if 4 <= n <= 8 and self.near(_OTP_KW, start, end):
            return PiiMatch("otp", start, end, "[otp]")
        if 4 <= n <= 6 and self.near(_PIN_KW, start, end):
            # The vocabulary has no `pin` kind; a PIN is a one-time-style secret, masked alike.
            return PiiMatch("otp", start, end, "[pin]")
        if n < 6:
            return None
        if n in (15, 16) and self.before(_NPWP_KW, start):
            return PiiMatch("tax_id", start, end, "[tax id]")
        if 8 <= n <= 16 and self.before(_NIK_KW, start):
            return PiiMatch("national_id", start, end, "[national id]")
        if 6 <= n <= 18 and self.before(_ACCOUNT_KW, start):
            return PiiMatch("bank_account", start, end, "[bank account]")
        # Card numbers are found by `card_matches`, which wins over whatever this finds.
        if self.before(_NOT_PII_KW, start, 16):
            return None
        if n == 16 and _nik_plausible(digits):
            return PiiMatch("national_id", start, end, "[national id]")
        context = self.before(_PHONE_KW, start)
        if _is_phone(digits, plus=plus, area=area, context=context):
            return PiiMatch("phone", start, end, "[phone]")
        return None

    def card_matches(self) -> list[PiiMatch]:
        """Every Luhn-valid 13–19 digit card number, whatever its separators and digits."""
        found: list[PiiMatch] = []
        for m in _CARD_RUN_RE.finditer(self.text):
            found.extend(_cards_in_run(m.group(), m.start()))
        return found

    def npwp_matches(self) -> list[PiiMatch]:
        text = self.text
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

    def email_matches(self) -> list[PiiMatch]:
        text = self.text
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

    def passport_matches(self) -> list[PiiMatch]:
        text = self.text
        found: list[PiiMatch] = []
        lower = self._folded if self._folded is not None else text.lower()
        if "paspor" not in lower and "passport" not in lower and "pasport" not in lower:
            return found
        for kw in _PASSPORT_KW_RE.finditer(text):
            m = _PASSPORT_RE.search(text, kw.end(), kw.end() + 40)
            if m is not None:
                found.append(PiiMatch("passport", *m.span(), "[passport]"))
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


def _without_overlaps(matches: list[PiiMatch], spans: list[tuple[int, int]]) -> list[PiiMatch]:
    """`matches` without those that overlap any of `spans` (sorted, not overlapping)."""
    starts = [s for s, _ in spans]
    kept = []
    for match in matches:
        i = bisect_left(starts, match.end) - 1
        if i < 0 or spans[i][1] <= match.start:
            kept.append(match)
    return kept


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


def _password_matches(text: str) -> list[PiiMatch]:
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


def might_hold_secret(text: str) -> bool:
    """False only for text that cannot hold a card number, CVV, OTP, PIN or password.

    Loaders call this before `mask_payment_secrets` to skip most notes cheaply.
    """
    return _DIGIT_RE.search(text) is not None or has_secret_word(text)


def find_pii(text: str, *, cache: PiiCache | None = None) -> tuple[PiiMatch, ...]:
    """Every PII span in `text`, in order, non-overlapping.

    `cache` (optional, owned by the caller, e.g. an Engine that sees the same message again on
    every keystroke) remembers what each number in its context turned out to be.
    """
    return _find(text, cache)


def _find(
    text: str, cache: PiiCache | None, placed: list[tuple[int, int]] | None = None
) -> tuple[PiiMatch, ...]:
    """`find_pii`; with `placed` (the tokens a masking pass just wrote), only what those
    tokens can have changed: numbers within reach of them (card numbers cannot change)."""
    if not text:
        return ()
    tokens = [m.span() for m in _TOKEN_RE.finditer(text)] if "[" in text else []
    finder = _Finder(text, cache, tokens)
    matches: list[PiiMatch] = []
    cards: list[PiiMatch] = []
    # Cheap pre-checks skip whole scanners: most messages have no '@' and no passport word.
    if _DIGIT_RE.search(text) is not None:
        if placed is None:
            cards = finder.card_matches()
        matches.extend(finder.run_matches(placed))
        matches.extend(finder.npwp_matches())
        matches.extend(finder.passport_matches())
    if "@" in text:
        matches.extend(finder.email_matches())
    if has_secret_word(text):
        matches.extend(_password_matches(text))
    if cards:
        # A card number is a card whatever else its digits could be (a NIK, an account, a
        # phone number written with "+"): only then is it sure to be masked in storage.
        matches = _without_overlaps(matches, [(m.start, m.end) for m in cards]) + cards
    if tokens:
        matches = _without_overlaps(matches, tokens)
    return _resolve_overlaps(matches)


# Passes of `_mask` after the first. Each pass can only find what the previous one's tokens
# uncovered within a context window of them (a number no longer next to "1.5", a keyword now
# 32 characters away instead of 33), so chains are a few links long; the bound keeps a
# hostile text linear in the worst case.
_MAX_PASSES = 8
# How far a token can change what is found around it: every check reads at most the context
# windows (`_RUN_CONTEXT`, `_WINDOW_AFTER`) or an e-mail's 64-character local part around a
# number, and runs end where a token starts.
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
        around = _TOKEN_RE.sub(" ", masked[max(0, start - _TOKEN_REACH) : end + _TOKEN_REACH])
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
        more = [m for m in _find(masked, cache, placed) if keep is None or m.kind in keep]
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
