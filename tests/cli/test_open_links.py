"""What `copilot open` accepts (values and copilot:// links) and the channel's request lines."""

from __future__ import annotations

import pytest

from copilot.errors import InputError
from copilot.integrate.channel import (
    ANY_DATABASE,
    Request,
    database_fingerprint,
    decode_request,
)
from copilot.integrate.links import (
    MAX_LINK_CHARS,
    clean_value,
    parse_open_link,
    value_from_argument,
)
from copilot.vocabulary import MAX_IDENTIFIER_LENGTH


@pytest.mark.parametrize(
    ("link", "value"),
    [
        ("copilot://open?phone=%2B6281234567890", "+6281234567890"),
        ("copilot://open?phone=+6281234567890", "+6281234567890"),  # a raw plus stays a plus
        ("copilot://open?phone=0812%203456%207890", "0812 3456 7890"),
        ("COPILOT://OPEN?Email=Budi%40Example.com", "Budi@Example.com"),
        ("copilot:open?account=POL-2024-778812", "POL-2024-778812"),
        ("copilot://open/?ticket=INC-4411&utm_source=zendesk", "INC-4411"),
        ("copilot://open?value=Siti%20Rahayu", "Siti Rahayu"),
    ],
)
def test_links_give_the_identifier(link: str, value: str) -> None:
    assert parse_open_link(link) == value
    assert value_from_argument(link) == value


@pytest.mark.parametrize(
    ("link", "says"),
    [
        ("https://evil.example/open?phone=1", "only copilot:// links"),
        ("javascript://alert(1)", "only copilot:// links"),
        ("tel:+6281234567890", "only copilot:// links"),
        ("copilot://delete?phone=0812", "must start copilot://open?"),
        ("copilot://open", "names no caller"),
        ("copilot://open?phone=", "no caller identifier"),
        ("copilot://open?utm=1", "names no caller"),
        ("copilot://open?phone=1&phone=2", "phone= more than once"),
        ("copilot://open?phone=0812&email=a@b.co", "more than one caller identifier"),
        ("copilot://open?phone=0812%0Ashow", "control or invisible"),
        ("copilot://open?phone=0812%E2%80%AE0987", "control or invisible"),  # RTL override
        ("copilot://open?phone=%FF%FE", "not valid UTF-8"),
        ("copilot://open?phone=" + "9" * (MAX_IDENTIFIER_LENGTH + 1), "too long"),
        ("copilot://open?phone=1&x=" + "a" * MAX_LINK_CHARS, "too long"),
    ],
)
def test_hostile_links_get_one_clear_error_without_the_value(link: str, says: str) -> None:
    with pytest.raises(InputError) as caught:
        value_from_argument(link)
    assert says in caught.value.message
    assert "\n" not in caught.value.message
    assert "0812" not in caught.value.message  # a customer's number is never echoed


@pytest.mark.parametrize(
    ("argument", "value"),
    [
        ("  +62 812-3456-7890 ", "+62 812-3456-7890"),
        ("ticket:123", "ticket:123"),  # a word and a colon is a value, not a link
        ("budi@example.com", "budi@example.com"),
    ],
)
def test_plain_values_are_trimmed_and_kept(argument: str, value: str) -> None:
    assert value_from_argument(argument) == value


@pytest.mark.parametrize("bad", ["", "   ", "0812\t3456", "0812\n", "a\x00b"])
def test_empty_and_control_values_are_refused(bad: str) -> None:
    with pytest.raises(InputError):
        clean_value(bad)


def test_requests_round_trip_and_strangers_are_ignored() -> None:
    database = database_fingerprint("/data/copilot.db")
    request = Request("open", database, "0812 3456/7890 & ü")
    line = request.encode()
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    assert decode_request(line) == request
    assert decode_request(b"show\n") == Request("show", ANY_DATABASE)  # older panels' line
    assert decode_request(Request("show", database).encode()) == Request("show", database)
    for stranger in (
        b"rm -rf /\n",
        b"open\n",
        b"open * \n",
        b"open nothex 0812\n",
        b"open * 0812 extra\n",
        b"show * extra\n",
        b"open * %0A\n",
        b"\xff\xfe\n",
    ):
        assert decode_request(stranger) is None, stranger


def test_fingerprints_name_the_same_file_however_it_is_written(tmp_path: object) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path))
    (folder / "sub").mkdir()
    direct = database_fingerprint(str(folder / "copilot.db"))
    assert database_fingerprint(str(folder / "sub" / ".." / "copilot.db")) == direct
    assert database_fingerprint(str(folder / "other.db")) != direct
    assert str(folder) not in direct and len(direct) == 16  # a hash, never the path
