"""Digit-run, token, date and amount patterns, and the context words that say what a number is."""

from __future__ import annotations

import re

# Every pattern is linear-time: no nested unbounded quantifiers, and each repetition either
# consumes a mandatory character that cannot start the next one, or is bounded. Context words
# are looked for only in short windows around a candidate, so the cost is bounded by the input
# length times a small constant.

# A run of digits, allowing one space or dash between digits ("4111 1111-1111 1111"). A leading
# "+" and a bracketed area code ("(021) 555 1234") are picked up in Python, and so is the check
# that the run does not start inside a word ("INV2024"): a pattern that is only a character
# class and a simple repetition lets the regex engine skip fast between candidates.
RUN_RE = re.compile(r"\d(?:[ -]?\d)*")
# Any digit: whether a text can hold a number at all, before any scanner runs.
DIGIT_RE = re.compile(r"\d")

# What masking writes in place of a secret. A text holding one of these was masked already (or
# says so): the digits in "[card ****1111]" are never masked again, and the words of a token
# are no context for the numbers around it ("[otp]" does not make the next number an OTP), so
# that masking a masked text changes nothing.
TOKEN_RE = re.compile(
    r"\[(?:card \*{4}\d{4}|cvv|otp|pin|password|national id|tax id|bank account|phone|email"
    r"|passport)\]"
)

DATE_RE = re.compile(
    r"\d{4}[-/ ](?:0?[1-9]|1[0-2])[-/ ](?:0?[1-9]|[12]\d|3[01])"
    r"|(?:0?[1-9]|[12]\d|3[01])[-/ ](?:0?[1-9]|1[0-2])[-/ ](?:\d{4}|\d{2})"
)


def _kw(*phrases: str) -> frozenset[str]:
    """Context phrases as lower-case words joined by single spaces ("kode keamanan")."""
    return frozenset(" ".join(WINDOW_WORD_RE.findall(p.lower())) for p in phrases)


WINDOW_WORD_RE = re.compile(r"\w+")

# Context words, looked for only in a short window before (or after) a candidate number. The
# window's words and word n-grams are compared with these sets: a few set lookups per
# candidate instead of a regex alternation tried at every position.
CVV_KW = _kw(
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
OTP_KW = _kw(
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
PIN_KW = _kw("pin", "mpin")
NIK_KW = _kw("nik", "ktp", "ektp", "nomor induk", "national id", "id number")
NPWP_KW = _kw("npwp", "tax id", "tax number", "nomor pokok wajib pajak")
ACCOUNT_KW = _kw(
    "rekening", "rek", "norek", "account", "acc", "a c", "va", "virtual account", "acct"
)
PHONE_KW = _kw(
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
NOT_PII_KW = _kw(
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
    "cvv": CVV_KW,
    "otp": OTP_KW,
    "pin": PIN_KW,
    "nik": NIK_KW,
    "npwp": NPWP_KW,
    "account": ACCOUNT_KW,
    "phone": PHONE_KW,
    "not_pii": NOT_PII_KW,
}
FAMILY_OF = {phrases: name for name, phrases in _FAMILIES.items()}


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
SINGLE_FAMILIES, MULTI_BY_FIRST = _index_phrases()
FIRST_WORDS = {
    name: frozenset(p.split()[0] for p in phrases) for name, phrases in _FAMILIES.items()
}
# A secret glued to its word ("cvv123", "otp482913", "kodeOTP482913"): the letters right
# before the digits, as a word or (for the unambiguous ones) as the end of a word. Not "cid",
# "csc" or "token": "CID1234" is a customer id and a glued "token" is a meter token.
GLUED_SECRET = {"cvv": "cvv", "cvc": "cvv", "otp": "otp", "pin": "pin", "mpin": "pin"}
GLUED_SUFFIXES = ("cvv", "cvc", "otp")
# How many digits each secret has, and what replaces it.
SECRET_SHAPES = {
    "cvv": (3, 4, "cvv", "[cvv]"),
    "otp": (4, 8, "otp", "[otp]"),
    "pin": (4, 6, "otp", "[pin]"),
}
AMOUNT_BEFORE_RE = re.compile(r"(?:rp\.?|idr|usd|\$|€|£|sgd|myr)\s?\Z", re.IGNORECASE)

# The context windows around a candidate number: every check reads at most this far.
WINDOW_BEFORE = 32
WINDOW_AFTER = 24
# A run's checks read at most this far before it (the context window, a "+" and the two
# characters before that).
RUN_CONTEXT = WINDOW_BEFORE + 3
