"""The service's input cleaning: trimmed, limited, masked, normalised, refused with one line."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from copilot.errors import InputError
from copilot.storage.cleaning import Cleaner, aware
from copilot.storage.schemas import IdentifierIn
from copilot.vocabulary import MAX_LONG_TEXT, MAX_SHORT_TEXT

CLEAN = Cleaner()


def test_text_is_trimmed_masked_and_stripped_of_nul_and_lone_surrogates() -> None:
    assert CLEAN.text("  kartu 4111 1111 1111 1111\x00 ", "note") == "kartu [card ****1111]"
    assert "\ud800" not in CLEAN.text("a\ud800b", "note")


def test_the_mask_is_the_one_given() -> None:
    assert Cleaner(mask=str.upper).text("siti", "note") == "SITI"


@pytest.mark.parametrize("text", ["", "   ", "\x00\x00"])
def test_empty_text_is_refused_only_when_required(text: str) -> None:
    with pytest.raises(InputError, match="the fact is empty"):
        CLEAN.text(text, "fact")
    assert CLEAN.text(text, "notes", required=False) == ""


def test_huge_text_is_refused_with_its_length() -> None:
    assert len(CLEAN.text("x" * MAX_LONG_TEXT, "note")) == MAX_LONG_TEXT
    with pytest.raises(InputError, match=f"too long \\({MAX_LONG_TEXT + 1} characters"):
        CLEAN.text("x" * (MAX_LONG_TEXT + 1), "note")


def test_names_are_one_line_and_short() -> None:
    assert CLEAN.name("  Siti \n\t Rahmawati ") == "Siti Rahmawati"
    with pytest.raises(InputError, match="the agent name is too long"):
        CLEAN.name("a" * (MAX_SHORT_TEXT + 1), "agent name")


def test_a_long_outcome_or_reference_is_cut_not_refused() -> None:
    assert CLEAN.outcome("y" * (MAX_SHORT_TEXT + 50)) == "y" * MAX_SHORT_TEXT
    assert CLEAN.reference(" " + "r" * 300 + " ") == "r" * MAX_SHORT_TEXT


def test_identifiers_are_normalised_once_each_in_order() -> None:
    pairs = CLEAN.identifiers(
        [
            IdentifierIn(kind="phone", value="0812-3456-7890"),
            IdentifierIn(kind="email", value=" Siti@Example.COM "),
            IdentifierIn(kind="phone", value="+62 812 3456 7890"),
        ]
    )
    assert pairs == [("phone", "+6281234567890"), ("email", "siti@example.com")]
    assert Cleaner(region="GB").identifiers([IdentifierIn(kind="phone", value="07911 123456")]) == [
        ("phone", "+447911123456")
    ]


@pytest.mark.parametrize("key", ["", "   ", "a b", "k" * 65, "kunci\u00e9", "a\x00"])
def test_bad_contact_keys_are_refused(key: str) -> None:
    with pytest.raises(InputError, match="contact key"):
        Cleaner.contact_key(key)


def test_a_contact_key_is_trimmed() -> None:
    assert Cleaner.contact_key("  abc123  ") == "abc123"
    assert Cleaner.contact_key("k" * 64) == "k" * 64


def test_times_need_a_timezone_and_come_back_in_utc() -> None:
    with pytest.raises(InputError, match="due_at needs a timezone"):
        aware(datetime(2025, 1, 1, 9, 0), "due_at")
    jakarta = datetime(2025, 1, 1, 9, 0, tzinfo=timezone(timedelta(hours=7)))
    assert aware(jakarta, "due_at") == datetime(2025, 1, 1, 2, 0, tzinfo=UTC)
    assert aware(jakarta, "due_at").tzinfo is UTC
