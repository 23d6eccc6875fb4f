"""What the live-call panel records (migration 0003): salutations, critical facts, the
wrap-up's reason code, handle time, identity check and compliance-gate overrides, identifier
suffixes, record edits and the merge preview."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from storage_support import FIXED_NOW

from copilot.errors import InputError, NotFoundError
from copilot.storage import migrations
from copilot.storage.bulk import bulk_load
from copilot.storage.db import Database, open_database
from copilot.storage.kinds import suffix_key
from copilot.storage.schemas import IdentifierIn, IdentifierKind, OverrideIn
from copilot.storage.service import CustomerService


def _phone(value: str) -> IdentifierIn:
    return IdentifierIn(kind=IdentifierKind.phone, value=value)


def _suffixes(database: Database) -> dict[str, str]:
    with database.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT value, suffix FROM identifier").all()
    return {str(value): str(suffix) for value, suffix in rows}


def test_suffix_key_is_the_digits_reversed() -> None:
    assert suffix_key("+6281234567890") == "0987654321826"
    assert suffix_key("POL2024778812") == "2188774202"
    assert suffix_key("siti@example.com") == ""
    assert suffix_key("") == ""


def test_every_writer_stores_the_suffix(service: CustomerService, database: Database) -> None:
    budi = service.create_customer(name="Budi", identifiers=[_phone("0812-3456-7890")])
    service.add_identifier(
        customer_id=budi.id,
        identifier=IdentifierIn(kind=IdentifierKind.account, value="ACC-99 1234"),
    )
    with bulk_load(database) as loader:
        loader.add_customer("Ani", created_at=FIXED_NOW, identifiers=[("phone", "+6285711112222")])
    assert _suffixes(database) == {
        "+6281234567890": "0987654321826",
        "ACC991234": "432199",
        "+6285711112222": "2222111175826",
    }


def test_the_migration_fills_suffixes_of_existing_identifiers(tmp_path: Path) -> None:
    from alembic import command

    db = open_database(f"sqlite:///{tmp_path / 'plain.db'}", allow_unencrypted=True)
    try:
        with db.engine.begin() as conn:
            command.downgrade(migrations.alembic_config(conn), "0002")
            conn.exec_driver_sql(
                "INSERT INTO customer (id, name, name_key, created_at) "
                "VALUES (1, 'Budi', 'budi', '2024-05-01 00:00:00')"
            )
            conn.exec_driver_sql(
                "INSERT INTO identifier (kind, value, customer_id) "
                "VALUES ('phone', '+6281234567890', 1), ('email', 'b@example.com', 1)"
            )
        with db.engine.begin() as conn:
            migrations.upgrade_to_head(conn)
        assert _suffixes(db) == {"+6281234567890": "0987654321826", "b@example.com": ""}
        budi = CustomerService(db).get_customer(1)
        assert budi.salutation == ""
    finally:
        db.close()


def test_rename_sets_the_name_and_how_to_address_them(service: CustomerService) -> None:
    siti = service.create_customer(name="siti", identifiers=[_phone("081234567890")])
    renamed = service.rename_customer(customer_id=siti.id, name="  Siti  Rahayu ", salutation="Ibu")
    assert (renamed.name, renamed.salutation) == ("Siti Rahayu", "ibu")
    # Without a salutation, the known one stays; "" says it is unknown again.
    again = service.rename_customer(customer_id=siti.id, name="Siti R.")
    assert again.salutation == "ibu"
    assert service.rename_customer(customer_id=siti.id, name="Siti", salutation="").salutation == ""
    assert service.find("Siti")[0].id == siti.id


@pytest.mark.parametrize(
    ("name", "salutation", "message"),
    [
        ("", None, "needs a name"),
        ("   ", "ibu", "needs a name"),
        ("x" * 500, None, "too long"),
        ("Siti", "Dr", "salutation must be one of"),
        ("Siti", "ibu; DROP TABLE customer", "salutation must be one of"),
    ],
)
def test_rename_refuses_bad_input_with_a_clear_error(
    service: CustomerService, name: str, salutation: str | None, message: str
) -> None:
    siti = service.create_customer(name="Siti", identifiers=[_phone("081234567890")])
    with pytest.raises(InputError, match=message):
        service.rename_customer(customer_id=siti.id, name=name, salutation=salutation)
    assert service.get_customer(siti.id).name == "Siti"


def test_rename_of_a_missing_customer_says_so(service: CustomerService) -> None:
    with pytest.raises(NotFoundError):
        service.rename_customer(customer_id=999, name="Nobody")


def test_remove_identifier_keeps_the_last_one(service: CustomerService) -> None:
    budi = service.create_customer(
        name="Budi",
        identifiers=[_phone("081234567890"), IdentifierIn(kind="email", value="B@Example.com")],
    )
    # Any spelling of the number removes it: it is normalised like everything else.
    left = service.remove_identifier(customer_id=budi.id, identifier=_phone("+62 812-3456-7890"))
    assert [i.value for i in left.identifiers] == ["b@example.com"]
    assert service.find("081234567890") == []
    with pytest.raises(InputError, match="only identifier"):
        service.remove_identifier(
            customer_id=budi.id, identifier=IdentifierIn(kind="email", value="b@example.com")
        )
    with pytest.raises(NotFoundError, match="has no phone"):
        service.remove_identifier(customer_id=budi.id, identifier=_phone("081111111111"))
    assert len(service.get_customer(budi.id).identifiers) == 1


def test_critical_facts_are_kept_and_read_back(service: CustomerService) -> None:
    ani = service.create_customer(name="Ani", identifiers=[_phone("081234567890")])
    plain = service.add_fact(customer_id=ani.id, text="Prefers WhatsApp", created_by="Dewi")
    critical = service.add_fact(
        customer_id=ani.id, text="Hard of hearing: speak slowly", created_by="Dewi", critical=True
    )
    assert (plain.critical, critical.critical) == (False, True)
    service.update_fact(fact_id=plain.id, text="Prefers WhatsApp after 17:00")
    flipped = service.update_fact(fact_id=critical.id, text=critical.text, critical=False)
    assert flipped.critical is False
    raised = service.update_fact(fact_id=plain.id, text="Filed an OJK complaint", critical=True)
    assert raised.critical is True
    by_id = {f.id: f.critical for f in service.story(ani.id).facts}
    assert by_id == {plain.id: True, critical.id: False}


def test_log_contact_records_reason_handle_time_check_and_overrides(
    service: CustomerService,
) -> None:
    ani = service.create_customer(name="Ani", identifiers=[_phone("081234567890")])
    overrides = [
        OverrideIn(kind="asks_secret", at=FIXED_NOW - timedelta(minutes=2)),
        OverrideIn(kind="card_number", at=FIXED_NOW - timedelta(minutes=1)),
    ]
    logged = service.log_contact(
        contact_key="k1",
        customer_id=ani.id,
        summary="Asked about the claim",
        reason_code="claim_status",
        handle_seconds=312,
        identity_verified=True,
        overrides=overrides,
    )
    assert logged.overrides_recorded == 2
    # A retry of the same wrap-up records nothing twice.
    retry = service.log_contact(
        contact_key="k1", customer_id=ani.id, overrides=overrides, reason_code="claim_status"
    )
    assert retry.already_saved and retry.overrides_recorded == 0
    (contact,) = service.story(ani.id).interactions
    assert contact.reason_code == "claim_status"
    assert contact.handle_seconds == 312
    assert contact.identity_verified is True
    assert contact.overrides == ("asks_secret", "card_number")


def test_a_contact_without_the_new_fields_reads_as_unknown(service: CustomerService) -> None:
    ani = service.create_customer(name="Ani", identifiers=[_phone("081234567890")])
    service.log_contact(contact_key="k2", customer_id=ani.id, summary="Hello")
    (contact,) = service.story(ani.id).interactions
    assert (contact.reason_code, contact.handle_seconds) == ("", None)
    assert (contact.identity_verified, contact.overrides) == (False, ())


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"reason_code": "Claim Status!"}, "reason code must be"),
        ({"reason_code": "x" * 33}, "reason code must be"),
        ({"handle_seconds": -1}, "handle time must be"),
        ({"handle_seconds": 10**9}, "handle time must be"),
        ({"handle_seconds": 1.5}, "whole number"),
        ({"overrides": [OverrideIn(kind="my OTP is 123456", at=FIXED_NOW)]}, "override kind"),
        ({"overrides": [OverrideIn(kind="", at=FIXED_NOW)]}, "override kind"),
        (
            {"overrides": [OverrideIn(kind="asks_secret", at=FIXED_NOW.replace(tzinfo=None))]},
            "needs a timezone",
        ),
    ],
)
def test_log_contact_refuses_bad_new_fields_and_saves_nothing(
    service: CustomerService, changes: dict[str, object], message: str
) -> None:
    ani = service.create_customer(name="Ani", identifiers=[_phone("081234567890")])
    with pytest.raises(InputError, match=message):
        service.log_contact(contact_key="bad", customer_id=ani.id, **changes)  # type: ignore[arg-type]
    assert service.story(ani.id).total_interactions == 0


def test_merge_preview_counts_what_would_move(service: CustomerService) -> None:
    keep = service.create_customer(name="Budi", identifiers=[_phone("081234567890")])
    dup = service.create_customer(
        name="Budi S",
        identifiers=[_phone("081299998888"), IdentifierIn(kind="email", value="b@example.com")],
    )
    service.add_fact(customer_id=dup.id, text="VIP", created_by="Dewi")
    service.add_commitment(
        customer_id=dup.id, text="Call back", due_at=FIXED_NOW + timedelta(days=1), made_by="D"
    )
    for key in ("a", "b", "c"):
        service.log_contact(
            contact_key=key,
            customer_id=dup.id,
            overrides=[OverrideIn(kind="asks_secret", at=FIXED_NOW)],
        )
    preview = service.merge_preview(keep_id=keep.id, merge_id=dup.id)
    assert (preview.keep.id, preview.merge.id) == (keep.id, dup.id)
    assert (preview.identifiers, preview.interactions, preview.facts, preview.commitments) == (
        2,
        3,
        1,
        1,
    )
    # A preview moves nothing.
    assert service.story(dup.id).total_interactions == 3
    merged = service.merge(keep_id=keep.id, merge_id=dup.id, by="Dewi")
    assert len(merged.identifiers) == 3
    story = service.story(keep.id)
    assert story.total_interactions == 3
    assert all(i.overrides == ("asks_secret",) for i in story.interactions)


def test_merge_preview_refuses_the_same_or_a_missing_customer(service: CustomerService) -> None:
    keep = service.create_customer(name="Budi", identifiers=[_phone("081234567890")])
    with pytest.raises(InputError, match="itself"):
        service.merge_preview(keep_id=keep.id, merge_id=keep.id)
    with pytest.raises(NotFoundError):
        service.merge_preview(keep_id=keep.id, merge_id=12345)


def test_erase_removes_the_overrides_too(service: CustomerService, database: Database) -> None:
    ani = service.create_customer(name="Ani", identifiers=[_phone("081234567890")])
    service.log_contact(
        contact_key="k", customer_id=ani.id, overrides=[OverrideIn(kind="pin", at=FIXED_NOW)]
    )
    service.erase(customer_id=ani.id, by="Dewi")
    with database.engine.connect() as conn:
        left = conn.exec_driver_sql("SELECT count(*) FROM compliance_override").scalar()
    assert left == 0
