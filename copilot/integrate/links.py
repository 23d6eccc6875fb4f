"""What `copilot open` accepts: a caller's identifier, or a `copilot://open?phone=…` link.

Links come from other programs (a helpdesk page, a soft-phone), so everything is checked
before anything is looked up: only the copilot scheme and its `open` action, one value, no
control or formatting characters, nothing longer than an identifier can be. Every error is
one line that never repeats the value (it may be a customer's phone number).
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote, urlsplit

from copilot.errors import InputError
from copilot.vocabulary import MAX_IDENTIFIER_LENGTH

SCHEME = "copilot"
LINK_KEYS = ("phone", "email", "account", "ticket", "value")
# A link is a value plus a few words; anything far longer is not one of ours.
MAX_LINK_CHARS = 3 * MAX_IDENTIFIER_LENGTH + 64
_SCHEME_PREFIX = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_EXAMPLE = "copilot://open?phone=%2B6281234567890"


def clean_value(value: str) -> str:
    """`value` trimmed, or InputError if it is empty, too long or has hidden characters."""
    # Spaces only: a tab or newline, even at an end, is refused below, not quietly trimmed.
    text = value.strip(" ")
    if not text:
        raise InputError("no caller identifier given: pass a phone, email, account or ticket")
    if len(text) > MAX_IDENTIFIER_LENGTH:
        raise InputError(
            f"the caller identifier is too long ({len(text):,} characters; "
            f"at most {MAX_IDENTIFIER_LENGTH})"
        )
    # Cc: control characters (a newline could forge a second request); Cf: invisible
    # formatting such as right-to-left overrides, which make a number read as another.
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in text):
        raise InputError("the caller identifier contains control or invisible characters")
    return text


def is_link(argument: str) -> bool:
    """True when `argument` starts like a URL (`scheme:`), not like an identifier."""
    match = _SCHEME_PREFIX.match(argument.strip())
    if match is None:
        return False
    rest = argument.strip()[match.end() :]
    # "+62:..." never matches; "ticket:123" is a value, "mailto:x" or "http://x" a link.
    return rest.startswith("//") or match.group(0)[:-1].lower() in (SCHEME, "mailto", "tel")


def value_from_argument(argument: str) -> str:
    """The identifier `copilot open ARGUMENT` should look up: from a link, or the value itself."""
    if len(argument) > MAX_LINK_CHARS:
        raise InputError(
            f"the link or identifier is too long (at most {MAX_LINK_CHARS:,} characters)"
        )
    if is_link(argument):
        return parse_open_link(argument)
    return clean_value(argument)


def parse_open_link(link: str) -> str:
    """The identifier in a `copilot://open?KEY=VALUE` link (KEY: phone, email, account, ticket
    or value); InputError for anything else."""
    if len(link) > MAX_LINK_CHARS:
        raise InputError(f"the link is too long (at most {MAX_LINK_CHARS:,} characters)")
    if any(unicodedata.category(ch) == "Cc" for ch in link):
        raise InputError("the link contains control characters")
    parts = urlsplit(link.strip())
    if parts.scheme.lower() != SCHEME:
        raise InputError(f"only copilot:// links can be opened, such as {_EXAMPLE}")
    # copilot://open?… (host "open") and copilot:open?… (path "open") are the same request.
    action = (parts.netloc or parts.path).strip("/").lower()
    if action != "open":
        raise InputError(f"a copilot link must start copilot://open?, such as {_EXAMPLE}")
    found: dict[str, str] = {}
    for pair in parts.query.split("&"):
        key, _, raw = pair.partition("=")
        key = key.lower()
        if key not in LINK_KEYS:
            continue  # a helpdesk's own parameters (tracking, a session) are not ours
        if key in found:
            raise InputError(f"the link gives {key}= more than once")
        # unquote, not unquote_plus: "+62…" sent unencoded must stay a plus, not a space.
        try:
            found[key] = unquote(raw, errors="strict")
        except UnicodeDecodeError:
            raise InputError(f"the link's {key}= is not valid UTF-8") from None
    if not found:
        raise InputError(
            f"the link names no caller: add one of {', '.join(k + '=' for k in LINK_KEYS)}"
        )
    if len(found) > 1:
        raise InputError("the link names more than one caller identifier: give exactly one")
    return clean_value(next(iter(found.values())))
