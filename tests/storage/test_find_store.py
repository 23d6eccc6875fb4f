"""Find that never misleads: typo-tolerant names, last digits, how each customer matched."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from storage_support import TEST_PASSPHRASE

from copilot.storage.db import Database, open_database
from copilot.storage.dialects.base import Dialect
from copilot.storage.found import MatchKind
from copilot.storage.lookup import spellings, suffix_digits, typo_budget
from copilot.storage.quick import open_quick
from copilot.storage.schemas import IdentifierIn, IdentifierKind
from copilot.storage.service import CustomerService


@pytest.fixture(params=["sqlite", "portable", "postgresql"])
def database(request: pytest.FixtureRequest, db_path: Path) -> Iterator[Database]:
    """The desk's file through the SQLite dialect (FTS5 vocabulary) and the portable one, and
    a site's PostgreSQL server (trigram name words)."""
    if request.param == "postgresql":
        db = open_database(request.getfixturevalue("pg_url"))
        yield db
        db.close()
        return
    db = open_database(str(db_path), passphrase=TEST_PASSPHRASE)
    if request.param == "portable":
        db.dialect.close()
        db.dialect = Dialect()
    yield db
    db.close()


def _phone(value: str) -> IdentifierIn:
    return IdentifierIn(kind=IdentifierKind.phone, value=value)


@pytest.fixture
def people(service: CustomerService) -> dict[str, int]:
    def make(name: str, *identifiers: IdentifierIn) -> int:
        return service.create_customer(name=name, identifiers=list(identifiers)).id

    return {
        "siti": make("Siti Rahmawati", _phone("081234567890")),
        "sitti": make("Sitti Aminah", _phone("081298761111")),
        "budi": make("Budi Santoso", IdentifierIn(kind=IdentifierKind.account, value="POL-7890")),
        "rahman": make("Rahman Hakim"),
        "ana": make("Ana Lubis"),
    }


@pytest.mark.parametrize(
    "query", ["siti rahmawti", "Sitti rahmawati", "stii rahmawati", "SITI RAHMAWATTI"]
)
def test_a_typo_in_a_name_still_finds_the_customer(
    service: CustomerService, people: dict[str, int], query: str
) -> None:
    found = service.find_matches(query)
    assert [f.customer.id for f in found] == [people["siti"]]
    assert found[0].match is MatchKind.similar


def test_sitti_finds_siti_after_the_exact_sitti(
    service: CustomerService, people: dict[str, int]
) -> None:
    found = service.find_matches("Sitti")
    # The exact name first, then the similar one: never the other way round.
    assert [(f.customer.id, f.match) for f in found] == [
        (people["sitti"], MatchKind.name),
        (people["siti"], MatchKind.similar),
    ]


def test_short_words_are_never_guessed(service: CustomerService, people: dict[str, int]) -> None:
    # "Ani" is one edit from "Ana", but three letters are too few to call it a typo.
    assert service.find("Ani") == []
    assert typo_budget("ani") == 0 and typo_budget("sitti") == 1 and typo_budget("rahmawti") == 2


def test_every_word_must_be_near_a_word_of_the_name(
    service: CustomerService, people: dict[str, int]
) -> None:
    assert service.find("siti xylophone") == []


def test_an_exact_identifier_says_so(service: CustomerService, people: dict[str, int]) -> None:
    found = service.find_matches("0812-3456-7890")
    assert [(f.customer.id, f.match) for f in found] == [(people["siti"], MatchKind.identifier)]


def test_spellings_count_a_swap_as_one_edit() -> None:
    assert spellings("stii", ["siti", "sari", "stephen"]) == [("siti", 1)]
    # Closest first; "rahman" is three edits away, past the budget of two.
    assert spellings("rahmawti", ["rahman", "rahmat", "rahmawati"]) == [
        ("rahmawati", 1),
        ("rahmat", 2),
    ]


@pytest.mark.parametrize(
    ("text", "digits"),
    [("7890", "7890"), ("78-90", "7890"), (" 56 7890 ", "567890"), ("789", None), ("ab7890", None)],
)
def test_only_four_or_more_digits_are_a_suffix(text: str, digits: str | None) -> None:
    assert suffix_digits(text) == digits


@pytest.mark.parametrize(
    "query",
    ['"rahmawti', "NOT sitti", "s*tti", "sitti)(", "\x00sitti", "\ud7ffxyz", "\U0010ffffabc"],
)
def test_typo_search_never_fails_on_hostile_text(
    service: CustomerService, people: dict[str, int], query: str
) -> None:
    service.find_matches(query)


@pytest.mark.desk_file  # the quick lookup reads the desk's file
def test_the_quick_lookup_finds_typos_as_the_service_does(
    service: CustomerService, people: dict[str, int], db_path: Path
) -> None:
    store = open_quick(db_path, passphrase=TEST_PASSPHRASE)
    assert store is not None
    try:
        for query in ("siti rahmawti", "Sitti", "stii", "0812 3456 7890", "Ani"):
            assert store.find_matches(query) == service.find_matches(query), query
    finally:
        store.close()


def test_the_last_digits_of_a_number_find_its_owners(
    service: CustomerService, people: dict[str, int]
) -> None:
    found = service.find_matches("7890")
    # Siti's phone +62 812 3456 7890 and Budi's account POL-7890 end so; Sitti's does not.
    assert sorted(f.customer.id for f in found) == sorted([people["siti"], people["budi"]])
    assert {f.match for f in found} == {MatchKind.suffix}
    assert [f.customer.id for f in service.find_matches("56-7890")] == [people["siti"]]
    assert service.find("890") == []  # three digits are too few to mean anyone


def test_an_exact_identifier_hides_the_last_digit_matches(
    service: CustomerService, people: dict[str, int]
) -> None:
    found = service.find_matches("POL-7890")
    assert [(f.customer.id, f.match) for f in found] == [(people["budi"], MatchKind.identifier)]


@pytest.mark.sqlite_dialect  # the SQLite dialect keeps the name index's words for a while
def test_name_words_are_reused_then_read_again(
    service: CustomerService,
    people: dict[str, int],
    database: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from copilot.storage.dialects import sqlite as sqlite_dialect

    clock = [1000.0]
    monkeypatch.setattr(sqlite_dialect.time, "monotonic", lambda: clock[0])
    assert service.find("wulan sary") == []  # reads the "w" words: no Wulan yet
    wulan = service.create_customer(name="Wulan Sari").id
    assert [c.id for c in service.find("wulan")] == [wulan]  # as typed: at once
    assert service.find("wulan sary") == []  # the "w" words are reused for a while...
    clock[0] += sqlite_dialect.NAME_WORDS_SECONDS
    assert [c.id for c in service.find("wulan sary")] == [wulan]  # ...then read again


def test_a_whole_name_with_a_slip_comes_before_names_that_only_contain_it(
    service: CustomerService,
) -> None:
    for surname in ("Kurniawan", "Sitompul", "Tanjung"):
        service.create_customer(name=f"Puspita {surname}")
    alone = service.create_customer(name="Puspita").id
    found = service.find_matches("pupsita", limit=2)
    assert [f.customer.id for f in found][:1] == [alone]
    assert {f.match for f in found} == {MatchKind.similar}


def test_equally_close_spellings_share_the_list(service: CustomerService) -> None:
    for n in range(4):
        service.create_customer(name="Dian Hakim", identifiers=[_phone(f"08123456780{n}")])
        service.create_customer(name="Dian Halim", identifiers=[_phone(f"08123456790{n}")])
    names = {f.customer.name for f in service.find_matches("dian haim", limit=4)}
    assert names == {"Dian Hakim", "Dian Halim"}  # neither fills the list alone
