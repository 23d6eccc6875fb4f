"""The panel's small rules, without a window: contact ordinal, Apply wording, summaries, drafts."""

from __future__ import annotations

import threading

import pytest

from copilot.context.engine import Analysis, Hint
from copilot.context.pii import PiiMatch
from copilot.context.tone import Signal
from copilot.storage.schemas import IdentifierKind
from copilot.ui.controllers.draft import DraftWriter
from copilot.ui.controllers.find import identifier_from_query
from copilot.ui.controllers.items import (
    HintItem,
    contact_number,
    first_sentence,
    hint_items,
    merge_for_contact,
    ordinal,
    reminders,
    show_contact_count,
)


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (10, "10th"), (11, "11th"),
        (12, "12th"), (13, "13th"), (21, "21st"), (22, "22nd"), (23, "23rd"), (101, "101st"),
        (111, "111th"), (112, "112th"),
    ],
)  # fmt: skip
def test_english_ordinals(n: int, expected: str) -> None:
    assert ordinal(n) == expected


def test_ordinal_goes_through_the_translator() -> None:
    indonesian = {"st": "ke-{n}", "nd": "ke-{n}", "rd": "ke-{n}", "th": "ke-{n}"}
    assert ordinal(3, indonesian) == "ke-3"
    assert ordinal(11, indonesian) == "ke-11"


def test_contact_number_counts_this_contact_until_it_is_logged() -> None:
    # Two contacts already logged this week: this call is the third.
    assert contact_number(2, logged=False) == 3
    # After the wrap-up is saved the store already counts it.
    assert contact_number(3, logged=True) == 3
    assert contact_number(0, logged=False) == 1
    assert contact_number(-5, logged=False) == 1  # never a "0th" or negative contact


def test_contact_count_line_from_the_second_contact_in_seven_days() -> None:
    assert not show_contact_count(1)
    assert show_contact_count(2)
    assert show_contact_count(3)


def test_first_sentence_is_short_and_single_line() -> None:
    assert first_sentence("My claim was denied. I want to appeal!") == "My claim was denied."
    assert first_sentence("line one\nline two") == "line one"
    assert first_sentence("") == ""
    long = "x" * 500
    assert len(first_sentence(long)) == 200
    assert first_sentence(long).endswith("…")


def _analysis(
    hints: tuple[Hint, ...] = (), signals: tuple[Signal, ...] = (), pii: tuple[PiiMatch, ...] = ()
) -> Analysis:
    return Analysis(language="en", industry="general", hints=hints, signals=signals, pii=pii)


def _hint(hint_id: str, severity: str, why: list[str], signal: str | None = None) -> Hint:
    return Hint(
        id=hint_id,
        title=hint_id,
        text="t",
        severity=severity,
        why=tuple(why),
        reason="r",
        checklist=(),
        signal=signal,
    )


def _signal(
    kind: str, start: int, end: int, severity: str = "should", rewrite: str | None = None
) -> Signal:
    return Signal(kind, kind, start, end, "s", severity, rewrite)


def test_hint_items_order_and_signal_why_is_the_span() -> None:
    text = "I am so angry, my claim was denied"
    analysis = _analysis(
        hints=(_hint("x.tip", "tip", ["claim"]), _hint("x.must", "must", ["denied"])),
        signals=(_signal("frustration", 5, 13),),
    )
    items = hint_items(analysis, text)
    assert [i.id for i in items] == ["x.must", "x.tip", "signal:frustration"]
    assert items[2].why == ("so angry",)
    assert items[2].kind == "signal"


def test_a_signal_card_takes_its_severity_from_the_signal() -> None:
    analysis = _analysis(
        signals=(_signal("confusion", 0, 5, "tip"), _signal("vulnerability", 6, 11, "must"))
    )
    items = hint_items(analysis, "bingung sakit")
    assert [(i.id, i.severity) for i in items] == [
        ("signal:vulnerability", "must"),
        ("signal:confusion", "tip"),
    ]


def test_a_signal_covered_by_a_hint_joins_its_card() -> None:
    text = "Sudah 3x saya telepon, bodoh!"
    analysis = _analysis(
        hints=(
            _hint("g.repeat", "should", ["3x", "telepon"], "repeat_contact"),
            _hint("g.abuse", "should", ["bodoh"], "abusive"),
        ),
        signals=(_signal("repeat_contact", 0, 8), _signal("abusive", 23, 28, "must")),
    )
    items = hint_items(analysis, text)
    assert [i.id for i in items] == ["g.abuse", "g.repeat"]  # no signal cards
    abuse, repeat = items
    assert repeat.why == ("sudah 3x", "telepon")
    assert abuse.why == ("bodoh",)  # its words already say it
    # An abusive customer is a "must" (the tone data says so): the merged card keeps that.
    assert abuse.severity == "must" and repeat.severity == "should"


def test_a_signal_from_history_shows_unless_a_hint_covers_it() -> None:
    history_signal = _signal("repeat_contact", 0, 0)  # no words: contacts this week
    alone = hint_items(_analysis(signals=(history_signal,)), "halo")
    assert [(i.id, i.why) for i in alone] == [("signal:repeat_contact", ())]
    covered = hint_items(
        _analysis(
            hints=(_hint("g.repeat", "should", ["lagi"], "repeat_contact"),),
            signals=(history_signal,),
        ),
        "telepon lagi",
    )
    assert [(i.id, i.why) for i in covered] == [("g.repeat", ("lagi",))]


def test_a_hint_for_another_signal_covers_nothing() -> None:
    analysis = _analysis(
        hints=(_hint("g.urgent", "tip", ["segera"], "urgency"),),
        signals=(_signal("frustration", 0, 5),),
    )
    assert [i.id for i in hint_items(analysis, "kesal segera")] == [
        "g.urgent",
        "signal:frustration",
    ]


def test_a_pinned_hint_keeps_hiding_the_signal_it_covers() -> None:
    hint = HintItem(id="g.repeat", kind="hint", severity="should", title="R", text="",
                    covers="repeat_contact")  # fmt: skip
    signal = HintItem(id="signal:repeat_contact", kind="signal", severity="should", title="S",
                      text="")  # fmt: skip
    other = HintItem(id="signal:urgency", kind="signal", severity="should", title="U", text="")
    shown = merge_for_contact([signal, other], pinned={"g.repeat": hint}, dismissed=set())
    assert [i.id for i in shown] == ["g.repeat", "signal:urgency"]


def test_pinned_stay_and_dismissed_never_return() -> None:
    a = HintItem(id="a", kind="hint", severity="must", title="A", text="")
    b = HintItem(id="b", kind="hint", severity="tip", title="B", text="")
    c = HintItem(id="c", kind="hint", severity="tip", title="C", text="")
    shown = merge_for_contact([b, c], pinned={"a": a}, dismissed={"c"})
    assert [(i.id, i.pinned) for i in shown] == [("a", True), ("b", False)]


def test_reminders_carry_span_severity_rewrite_and_pii() -> None:
    draft = "You should have called. Card 4111 1111 1111 1111"
    analysis = _analysis(
        signals=(_signal("blame", 0, 15, "should", rewrite="we can"),),
        pii=(PiiMatch("card_number", 29, 48),),
    )
    notes = reminders(analysis, draft)
    # Personal data first (it can break a rule), then tone in reading order.
    assert notes[0].is_pii and notes[0].span == "4111 1111 1111 1111"
    assert notes[0].severity == "must"
    assert notes[1].span == "You should have" and notes[1].rewrite == "we can"
    assert notes[1].severity == "should"


def test_a_reminder_is_ranked_and_applied_as_the_tone_data_says() -> None:
    draft = "L2 will call. Send me the OTP"
    analysis = _analysis(
        signals=(
            _signal("jargon", 0, 2, "should", rewrite="our specialist team"),
            _signal("sensitive_data_request", 14, 29, "must"),
        )
    )
    notes = reminders(analysis, draft)
    assert [(n.kind, n.severity, n.rewrite) for n in notes] == [
        ("sensitive_data_request", "must", None),  # advice only: no Apply button
        ("jargon", "should", "our specialist team"),
    ]


def test_reminders_from_the_engine_offer_the_tone_datas_rewrites() -> None:
    from copilot.context import analyze

    draft = "Mohon tunggu. KAMI SEDANG CEK!!! Kasus sudah ke L2."
    notes = {n.kind: n for n in reminders(analyze(draft, role="agent"), draft)}
    assert notes["shouting"].span == "KAMI SEDANG CEK!!!"
    assert notes["shouting"].rewrite == "Kami sedang cek!"
    assert notes["jargon"].span == "L2" and notes["jargon"].rewrite == "tim spesialis kami"


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("siti@example.com", IdentifierKind.email),
        ("0812-3456-7890", IdentifierKind.phone),
        ("+62 812 3456 7890", IdentifierKind.phone),
        ("POL-2024-00123", IdentifierKind.account),
        ("TKT-88812", IdentifierKind.ticket),
        ("Siti Aminah", None),
        ("", None),
    ],
)
def test_identifier_from_query(query: str, kind: IdentifierKind | None) -> None:
    found = identifier_from_query(query)
    assert (found.kind if found else None) == kind


class FakeDrafts:
    """Stands in for `DraftService`: records what reaches the store, in order."""

    def __init__(self) -> None:
        self.saved: dict[int | None, str] = {}
        self.writes: list[tuple[int | None, str]] = []

    def save(self, customer_id: int | None, text: str) -> None:
        self.writes.append((customer_id, text))
        self.saved[customer_id] = text

    def get(self, customer_id: int | None) -> str:
        return self.saved.get(customer_id, "")


def test_draft_writer_ignores_an_older_write_that_finishes_late() -> None:
    store = FakeDrafts()
    writer = DraftWriter(lambda: store)  # type: ignore[arg-type, return-value]
    writer.write(1, "newest", seq=5)
    writer.write(1, "older", seq=3)
    assert writer.read(1) == "newest"
    writer.write(2, "another customer", seq=4)  # counted per customer
    assert writer.read(2) == "another customer"
    writer.write(1, "", seq=6)  # cleared
    assert writer.read(1) == ""
    assert store.writes == [(1, "newest"), (2, "another customer"), (1, "")]


def test_draft_writer_concurrent_writes_keep_the_newest() -> None:
    store = FakeDrafts()
    writer = DraftWriter(lambda: store)  # type: ignore[arg-type, return-value]
    start = threading.Barrier(29)

    def write(seq: int) -> None:
        start.wait()
        writer.write(2, f"text {seq}", seq)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(1, 30)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert writer.read(2) == "text 29"
    # Whatever order they ran in, no write older than one already stored got through.
    seqs = [int(text.split()[1]) for _, text in store.writes]
    assert seqs == sorted(seqs) and seqs[-1] == 29
