"""analyze(): the JSON contract, industry and language choice, and hostile input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from copilot.context import analyze, default_engine
from copilot.context.engine import MAX_ANALYSED_CHARS, Analysis, Engine
from copilot.context.language import detect_industry, detect_language
from copilot.context.text import Tokens

DATA = Path(__file__).parent / "data"


def test_to_dict_has_exactly_the_contract_keys(small_engine: Engine) -> None:
    text = "paket saya rusak dan belum sampai, hp 0812-3456-7890"
    result = small_engine.analyze(text, industry="logistics").to_dict()
    assert list(result) == ["language", "industry", "hints", "signals", "pii", "redacted"]
    hint = result["hints"][0]  # type: ignore[index]
    assert list(hint) == [
        "id", "title", "text", "severity", "why", "reason", "checklist", "signal", "pack"
    ]  # fmt: skip
    assert hint["pack"] == "logistics"
    signal = result["signals"][0]  # type: ignore[index]
    assert list(signal) == [
        "kind", "message", "start", "end", "suggestion", "severity", "rewrite"
    ]  # fmt: skip
    assert result["pii"] == [{"kind": "phone", "start": 38, "end": 52}]
    assert result["redacted"] == "paket saya rusak dan belum sampai, hp [phone]"


def test_to_json_round_trips_and_keeps_non_ascii(small_engine: Engine) -> None:
    analysis = small_engine.analyze("paket saya rusak 😡 — tolong")
    data = json.loads(analysis.to_json())
    assert data == analysis.to_dict()
    assert "😡" in analysis.to_json()


def test_hint_fields_follow_the_language_and_explain_why(small_engine: Engine) -> None:
    analysis = small_engine.analyze("Paket saya belum sampai juga, sudah telat 3 hari")
    (hint,) = analysis.hints
    assert analysis.language == "id" and analysis.industry == "logistics"
    assert hint.id == "logistics.late_delivery"
    assert hint.title == "Paket terlambat: cek pelacakan dulu"
    assert hint.reason == "Tanggal yang jelas lebih menenangkan daripada sekadar maaf."
    assert hint.checklist == ("Scan terakhir disampaikan", "Tanggal baru diberikan")
    assert set(hint.why) >= {"paket", "belum", "sampai"}


def test_hints_are_ordered_must_first(small_engine: Engine) -> None:
    analysis = small_engine.analyze("my parcel is late and it came damaged, broken item inside")
    assert [h.id for h in analysis.hints] == ["logistics.damaged_goods", "logistics.late_delivery"]


def test_exclude_phrase_suppresses_a_hint(small_engine: Engine) -> None:
    text = "paket saya belum sampai kemarin, tapi sekarang sudah sampai"
    assert not small_engine.analyze(text).hints


def test_fixed_industry_keeps_that_pack_and_general_only(small_engine: Engine) -> None:
    text = "my parcel is late, I want to speak to a manager"
    auto = {h.id for h in small_engine.analyze(text).hints}
    assert auto == {"logistics.late_delivery", "general.escalation_request"}
    fixed = {h.id for h in small_engine.analyze(text, industry="health").hints}
    assert fixed == {"general.escalation_request"}


def test_industry_auto_detects_from_pack_words(small_engine: Engine) -> None:
    assert small_engine.analyze("kurir belum datang, resi tidak bergerak").industry == "logistics"
    assert small_engine.analyze("halo, selamat pagi").industry == "general"


def test_language_detection() -> None:
    assert detect_language(Tokens("paket saya belum sampai juga kak").words) == "id"
    assert detect_language(Tokens("my parcel has not arrived yet").words) == "en"
    assert detect_language(Tokens("udah 3x saya call, still belum ada solusi").words) == "id"
    assert detect_language(Tokens("please, I have been waiting, tolong").words) == "en"
    assert detect_language([]) == "en"
    assert detect_language(Tokens("ok ok").words) == "en"  # a tie goes to English


def test_detect_industry_prefers_the_highest_score() -> None:
    assert detect_industry({"health": 2, "telecom": 3, "general": 9}) == "telecom"
    assert detect_industry({}) == "general"
    assert detect_industry({"health": 1, "finance": 1}) == "finance"  # ties: alphabetical


def test_explicit_language_overrides_detection(small_engine: Engine) -> None:
    analysis = small_engine.analyze("paket saya rusak", language="en")
    assert analysis.language == "en"
    assert analysis.hints[0].title == "Damaged goods: photos before anything else"


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_text_gives_an_empty_analysis(small_engine: Engine, text: str) -> None:
    analysis = small_engine.analyze(text)
    assert analysis == Analysis(language="en", industry="general", redacted=text)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"role": "boss"}, "role must be one of customer, agent"),
        ({"industry": "retail"}, "industry must be auto or one of"),
        ({"language": "fr"}, "language must be auto, en or id"),
    ],
)
def test_bad_arguments_are_clear_errors(
    small_engine: Engine, kwargs: dict[str, str], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        small_engine.analyze("halo", **kwargs)  # type: ignore[arg-type]


def test_non_text_is_a_type_error(small_engine: Engine) -> None:
    with pytest.raises(TypeError, match="text must be str"):
        small_engine.analyze(b"bytes")  # type: ignore[arg-type]


def test_ten_megabytes_is_analysed_in_part_but_redacted_whole(small_engine: Engine) -> None:
    head = "paket saya rusak. "
    tail = " saya kecewa, kartu 4111 1111 1111 1111"
    text = head + ("lorem ipsum dolor sit amet " * 400_000) + tail  # about 10.8 MB
    analysis = small_engine.analyze(text)
    assert analysis.truncated
    assert [h.id for h in analysis.hints] == ["logistics.damaged_goods"]
    (frustration,) = [s for s in analysis.signals if s.kind == "frustration"]
    assert text[frustration.start : frustration.end] == "kecewa"  # offsets into the full text
    assert analysis.pii[0].kind == "card_number" and analysis.pii[0].end == len(text)
    assert analysis.redacted.endswith("[card ****1111]")
    assert len(text) > MAX_ANALYSED_CHARS


@pytest.mark.parametrize(
    "text",
    [
        "\x00\x01\x02\xff\ufffd" * 1000,
        "😡😡😡 🙏 👍🏽 " * 50,
        "مرحبا، طلبي لم يصل بعد",  # RTL
        "\u202eRTL override\u202c paket rusak",
        "中文 текст ελληνικά paket saya rusak",
        "İİİ ǅ ß ﬁ Σ",  # characters that change length when lower-cased
        "a" * 100_000,
        "!!!???..." * 1000,
        "\ud800",  # a lone surrogate
    ],
)
def test_hostile_text_never_crashes(small_engine: Engine, text: str) -> None:
    for role in ("customer", "agent"):
        analysis = small_engine.analyze(text, role=role, customer_text=text)
        json.loads(analysis.to_json())
        for signal in analysis.signals:
            assert 0 <= signal.start <= signal.end <= len(text)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=2000), role=st.sampled_from(["customer", "agent"]))
def test_any_text_gives_a_valid_analysis(small_engine: Engine, text: str, role: str) -> None:
    analysis = small_engine.analyze(text, role=role, customer_text=text[::-1])
    assert analysis.language in ("en", "id")
    for signal in analysis.signals:
        assert 0 <= signal.start <= signal.end <= len(text)
    for match in analysis.pii:
        assert 0 <= match.start < match.end <= len(text)
    assert analysis.redacted if text else analysis.redacted == ""


def test_default_engine_is_built_once_and_can_be_reset() -> None:
    default_engine.cache_clear()
    first = default_engine()
    assert default_engine() is first
    assert analyze("saya kecewa").signals[0].kind == "frustration"
    default_engine.cache_clear()
    assert default_engine() is not first


def test_a_broken_pack_is_skipped_and_reported(tmp_path: Path) -> None:
    for pack in (DATA / "packs").glob("*.toml"):
        (tmp_path / pack.name).write_text(pack.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "health.toml").write_text(
        "[pack]\nindustry = 'health'\nversion = 0\n", encoding="utf-8"
    )
    engine = Engine(tmp_path)
    assert engine.industries == ("general", "logistics")
    assert engine.pack_errors and "health.toml:3:" in engine.pack_errors[0].message


def test_pii_import_stays_light_and_names_are_re_exported() -> None:
    import subprocess
    import sys

    code = (
        "import sys, copilot.context.pii;"
        "assert 'copilot.context.engine' not in sys.modules;"
        "from copilot.context import History, Analysis, Signal, Engine, Hint;"
        "print(History(contacts_7d=2).contacts_7d)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "2"
