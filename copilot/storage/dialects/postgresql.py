"""PostgreSQL, the site server: what it does differently from the portable base.

Text search is PostgreSQL's own: expression GIN indexes (migration 0004) over accent-folded
text (`copilot_fold`, since `unaccent` needs a superuser) in the `indonesian` and `english`
configurations; a row matches when either configuration matches, and user text only ever
reaches `plainto_tsquery`, which reads words, never operators. Names: the btree prefix range
of the base (on a code-point collation) and a `pg_trgm` index for names containing the text
and for typo candidates. Identifiers are claimed with `INSERT ... ON CONFLICT DO NOTHING`, and
a write the server aborted to break a deadlock is run again (`is_transient`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from copilot.errors import DatabaseError
from copilot.storage.dialects.base import Dialect, Reader, insert_ignoring_conflicts
from copilot.storage.lookup import name_words, search_tokens

if TYPE_CHECKING:
    from copilot.storage.db import Database

# The configurations of the search indexes (migration 0004 builds one index per configuration).
SEARCH_CONFIGS = ("indonesian", "english")
# SQLSTATEs of a transaction the server aborted on its own, which may simply run again:
# serialization_failure and deadlock_detected.
TRANSIENT_STATES = frozenset({"40001", "40P01"})
# Matched words are wrapped in « » as on the desk; a dozen words around them.
_HEADLINE = "StartSel=«, StopSel=», MaxWords=12, MinWords=4, ShortWord=2"

# Each `to_tsvector(...)` below is exactly a migration 0004 index expression, so the planner
# answers it from that index; `:text` is the user's words, read by plainto_tsquery only.
_MATCHES = " OR ".join(
    f"to_tsvector('{config}', copilot_fold({{document}})) "
    f"@@ plainto_tsquery('{config}', copilot_fold(:text))"
    for config in SEARCH_CONFIGS
)
# The snippet marks the words as typed ('simple': no stemming), on the text as written.
_SNIPPET = f"ts_headline('simple', {{document}}, plainto_tsquery('simple', :text), '{_HEADLINE}')"
_INTERACTION_DOCUMENT = "i.summary || ' ' || i.notes"
SEARCH_INTERACTIONS = f"""
    SELECT 'interaction', i.id, i.customer_id,
           {_SNIPPET.format(document=_INTERACTION_DOCUMENT)}, i.started_at
    FROM interaction AS i
    WHERE {_MATCHES.format(document=_INTERACTION_DOCUMENT)}
    ORDER BY i.started_at DESC, i.id DESC LIMIT :limit
"""
SEARCH_FACTS = f"""
    SELECT 'fact', f.id, f.customer_id, {_SNIPPET.format(document="f.text")}, f.created_at
    FROM fact AS f
    WHERE {_MATCHES.format(document="f.text")}
    ORDER BY f.created_at DESC, f.id DESC LIMIT :limit
"""
# Names with a word like the typed one (pg_trgm's word similarity, from the trigram index):
# where a typo sits in a long word, trigrams still find it on a million names. The default
# threshold (0.6) loses a swap in a 7-letter word ("pupsita" shares half of "puspita"'s
# trigrams), so candidates are read at 0.3 (for this read transaction only); spellings() then
# keeps those within the typo budget.
_LOOSE_TRIGRAMS = "SELECT set_config('pg_trgm.word_similarity_threshold', '0.3', true)"
_SIMILAR_NAMES = "SELECT name_key FROM customer WHERE :word <% name_key LIMIT :limit"
SIMILAR_NAME_ROWS = 500
# Trigrams barely survive a swap in a short word ("stii" for "siti" shares one of five), so
# words up to this long also get the base's first-letter words (bounded).
_SHORT_WORD = 5
_SHORT_WORD_NAMES = 5000
# What `check` expects migration 0004 to have built.
_EXPECTED_INDEXES = (
    "ix_customer_name_trgm",
    "ix_interaction_search_in",
    "ix_interaction_search_en",
    "ix_fact_search_in",
    "ix_fact_search_en",
)
_INDEX_STATE = """
    SELECT c.relname, i.indisvalid FROM pg_index AS i JOIN pg_class AS c ON c.oid = i.indexrelid
    WHERE c.relname IN ({names})
"""


class PostgresDialect(Dialect):
    """A site's PostgreSQL server (psycopg 3)."""

    name = "postgresql"

    # --- writes many desks make at once ---

    def insert_new(
        self, session: Session, table: Table, row: Mapping[str, Any], *, unique: Sequence[str]
    ) -> bool:
        # A concurrent transaction inserting the same values is waited for: if it commits,
        # nothing is inserted here and the caller reads its row (a new statement under READ
        # COMMITTED sees it); if it rolls back, this row goes in.
        statement = postgresql.insert(table).values(**row)
        return insert_ignoring_conflicts(session, statement, unique, table)

    def is_transient(self, error: BaseException | None) -> bool:
        driver_error = getattr(error, "orig", error)
        return getattr(driver_error, "sqlstate", None) in TRANSIENT_STATES

    # --- search ---

    def search_rows(self, reader: Reader, user_text: str, limit: int) -> list[Sequence[Any]]:
        """Hits whose text matches every word in either configuration, newest first."""
        # The tokens rejoined: no control characters (PostgreSQL refuses NUL in text) and at
        # most MAX_SEARCH_TOKENS words; plainto_tsquery reads the rest as plain words.
        words = search_tokens(user_text)
        if not words:
            return []
        params = {"text": " ".join(words), "limit": limit}
        return reader.all(SEARCH_INTERACTIONS, params) + reader.all(SEARCH_FACTS, params)

    def name_words(self, reader: Reader, word: str, limit: int) -> list[str]:
        """Words of names similar to `word` by trigrams, plus for a short word the words of
        names sharing its first letter (the base's, bounded); spellings() then keeps those
        within a typo or two."""
        first = word[:1]
        if not first or limit <= 0:
            return []
        found: set[str] = set()
        if len(word) <= _SHORT_WORD:
            found.update(super().name_words(reader, word, min(limit, _SHORT_WORD_NAMES)))
        reader.all(_LOOSE_TRIGRAMS)
        rows = reader.all(_SIMILAR_NAMES, {"word": word, "limit": SIMILAR_NAME_ROWS})
        found.update(w for row in rows for w in name_words(str(row[0])) if w[:1] == first)
        return sorted(found)[:limit]

    # --- upkeep ---

    def check(self, database: Database) -> list[str]:
        """The search and name indexes migration 0004 built, present and valid. (The server
        checks its own pages; `amcheck` needs a superuser, so it is the administrator's.)"""
        names = ", ".join(f"'{name}'" for name in _EXPECTED_INDEXES)
        with database.reader(snapshot=False) as reader:
            rows = reader.all(_INDEX_STATE.format(names=names))
        state = {str(row[0]): bool(row[1]) for row in rows}
        problems = []
        for index in _EXPECTED_INDEXES:
            if index not in state:
                problems.append(f"index {index} is missing: search or find will be slow")
            elif not state[index]:
                problems.append(f"index {index} is invalid: rebuild it with REINDEX")
        return problems

    def last_customer_id(self, connection: Connection) -> int:
        # Only the bulk loader asks, to hand out customer ids itself: no desk may take one from
        # the sequence until the load commits (reads go on), so lock first, then read.
        connection.exec_driver_sql("LOCK TABLE customer IN SHARE ROW EXCLUSIVE MODE")
        # The id sequence never gives a number twice, even one whose row was erased.
        given = connection.exec_driver_sql(
            "SELECT pg_sequence_last_value(pg_get_serial_sequence('customer', 'id')::regclass)"
        ).scalar()
        return max(super().last_customer_id(connection), int(given or 0))

    @contextmanager
    def bulk_loading(
        self, connection: Connection, *, page_cache_kib: int, keep_page_cache: bool
    ) -> Iterator[None]:
        yield
        # The loader gave customers explicit ids; move the sequence past them, or the next
        # customer a desk creates would be handed id 1 again (a duplicate key).
        connection.exec_driver_sql(
            "SELECT setval(pg_get_serial_sequence('customer', 'id'), max(id)) FROM customer "
            "HAVING max(id) IS NOT NULL"
        )

    def copy_to(self, database: Database, partial: Path) -> None:
        raise DatabaseError(
            f"{database.label} is a site server: back it up on the server with pg_dump "
            "(docs/SITE.md); `copilot backup` copies a desk's own file"
        )
