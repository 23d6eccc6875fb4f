"""DraftService: the reply an agent is typing, per customer, kept in the encrypted store."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlmodel import Session, col, select

from copilot.context.pii import mask_payment_secrets
from copilot.storage.db import Database
from copilot.storage.models import Customer, Draft, as_utc, utc_now
from copilot.vocabulary import MAX_LONG_TEXT

log = logging.getLogger(__name__)

# How drafts were kept before they moved into the store: `<data folder>/drafts/<id>.txt`.
UNASSIGNED_FILE = "unassigned"  # the file of the draft typed before a customer was chosen


class DraftService:
    """Get, save and clear drafts; `customer_id=None` is the draft typed before a customer
    was chosen.

    Card numbers, CVVs and OTPs are masked before a draft is written, as for every other
    free-text field; the rest is the agent's own text and is kept as typed (whitespace too).
    Each call is one transaction; callers that write from several threads order their
    writes themselves (the panel's draft controller does).
    """

    def __init__(
        self,
        database: Database,
        *,
        clock: Callable[[], datetime] = utc_now,
        mask: Callable[[str], str] = mask_payment_secrets,
    ) -> None:
        self._db = database
        self._clock = clock
        self._mask = mask

    def get(self, customer_id: int | None) -> str:
        """The saved draft, or "" when there is none."""
        with self._db.session() as session:
            draft = _find(session, customer_id)
            return draft.text if draft is not None else ""

    def save(self, customer_id: int | None, text: str) -> None:
        """Keep `text` as the draft (an empty or blank text clears it).

        A draft for a customer who no longer exists (erased while the agent typed) is
        dropped: nothing of an erased customer may be written back.
        """
        safe = self._safe(text)
        if not safe.strip():
            self.clear(customer_id)
            return
        with self._db.write() as session:
            if customer_id is not None and session.get(Customer, customer_id) is None:
                return
            self._put(session, customer_id, safe)

    def clear(self, customer_id: int | None) -> None:
        with self._db.write() as session:
            draft = _find(session, customer_id)
            if draft is not None:
                session.delete(draft)

    def import_files(self, folder: Path) -> int:
        """Move drafts kept as plain files (`<id>.txt`, `unassigned.txt`) into the store.

        Masked on the way in; every file is deleted afterwards, also those of customers who
        no longer exist and half-written temporary files, so no plain text stays on disk. A
        draft already in the store wins over its file (an import interrupted after its commit
        and before the deletes). Returns how many drafts were imported.
        """
        if not folder.is_dir():
            return 0
        files = _draft_files(folder)
        # Half-written files of a write that crashed: plain text too.
        leftovers = sorted(folder.glob(".draft-*.tmp"))
        if not files and not leftovers:
            return 0
        imported = 0
        with self._db.write() as session:
            for path, customer_id in files:
                if customer_id is not None and session.get(Customer, customer_id) is None:
                    continue
                if _find(session, customer_id) is not None:
                    continue
                try:
                    with path.open(encoding="utf-8", errors="replace") as handle:
                        # Enough for any draft after masking (which at most halves a secret);
                        # what lies beyond is cut by `_safe` anyway.
                        text = handle.read(4 * MAX_LONG_TEXT)
                except OSError as exc:
                    log.warning("draft file %s unreadable: %s", path.name, exc)
                    continue
                safe = self._safe(text)
                if safe.strip():
                    self._put(session, customer_id, safe)
                    imported += 1
        # Only after the commit: a crash before this point leaves the files for the next run.
        for path in [*(path for path, _ in files), *leftovers]:
            try:
                path.unlink(missing_ok=True)
            except OSError as exc:
                log.warning("draft file %s could not be deleted: %s", path.name, exc)
        with contextlib.suppress(OSError):
            folder.rmdir()  # only when empty
        return imported

    def _safe(self, text: str) -> str:
        # Masked before cut: cutting first could split a card number into an unmasked part.
        return self._mask(text)[:MAX_LONG_TEXT] if text else ""

    def _put(self, session: Session, customer_id: int | None, text: str) -> None:
        now = as_utc(self._clock())
        draft = _find(session, customer_id)
        if draft is None:
            draft = Draft(customer_id=customer_id, text=text, updated_at=now)
        else:
            draft.text = text
            draft.updated_at = now
        session.add(draft)


def _find(session: Session, customer_id: int | None) -> Draft | None:
    # `IS NULL` for the unassigned draft: the unique index lets NULLs repeat, so this service
    # keeps that one row itself (always inside a write transaction, so never twice).
    column = col(Draft.customer_id)
    condition = column.is_(None) if customer_id is None else column == customer_id
    return session.exec(select(Draft).where(condition).order_by(col(Draft.id))).first()


def _draft_files(folder: Path) -> list[tuple[Path, int | None]]:
    """The draft files in `folder` with their customer (None: unassigned); other files in
    the folder are not ours and are left alone."""
    found: list[tuple[Path, int | None]] = []
    for path in sorted(folder.glob("*.txt")):
        if path.stem == UNASSIGNED_FILE:
            found.append((path, None))
        elif path.stem.isascii() and path.stem.isdigit():
            found.append((path, int(path.stem)))
    return found
