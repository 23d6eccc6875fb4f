"""PII detection: each kind found and masked, look-alikes left alone, hostile input survives."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copilot.context.pii import PII_KINDS, find_pii, mask_payment_secrets, redact


def kinds(text: str) -> list[str]:
    return [m.kind for m in redact(text).matches]


@pytest.mark.parametrize(
    ("text", "kind", "secret"),
    [
        ("kartu saya 4111 1111 1111 1111 ya", "card_number", "4111 1111 1111 1111"),
        ("card 5500-0000-0000-0004 please", "card_number", "5500-0000-0000-0004"),
        ("amex 378282246310005", "card_number", "378282246310005"),
        ("cvv 123", "cvv", "123"),
        ("CVC: 9876", "cvv", "9876"),
        ("3 angka di belakang kartu: 456", "cvv", "456"),
        ("kode OTP nya 123456 mas", "otp", "123456"),
        ("482913 adalah kode OTP Anda", "otp", "482913"),
        ("my verification code is 7731", "otp", "7731"),
        ("kode verifikasi 55 21 90", "otp", "55 21 90"),
        ("PIN ATM saya 123456", "otp", "123456"),
        ("NIK 3201234508900001 atas nama Budi", "national_id", "3201234508900001"),
        ("3174015508900002", "national_id", "3174015508900002"),
        ("npwp 01.234.567.8-901.000", "tax_id", "01.234.567.8-901.000"),
        ("NPWP saya 012345678901000", "tax_id", "012345678901000"),
        ("hp 0812-3456-7890", "phone", "0812-3456-7890"),
        ("call me on +62 812 3456 7890", "phone", "+62 812 3456 7890"),
        ("kantor (021) 555-1234", "phone", "(021) 555-1234"),
        ("UK +44 20 7946 0958", "phone", "+44 20 7946 0958"),
        ("wa 6281234567890", "phone", "6281234567890"),
        ("email budi.santoso@gmail.com ya", "email", "budi.santoso@gmail.com"),
        ("Mail: A.User+tag@sub.example.co.id.", "email", "A.User+tag@sub.example.co.id"),
        ("no rek 1234567890 BCA", "bank_account", "1234567890"),
        ("account no. 0012-3456-789", "bank_account", "0012-3456-789"),
        ("paspor B1234567", "passport", "B1234567"),
        ("my passport number is X9876543", "passport", "X9876543"),
    ],
)
def test_each_kind_is_found_with_its_exact_span_and_masked(
    text: str, kind: str, secret: str
) -> None:
    result = redact(text)
    assert [m.kind for m in result.matches] == [kind]
    match = result.matches[0]
    assert text[match.start : match.end] == secret
    assert secret not in result.text
    assert kind in PII_KINDS


def test_card_keeps_only_last_four_digits() -> None:
    masked = mask_payment_secrets("tolong cek kartu 4111 1111 1105 1234 ya")
    assert "4111" not in masked.replace("****1234", "")
    assert "1234" in masked
    assert masked == "tolong cek kartu [card ****1234] ya"


def test_card_followed_by_another_number_is_still_found() -> None:
    assert (
        mask_payment_secrets("4111 1111 1111 1111 2 kali gagal") == "[card ****1111] 2 kali gagal"
    )


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("my password is Hunter2!x", "Hunter2!x"),
        ("kata sandi saya: rahasia", "rahasia"),
        ("password saya rahasia123", "rahasia123"),
        ("passwordnya abc12345 ya", "abc12345"),
        ("pwd=qwerty", "qwerty"),
        ("Password baru adalah kucingku", "kucingku"),
    ],
)
def test_passwords_after_a_secret_word_are_never_stored(text: str, secret: str) -> None:
    masked = mask_payment_secrets(text)
    assert secret not in masked and "[password]" in masked
    assert "[password]" in redact(text).text


@pytest.mark.parametrize(
    "text",
    [
        "I forgot my password and cannot log in",
        "lupa password, tolong reset",
        "sandi yg lama sudah expired",
        "boarding pass 12345 for tomorrow",
    ],
)
def test_talk_about_passwords_keeps_its_words(text: str) -> None:
    assert mask_payment_secrets(text) == text


def test_luhn_invalid_sixteen_digits_is_not_a_card() -> None:
    assert "card_number" not in kinds("4111 1111 1111 1112")


def test_mask_payment_secrets_leaves_other_pii_for_the_store() -> None:
    text = "hp 0812-3456-7890, email a@b.co, kartu 4111111111111111 cvv 321, otp 998877"
    masked = mask_payment_secrets(text)
    assert "0812-3456-7890" in masked and "a@b.co" in masked
    assert "4111111111111111" not in masked and "321" not in masked and "998877" not in masked
    assert masked.count("[") == 3


@pytest.mark.parametrize(
    "text",
    [
        "Rp 1.500.000 sudah saya transfer",
        "IDR 2500000",
        "tanggal 2024-05-01 jam 10:30",
        "tgl 01/05/2024",
        "invoice INV-2024-0001",
        "resi JP1234567890",
        "no resi 0123456789012",
        "order 4111111111111112",
        "AWB 888123456789013",
        "udah 3x saya call, 2 minggu, 30hari",
        "versi 2.3.1, harga 12,50",
        "ticket #123456",
        "polis 1234567890",
        "harga 150000",
        "sku ABC-12345678",
        "",
    ],
)
def test_look_alikes_are_not_pii(text: str) -> None:
    assert kinds(text) == []
    assert mask_payment_secrets(text) == text


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        # A Luhn-valid number is a card after any word: a masked reference costs far less.
        ("order 4111111111111111", "order [card ****1111]"),
        ("AWB 888123456789012", "AWB [card ****9012]"),
        ("Rp 4111111111111111", "Rp [card ****1111]"),
        ("Rp4111111111111111", "Rp[card ****1111]"),
        ("card4111111111111111", "card[card ****1111]"),
        ("no.4111111111111111", "no.[card ****1111]"),
        ("#4111111111111111", "#[card ****1111]"),
        ("+4111111111111111", "+[card ****1111]"),
        ("4111.1111.1111.1111", "[card ****1111]"),
        ("4111/1111/1111/1111", "[card ****1111]"),
        ("4111\u00a01111\u00a01111\u00a01111", "[card ****1111]"),
        ("4111\u20091111\u202f1111 1111", "[card ****1111]"),
        ("4111\u200b1111\u200b1111\u200b1111", "[card ****1111]"),
        ("\uff14" + "\uff11" * 15, "[card ****1111]"),
        ("kartu " + "\u0664" + "\u0661" * 15 + " ya", "kartu [card ****1111] ya"),
        ("\u096a" + "\u0967" * 15, "[card ****1111]"),
        ("4111 1111 1111 1111 5500 0000 0000 0004", "[card ****1111] [card ****0004]"),
        ("hp 0812 3456 7890 4111 1111 1111 1111", "hp 0812 3456 7890 [card ****1111]"),
        ("cvv123", "cvv[cvv]"),
        ("CVV 123", "CVV [cvv]"),
        ("otp482913", "otp[otp]"),
        ("kodeOTP482913 ya", "kodeOTP[otp] ya"),
        ("pin:1234", "pin:[pin]"),
        ("PIN1234", "PIN[pin]"),
    ],
)
def test_payment_secrets_are_masked_whatever_their_form(text: str, masked: str) -> None:
    assert mask_payment_secrets(text) == masked
    # redact masks the same, and other PII besides ("hp [phone] [card ****1111]").
    redacted = redact(text).text
    assert all(token in redacted for token in re.findall(r"\[[^\]]*\]", masked))


@pytest.mark.parametrize(
    "text",
    [
        "CID1234 minta update",  # a customer id, not a CVV
        "token12345678901234567890",  # an electricity meter token
        "shopping123",
        "NIK 3201234508900001",  # other PII stays for the store (redact masks it)
        "hp 0812.3456.7890",
        "tagihan Rp 1.500.000-2.000.000",  # not Luhn-valid
        "0123456789012345",  # no card number starts with 0
    ],
)
def test_glued_words_and_other_numbers_are_not_payment_secrets(text: str) -> None:
    assert mask_payment_secrets(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "kartu [card ****1111] cvv [cvv]",
        "[card ****1111] 123",
        "otp [otp] 482913",
        "password: [card ****1111]",
        "password: 4111111111111111",
        "otp 1234.4111111111111111",
        "otp" + " " * 25 + "4111 1111 1111 1111 7777",
        "kartu 4111111111111111 cvv 123, [otp], [pin] [password] [national id] 3201",
    ],
)
def test_masking_twice_changes_nothing(text: str) -> None:
    once = mask_payment_secrets(text)
    assert mask_payment_secrets(once) == once
    redacted = redact(text)
    assert redact(redacted.text).text == redacted.text
    assert redact(redacted.text).matches == ()


def test_masked_tokens_are_never_masked_again() -> None:
    text = "kartu [card ****1111] cvv [cvv]"
    assert mask_payment_secrets(text) == text
    assert redact(text).matches == ()


def test_matches_found_on_a_second_pass_refer_to_the_original_text() -> None:
    text = "halo, otp 1234.4111111111111111 ok"
    result = redact(text)
    assert [(m.kind, text[m.start : m.end]) for m in result.matches] == [
        ("otp", "1234"),
        ("card_number", "4111111111111111"),
    ]
    assert result.text == "halo, otp [otp].[card ****1111] ok"


def test_cvv_and_otp_need_their_words() -> None:
    assert kinds("saya tunggu 123 hari") == []
    assert kinds("nomor antrian 4567") == []


def test_spans_are_in_order_and_do_not_overlap() -> None:
    text = "email x@y.com, hp 08123456789, kartu 4111111111111111, nik 3201234508900001"
    matches = redact(text).matches
    assert [m.kind for m in matches] == ["email", "phone", "card_number", "national_id"]
    assert all(a.end <= b.start for a, b in pairwise(matches))


def test_huge_input_is_handled_whole() -> None:
    chunk = "halo kak, kartu 4111 1111 1111 1111, resi JP123, Rp 1.500.000. "
    text = chunk * 32_000  # about 2 MB (the engine test feeds 10 MB)
    result = redact(text)
    assert len(result.matches) == 32_000
    assert "4111 1111" not in result.text


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_never_crashes_and_spans_are_valid(text: str) -> None:
    result = redact(text)
    for match in result.matches:
        assert 0 <= match.start < match.end <= len(text)
    assert isinstance(mask_payment_secrets(text), str)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789 -+().@abcKODEotpcvv:/", max_size=300))
def test_digit_soup_never_crashes(text: str) -> None:
    matches = find_pii(text)
    assert all(a.end <= b.start for a, b in pairwise(matches))
