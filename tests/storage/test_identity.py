"""Identifier normalisation: the same customer typed in any common format is one identifier."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copilot.errors import InputError
from copilot.storage.identity import _parse_phone, guess_kinds, indonesian_e164, normalise
from copilot.storage.schemas import IdentifierKind

PHONE = IdentifierKind.phone


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("0812-3456-7890", "+6281234567890"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),
        ("+62-812-3456-7890", "+6281234567890"),
        ("0812 3456 7890", "+6281234567890"),
        ("(0812) 3456.7890", "+6281234567890"),
        ("  081234567890  ", "+6281234567890"),
        ("(021) 555-1234", "+62215551234"),
        ("021 5551234", "+62215551234"),
        ("+62 21 555 1234", "+62215551234"),
        ("+62 0812 3456 7890", "+6281234567890"),  # the trunk 0 kept after the country code
        ("+62(0)812-3456-7890", "+6281234567890"),
        ("62-0812-3456-7890", "+6281234567890"),
        ("+1 650 253 0000", "+16502530000"),
        ("0044 20 7946 0958", "+442079460958"),
    ],
)
def test_phones_in_every_common_format_become_one_e164_number(typed: str, expected: str) -> None:
    assert normalise(PHONE, typed, "ID") == expected


def test_default_region_decides_numbers_without_a_country_code() -> None:
    assert normalise(PHONE, "0917 123 4567", "PH") == "+639171234567"
    assert normalise(PHONE, "0917 123 4567", "ph") == "+639171234567"


@pytest.mark.parametrize(
    "typed", ["12345", "0812", "call me", "0812-3456-7890 ext", "++62", "-", "62 abc", "+999 1234"]
)
def test_invalid_phone_is_an_input_error_naming_the_value(typed: str) -> None:
    with pytest.raises(InputError) as caught:
        normalise(PHONE, typed, "ID")
    assert typed.strip()[:20] in str(caught.value)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("  Budi.Santoso@Example.COM ", "budi.santoso@example.com"),
        ("mailto:Ani@Mail.co.id", "ani@mail.co.id"),
        ("<siti@contoh.id>", "siti@contoh.id"),
        ("STRASSE@EXAMPLE.DE", "strasse@example.de"),
    ],
)
def test_emails_are_trimmed_and_case_folded(typed: str, expected: str) -> None:
    assert normalise(IdentifierKind.email, typed) == expected


@pytest.mark.parametrize(
    "typed",
    ["budi", "budi@", "@example.com", "budi@example", "a b@example.com", "a@@b.com", "a@b..com"],
)
def test_malformed_email_is_an_input_error(typed: str) -> None:
    with pytest.raises(InputError, match="not an email address"):
        normalise(IdentifierKind.email, typed)


@pytest.mark.parametrize(
    ("kind", "typed", "expected"),
    [
        (IdentifierKind.account, "pol-1234 5678", "POL12345678"),
        (IdentifierKind.account, "AWB 0012–3344", "AWB00123344"),  # an en dash from a PDF
        (IdentifierKind.ticket, " zd-88812 ", "ZD88812"),
        (IdentifierKind.other, "mbr 77-1", "MBR771"),
        (IdentifierKind.national_id, "3174 0123 4567 0001", "3174012345670001"),
        (IdentifierKind.national_id, "3174.0123.4567.0001", "3174012345670001"),
    ],
)
def test_account_like_numbers_lose_spaces_and_dashes(
    kind: IdentifierKind, typed: str, expected: str
) -> None:
    assert normalise(kind, typed) == expected


@pytest.mark.parametrize("typed", ["", "   ", "\t\n"])
@pytest.mark.parametrize("kind", list(IdentifierKind))
def test_empty_identifier_is_rejected(kind: IdentifierKind, typed: str) -> None:
    with pytest.raises(InputError, match="empty"):
        normalise(kind, typed)


def test_separators_only_and_huge_values_are_rejected() -> None:
    with pytest.raises(InputError):
        normalise(IdentifierKind.account, " - - ")
    with pytest.raises(InputError):
        normalise(IdentifierKind.national_id, "abc")
    with pytest.raises(InputError, match="too long"):
        normalise(IdentifierKind.account, "A" * 1000)


def test_unknown_kind_is_rejected() -> None:
    with pytest.raises(InputError, match="unknown identifier kind"):
        normalise("passport_number", "X123")


@given(st.sampled_from(list(IdentifierKind)), st.text(max_size=60))
def test_normalise_either_returns_text_or_raises_input_error(
    kind: IdentifierKind, typed: str
) -> None:
    try:
        result = normalise(kind, typed)
    except InputError:
        return
    assert result and result == result.strip()
    # Idempotent: a stored value looked up again is the same value.
    assert normalise(kind, result) == result


def test_guess_a_phone_query() -> None:
    guess = guess_kinds("0812-3456-7890")
    assert (IdentifierKind.phone, "+6281234567890") in guess.identifiers
    assert guess.name is None


def test_guess_an_email_query_is_only_an_email() -> None:
    guess = guess_kinds(" Budi@Example.com ")
    assert guess.identifiers == ((IdentifierKind.email, "budi@example.com"),)
    assert guess.name is None


def test_guess_a_policy_number_and_a_name() -> None:
    policy = guess_kinds("pol-1234")
    assert (IdentifierKind.account, "POL1234") in policy.identifiers
    name = guess_kinds("Budi Santoso")
    assert name.name == "Budi Santoso"


@given(st.text(max_size=400))
def test_guess_never_raises(query: str) -> None:
    guess = guess_kinds(query)
    for kind, value in guess.identifiers:
        assert isinstance(kind, IdentifierKind) and value


# --- the fast path for Indonesian numbers ----------------------------------------------------

# National numbers that start the way real ones do (mobile, Jakarta, other areas, toll-free,
# premium, shared cost, UAN) plus any leading digit, so valid and invalid numbers both occur.
# fmt: off
_LEADS = [
    "81", "82", "83", "85", "87", "88", "89", "84", "86", "80", "21", "22", "24", "31", "61",
    "619", "177", "800", "804", "809", "1500", "8071", "62", "620", "1", "2", "3", "4", "5",
    "6", "7", "8", "9", "0", "00",
]
# fmt: on


@st.composite
def _indonesian_shaped(draw: st.DrawFn) -> str:
    if draw(st.booleans()):
        # The shapes the fast path takes, at the lengths real numbers have.
        prefix = draw(st.sampled_from(["0", "+62", "62"]))
        tail = st.text("0123456789", min_size=5, max_size=10)
    else:
        prefix = draw(st.sampled_from(["0", "+62", "62", "+620", "620", "00", "+", ""]))
        tail = st.text("0123456789", max_size=14)
    digits = draw(st.sampled_from(_LEADS)) + draw(tail)
    text = prefix + digits
    # Separators where an agent (or a PDF) might put them: anywhere, any number.
    out = []
    for ch in text:
        out.append(draw(st.text(" -.()", max_size=2)))
        out.append(ch)
    out.append(draw(st.text(" -.()", max_size=2)))
    return "".join(out)


@settings(max_examples=500)
@given(_indonesian_shaped())
def test_fast_indonesian_path_gives_exactly_what_phonenumbers_gives(typed: str) -> None:
    fast = indonesian_e164(typed)
    try:
        slow: str | None = _parse_phone(typed.strip(), "ID")
    except InputError:
        slow = None
    if fast is not None:
        assert fast == slow
    # The public function agrees with the parser whichever path it took.
    if slow is None:
        with pytest.raises(InputError):
            normalise(PHONE, typed, "ID")
    else:
        assert normalise(PHONE, typed, "ID") == slow


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("0812-3456-7890", "+6281234567890"),
        ("0812 3456 7890", "+6281234567890"),
        ("0812.3456.7890", "+6281234567890"),
        ("(0812) 3456-7890", "+6281234567890"),
        ("+62 812-3456-7890", "+6281234567890"),
        ("+62 (812) 3456 7890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),
        ("(021) 555-1234", "+62215551234"),
        ("0800 1234567", "+628001234567"),
    ],
)
def test_common_indonesian_shapes_take_the_fast_path(typed: str, expected: str) -> None:
    assert indonesian_e164(typed) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "+62 0812 3456 7890",  # trunk 0 after the country code: the parser decides
        "62215551234",  # also a valid national number starting 62: "+6262215551234"
        "+1 650 253 0000",
        "0044 20 7946 0958",
        "0812\u20133456\u20137890",  # a dash from a PDF
        "0812/3456",
        "0812",
        "081234567890123456789",
    ],
)
def test_other_shapes_are_left_to_phonenumbers(typed: str) -> None:
    assert indonesian_e164(typed) is None


def _guess_by_normalise(query: str) -> tuple[tuple[IdentifierKind, str], ...]:
    """The definition guess_kinds must keep: normalise() for every kind the query could be."""
    text = query.strip()
    if not text or len(text) > 320:
        return ()
    kinds = [IdentifierKind.email] if "@" in text else []
    if not kinds:
        if any(ch.isdigit() for ch in text) and re.fullmatch(r"[\d\s+\-().\u2010-\u2015/]+", text):
            kinds += [IdentifierKind.phone, IdentifierKind.national_id]
        kinds += [IdentifierKind.account, IdentifierKind.ticket, IdentifierKind.other]
    found = []
    for kind in kinds:
        try:
            found.append((kind, normalise(kind, text)))
        except InputError:
            continue
    return tuple(found)


def _queries() -> st.SearchStrategy[str]:
    """What agents type into find: anything, Indonesian numbers, number-like text, too long."""
    return st.one_of(
        st.text(max_size=40),
        _indonesian_shaped(),
        st.text("0123456789 +-().@abcXYZ/\u2013", max_size=30),
        st.just("x" * 321),
    )


@settings(max_examples=300)
@given(_queries())
def test_guess_kinds_is_normalise_for_every_possible_kind(query: str) -> None:
    assert guess_kinds(query).identifiers == _guess_by_normalise(query)


@settings(max_examples=300)
@given(_queries())
def test_unvalidated_lookup_readings_add_only_impossible_phones(query: str) -> None:
    # find() skips phonenumbers' validity check; that may add a phone reading, never lose
    # or change one, and what it adds is no valid number (so no stored identifier matches).
    checked = guess_kinds(query).identifiers
    quick = guess_kinds(query, validate=False).identifiers
    assert set(checked) <= set(quick)
    for kind, value in set(quick) - set(checked):
        assert kind is IdentifierKind.phone
        with pytest.raises(InputError):
            normalise(IdentifierKind.phone, value)
    assert guess_kinds(query, validate=False).name == guess_kinds(query).name
