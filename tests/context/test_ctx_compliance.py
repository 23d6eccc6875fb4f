"""Compliance in the context engine: every draft problem, the gate's blockers, hints that fire
on pasted secrets and on overdue promises, and the pack each hint came from."""

from __future__ import annotations

from pathlib import Path

import pytest

from copilot.context.compliance import GATE_KINDS, asked_secrets, blockers
from copilot.context.engine import Engine, History
from copilot.context.packs import check_pack
from copilot.vocabulary import INDUSTRIES


def test_every_occurrence_of_a_draft_problem_is_its_own_signal(engine: Engine) -> None:
    draft = "I passed it to L2 yesterday and L3 today; the backend team is on it."
    jargon = [s for s in engine.analyze(draft, role="agent").signals if s.kind == "jargon"]
    assert [draft[s.start : s.end] for s in jargon] == ["L2", "L3", "backend"]
    assert [s.rewrite for s in jargon] == [
        "our specialist team",
        "our specialist team",
        "our technical team",
    ]


def test_two_phrasings_of_one_request_on_the_same_words_are_one_signal(engine: Engine) -> None:
    draft = "Please send your OTP now."
    requests = [
        s for s in engine.analyze(draft, role="agent").signals
        if s.kind == "sensitive_data_request"
    ]  # fmt: skip
    assert len(requests) == 1


def test_politeness_counts_a_kind_of_problem_once(engine: Engine) -> None:
    once = engine.politeness("Your L2 team will call.")
    twice = engine.politeness("Your L2 team and L3 team will call.")
    assert once == pytest.approx(twice, abs=0.5)


@pytest.mark.parametrize(
    ("draft", "kinds"),
    [
        ("Please send me your OTP and your PIN.", ["asks_otp", "asks_pin"]),
        ("Boleh sebutkan kode OTP dan CVV kartunya?", ["asks_otp", "asks_cvv"]),
        ("What is your password?", ["asks_password"]),
        ("Mohon infokan nomor kartu lengkap Bapak", ["asks_card_number"]),
        ("Your card 4111 1111 1111 1111 is blocked.", ["card_number"]),
        ("Never share your OTP with anyone, including us.", []),
        ("Thanks, I will call you tomorrow.", []),
    ],
)
def test_blockers_name_what_the_draft_asks_for(
    engine: Engine, draft: str, kinds: list[str]
) -> None:
    found = blockers(engine.analyze(draft, role="agent"), draft)
    assert sorted(b.kind for b in found) == sorted(kinds)
    assert all(b.kind in GATE_KINDS and b.end > b.start for b in found)


def test_a_request_with_no_named_secret_is_still_a_blocker() -> None:
    assert asked_secrets("share it with me") == ("asks_secret",)
    assert asked_secrets("kirim kode PIN") == ("asks_pin",)


@pytest.mark.parametrize("industry", INDUSTRIES)
@pytest.mark.parametrize(
    "message", ["my PIN is 123456", "kode OTP 482913 barusan masuk", "card 4111 1111 1111 1111"]
)
def test_a_pasted_secret_raises_the_dont_repeat_it_card_in_every_industry(
    engine: Engine, industry: str, message: str
) -> None:
    hints = {h.id: h for h in engine.analyze(message, industry=industry).hints}
    hint = hints["general.secret_shared"]
    assert hint.severity == "must" and hint.why and hint.pack == "general"


def test_a_secret_in_the_agents_draft_does_not_raise_the_customer_card(engine: Engine) -> None:
    hints = engine.analyze("my PIN is 123456", role="agent").hints
    assert "general.secret_shared" not in {h.id for h in hints}


def test_three_overdue_promises_raise_the_broken_promise_hint(engine: Engine) -> None:
    three = History(open_commitments=3, overdue_commitments=3)
    hints = {h.id: h for h in engine.analyze("hello, any news?", history=three).hints}
    assert hints["general.broken_promise"].why == ("3 overdue promises",)
    quiet = engine.analyze("hello, any news?", history=History(overdue_commitments=2))
    assert "general.broken_promise" not in {h.id for h in quiet.hints}


def test_overdue_promises_speak_the_message_language_and_need_no_message(engine: Engine) -> None:
    history = History(overdue_commitments=4)
    (hint,) = engine.analyze("", history=history, language="id").hints
    assert hint.id == "general.broken_promise" and hint.why == ("4 janji lewat batas waktu",)
    assert hint.title.startswith("Janji tidak ditepati")


def test_general_campaign_chooses_the_pack_per_message_and_says_which(engine: Engine) -> None:
    claim = engine.analyze("klaim saya ditolak padahal polis masih aktif", industry="auto")
    parcel = engine.analyze("paket saya belum sampai, resi tidak update", industry="auto")
    assert claim.industry == "insurance" and parcel.industry == "logistics"
    assert {h.pack for h in claim.hints} <= {"insurance", "general"}
    assert any(h.pack == "insurance" for h in claim.hints)
    assert any(h.pack == "logistics" for h in parcel.hints)


def _pack(tmp_path: Path, extra: str) -> Path:
    path = tmp_path / "general.toml"
    path.write_text(
        '[pack]\nindustry = "general"\nversion = 1\ndetect = { en = [], id = [] }\n\n'
        '[[hint]]\nid = "general.x"\nseverity = "must"\n'
        'title = { en = "T", id = "T" }\ntext = { en = "T", id = "T" }\n'
        'why = { en = "W", id = "W" }\ntriggers = { en = [], id = [] }\n' + extra,
        encoding="utf-8",
    )
    return path


def test_a_hint_with_no_words_needs_a_condition(tmp_path: Path) -> None:
    _unused, errors = check_pack(_pack(tmp_path, ""))
    assert "no triggers" in errors[0].problem
    pack, errors = check_pack(_pack(tmp_path, 'pii = ["otp"]\n'))
    assert not errors and pack is not None and pack.hints[0].pii == {"otp"}


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        ('pii = ["pin"]\n', "pii must be a list of PII kinds"),
        ('pii = "otp"\n', "pii must be a list of PII kinds"),
        ("overdue_at_least = -1\n", "overdue_at_least must be a whole number"),
        ('overdue_at_least = "3"\n', "overdue_at_least must be a whole number"),
    ],
)
def test_bad_conditions_are_reported_with_their_line(
    tmp_path: Path, extra: str, problem: str
) -> None:
    _unused, errors = check_pack(_pack(tmp_path, extra))
    assert any(problem in e.problem and e.line == 13 for e in errors), errors
