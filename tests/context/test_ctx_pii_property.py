"""Masking as a property: no Luhn-valid card number survives, whatever its form; masking twice
changes nothing."""

from __future__ import annotations

from card_check import luhn, surviving_cards
from hypothesis import given, settings
from hypothesis import strategies as st

from copilot.context.pii import mask_payment_secrets, redact

# Generated cases per property test (see the report of the masking work in BENCHMARKS.md).
CASES = 400


def test_the_checker_finds_what_it_should() -> None:
    assert surviving_cards("x4111.1111\u00a01111-1111y") == ["4111111111111111"]
    assert surviving_cards("\uff14" + "\uff11" * 15) == ["4111111111111111"]
    assert "4111111111111111" in surviving_cards("12 4111 1111 1111 1111 2")
    assert surviving_cards("4111..1111.1111.1111") == []
    assert surviving_cards("[card ****1111] 4111 1111 1111 1112") == []


# --- Generators ------------------------------------------------------------------------------


@st.composite
def card_numbers(draw: st.DrawFn) -> str:
    """A Luhn-valid 13-19 digit number that does not start with 0."""
    length = draw(st.integers(13, 19))
    rest = draw(st.lists(st.integers(0, 9), min_size=length - 2, max_size=length - 2))
    body = "".join(map(str, [draw(st.integers(1, 9)), *rest]))
    return next(body + str(check) for check in range(10) if luhn(body + str(check)))


# Zero of each decimal digit script the generator uses: ASCII, full-width, Arabic-Indic,
# Extended Arabic-Indic, Devanagari, Bengali, Thai, Mathematical bold, Myanmar.
_ZEROS = [0x30, 0xFF10, 0x660, 0x6F0, 0x966, 0x9E6, 0xE50, 0x1D7CE, 0x1040]
_SEPARATOR_CHOICES = [
    "", " ", "\u00a0", "\u2009", "\u202f", ".", "-", "/", "\u2013", "\uff0e", "\u200b", ","
]  # fmt: skip
_PREFIXES = [
    "", "card", "kartu ", "Rp", "Rp ", "Rp. ", "order ", "order", "#", "no.", "No. ", "nomor ",
    "cc:", "visa ", "resi ", "AWB", "INV-", "+", "x", "tolong cek ", "my card is ", "NIK ",
    "rek ", "otp ", "(", "\"", "'", "[", "*", "abc",
]  # fmt: skip
_SUFFIXES = ["", " ya", "ok", ".", ",", ")", "!", " kak", "\n", " 2 kali", "-01", "]", "x"]
_WORDS = st.sampled_from(
    [
        "halo", "kak", "tolong", "dicek", "kartu", "saya", "card", "number", "please", "cvv",
        "otp", "Rp", "1.500.000", "order", "resi", "hp", "0812-3456-7890", "2024-05-01", "3x",
        "10:30", "[card ****1111]", "[cvv]", "[otp]", "pin", "password:", "ok", "123", "4567",
        "İ", "\u00a0", "—", "@", "a@b.co", "", "no.", "NIK", "3201234508900001", "#",
    ]
)  # fmt: skip
_TEXT = st.lists(st.one_of(_WORDS, st.text(max_size=6)), max_size=8).map(" ".join)


@st.composite
def hostile_texts(draw: st.DrawFn) -> tuple[str, str]:
    """Text around one card number written in a generated way; and the number."""
    number = draw(card_numbers())
    zeros = draw(st.lists(st.sampled_from(_ZEROS), min_size=1, max_size=3))
    separators = draw(st.lists(st.sampled_from(_SEPARATOR_CHOICES), min_size=1, max_size=3))
    written = ""
    for i, digit in enumerate(number):
        if i:
            written += draw(st.sampled_from(separators))
        written += chr(draw(st.sampled_from(zeros)) + int(digit))
    before = draw(_TEXT) + draw(st.sampled_from(["", " ", "\n"]))
    after = draw(st.sampled_from(["", " ", "\n"])) + draw(_TEXT)
    text = before + draw(st.sampled_from(_PREFIXES)) + written + draw(st.sampled_from(_SUFFIXES))
    return text + after, number


@settings(max_examples=CASES, deadline=None)
@given(hostile_texts())
def test_no_card_number_survives_masking(case: tuple[str, str]) -> None:
    text, number = case
    masked = mask_payment_secrets(text)
    assert surviving_cards(masked) == [], (text, masked)
    # Digits glued on without a separator make another, longer number; otherwise the card
    # was there to mask.
    assert number not in surviving_cards(text) or "[card ****" in masked
    redacted = redact(text).text
    assert surviving_cards(redacted) == [], (text, redacted)


@settings(max_examples=CASES, deadline=None)
@given(st.one_of(hostile_texts().map(lambda case: case[0]), _TEXT, st.text(max_size=80)))
def test_masking_twice_changes_nothing(text: str) -> None:
    once = mask_payment_secrets(text)
    assert mask_payment_secrets(once) == once
    redacted = redact(text)
    assert redact(redacted.text).text == redacted.text
    # Masked output is input too: masking what is already masked changes nothing.
    assert mask_payment_secrets(redacted.text) == redacted.text


@settings(max_examples=CASES, deadline=None)
@given(st.one_of(hostile_texts().map(lambda case: case[0]), _TEXT))
def test_redaction_spans_rebuild_the_redacted_text(text: str) -> None:
    result = redact(text)
    rebuilt, pos = "", 0
    for match in result.matches:
        assert pos <= match.start < match.end <= len(text)
        rebuilt += text[pos : match.start] + match.replacement
        pos = match.end
    assert rebuilt + text[pos:] == result.text
