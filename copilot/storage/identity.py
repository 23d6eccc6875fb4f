"""Identifier normalisation: one canonical form per phone, email and account-like number.

Two agents typing the same customer's number as `0812-3456-7890` and `+62 812 3456 7890`
must land on the same customer, so every identifier is stored and looked up in one form:
phones in E.164, emails trimmed and case-folded, account-like numbers upper-cased without
spaces or dashes, national ids as digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from copilot.errors import InputError
from copilot.storage.kinds import IdentifierKind, name_key
from copilot.vocabulary import DEFAULT_REGION, MAX_IDENTIFIER_LENGTH

if TYPE_CHECKING:
    from types import ModuleType

_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015]+")  # spaces and every kind of dash
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
_PHONE_CHARS = re.compile(r"[\d\s+\-().\u2010-\u2015/]+")
# The fast Indonesian path: ASCII separators only, and after removing them "0", "+62" or
# "62", then a national number starting 1-9.
_FAST_SEPARATORS = re.compile(r"[ \-.()]+")
_FAST_SHAPE = re.compile(r"(?:0|\+62|62)[1-9][0-9]{5,16}")


def _describe(value: str) -> str:
    shown = value if len(value) <= 40 else value[:37] + "..."
    return repr(shown)


def normalise(kind: IdentifierKind | str, value: str, default_region: str = DEFAULT_REGION) -> str:
    """The stored form of an identifier; raises InputError naming the value if it is unusable."""
    try:
        kind = IdentifierKind(kind)
    except ValueError:
        raise InputError(f"unknown identifier kind {kind!r}") from None
    cleaned = value.strip()
    if not cleaned:
        raise InputError(f"empty {kind.value} identifier")
    if len(cleaned) > MAX_IDENTIFIER_LENGTH:
        raise InputError(f"{kind.value} {_describe(cleaned)} is too long")
    if kind is IdentifierKind.phone:
        return normalise_phone(cleaned, default_region)
    if kind is IdentifierKind.email:
        return normalise_email(cleaned)
    if kind is IdentifierKind.national_id:
        digits = "".join(ch for ch in cleaned if ch.isdigit())
        if not digits:
            raise InputError(f"national id {_describe(cleaned)} has no digits")
        return digits
    compact = _SEPARATORS.sub("", cleaned).upper()
    if not compact:
        raise InputError(f"{kind.value} {_describe(cleaned)} has nothing but separators")
    return compact


def _phonenumbers() -> ModuleType:
    # Imported on first use: it takes ~30 ms, and the panel's first lookups of Indonesian
    # numbers never need it (see `guess_kinds(validate=False)`).
    import phonenumbers

    return phonenumbers


def normalise_phone(
    value: str, default_region: str = DEFAULT_REGION, *, validate: bool = True
) -> str:
    """E.164 (`+6281234567890`); numbers without a country code use `default_region`.

    `validate=False` is for lookups only: an Indonesian `08…`/`+62…` number is then read
    without asking phonenumbers whether it is valid (an invalid one matches nobody, since only
    valid numbers are stored).
    """
    region = (default_region or DEFAULT_REGION).upper()
    if region == "ID":
        fast = indonesian_e164(value, validate=validate)
        if fast is not None:
            return fast
    return _parse_phone(value, region)


def _parse_phone(value: str, region: str) -> str:
    """The general path: phonenumbers' own parser, for any format and region."""
    if not _PHONE_CHARS.fullmatch(value) or not any(ch.isdigit() for ch in value):
        raise InputError(f"{_describe(value)} is not a phone number")
    candidates = [value]
    digits = "".join(ch for ch in value if ch.isdigit())
    if not value.lstrip().startswith("+"):
        # "6281234567890" or "0044 20..." typed without the plus: try it as international too.
        candidates.append("+" + digits.removeprefix("00"))
    phonenumbers = _phonenumbers()
    for candidate in candidates:
        try:
            number = phonenumbers.parse(candidate, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))
    raise InputError(f"{_describe(value)} is not a valid phone number (region {region})")


def indonesian_e164(value: str, *, validate: bool = True) -> str | None:
    """E.164 for the common Indonesian shapes without phonenumbers' parser, or None.

    `08xx…`, `+62 8xx…` and `62 8xx…`, with spaces, dashes, dots or parentheses, are what
    agents type most, and find() normalises on every keystroke; phonenumbers.parse costs
    ~30-50 µs of that. This reads the national significant number the way parse() does for
    exactly these shapes (region ID: national prefix "0", international prefix "00[89]", no
    transform rule) and asks phonenumbers whether it is valid. It answers only when that
    provably gives parse()'s result and None otherwise (anything else goes to the parser);
    tests/storage/test_identity.py compares both on generated numbers. Without `validate`
    the `0…` and `+62…` shapes skip the validity check (for lookups; see normalise_phone).
    """
    compact = _FAST_SEPARATORS.sub("", value)
    if not _FAST_SHAPE.fullmatch(compact):
        return None
    if compact[0] == "+":
        if not compact.startswith("+62"):
            return None
        national = compact[3:]  # parse(): the country code follows the plus
    elif compact[0] == "0":
        # "0" then 1-9: never an international prefix (00[89]) and never a viable number
        # with the 0 kept (ID numbers starting 0 start 00), so parse() strips the trunk 0.
        national = compact[1:]
    else:
        # "62…" without a plus: parse() may read it as a national number starting 62 (then
        # "+6262…" if valid); the second candidate, "+62…", is used only when that fails.
        national = compact[2:]
        if _valid_id_number(compact):
            return None
    if validate and not _valid_id_number(national):
        return None
    return "+62" + national


def _valid_id_number(national: str) -> bool:
    # A leading 0 or a length outside 7-17 digits never reaches here as valid (checked by
    # _FAST_SHAPE's [1-9] and the metadata's lengths inside is_valid_number).
    if not national or national[0] == "0" or len(national) > 17:
        return False
    phonenumbers = _phonenumbers()
    number = phonenumbers.PhoneNumber(country_code=62, national_number=int(national))
    return bool(phonenumbers.is_valid_number(number))


def normalise_email(value: str) -> str:
    """Trimmed and case-folded; `mailto:` dropped; a basic shape check, not RFC 5322."""
    cleaned = value.strip()
    if cleaned.lower().startswith("mailto:"):
        cleaned = cleaned[len("mailto:") :]
    cleaned = cleaned.strip().strip("<>").casefold()
    if not _EMAIL.fullmatch(cleaned) or ".." in cleaned:
        raise InputError(f"{_describe(value)} is not an email address")
    return cleaned


@dataclass(frozen=True)
class QueryGuess:
    """What a free query typed into "find" could be: identifiers to look up, or a name."""

    identifiers: tuple[tuple[IdentifierKind, str], ...]  # (kind, normalised value)
    name: str | None  # the query as a name to search, or None when it can't be one


def guess_kinds(
    query: str, default_region: str = DEFAULT_REGION, *, validate: bool = True
) -> QueryGuess:
    """Every reading of `query` worth looking up; never raises for any text.

    The readings are exactly `normalise(kind, query)` for each kind the query could be, in
    the order email, or phone, national id, account, ticket, other; computed here without
    re-checking the same text once per kind, since find() calls this on every keystroke.
    `validate=False` (find does this) may add an Indonesian phone reading that is not a valid
    number; it matches nobody, and finding needs no phonenumbers import.
    """
    text = query.strip()
    if not text or len(text) > MAX_IDENTIFIER_LENGTH:
        return QueryGuess((), None)
    if "@" in text:
        try:
            return QueryGuess(((IdentifierKind.email, normalise_email(text)),), None)
        except InputError:
            return QueryGuess((), None)
    found: list[tuple[IdentifierKind, str]] = []
    if _PHONE_CHARS.fullmatch(text) and any(ch.isdigit() for ch in text):
        try:
            phone: str | None = normalise_phone(text, default_region, validate=validate)
        except InputError:
            phone = None
        if phone is not None:
            found.append((IdentifierKind.phone, phone))
        # Never empty: the text has a digit (checked above).
        found.append((IdentifierKind.national_id, "".join(ch for ch in text if ch.isdigit())))
    compact = _SEPARATORS.sub("", text).upper()
    if compact:
        found += [(kind, compact) for kind in _ACCOUNT_LIKE]
    # Names have letters; "budi 2" could still be a name, but "0812..." cannot.
    could_be_name = any(ch.isalpha() for ch in text) and bool(name_key(text))
    return QueryGuess(tuple(found), text if could_be_name else None)


_ACCOUNT_LIKE = (IdentifierKind.account, IdentifierKind.ticket, IdentifierKind.other)
