"""Trigger syntax and the word matcher: alternatives, prefixes, suffixes, gaps, normalisation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copilot.context.matching import MatcherBuilder, TriggerSyntaxError, parse_trigger
from copilot.context.text import Tokens


def fires(trigger: str, text: str) -> bool:
    builder = MatcherBuilder()
    builder.add(trigger, "t", allow_classes=True)
    return bool(builder.build().find(Tokens(text).words))


@pytest.mark.parametrize(
    ("trigger", "text", "expected"),
    [
        ("klaim ditolak", "Klaim saya DITOLAK!", False),  # "saya" sits between: no gap allowed
        ("klaim ditolak", "klaim ditolak kemarin", True),
        ("klaim ... ditolak", "klaim saya kemarin ditolak", True),
        ("klaim ... ditolak", "klaim saya sudah dari kemarin ditolak", False),  # 4 words apart
        ("tolak*", "pengajuan tolakan", True),
        ("tolak*", "ditolak", False),
        ("*tolak", "ditolak", True),
        ("*tolak", "tolak", True),
        ("*tolak", "tolakan", False),
        ("gak|nggak|tidak cair", "dana nggak cair", True),
        ("gak|nggak|tidak cair", "dana belum cair", False),
        ("lama", "lamaaaa banget", True),  # letters repeated 3+ times are squashed
        ("dont", "I don't know", True),  # apostrophes are dropped
        ("e-ktp", "foto e-KTP saya", True),  # hyphenated words split on both sides
        ("<num> kali", "sudah 3 kali", True),
        ("<num> kali", "sudah dua kali", False),
        ("2x|3x call", "udah 3x call", True),
    ],
)
def test_trigger_semantics(trigger: str, text: str, expected: bool) -> None:
    assert fires(trigger, text) is expected


@pytest.mark.parametrize(
    ("trigger", "problem"),
    [
        ("", "empty trigger"),
        ("... klaim", "between two words"),
        ("klaim ...", "between two words"),
        ("klaim ... ... ditolak", "two '...' in a row"),
        ("klaim|", "empty alternative"),
        ("kla(im|x)", "one word"),
        ("(a+)+$", "one word"),
        ("*tolak*", "both ends"),
        ("a.*b", "one word"),
        ("<num> kali", "only allowed in tone files"),
        (" ".join(["w"] * 13), "more than 12 words"),
    ],
)
def test_bad_triggers_are_rejected_with_a_reason(trigger: str, problem: str) -> None:
    with pytest.raises(TriggerSyntaxError, match=problem.replace("(", r"\(").replace("'", "'")):
        parse_trigger(trigger)


def test_tokens_keep_offsets_into_the_original_text() -> None:
    text = "Halo KAK, paket sayaaaa blm sampai 😡 — İstanbul"
    tokens = Tokens(text)
    assert tokens.words[:6] == ["halo", "kak", "paket", "saya", "blm", "sampai"]
    for index, (start, end) in enumerate(tokens.spans):
        assert tokens.surface(index) == text[start:end]
    assert tokens.surface(3) == "sayaaaa"


def test_the_same_word_is_classified_once_and_cached() -> None:
    builder = MatcherBuilder()
    builder.add("ditolak*", "a")
    matcher = builder.build()
    assert len(matcher.find(["ditolaknya", "lagi", "ditolaknya"])) == 2
    assert "ditolaknya" in matcher._cache


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_matching_never_crashes_on_any_text(text: str) -> None:
    builder = MatcherBuilder()
    for trigger in ("a ... b", "*x", "y*", "<num> kali", "tidak|gak puas"):
        builder.add(trigger, trigger, allow_classes=True)
    tokens = Tokens(text)
    for hit in builder.build().find(tokens.words):
        assert list(hit.positions) == sorted(hit.positions)
        assert all(0 <= p < len(tokens) for p in hit.positions)
    assert len(tokens.spans) == len(tokens.words)
