"""What analyze() remembers between calls (word caches, reused prefixes, memoised positions,
PII numbers in context) never changes a result: each fast path against the plain computation."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copilot.context.engine import Engine
from copilot.context.language import detect_industry
from copilot.context.matching import MatcherBuilder
from copilot.context.pii import find_pii
from copilot.context.pii.shapes import _npwp_spans
from copilot.context.text import Tokens

# Pieces of text that exercise every tokeniser branch: apostrophes (also in runs), letters
# repeated three times (ASCII or not), "Σ" (lower case depends on the next letter), "İ"
# (lower case is longer), emoji, digits, underscores, punctuation.
_PIECES = [
    "saya", "kecewa", "paket", "belum", "sampai", "juga", "klaim", "ditolak", "kartu",
    "diblokir", "lemot", "tidak", "puas", "don't", "wife's", "''", "'", "’", "s", "lamaaaa",
    "AAA", "ééé", "Σ", "ΑΣ", "Β", "İ", "😀", "3", "2x", "_", "-", ".", ",", "!!", "\n", " ", " ",
]  # fmt: skip
_texts = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


def _fields(tokens: Tokens) -> tuple[list[str], list[int], list[int]]:
    return tokens.words, tokens.starts, tokens.ends


@settings(max_examples=300, deadline=None)
@given(_texts, st.lists(st.tuples(st.integers(0, 200), st.integers(0, 3), _texts), max_size=6))
def test_tokens_reusing_a_previous_text_equal_tokens_from_scratch(
    text: str, edits: list[tuple[int, int, str]]
) -> None:
    # Keystroke-like edits: cut the text somewhere, drop a few characters, insert new ones.
    known: set[str] = set()
    recent: list[Tokens] = [Tokens(text, known)]
    assert _fields(recent[0]) == _fields(Tokens(text))
    for at, drop, insert in edits:
        at = min(at, len(text))
        text = text[:at] + insert + text[at + drop :]
        tokens = Tokens(text, known, recent)
        assert _fields(tokens) == _fields(Tokens(text)), text
        assert len(tokens.words) == len(tokens.spans)
        recent.insert(0, tokens)


def test_typing_a_message_character_by_character_reuses_and_matches() -> None:
    message = "Halo kak, paketnya udah 2 minggu blm sampaiii, I don't get it'''s 😡 ΑΣ.Β ΣΑΣ'Α"
    previous: tuple[Tokens, ...] = ()
    for end in range(len(message) + 1):
        tokens = Tokens(message[:end], None, previous)
        assert _fields(tokens) == _fields(Tokens(message[:end]))
        previous = (tokens,)


def test_apostrophe_runs_keep_words_and_spans_aligned() -> None:
    # Spans used to come from a different split than words when apostrophes came in runs,
    # so a signal on "kecewa" pointed at the wrong characters.
    text = "a''b saya kecewa, '''E'''arth"
    tokens = Tokens(text)
    assert tokens.words == ["ab", "saya", "kecewa", "earth"]
    assert [tokens.surface(i) for i in range(len(tokens))] == ["a''b", "saya", "kecewa", "E'''arth"]


_VOCABULARY = ["a", "b", "c", "d"]
_triggers = st.lists(
    st.lists(st.tuples(st.sampled_from(_VOCABULARY), st.booleans()), min_size=1, max_size=4).map(
        # (word, whether "..." comes before it); never before the first word
        lambda steps: " ".join(
            f"... {word}" if gap and k else word for k, (word, gap) in enumerate(steps)
        )
    ),
    min_size=1,
    max_size=12,
)


def _reference(triggers: list[str], words: list[str]) -> list[tuple[int, tuple[int, ...]]]:
    """Each trigger's earliest match per start, nearest word first: the plain definition."""
    parsed = []
    for trigger in triggers:
        steps: list[tuple[str, int]] = []
        gap = 0
        for token in trigger.split():
            if token == "...":
                gap = 3
            else:
                steps.append((token, gap))
                gap = 0
        parsed.append(steps)

    def rest(steps: list[tuple[str, int]], k: int, at: int) -> list[int] | None:
        word, gap = steps[k]
        for j in range(at + 1, min(at + 2 + gap, len(words))):
            if words[j] == word:
                if k + 1 == len(steps):
                    return [j]
                more = rest(steps, k + 1, j)
                if more is not None:
                    return [j, *more]
        return None

    found = []
    for i, word in enumerate(words):
        for index, steps in enumerate(parsed):
            if steps[0][0] != word:
                continue
            tail = rest(steps, 1, i) if len(steps) > 1 else []
            if tail is not None:
                found.append((index, (i, *tail)))
    return found


@settings(max_examples=200, deadline=None)
@given(_triggers, st.lists(st.lists(st.sampled_from([*_VOCABULARY, "x"]), max_size=30), max_size=5))
def test_memoised_matcher_finds_what_the_plain_definition_finds(
    triggers: list[str], texts: list[list[str]]
) -> None:
    builder = MatcherBuilder()
    for index, trigger in enumerate(triggers):
        builder.add(trigger, index, group=1 << (index % 2))
    matcher = builder.build()
    for words in texts * 2:  # the second round answers from the memos
        expected = _reference(triggers, words)
        assert [(h.key, h.positions) for h in matcher.find(words)] == expected
        odd = [(k, p) for k, p in expected if k % 2 == 1]
        assert [(h.key, h.positions) for h in matcher.find(words, groups=2)] == odd


_NPWP_RE = re.compile(r"\d{2}\.\d{3}\.\d{3}\.\d[-.]\d{3}\.\d{3}")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789.-x ", max_size=80))
def test_npwp_search_from_the_dot_finds_what_finditer_finds(text: str) -> None:
    assert _npwp_spans(text) == [m.span() for m in _NPWP_RE.finditer(text)]


_PII_PIECES = [
    "otp", "OTP", "cvv", "kode keamanan", "rek", "NIK", "npwp", "order", "resi", "Rp", "hp",
    "+62", "(021)", "0812-3456-7890", "4111 1111 1111 1111", "1234", "3201011203900001",
    "01.234.567.8-901.000", "a@b.co", "paspor", "A1234567", "İ", "2024-05-01", " ", " ", ":",
    ".",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PII_PIECES), max_size=25).map("".join), max_size=4))
def test_pii_with_a_cache_finds_what_it_finds_without(texts: list[str]) -> None:
    cache: dict = {}
    for text in texts * 2:
        assert find_pii(text, cache=cache) == find_pii(text)


@pytest.fixture(scope="module")
def cold_engine() -> Engine:
    return Engine()


_MESSAGE_PIECES = [
    *_PIECES,
    "udah 3x saya call", "for the third time", "I want to speak to a manager", "internetnya",
    "asuransi", "transaksi", "yang tidak saya kenal", "0812-3456-7890", "4111 1111 1111 1111",
    "Mohon maaf atas ketidaknyamanannya.", "Please provide your card number and OTP",
]  # fmt: skip
_messages = st.lists(st.sampled_from(_MESSAGE_PIECES), max_size=30).map(" ".join)


@settings(max_examples=40, deadline=None)
@given(
    _messages, st.lists(st.tuples(st.integers(0, 400), st.integers(0, 5), _messages), max_size=4)
)
def test_a_warm_engine_answers_as_a_cold_one(
    engine: Engine, cold_engine: Engine, text: str, edits: list[tuple[int, int, str]]
) -> None:
    customer = text
    for at, drop, insert in [(0, 0, ""), *edits]:
        text = text[: min(at, len(text))] + insert + text[min(at, len(text)) + drop :]
        warm = engine.analyze(text).to_dict()
        warm_agent = engine.analyze(text, role="agent", customer_text=customer).to_dict()
        cold_engine.clear_caches()
        assert warm == cold_engine.analyze(text).to_dict()
        cold_engine.clear_caches()
        cold_agent = cold_engine.analyze(text, role="agent", customer_text=customer)
        assert warm_agent == cold_agent.to_dict()


def test_industry_ties_go_to_the_alphabetically_first() -> None:
    assert detect_industry({"telecom": 2.0, "finance": 2.0, "general": 5.0}) == "finance"
    assert detect_industry({"telecom": 3.0, "finance": 2.0}) == "telecom"
    assert detect_industry({"health": 0.0, "general": 4.0}) == "general"
    assert detect_industry({}) == "general"


def test_pii_cache_tells_apart_numbers_whose_context_differs_far_from_them() -> None:
    cache: dict = {}
    far_otp, no_otp = "x 1234 yang ini otp", "x 1234 yang ini abc"
    assert [m.kind for m in find_pii(far_otp, cache=cache)] == ["otp"]
    assert find_pii(no_otp, cache=cache) == ()
    assert [m.kind for m in find_pii(far_otp, cache=cache)] == ["otp"]


@pytest.mark.parametrize("number", ["1234", "+1234"])
def test_pii_cache_reads_as_far_back_as_the_checks_do(number: str) -> None:
    # The context window starts exactly at "otp" (32 characters before the number, "+"
    # included); "ztp" differs from it only in that first character.
    gap = " " * (32 - 3)
    cache: dict = {}
    assert [m.kind for m in find_pii("otp" + gap + number, cache=cache)] == ["otp"]
    assert find_pii("ztp" + gap + number, cache=cache) == ()
