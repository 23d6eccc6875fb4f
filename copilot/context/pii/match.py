"""What PII detection returns: a match, a redacted text, and the cache a caller may keep."""

from __future__ import annotations

from dataclasses import dataclass


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


# Bound on a PiiCache (see `find_pii`).
CACHE_LIMIT = 4096

# run of digits in its context -> (kind, offset from the run's start, length, replacement)
# or None
PiiCache = dict[tuple[str, int, int], tuple[str, int, int, str] | None]
