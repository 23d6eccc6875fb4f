"""CSV import and CSV / JSON Lines export: every bad input gets a line number and a reason."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from storage_support import TEST_PASSPHRASE

from copilot.errors import InputError
from copilot.storage.db import Database, open_database
from copilot.storage.identity import normalise_phone
from copilot.storage.models import format_utc
from copilot.storage.schemas import IdentifierIn, IdentifierKind
from copilot.storage.service import CustomerService
from copilot.storage.transfer import defuse_formula, export_file, import_csv
from copilot.storage.transfer.parsing import PhoneNormaliser

JAKARTA = ZoneInfo("Asia/Jakarta")
HEADER = "name,phone,email,account,channel,started_at,agent,summary,notes,outcome\n"


def _write(tmp_path: Path, text: str, name: str = "in.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.fixture
def other_database(tmp_path: Path) -> Iterator[Database]:
    db = open_database(str(tmp_path / "other" / "copilot.db"), passphrase=TEST_PASSPHRASE)
    yield db
    db.close()


def _import(database: Database, path: Path, **kwargs: object) -> object:
    return import_csv(database, path, local_zone=JAKARTA, **kwargs)  # type: ignore[arg-type]


def test_rows_are_matched_to_customers_whatever_the_phone_format(
    tmp_path: Path, database: Database, service: CustomerService
) -> None:
    path = _write(
        tmp_path,
        HEADER
        + "Budi Santoso,0812-3456-7890,,,phone,2025-03-01 09:30,Rina,Klaim belum cair,,escalated\n"
        + "Budi,+62 812 3456 7890,BUDI@Example.com,,whatsapp,2025-03-02T10:00:00+07:00,Rina,"
        "Follow up,,resolved\n"
        + "Siti,,siti@example.com,POL-123 456,email,02/03/2025 11:15,Andi,Premi naik,,\n"
        + ",,budi@example.com,,chat,2025-03-03T01:00:00Z,Andi,Ketiga kalinya,,\n",
    )
    report = import_csv(database, path, local_zone=JAKARTA)
    assert (report.imported, report.rejected, report.customers_created) == (4, [], 2)

    budi = service.find("+6281234567890")
    assert len(budi) == 1 and budi[0].name == "Budi Santoso"
    kinds = {i.kind.value for i in budi[0].identifiers}
    assert kinds == {"phone", "email"}  # the second row's email joined the same customer
    story = service.story(budi[0].id)
    assert story.total_interactions == 3
    # Naive times are the desk's zone (Jakarta, UTC+7); stored and read back in UTC.
    times = sorted(i.started_at for i in story.interactions)
    assert times[0] == datetime(2025, 3, 1, 2, 30, tzinfo=UTC)
    assert times[2] == datetime(2025, 3, 3, 1, 0, tzinfo=UTC)
    siti = service.find("POL123456")
    assert siti[0].name == "Siti"
    assert service.story(siti[0].id).interactions[0].started_at == datetime(
        2025, 3, 2, 4, 15, tzinfo=UTC
    )


def test_rows_attach_to_customers_already_in_the_database(
    tmp_path: Path, database: Database, service: CustomerService
) -> None:
    existing = service.create_customer(
        name="Dewi", identifiers=[IdentifierIn(kind=IdentifierKind.phone, value="081298765432")]
    )
    path = _write(tmp_path, HEADER + ",0812 9876 5432,,,,2025-03-01 09:30,,Tanya status,,\n")
    report = _import(database, path)
    assert report.customers_created == 0  # type: ignore[attr-defined]
    assert service.story(existing.id).total_interactions == 1


def test_header_is_case_and_space_insensitive_with_bom_and_extra_columns(
    tmp_path: Path, database: Database, service: CustomerService
) -> None:
    text = " Phone ,STARTED AT,Summary,Ticket Priority\n081234567890,2025-03-01 09:30,Halo,high\n"
    path = _write(tmp_path, "\ufeff" + text)
    report = _import(database, path)
    assert report.imported == 1  # type: ignore[attr-defined]
    assert service.find("081234567890")


def test_bad_rows_are_reported_with_their_physical_line(
    tmp_path: Path, database: Database, service: CustomerService
) -> None:
    other = service.create_customer(
        name="Other", identifiers=[IdentifierIn(kind=IdentifierKind.email, value="o@x.com")]
    )
    assert other
    lines = [
        HEADER.strip(),
        'A,081234567890,,,phone,2025-03-01 09:30,,"a note that spans\ntwo lines",,',  # 2-3
        "B,081234567891,,,phone,yesterday,,x,,",  # 4: bad date
        "C,081234567892,,,phone,,,x,,",  # 5: missing date
        "D,,,,phone,2025-03-01 09:30,,x,,",  # 6: no identifier
        "E,12,,,phone,2025-03-01 09:30,,x,,",  # 7: not a phone
        "F,081234567893,,,pigeon,2025-03-01 09:30,,x,,",  # 8: unknown channel
        "G,,not-an-email,,phone,2025-03-01 09:30,,x,,",  # 9: bad email
        "H,081234567894,,,phone,2025-03-01 09:30",  # 10: too few fields
        "I,081234567890,o@x.com,,phone,2025-03-01 09:30,,x,,",  # 11: two customers
        "J,081234567895,,,phone,31/02/2025 10:00,,x,,",  # 12: no such day
        "",  # 13: blank lines are not rows
        "K,081234567896,,,WhatsApp,2025-03-01 09:30,,ok,,",  # 14: fine
    ]
    path = _write(tmp_path, "\n".join(lines) + "\n")
    report = _import(database, path)
    assert report.imported == 2  # type: ignore[attr-defined]
    rejected = dict(report.rejected)  # type: ignore[attr-defined]
    assert sorted(rejected) == [4, 5, 6, 7, 8, 9, 10, 11, 12]
    assert "not a date" in rejected[4]
    assert "started_at is empty" in rejected[5]
    assert "no identifier" in rejected[6]
    assert rejected[7].startswith("phone:")
    assert "unknown channel 'pigeon'" in rejected[8]
    assert rejected[9].startswith("email:")
    assert "expected 10 fields" in rejected[10] and "found 6" in rejected[10]
    assert "different customers" in rejected[11] and str(other.id) in rejected[11]
    assert "not a real date" in rejected[12]
    # Valid rows went in; the conflicting row created nothing and merged nothing.
    assert len(service.find("o@x.com")) == 1
    assert service.story(service.find("081234567896")[0].id).interactions[0].channel == "whatsapp"


def test_missing_required_columns_name_them(tmp_path: Path, database: Database) -> None:
    path = _write(tmp_path, "name,phone,summary\nBudi,0812,x\n")
    with pytest.raises(InputError, match=r"missing the column\(s\) started_at"):
        _import(database, path)
    path = _write(tmp_path, "name,started_at,summary\nBudi,2025-03-01 09:30,x\n")
    with pytest.raises(InputError, match="phone/email/account"):
        _import(database, path)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ((HEADER + "Ayu,0812,,,,2025-01-01 10:00,,x,,\n").encode("utf-16"), "is not UTF-8 text"),
        ((HEADER + "Ayu,0812,,,,2025-01-01 10:00,,x,,\n").encode("utf-16-le"), "UTF-16"),
        ((HEADER + "José,0812,,,,2025-01-01 10:00,,café,,\n").encode("latin-1"), "not UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
        (b"", "is empty"),
        (b"   \n\n", "is empty"),
    ],
)
def test_files_that_are_not_utf8_csv_are_refused_clearly(
    tmp_path: Path, database: Database, data: bytes, message: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(data)
    with pytest.raises(InputError, match=message) as caught:
        _import(database, path)
    assert "\n" not in caught.value.message
    if "UTF-8" in message or "UTF-16" in message:
        assert caught.value.message.endswith("save it as UTF-8 CSV")


def test_a_bad_byte_late_in_the_file_imports_nothing(
    tmp_path: Path, database: Database, service: CustomerService
) -> None:
    good = "".join(f"R{n},08123456{n:04d},,,,2025-01-01 10:00,,x,,\n" for n in range(3000))
    data = (HEADER + good).encode() + "Zoë,081299990000,,,,2025-01-01 10:00,,x,,\n".encode(
        "latin-1"
    )
    path = tmp_path / "late.csv"
    path.write_bytes(data)
    with pytest.raises(InputError, match=r"byte 0xEB on line 3002 is not UTF-8"):
        _import(database, path)
    assert service.count_customers() == 0  # one transaction: all or nothing


def test_nul_bytes_later_in_the_file_are_refused(tmp_path: Path, database: Database) -> None:
    data = (HEADER + "A,081234567890,,,,2025-01-01 10:00,,x,,\n" * 200).encode() + b"B,\x00\n"
    path = tmp_path / "nul.csv"
    path.write_bytes(data)
    with pytest.raises(InputError, match="NUL"):
        _import(database, path)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p, "does not exist"),
        (lambda p: (p.mkdir(), p)[1], "is a folder"),
    ],
)
def test_missing_file_or_folder(tmp_path: Path, database: Database, make, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match=message):
        _import(database, make(tmp_path / "x.csv"))


def test_payment_secrets_are_masked_on_import(
    tmp_path: Path, database: Database, service: CustomerService
) -> None:
    path = _write(
        tmp_path,
        HEADER + "A,081234567890,,,,2025-01-01 10:00,,kartu 4111 1111 1111 1111,OTP 482913,\n",
    )
    _import(database, path)
    story = service.story(service.find("081234567890")[0].id)
    assert "4111 1111 1111 1111" not in story.interactions[0].summary
    assert "482913" not in story.interactions[0].notes


def test_a_password_without_digits_is_masked_on_import(
    tmp_path: Path, database: Database, service: CustomerService
) -> None:
    # Digit-free text skips the masker for speed; a password after its word must not.
    path = _write(
        tmp_path, HEADER + "A,081234567890,,,,2025-01-01 10:00,,reset akun,password: rahasia,\n"
    )
    _import(database, path)
    notes = service.story(service.find("081234567890")[0].id).interactions[0].notes
    assert "rahasia" not in notes and "[password]" in notes


def test_progress_reaches_the_whole_file(tmp_path: Path, database: Database) -> None:
    rows = "".join(f"R,08123456{n:04d},,,,2025-01-01 10:00,,x,,\n" for n in range(25_000))
    path = _write(tmp_path, HEADER + rows)
    seen: list[tuple[int, int, int]] = []
    _import(database, path, progress=lambda *a: seen.append(a))
    size = path.stat().st_size
    assert seen[-1] == (25_000, size, size)
    assert len(seen) > 2  # after every chunk, not only at the end
    assert [s[0] for s in seen] == sorted(s[0] for s in seen)
    assert all(0 < s[1] <= size for s in seen)


def test_huge_cells_are_rejected_not_fatal(tmp_path: Path, database: Database) -> None:
    big = "x" * 200_000
    path = _write(
        tmp_path,
        HEADER + f'A,081234567890,,,,2025-01-01 10:00,,"{big}",,\n'
        "B,081234567891,,,,2025-01-01 10:00,,ok,,\n",
    )
    report = _import(database, path)
    assert report.imported == 1  # type: ignore[attr-defined]
    assert report.rejected[0][0] == 2  # type: ignore[attr-defined]


def _stored(database: Database) -> list[tuple[object, ...]]:
    with database.session() as session:
        return [
            tuple(r)
            for r in session.connection().exec_driver_sql(
                "SELECT i.customer_id, c.name, i.channel, i.started_at, i.agent, i.summary, "
                "i.notes, i.outcome, i.direction, i.industry FROM interaction i "
                "JOIN customer c ON c.id = i.customer_id ORDER BY i.id"
            )
        ]


@pytest.mark.parametrize(
    "zone",
    [
        JAKARTA,
        ZoneInfo("Europe/Berlin"),
        timezone(timedelta(hours=7)),
        timezone(timedelta(hours=-5)),
        UTC,
    ],
)
def test_rows_store_the_same_whatever_the_zone_and_a_repeat_is_one_contact(
    tmp_path: Path, database: Database, zone: tzinfo
) -> None:
    # Every row twice: the second is the same contact (same natural key), not a second one.
    rows = [
        "O'Brien,0812-3456-7890,,,WA,2025-03-01 09:30,'=Rina,'+kartu 4111 1111 1111 1111,"
        "catatan,'-selesai",
        "Siti,,siti@example.com,POL-1,Email,2025-03-01T23:30:00Z,Andi,OTP 482913,,ok",
        "Ayu,+62 812 0000 1111,,,,2025-03-01T09:30:00+07:00,,didn't answer,,",
        "Dewi,,,ACC 9,chat,2025-03-01,,,,",
        "Rina,0813-1111-2222,,,Live Chat,02/03/2025 08:05,,,,",
    ]
    text = HEADER + "".join(f"{r}\n{r}\n" for r in rows)
    report = import_csv(database, _write(tmp_path, text), local_zone=zone)
    assert (report.imported, report.rejected, report.customers_created) == (5, [], 5)
    assert report.already_imported == 5
    stored = _stored(database)
    first = stored[0]
    assert first[1:3] == ("O'Brien", "whatsapp")
    assert first[4] == "=Rina" and first[7] == "-selesai"  # our export's guards undone
    assert "4111 1111 1111 1111" not in str(first[5]) and "482913" not in str(stored[1][5])
    local = datetime(2025, 3, 1, 9, 30, tzinfo=zone)
    assert first[3] == format_utc(local)
    assert stored[1][3] == "2025-03-01 23:30:00.000000"
    assert stored[2][3] == "2025-03-01 02:30:00.000000"
    assert stored[3][3] == format_utc(datetime(2025, 3, 1, tzinfo=zone))
    assert stored[4][3] == format_utc(datetime(2025, 3, 2, 8, 5, tzinfo=zone))
    assert {r[8:] for r in stored} == {("inbound", "general")}


def test_times_out_of_range_are_refused_not_fatal(tmp_path: Path, database: Database) -> None:
    path = _write(
        tmp_path,
        HEADER
        + "A,081234567890,,,,2025-01-01 10:00,,x,,\n"
        + "A,081234567890,,,,0001-01-01 00:00,,x,,\n"  # east of UTC: before year 1
        + "A,081234567890,,,,9999-12-31T23:59:00-05:00,,x,,\n",  # after year 9999
    )
    report = _import(database, path)
    assert report.imported == 1  # type: ignore[attr-defined]
    rejected = dict(report.rejected)  # type: ignore[attr-defined]
    assert sorted(rejected) == [3, 4] and all("out of range" in r for r in rejected.values())


def test_repeated_conflicting_rows_are_each_refused(
    tmp_path: Path, database: Database, service: CustomerService
) -> None:
    service.create_customer(
        name="Other", identifiers=[IdentifierIn(kind=IdentifierKind.email, value="o@x.com")]
    )
    row = "I,081234567890,o@x.com,,phone,2025-03-01 09:30,,x,,\n"
    path = _write(tmp_path, HEADER + "A,081234567890,,,,2025-01-01 10:00,,x,,\n" + row + row + row)
    report = _import(database, path)
    assert report.imported == 1  # type: ignore[attr-defined]
    assert [line for line, _ in report.rejected] == [3, 4, 5]  # type: ignore[attr-defined]
    assert all("different customers" in r for _, r in report.rejected)  # type: ignore[attr-defined]


# --- phones: the shortcut must agree with the real normaliser -----------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    prefix=st.sampled_from(["0", "+62", "62", "+62 ", "0062", "+1", "+44 ", "+63", "08", "+628"]),
    numbers=st.lists(st.text(alphabet="0123456789", min_size=4, max_size=13), min_size=1),
    sep=st.sampled_from(["", " ", "-", "."]),
)
def test_fast_phone_path_agrees_with_identity(prefix: str, numbers: list[str], sep: str) -> None:
    # One normaliser for the whole list: the shortcut it learns from one number must hold for
    # every other number of the same class, valid or not.
    fast = PhoneNormaliser("ID")
    for digits in [*numbers, *numbers]:
        typed = prefix + sep.join(digits[i : i + 4] for i in range(0, len(digits), 4))
        try:
            expected: str | None = normalise_phone(typed, "ID")
        except InputError:
            expected = None
        try:
            got: str | None = fast(typed)
        except InputError:
            got = None
        assert got == expected, typed


def test_fast_phone_path_learns_then_agrees_on_indonesian_mobiles() -> None:
    fast = PhoneNormaliser("ID")
    for n in range(2000):
        typed = f"0812-{n:04d}-{(n * 7919) % 10000:04d}"
        assert fast(typed) == normalise_phone(typed, "ID")


# --- export -----------------------------------------------------------------------------------


def _seed(database: Database, tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        HEADER + '=HYPERLINK("http://x"),081234567890,a@x.com,-ACC-1,chat,2025-03-01 09:30,@agent,'
        '+pwn,"multi\nline",ok\n'
        + "Siti Ayu,081234567891,,,email,2025-03-02 09:30,Rina,Premi naik,catatan é ✓,\n",
        name="seed.csv",
    )
    assert _import(database, path).rejected == []  # type: ignore[attr-defined]


def test_csv_export_defuses_formulas_and_reimports(tmp_path: Path, database: Database) -> None:
    _seed(database, tmp_path)
    out = tmp_path / "out.csv"
    assert export_file(database, out) == 2
    text = out.read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["name"] == '\'=HYPERLINK("http://x")'
    assert rows[0]["phone"] == "'+6281234567890"
    assert rows[0]["agent"] == "'@agent"
    assert rows[0]["summary"] == "'+pwn"
    assert rows[0]["notes"] == "multi\nline"
    assert rows[0]["identifiers"].startswith("phone:+6281234567890")
    assert rows[1]["notes"] == "catatan é ✓"
    assert rows[1]["started_at"] == "2025-03-02T02:30:00+00:00"

    fresh = open_database(str(tmp_path / "fresh" / "copilot.db"), passphrase=TEST_PASSPHRASE)
    try:
        report = import_csv(fresh, out)
        assert (report.imported, report.rejected) == (2, [])
        back = CustomerService(fresh).find("+6281234567890")[0]
        assert back.name == '=HYPERLINK("http://x")'  # the guard comes off on the way back in
    finally:
        fresh.close()


def test_jsonl_export_has_one_object_per_interaction(tmp_path: Path, database: Database) -> None:
    _seed(database, tmp_path)
    out = tmp_path / "out.ndjson"
    export_file(database, out)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 2
    assert records[0]["identifiers"][0] == {"kind": "phone", "value": "+6281234567890"}
    assert records[0]["name"] == '=HYPERLINK("http://x")'  # JSON is data, not a spreadsheet
    assert records[1]["started_at"] == "2025-03-02T02:30:00+00:00"


def test_export_to_stdout_and_bad_names(tmp_path: Path, database: Database) -> None:
    _seed(database, tmp_path)
    sink = io.StringIO()
    assert export_file(database, "-", stdout=sink) == 2
    assert sink.getvalue().startswith("name,phone,email")
    with pytest.raises(InputError, match=r"\.csv, \.jsonl or \.ndjson"):
        export_file(database, tmp_path / "out.xlsx")
    (tmp_path / "dir.csv").mkdir()
    with pytest.raises(InputError, match="is a folder"):
        export_file(database, tmp_path / "dir.csv")
    with pytest.raises(InputError, match="does not exist"):
        export_file(database, tmp_path / "nowhere" / "out.csv")
    assert not list(tmp_path.glob("*.partial"))


def test_export_masks_text_written_before_masking(tmp_path: Path, database: Database) -> None:
    _seed(database, tmp_path)
    with database.write() as session:  # as an older tool might have left it
        session.connection().exec_driver_sql(
            "UPDATE interaction SET notes = 'card 4111 1111 1111 1111' WHERE id = 1"
        )
    out = tmp_path / "out.jsonl"
    export_file(database, out)
    assert "4111 1111 1111 1111" not in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("cell", ["=1+1", "+62", "-5", "@SUM(A1)", "\tx", "\rx"])
def test_defuse_formula(cell: str) -> None:
    assert defuse_formula(cell) == "'" + cell
    assert defuse_formula("Budi") == "Budi"
