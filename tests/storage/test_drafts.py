"""Drafts in the encrypted store: masked, limited, removed on erase, moved in from old files."""

from __future__ import annotations

from pathlib import Path

import pytest
from storage_support import FIXED_NOW

from copilot.config import Settings
from copilot.storage.db import Database, open_database
from copilot.storage.drafts import DraftService
from copilot.storage.service import CustomerService

CARD = "4111 1111 1111 1111"


@pytest.fixture
def drafts(database: Database) -> DraftService:
    return DraftService(database, clock=lambda: FIXED_NOW)


@pytest.fixture
def siti(service: CustomerService) -> int:
    return service.create_customer(name="Siti").id


def test_a_draft_is_kept_per_customer_and_replaced(drafts: DraftService, siti: int) -> None:
    assert drafts.get(siti) == ""
    drafts.save(siti, "Mohon maaf, Bu.")
    drafts.save(siti, "Mohon maaf, Bu Siti.\n  ")
    assert drafts.get(siti) == "Mohon maaf, Bu Siti.\n  "  # the agent's text, as typed
    drafts.save(None, "typed before a customer was chosen")
    drafts.save(None, "still before")
    assert drafts.get(None) == "still before"
    assert drafts.get(siti) == "Mohon maaf, Bu Siti.\n  "
    drafts.clear(None)
    assert drafts.get(None) == "" and drafts.get(siti) != ""
    drafts.save(siti, "   ")  # blank clears
    assert drafts.get(siti) == ""
    drafts.clear(siti)  # clearing nothing is fine


def test_payment_secrets_never_reach_the_store(
    drafts: DraftService, database: Database, siti: int
) -> None:
    drafts.save(siti, f"Kartu {CARD} sudah diblokir, kode OTP 482913")
    saved = drafts.get(siti)
    assert CARD not in saved and "482913" not in saved
    assert "1111" in saved  # the last four digits stay, so the agent knows which card
    with database.session() as session:
        stored = session.connection().exec_driver_sql("SELECT text FROM draft").scalar()
    assert stored == saved


def test_a_huge_draft_is_cut_to_the_limit(drafts: DraftService, siti: int) -> None:
    drafts.save(siti, "x" * 100_000 + CARD)
    assert drafts.get(siti) == "x" * 20_000


def test_a_card_number_at_the_cut_is_masked_not_split(drafts: DraftService, siti: int) -> None:
    drafts.save(siti, "x" * 19_989 + " " + CARD)  # the cut falls inside the number
    saved = drafts.get(siti)
    assert len(saved) == 20_000 and "4111 1111" not in saved


def test_a_draft_for_an_erased_customer_is_dropped(
    drafts: DraftService, service: CustomerService, siti: int
) -> None:
    service.erase(customer_id=siti, by="DPO")
    drafts.save(siti, "late autosave after the erase")  # no error, nothing kept
    assert drafts.get(siti) == ""


def test_a_new_customer_never_sees_an_erased_customers_draft(
    drafts: DraftService, service: CustomerService, siti: int
) -> None:
    drafts.save(siti, "Dear Siti, your claim")
    service.erase(customer_id=siti, by="DPO")
    newcomer = service.create_customer(name="Budi").id
    assert newcomer != siti  # ids are never reused
    assert drafts.get(newcomer) == ""
    assert drafts.get(siti) == ""


def test_merging_keeps_both_drafts(
    drafts: DraftService, service: CustomerService, siti: int
) -> None:
    budi = service.create_customer(name="Budi").id
    ani = service.create_customer(name="Ani").id
    drafts.save(siti, "to Siti")
    drafts.save(budi, "to Budi")
    drafts.save(ani, "to Ani")
    service.merge(keep_id=siti, merge_id=budi, by="lead")
    assert drafts.get(siti) == "to Siti\n\nto Budi"
    service.merge(keep_id=service.create_customer(name="Empty").id, merge_id=ani, by="lead")
    assert drafts.get(ani) == ""


# --- moving the old plain-text drafts into the store -----------------------------------------


def write_drafts(folder: Path, files: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (folder / name).write_text(content, encoding="utf-8")


def test_old_draft_files_move_into_the_store_masked_and_are_deleted(
    drafts: DraftService, service: CustomerService, siti: int, tmp_path: Path
) -> None:
    folder = tmp_path / "drafts"
    write_drafts(
        folder,
        {
            f"{siti}.txt": f"Kartu {CARD} diblokir",
            "unassigned.txt": "before a customer",
            "424242.txt": "a customer who no longer exists",
            ".draft-abc.tmp": "half written",
        },
    )
    assert drafts.import_files(folder) == 2
    assert "diblokir" in drafts.get(siti) and CARD not in drafts.get(siti)
    assert drafts.get(None) == "before a customer"
    assert drafts.get(424242) == ""
    assert not folder.exists()  # every plain-text file is gone, and the empty folder
    assert drafts.import_files(folder) == 0  # nothing left to do


def test_the_store_wins_over_a_file_left_by_an_interrupted_import(
    drafts: DraftService, siti: int, tmp_path: Path
) -> None:
    drafts.save(siti, "already imported")
    folder = tmp_path / "drafts"
    write_drafts(folder, {f"{siti}.txt": "already imported (file not deleted yet)"})
    assert drafts.import_files(folder) == 0
    assert drafts.get(siti) == "already imported"
    assert not (folder / f"{siti}.txt").exists()


@pytest.mark.parametrize("name", ["notes.txt", "7.md", "-1.txt", "١٢.txt", "unassigned.TXT"])
def test_files_that_are_not_drafts_are_left_alone(
    drafts: DraftService, tmp_path: Path, name: str
) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    target = folder / name
    target.write_text("not a draft", encoding="utf-8")
    assert drafts.import_files(folder) == 0
    assert target.exists()


def test_hostile_draft_files_import_safely(drafts: DraftService, siti: int, tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / f"{siti}.txt").write_bytes(b"\xff\xfe broken \x00 bytes " + b"y" * 200_000)
    (folder / "unassigned.txt").write_bytes(b"")
    assert drafts.import_files(folder) == 1
    assert len(drafts.get(siti)) == 20_000 and "broken" in drafts.get(siti)
    assert drafts.get(None) == ""
    assert not folder.exists()


def test_a_missing_folder_is_nothing_to_import(drafts: DraftService, tmp_path: Path) -> None:
    assert drafts.import_files(tmp_path / "nowhere") == 0
    (tmp_path / "a-file").write_text("x")
    assert drafts.import_files(tmp_path / "a-file") == 0


def test_building_the_services_moves_old_drafts_in(tmp_path: Path) -> None:
    from copilot.app import build_services

    data = tmp_path / "data"
    settings = Settings(data_dir=data, database=str(tmp_path / "c.db"))
    services = build_services(settings)
    try:
        customer = services.customers.create_customer(name="Siti").id
    finally:
        services.close()
    write_drafts(data / "drafts", {f"{customer}.txt": f"Card {CARD}", "unassigned.txt": "hi"})
    services = build_services(settings)
    try:
        assert services.drafts.get(customer).startswith("Card ")
        assert CARD not in services.drafts.get(customer)
        assert services.drafts.get(None) == "hi"
    finally:
        services.close()
    assert not (data / "drafts").exists()


def test_a_store_that_cannot_take_the_drafts_still_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from copilot.app import build_services
    from copilot.errors import DatabaseLockedError

    def locked(self: DraftService, folder: Path) -> int:
        raise DatabaseLockedError("busy")

    monkeypatch.setattr(DraftService, "import_files", locked)
    data = tmp_path / "data"
    write_drafts(data / "drafts", {"unassigned.txt": "kept for the next start"})
    services = build_services(Settings(data_dir=data, database=str(tmp_path / "c.db")))
    services.close()
    assert (data / "drafts" / "unassigned.txt").exists()


def test_drafts_work_on_an_unencrypted_url_database(tmp_path: Path) -> None:
    database = open_database(f"sqlite:///{tmp_path / 'plain.db'}", allow_unencrypted=True)
    try:
        drafts = DraftService(database)
        drafts.save(None, f"card {CARD}")
        assert CARD not in drafts.get(None)
    finally:
        database.close()
    assert CARD.encode() not in (tmp_path / "plain.db").read_bytes()
