"""The Indonesian interface reads as an Indonesian contact-centre agent would say it.

Every entry of resources/i18n/copilot_id.ts is translated, and the words docs/GLOSSARY.md
rules out (a bank's terms for a promise or a wrap-up, a programmer's "Galat") never come back.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

import pytest

TS = Path(__file__).resolve().parents[1] / "resources" / "i18n" / "copilot_id.ts"
GLOSSARY = Path(__file__).resolve().parents[1] / "docs" / "GLOSSARY.md"

# (a bad Indonesian term, why) — each one found in the interface once, and fixed.
BAD_TERMS = [
    (r"\bGalat\b", "programmer's word; an agent says Kesalahan"),
    (r"\bPenutupan\b", "reads as an account closure in banking; Wrap-up is Rekap panggilan"),
    (r"\bjatuh tempo\b", "a bill's due date; a promise has a batas waktu"),
    (r"\bTenggat\b", "formal; a promise has a batas waktu"),
    (r"\bTampilkan lagi\b", "reads as 'show again'; Show more is Tampilkan lebih banyak"),
    (r"\bTempel ke\b", "clashes with Tempel & cari (paste); docking is Letakkan panel di"),
]

# English words that stay as they are in an Indonesian contact centre.
# "Team leader" is the floor's own word in Indonesian too (docs/GLOSSARY.md).
KEPT_AS_IS = {"Copilot", "Status", "Chat", "Email", "WhatsApp", "Team leader"}

# Sources that may share one translation because they mean the same thing.
SAME_MEANING = [
    {"details", "more"},
    {"dismiss error", "dismiss the error message"},
    {"new facts", "new fact"},
    {"{n}st", "{n}nd", "{n}rd", "{n}th"},
]


def _entries() -> list[tuple[str, str, str, str | None]]:
    """(context, source, translation, translation type) for every message."""
    rows = []
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            rows.append(
                (
                    name,
                    message.findtext("source") or "",
                    translation.text or "",
                    translation.get("type"),
                )
            )
    return rows


def _translation(context: str, source: str) -> str:
    found = [t for c, s, t, _ in _entries() if c == context and s == source]
    assert found, f"{context}: {source!r} is not in the .ts file"
    return found[0]


def test_every_entry_is_translated() -> None:
    entries = _entries()
    assert len(entries) > 200
    for context, source, translation, kind in entries:
        assert kind not in ("unfinished", "vanished", "obsolete"), (context, source)
        assert translation.strip(), (context, source)
        words = re.sub(r"\{\w+\}", "", source)
        if source == translation and any(ch.isalpha() for ch in words):
            assert source in KEPT_AS_IS, f"{context}: {source!r} is left in English"


@pytest.mark.parametrize(("pattern", "why"), BAD_TERMS, ids=[p for p, _ in BAD_TERMS])
def test_no_bad_term_comes_back(pattern: str, why: str) -> None:
    bad = [(c, t) for c, _s, t, _ in _entries() if re.search(pattern, t, re.IGNORECASE)]
    assert not bad, f"{why}: {bad}"


def test_dismiss_is_abaikan_not_tutup() -> None:
    for context, source, translation, _ in _entries():
        if source.startswith("Dismiss"):
            assert "Abaikan" in translation and "Tutup" not in translation, (context, source)


def test_done_and_resolved_are_different_words() -> None:
    done = _translation("CommitmentRow", "Done")
    resolved = _translation("WrapUpWidget", "Resolved")
    assert done != resolved
    assert "Selesai" not in (done, resolved)  # the one word that used to mean both


def test_one_translation_never_stands_for_two_meanings() -> None:
    sources_by_translation: dict[str, set[str]] = defaultdict(set)
    for _c, source, translation, _ in _entries():
        sources_by_translation[translation.casefold()].add(source.casefold())
    for translation, sources in sources_by_translation.items():
        if len(sources) > 1:
            assert any(sources <= same for same in SAME_MEANING), (translation, sources)


def test_wrap_up_show_more_and_saved_read_as_agents_say_them() -> None:
    assert _translation("WrapUpWidget", "Wrap-up") == "Rekap panggilan"
    assert _translation("StoryWidget", "Show more") == "Tampilkan lebih banyak"
    assert _translation("CommitmentRow", "due {due}") == "batas waktu {due}"
    saved = _translation("WrapUpWidget", "Saved — {ordinal} contact in 7 days")
    assert saved.startswith("Tersimpan") and "{ordinal}" in saved


def test_the_glossary_names_every_bad_term() -> None:
    glossary = GLOSSARY.read_text(encoding="utf-8")
    for pattern, _why in BAD_TERMS:
        term = pattern.replace(r"\b", "")
        assert term in glossary, f"docs/GLOSSARY.md does not explain {term!r}"
