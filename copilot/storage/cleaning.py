"""What every write of the service does to its input first: trim, limit, mask, normalise."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from copilot.context.pii import mask_payment_secrets
from copilot.errors import InputError
from copilot.storage.identity import normalise
from copilot.storage.kinds import IdentifierKind, as_utc
from copilot.storage.lookup import printable
from copilot.storage.schemas import IdentifierIn
from copilot.vocabulary import DEFAULT_REGION, MAX_LONG_TEXT, MAX_SHORT_TEXT, SALUTATIONS

# A contact key is chosen by the caller (the panel uses uuid4().hex): short, printable ASCII.
_CONTACT_KEY = re.compile(r"[!-~]{1,64}")
# Reason codes and override kinds are keys from data files: lower-case words and underscores.
_KEY = re.compile(r"[a-z0-9_]{1,32}")
# A wrap-up a week long is a clock error, not a contact.
MAX_HANDLE_SECONDS = 7 * 24 * 3600
MAX_CAMPAIGN_LENGTH = 64  # the campaign columns of customer and identifier (migration 0004)


def aware(value: datetime, what: str) -> datetime:
    """`value` in UTC; a time without a timezone is refused rather than guessed."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise InputError(f"{what} needs a timezone (for example 2024-05-01T09:30+07:00)")
    return as_utc(value)


@dataclass(frozen=True)
class Cleaner:
    """The one place the service's write paths clean what a caller hands them."""

    region: str = DEFAULT_REGION
    mask: Callable[[str], str] = mask_payment_secrets

    def text(self, text: str, what: str, *, required: bool = True) -> str:
        """Free text (summary, notes, fact, promise): trimmed, at most MAX_LONG_TEXT, masked."""
        cleaned = printable(text).strip()
        if required and not cleaned:
            raise InputError(f"the {what} is empty")
        if len(cleaned) > MAX_LONG_TEXT:
            raise InputError(f"the {what} is too long ({len(cleaned)} characters)")
        # Masking happens here, at the last step before a write, so no caller can forget it.
        return self.mask(cleaned)

    def name(self, name: str, what: str = "name") -> str:
        """A short label (a person's, an agent's, a client's name): one line, MAX_SHORT_TEXT."""
        cleaned = " ".join(printable(name).split())
        if len(cleaned) > MAX_SHORT_TEXT:
            raise InputError(f"the {what} is too long ({len(cleaned)} characters)")
        return cleaned

    def outcome(self, outcome: str) -> str:
        # An outcome is a short label; longer free text is cut rather than refused, since the
        # contact itself must still be logged.
        return self.text(outcome, "outcome", required=False)[:MAX_SHORT_TEXT]

    def identifiers(self, identifiers: Iterable[IdentifierIn]) -> list[tuple[str, str]]:
        """(kind, stored value) pairs, each once, in the order given."""
        seen: list[tuple[str, str]] = []
        for ident in identifiers:
            kind = IdentifierKind(ident.kind)
            pair = (kind.value, normalise(kind, ident.value, self.region))
            if pair not in seen:
                seen.append(pair)
        return seen

    @staticmethod
    def reference(ref: str) -> str:
        """A helpdesk reference: an id from elsewhere, trimmed and cut, never refused."""
        return ref.strip()[:MAX_SHORT_TEXT]

    @staticmethod
    def salutation(salutation: str) -> str:
        """A SALUTATIONS key or "" (unknown)."""
        cleaned = salutation.strip().casefold()
        if cleaned and cleaned not in SALUTATIONS:
            raise InputError(
                f"the salutation must be one of {', '.join(SALUTATIONS)} or empty, "
                f"not {printable(salutation)[:20]!r}"
            )
        return cleaned

    @staticmethod
    def key(value: str, what: str, *, required: bool = True) -> str:
        """A reason code or an override kind: a short key from the data files."""
        cleaned = value.strip()
        if not cleaned and not required:
            return ""
        if not _KEY.fullmatch(cleaned):
            raise InputError(f"the {what} must be 1 to 32 of a-z, 0-9 and _")
        return cleaned

    @staticmethod
    def campaign(value: str) -> str:
        """A campaign (the client's name on the site): trimmed, at most 64 printable characters."""
        cleaned = value.strip()
        if len(cleaned) > MAX_CAMPAIGN_LENGTH or not cleaned.isprintable():
            raise InputError(
                f"a campaign name must be at most {MAX_CAMPAIGN_LENGTH} printable characters"
            )
        return cleaned

    @staticmethod
    def handle_seconds(seconds: int | None) -> int | None:
        if seconds is None:
            return None
        if isinstance(seconds, bool) or not isinstance(seconds, int):
            raise InputError("the handle time must be a whole number of seconds")
        if not 0 <= seconds <= MAX_HANDLE_SECONDS:
            raise InputError(f"the handle time must be 0 to {MAX_HANDLE_SECONDS} seconds")
        return seconds

    @staticmethod
    def contact_key(key: str) -> str:
        cleaned = key.strip()
        if not _CONTACT_KEY.fullmatch(cleaned):
            raise InputError("a contact key is 1 to 64 printable ASCII characters")
        return cleaned
