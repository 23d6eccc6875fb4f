"""Finding customers, shared by `CustomerService.find` and the panel's quick lookup.

Both run the same statements (`storage.statements`) through a `Run`: the service's reader, or
the quick lookup's connection before the full store has opened. The dialect's name searches
(`NameIndex`: by prefix, the vocabulary of name words, by exact words) are passed in, since only
it knows the database's text search. Every customer found says how (`MatchKind`): only an
exact identifier is ever sure enough to open without the agent choosing.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Protocol

from sqlalchemy.sql import Executable

from copilot.storage import mappers, statements
from copilot.storage.found import Found, MatchKind
from copilot.storage.identity import guess_kinds
from copilot.storage.kinds import name_key
from copilot.storage.schemas import CustomerRead

Run = Callable[[Executable | str, Mapping[str, Any]], list[Any]]

# The most rows one call returns, whatever a caller asks for (find, search, story).
MAX_LIMIT = 500
# A search box is for a few words; a pasted page should not become a 10,000-phrase query.
MAX_SEARCH_TOKENS = 32
_HAS_DIGIT = re.compile(r"\d")
# "Last 4+ digits": fewer would match a tenth of a million customers per digit left out.
MIN_SUFFIX_DIGITS = 4
_SUFFIX_TEXT = re.compile(r"[\d\s\-.()/]+")
_WORD = re.compile(r"\w+")
# At most this many spellings of one typed word are searched (closest first).
MAX_CORRECTIONS = 6
# A first letter of a million names has a few thousand distinct words; more is not a name index.
MAX_VOCABULARY = 20_000


class NameIndex(Protocol):
    """A dialect's name searches (`Dialect` implements them), bound to one read unit."""

    def ids_by_name(self, user_text: str, limit: int) -> list[int]:
        """Customers whose name starts with the text, then those with words starting so."""
        ...

    def name_words(self, word: str, limit: int) -> list[str]:
        """Distinct folded words of customers' names that may be spellings of the typed `word`:
        at least those starting with its first letter that the index can list."""
        ...

    def ids_by_words(self, spellings: Sequence[Sequence[str]], limit: int) -> list[int]:
        """Customers whose name has, for every group, one of its words (exact words)."""
        ...


def clamp_limit(limit: int) -> int:
    """`limit` within 0..MAX_LIMIT."""
    return max(0, min(int(limit), MAX_LIMIT))


def printable(text: str) -> str:
    """`text` without NUL and lone surrogates, which no caller ever means.

    NUL cuts text short in several tools (and FTS5 queries); a lone surrogate (from a broken
    paste) cannot be encoded for SQLite at all.
    """
    return text.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")


def search_tokens(user_text: str) -> list[str]:
    """The words of a search box's text (at most MAX_SEARCH_TOKENS), each with a letter or digit."""
    # Control characters and lone surrogates become spaces: FTS5 reads a NUL as the end of
    # the query ("unterminated string"), and surrogates cannot be encoded for SQLite at all.
    cleaned = "".join(" " if unicodedata.category(ch) in ("Cc", "Cs") else ch for ch in user_text)
    return [t for t in cleaned.split() if any(ch.isalnum() for ch in t)][:MAX_SEARCH_TOKENS]


def ids_by_name_prefix(run: Run, key: str, limit: int) -> list[int]:
    """Customers whose folded name (`name_key`) starts with `key`, through its index."""
    rows = run(statements.NAMES_FROM, {"lo": key, "hi": key + "\U0010ffff", "limit": limit})
    return [int(row[0]) for row in rows]


def ids_by_whole_name(run: Run, key: str, limit: int) -> list[int]:
    """Customers whose folded name is exactly `key` (the name_key index; no name holds "\x01")."""
    rows = run(statements.NAMES_FROM, {"lo": key, "hi": key + "\x01", "limit": limit})
    return [int(row[0]) for row in rows]


def merge_ids(ids: list[int], rows: Iterable[Sequence[Any]], limit: int) -> list[int]:
    """`ids`, then the first column of `rows` not already there, up to `limit`."""
    seen = set(ids)
    for row in rows:
        if int(row[0]) not in seen:
            seen.add(int(row[0]))
            ids.append(int(row[0]))
    return ids[:limit]


def customers_by_ids(run: Run, ids: Sequence[int]) -> dict[int, CustomerRead]:
    """The customers with these ids, with their identifiers."""
    unique = list(dict.fromkeys(ids))
    if not unique:
        return {}
    params = {f"c{n}": customer_id for n, customer_id in enumerate(unique)}
    return mappers.customers(run(statements.by_ids(len(unique)), params))


def find_matches(run: Run, query: str, *, region: str, limit: int, names: NameIndex) -> list[Found]:
    """Customers matching an identifier in any common format, the last 4+ digits of one, or a
    name (prefix, words, then within a typo or two); at most `limit`, in `MatchKind` order."""
    text = printable(query)
    # Unvalidated: an impossible number matches nobody, and this needs no phonenumbers.
    guess = guess_kinds(text, region, validate=False)
    if limit <= 0 or (not guess.identifiers and guess.name is None):
        return []
    found: dict[int, Found] = {}
    if guess.identifiers:
        # Every reading of the query, its owner, their row and all their identifiers in one
        # indexed statement: this runs on every keystroke, and each round trip counts.
        params: dict[str, Any] = {}
        for n, (kind, value) in enumerate(guess.identifiers):
            params[f"k{n}"], params[f"v{n}"] = kind.value, value
        exact = mappers.customers(run(statements.by_identifiers(len(guess.identifiers)), params))
        _add(found, exact.values(), MatchKind.identifier)
    # A query with a digit that matched an identifier was that identifier ("POL1234",
    # "JP0018199277"): names have no digits, so the other searches only run for it when
    # nothing matched.
    if found and _HAS_DIGIT.search(text):
        return list(found.values())[:limit]
    digits = suffix_digits(text)
    if digits is not None:
        ids = ids_by_suffix(run, digits, limit + len(found))
        _add(found, _in_order(run, ids, found), MatchKind.suffix)
    if guess.name is not None and len(found) < limit:
        ids = names.ids_by_name(guess.name, limit + len(found))
        _add(found, _in_order(run, ids, found), MatchKind.name)
    if guess.name is not None and len(found) < limit:
        _add(
            found,
            similar_names(run, guess.name, limit + len(found), names, found),
            MatchKind.similar,
        )
    return list(found.values())[:limit]


def _add(found: dict[int, Found], customers: Iterable[CustomerRead], match: MatchKind) -> None:
    for customer in customers:
        found.setdefault(customer.id, Found(customer, match))


def _in_order(run: Run, ids: Sequence[int], skip: Mapping[int, Any]) -> list[CustomerRead]:
    """The customers `ids` not in `skip`, in the order of `ids`."""
    wanted = [i for i in ids if i not in skip]
    by_id = customers_by_ids(run, wanted)
    return [by_id[i] for i in wanted if i in by_id]


def suffix_digits(text: str) -> str | None:
    """The digits of a query that is only digits (and separators), if at least 4."""
    stripped = text.strip()
    if not _SUFFIX_TEXT.fullmatch(stripped):
        return None
    # ASCII digits, as `kinds.suffix_key` keeps them.
    digits = "".join(ch for ch in stripped if "0" <= ch <= "9")
    return digits if len(digits) >= MIN_SUFFIX_DIGITS else None


def ids_by_suffix(run: Run, digits: str, limit: int) -> list[int]:
    """Owners of identifiers ending in `digits`: a prefix range on the reversed digits
    (`Identifier.suffix`), so an index answers it instead of a scan for "%7890"."""
    key = digits[::-1]
    # ":" sorts right after "9": every suffix that starts with `key` lies in [key, key + ":").
    rows = run(statements.suffixes_from(), {"lo": key, "hi": key + ":", "limit": limit})
    return list(dict.fromkeys(int(row[0]) for row in rows))


def name_words(text: str) -> list[str]:
    """The folded words of a name as the name index splits them ("O'Brien" → o, brien)."""
    return _WORD.findall(name_key(text).replace("_", " "))[:MAX_SEARCH_TOKENS]


def typo_budget(word: str) -> int:
    """How many edits a typed word may be from a name's word: none below 4 letters (too many
    short names are one edit apart), 1 up to 5 ("sitti"), 2 from 6 ("rahmawti")."""
    if len(word) < 4:
        return 0
    return 1 if len(word) <= 5 else 2


def spellings(word: str, vocabulary: Sequence[str]) -> list[tuple[str, int]]:
    """Words of `vocabulary` within the typo budget of `word`, closest first (with distance).

    Optimal string alignment distance: a swap ("stii" for "siti") is one edit, as an agent
    typing fast makes it.
    """
    budget = typo_budget(word)
    if budget == 0:
        return [(word, 0)] if word in vocabulary else []
    # Imported here: only a typo reaches it, and the quick lookup's start stays lean.
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    hits = process.extract(
        word, vocabulary, scorer=OSA.distance, score_cutoff=budget, limit=MAX_CORRECTIONS
    )
    return sorted(
        ((str(term), int(distance)) for term, distance, _ in hits), key=lambda h: (h[1], h[0])
    )


def similar_names(
    run: Run, text: str, limit: int, names: NameIndex, skip: Mapping[int, Any]
) -> list[CustomerRead]:
    """Customers whose name has, for every word typed, a word within a typo or two of it.

    Each typed word is corrected against the distinct words of the name index that share its
    first letter (a vocabulary, not the million names), then the names are searched for the
    corrected words: whole names first, then names holding the closest spellings, then any
    spelling if room is left; the customers come back closest first.
    """
    typed = name_words(text)
    if not typed:
        return []
    groups: list[list[tuple[str, int]]] = []
    for word in typed:
        found = spellings(word, names.name_words(word, MAX_VOCABULARY))
        if not found:
            return []  # one word like no name's: nobody matches all of them
        groups.append(found)
    closest = [[term for term, distance in group if distance == group[0][1]] for group in groups]
    # First the customers whose whole name is the corrected words ("rudi dauay" -> every Rudi
    # Daulay, "pupsita" -> Puspita alone), through the name_key index; then anyone with them.
    # Equally close spellings ("haim": hakim, halim) share the list, so each is seen.
    combos = list(itertools.islice(itertools.product(*closest), MAX_CORRECTIONS))
    share = max(1, limit // len(combos))
    ids: list[int] = []
    for words in combos:
        ids = merge_ids(ids, ([i] for i in ids_by_whole_name(run, " ".join(words), share)), limit)
    whole = set(ids)
    if len(ids) < limit:
        ids = merge_ids(ids, ([i] for i in names.ids_by_words(closest, limit)), limit)
    if len(ids) < limit and any(len(c) < len(g) for c, g in zip(closest, groups, strict=True)):
        every = [[term for term, _ in group] for group in groups]
        ids = merge_ids(ids, ([i] for i in names.ids_by_words(every, limit)), limit)
    customers = _in_order(run, ids, skip)
    distance = {term: d for group in groups for term, d in group}

    def closeness(customer: CustomerRead) -> tuple[bool, int, int]:
        words = name_words(customer.name)
        edits = _distance_to(words, typed, distance)
        return customer.id not in whole, edits, abs(len(words) - len(typed))

    customers.sort(key=closeness)
    return customers


def _distance_to(words: Sequence[str], typed: Sequence[str], known: Mapping[str, int]) -> int:
    """Edits from the typed words to a name: each typed word's closest word of the name."""
    total = 0
    for word in typed:
        total += min((known.get(w, 9) for w in words if w[:1] == word[:1]), default=9)
    return total
