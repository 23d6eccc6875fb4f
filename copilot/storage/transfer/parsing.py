"""Parsing an import file's rows: one validating parser, with caches for what rows repeat."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from operator import itemgetter
from typing import Any, NamedTuple

import phonenumbers

from copilot.errors import InputError
from copilot.storage.bulk import TextMasker, stamp_for
from copilot.storage.identity import normalise, normalise_email, normalise_phone
from copilot.storage.transfer.reading import COLUMNS, header_key
from copilot.vocabulary import MAX_IDENTIFIER_LENGTH, MAX_LONG_TEXT, MAX_SHORT_TEXT, Channel

# One limit per field, the same as the service's (`copilot.vocabulary`).
FIELD_LIMITS = {
    "name": MAX_SHORT_TEXT,
    "phone": MAX_IDENTIFIER_LENGTH,
    "email": MAX_IDENTIFIER_LENGTH,
    "account": MAX_IDENTIFIER_LENGTH,
    "channel": MAX_SHORT_TEXT,
    "started_at": MAX_SHORT_TEXT,
    "agent": MAX_SHORT_TEXT,
    "summary": MAX_LONG_TEXT,
    "notes": MAX_LONG_TEXT,
    "outcome": MAX_SHORT_TEXT,
    "client": MAX_SHORT_TEXT,
    "helpdesk_ref": MAX_SHORT_TEXT,
}
_LIMITS = tuple(FIELD_LIMITS[c] for c in COLUMNS)
_SHORTEST_LIMIT = min(_LIMITS)

_CHANNEL_ALIASES = {
    **{c.value: c.value for c in Channel},
    "call": "phone",
    "voice": "phone",
    "telephone": "phone",
    "telepon": "phone",
    "wa": "whatsapp",
    "whats_app": "whatsapp",
    "livechat": "chat",
    "live_chat": "chat",
    "web_chat": "chat",
    "e_mail": "email",
    "mail": "email",
    "walk_in": "in_person",
    "inperson": "in_person",
    "social_media": "social",
    "facebook": "social",
    "instagram": "social",
    "twitter": "social",
    "x": "social",
}
_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T](\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?")
_PHONE_SEPARATORS = str.maketrans("", "", " -.()/\u00a0\u2010\u2011\u2012\u2013\u2014\u2015")
_CACHE_LIMIT = 50_000  # entries per cache: bounded memory on files of millions of rows


class RowError(Exception):
    """One row cannot be imported; the message is the reason shown with its line number."""


class ImportRow(NamedTuple):
    """One validated row: text masked, identifiers normalised, the time as the store keeps it."""

    name: str
    identifiers: str  # `kind NUL value NUL kind NUL value ...`: see `signature`
    channel: str
    started_at: Any  # `bulk.stamp_for(dialect)` of the time in UTC
    agent: str
    summary: str
    notes: str
    outcome: str
    client: str
    helpdesk_ref: str
    contact_key: str


# A row's identifiers, each (kind, normalised value), in one string: cheap to hash and to use
# as a dict key once per row. NUL cannot occur in a value: files with NUL bytes are refused.
def signature(pairs: Iterable[tuple[str, str]]) -> str:
    return "\0".join(part for pair in pairs for part in pair)


def pairs_of(keys: str) -> tuple[tuple[str, str], ...]:
    parts = keys.split("\0")
    return tuple(zip(parts[0::2], parts[1::2], strict=True))


_NO_DIGITS = str.maketrans("0123456789", "ghijklmnop")


def contact_key(
    identifiers: str, when: datetime, channel: str, summary: str, client: str, ref: str
) -> str:
    """The row's natural key (`interaction.contact_key`: a prefix and 128 bits of SHA-256).

    A helpdesk reference names one contact; without one, the contact is who (identifiers as
    normalised), when (UTC), how (channel) and what (the summary as stored). Hashed: the key
    is compared, never read, and must not carry the customer's data in clear. Hex with its
    digits spelled as letters (g-p): a plain hex digest holds long digit runs that read as card
    numbers to any scanner (a 15-digit Luhn-valid run turned up in the masking tests), and
    `str.translate` costs nothing next to base32's pure-Python encoder (0.7 s per 100,000 rows).
    """
    if ref:
        text, prefix = f"{client}\0{ref}", "ref:"
    else:
        text = f"{identifiers}\x1f{when.isoformat()}\x1f{channel}\x1f{summary}"
        prefix = "imp:"
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return prefix + digest.translate(_NO_DIGITS)


def parse_started_at(text: str) -> datetime:
    """A datetime from the formats sites export; naive when the text names no zone.

    Accepted: ISO 8601 with or without a zone (`2026-03-01T09:30:00+07:00`, `...Z`,
    `2026-03-01 09:30`), and `DD/MM/YYYY HH:MM` (day first, as in Indonesia and the UK).
    The importer reads naive values in the desk's zone.
    """
    value = text.strip()
    if not value:
        raise RowError("started_at is empty")
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        pass
    match = _DMY.fullmatch(value)
    if match is None:
        raise RowError(
            f"started_at {value[:40]!r} is not a date (use 2026-03-01 09:30, "
            "2026-03-01T09:30:00+07:00 or 01/03/2026 09:30)"
        )
    day, month, year, hour, minute, second = (int(g or 0) for g in match.groups())
    try:
        return datetime(year, month, day, hour, minute, second)
    except ValueError as exc:
        raise RowError(f"started_at {value!r} is not a real date ({exc})") from None


def undo_formula_guard(cell: str) -> str:
    """Drop the apostrophe our export put before formula-like cells, so exports re-import."""
    if len(cell) > 1 and cell[0] == "'" and cell[1] in "=+-@":
        return cell[1:]
    return cell


class Memo:
    """A bounded cache in front of a function of one string: rows repeat the same values.

    Errors are not cached: they end the row anyway.
    """

    def __init__(self, function: Callable[[str], str], limit: int = _CACHE_LIMIT) -> None:
        self._function = function
        self._limit = limit
        self._seen: dict[str, str] = {}

    def __call__(self, raw: str) -> str:
        known = self._seen.get(raw)
        if known is None:
            known = self._function(raw)
            if len(self._seen) >= self._limit:
                self._seen.clear()
            self._seen[raw] = known
        return known


class PhoneNormaliser:
    """`identity.normalise_phone`, with a shortcut proven against it.

    `phonenumbers` costs ~45 us per call. Most numbers in a file are plain digits
    (`+62 812-3456-7890`, `0812 3456 7890`); for those, the E.164 form is built by string
    operations, and the shortcut is trusted for a class of numbers (same form, same first
    digits, same length) only after the real normaliser gave the same answer for a member of
    that class. Whether a number is valid depends on its leading digits and its length, which
    is exactly what a class fixes; anything else takes the full path.
    """

    def __init__(self, region: str) -> None:
        self._region = region
        self._classes: dict[tuple[str, str, int], bool] = {}
        code = phonenumbers.country_code_for_region(region)
        metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
        self._country = str(code) if code else ""
        self._trunk = (metadata.national_prefix if metadata else None) or ""

    def _candidate(self, raw: str) -> tuple[str, str] | None:
        compact = raw.strip().translate(_PHONE_SEPARATORS)
        if compact.startswith("+"):
            digits, form = compact[1:], "+"
        else:
            digits, form = compact, "national"
        if not digits.isascii() or not digits.isdigit() or len(digits) < 6:
            return None
        if form == "+":
            return form, "+" + digits
        if self._trunk and self._country and digits.startswith(self._trunk):
            return form, "+" + self._country + digits[len(self._trunk) :]
        return None

    def __call__(self, raw: str) -> str:
        guess = self._candidate(raw)
        if guess is None:
            return normalise_phone(raw, self._region)  # raises InputError
        form, candidate = guess
        klass = (form, candidate[:7], len(candidate))
        trusted = self._classes.get(klass)
        if trusted:
            return candidate
        result = normalise_phone(raw, self._region)
        if trusted is None:
            self._classes[klass] = result == candidate
        return result


class LocalZone:
    """Naive times read in the desk's zone; the zone's offset is looked up once per hour.

    `datetime.astimezone()` asks the C library for every value (~4 us); offsets only change on
    daylight-saving boundaries, which fall on the hour.
    """

    def __init__(self, zone: tzinfo | None) -> None:
        if zone is None:
            # A computer whose zone keeps one offset all year (all of Indonesia, most of Asia)
            # needs no lookups at all.
            year = datetime.now().year
            offsets = {datetime(year, m, 1, 12).astimezone().utcoffset() for m in range(1, 13)}
            if len(offsets) == 1:
                zone = timezone(offsets.pop() or timedelta(0))
        self._zone = zone
        self._offsets: dict[tuple[int, int, int, int], tzinfo] = {}

    def attach(self, when: datetime) -> datetime:
        if self._zone is not None:
            return when.replace(tzinfo=self._zone)
        hour = (when.year, when.month, when.day, when.hour)
        offset = self._offsets.get(hour)
        if offset is None:
            offset = when.astimezone().tzinfo or UTC
            if len(self._offsets) >= _CACHE_LIMIT:
                self._offsets.clear()
            self._offsets[hour] = offset
        return when.replace(tzinfo=offset)


class RowParser:
    """Turns a CSV row's cells into an `ImportRow`, or a `RowError` with the reason.

    The one parser of import rows. What repeats from row to row (a customer's identifiers, a
    channel's spelling, an hour's offset) is remembered in front of it, never parsed twice
    another way.
    """

    def __init__(
        self,
        positions: dict[str, int],
        width: int,
        region: str,
        local_zone: tzinfo | None,
        *,
        dialect: str,
        masker: TextMasker,
    ) -> None:
        self._width = width
        self._stamp = stamp_for(dialect)
        self._masker = masker
        # Missing optional columns read the empty cell appended to every row.
        self._pick = itemgetter(*(positions.get(c, width) for c in COLUMNS))
        self._phone = Memo(PhoneNormaliser(region))
        self._email = Memo(normalise_email)
        self._account = Memo(lambda raw: normalise("account", raw))
        self._zone = LocalZone(local_zone)
        self._channels: dict[str, str] = {"": Channel.phone.value}
        # (phone, email, account) as typed -> the row's identifiers, all valid and normalised.
        self._signatures: dict[tuple[str, str, str], str] = {}

    def parse(self, cells: list[str]) -> ImportRow:
        """The row from its cells; raises RowError."""
        if len(cells) != self._width:
            raise RowError(f"expected {self._width} fields like the header, found {len(cells)}")
        cells.append("")
        values = [cell.strip() for cell in self._pick(cells)]
        # Most rows have no apostrophe at all; one string search says so cheaply.
        if "'" in "".join(values):
            values = [undo_formula_guard(v) for v in values]
        if max(map(len, values)) > _SHORTEST_LIMIT:
            _check_lengths(values)
        name, phone, email, account, channel, started, agent, summary, notes, outcome = values[:10]
        client, ref = values[10:]
        keys = self._identifiers(phone, email, account)
        when = self._when(started)
        canonical = self._channel(channel)
        mask = self._masker
        summary = mask(summary)
        return ImportRow(
            name,
            keys,
            canonical,
            self._stamp(when),
            agent,
            summary,
            mask(notes),
            mask(outcome),
            client,
            ref,
            contact_key(keys, when, canonical, summary, client, ref),
        )

    def _when(self, started: str) -> datetime:
        when = parse_started_at(started)
        if when.tzinfo is None:
            when = self._zone.attach(when)
        try:
            return when.astimezone(UTC)
        except OverflowError:  # 0001-01-01 00:00 east of UTC, 9999-12-31 23:59 west of it
            raise RowError(f"started_at {started[:40]!r} is out of range") from None

    def _channel(self, raw: str) -> str:
        channel = self._channels.get(raw)
        if channel is None:
            channel = _CHANNEL_ALIASES.get(header_key(raw))
            if channel is None:
                known = ", ".join(c.value for c in Channel)
                raise RowError(f"unknown channel {raw[:30]!r} (use one of {known})")
            if len(self._channels) < _CACHE_LIMIT:
                self._channels[raw] = channel
        return channel

    def _identifiers(self, phone: str, email: str, account: str) -> str:
        typed = (phone, email, account)
        keys = self._signatures.get(typed)
        if keys is not None:
            return keys
        identifiers: list[tuple[str, str]] = []
        kind = "phone"
        try:
            if phone:
                identifiers.append(("phone", self._phone(phone)))
            kind = "email"
            if email:
                identifiers.append(("email", self._email(email)))
            kind = "account"
            if account:
                identifiers.append(("account", self._account(account)))
        except InputError as exc:
            raise RowError(f"{kind}: {exc.message}") from None
        if not identifiers:
            raise RowError("no identifier: give a phone, an email or an account number")
        keys = signature(identifiers)
        if len(self._signatures) >= _CACHE_LIMIT:
            self._signatures.clear()
        self._signatures[typed] = keys
        return keys


def _check_lengths(values: list[str]) -> None:
    for column, value, limit in zip(COLUMNS, values, _LIMITS, strict=True):
        if len(value) > limit:
            raise RowError(
                f"{column} is {len(value):,} characters long; at most {limit:,} are allowed"
            )
