"""PII detection and masking: cards, CVVs, OTPs, NIK, NPWP, phones, emails, accounts, passports."""

from __future__ import annotations

import re
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
_CARD_KW = _kw(
    "kartu",
    "card",
    "cc",
    "visa",
    "mastercard",
    "master card",
    "amex",
    "jcb",
    "debit",
    "kredit",
    "credit",
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
    "card": _CARD_KW,
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

    def __init__(self, text: str, cache: PiiCache | None = None) -> None:
        self.text = text
        self._windows: dict[tuple[int, int], frozenset[str]] = {}
        self._present: dict[str, bool] = {}
        self._lower = text.lower() if len(text) >= self._PREFILTER_FROM else None
        self._folded: str | None = self._lower
        self._cache = cache
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

    def run_matches(self) -> list[PiiMatch]:
        text = self.text
        cache = self._cache
        found: list[PiiMatch] = []
        resume = 0  # runs before this offset were merged into the previous candidate
        for m in _RUN_RE.finditer(text):
            start, end = m.span()
            if start < resume:
                continue
            if cache is None or (start and text[start - 1] == "("):
                match, resume = self._run(m, start, end, resume)
            else:
                # What a run is depends only on the characters around it, as far as the checks
                # read (not so after "(": an area code's number runs on): memoised on those.
                low = max(0, start - _RUN_CONTEXT)
                key = (text[low : end + _WINDOW_AFTER], start - low, end - start)
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
        if not plus and area is None and n >= 13:
            card = self.card_in_run(raw, start)
            # A card number is masked even after "order"/"resi" unless those words sit right
            # before it: storing a real card number costs far more than masking a reference.
            if card is not None and (
                self.before(_CARD_KW, start) or not self.before(_NOT_PII_KW, start, 16)
            ):
                return card
        if self.before(_NOT_PII_KW, start, 16):
            return None
        if n == 16 and _nik_plausible(digits):
            return PiiMatch("national_id", start, end, "[national id]")
        context = self.before(_PHONE_KW, start)
        if _is_phone(digits, plus=plus, area=area, context=context):
            return PiiMatch("phone", start, end, "[phone]")
        return None

    @staticmethod
    def card_in_run(raw: str, start: int) -> PiiMatch | None:
        """A Luhn-valid 13–19 digit card number: the whole run, or whole groups inside it.

        "4111 1111 1111 1111 2" holds a card followed by another number; trying contiguous
        groups (at most 19 digits each, so a bounded number of tries per group) finds it.
        """
        digits = raw.translate(_SEPARATORS)
        if 13 <= len(digits) <= 19 and digits[0] != "0" and _luhn_ok(digits):
            return PiiMatch("card_number", start, start + len(raw), f"[card ****{digits[-4:]}]")
        groups: list[tuple[int, int, str]] = []  # (offset, end offset, digits)
        pos = 0
        for part in re.split(r"([ -])", raw):
            if part and part not in " -":
                groups.append((pos, pos + len(part), part))
            pos += len(part)
        if groups and groups[0][2] == "":
            groups.pop(0)
        best: tuple[int, int, str] | None = None
        for i in range(len(groups)):
            digits = ""
            for j in range(i, len(groups)):
                digits += groups[j][2]
                if len(digits) > 19:
                    break
                if (
                    len(digits) >= 13
                    and digits[0] != "0"
                    and _luhn_ok(digits)
                    and (best is None or len(digits) > len(best[2]))
                ):
                    best = (groups[i][0], groups[j][1], digits)
            if best is not None:
                break
        if best is None:
            return None
        s, e, digits = best
        return PiiMatch("card_number", start + s, start + e, f"[card ****{digits[-4:]}]")

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
    if not text:
        return ()
    finder = _Finder(text, cache)
    matches: list[PiiMatch] = []
    # Cheap pre-checks skip whole scanners: most messages have no '@' and no passport word.
    if _DIGIT_RE.search(text) is not None:
        matches.extend(finder.run_matches())
        matches.extend(finder.npwp_matches())
        matches.extend(finder.passport_matches())
    if "@" in text:
        matches.extend(finder.email_matches())
    if has_secret_word(text):
        matches.extend(_password_matches(text))
    return _resolve_overlaps(matches)


def _apply(text: str, matches: tuple[PiiMatch, ...]) -> str:
    if not matches:
        return text
    parts: list[str] = []
    pos = 0
    for match in matches:
        parts.append(text[pos : match.start])
        parts.append(match.replacement or f"[{match.kind}]")
        pos = match.end
    parts.append(text[pos:])
    return "".join(parts)


def redact(text: str, *, cache: PiiCache | None = None) -> Redaction:
    """Find and mask every PII kind; spans in `matches` refer to the original text."""
    matches = find_pii(text, cache=cache)
    return Redaction(text=_apply(text, matches), matches=matches)


def mask_payment_secrets(text: str) -> str:
    """Mask what must never be stored: card numbers (last four kept), CVVs, OTPs/PINs and
    passwords.

    The storage layer calls this on every free-text field before writing it.
    """
    matches = tuple(m for m in find_pii(text) if m.kind in PAYMENT_SECRET_KINDS)
    return _apply(text, matches)
