"""Tone signals on labelled cases written for Copilot: EN, ID, code-mixed, negation, politeness."""

from __future__ import annotations

import pytest

from copilot.context.engine import Engine, History

# (text, kinds that must be reported, kinds that must not). Written for this project; none is
# taken from the evaluation corpora.
CUSTOMER_CASES = [
    # frustration: negative words, negation, unmet expectations, time elapsed, escalation
    ("I'm really disappointed with your service", {"frustration"}, set()),
    ("saya kecewa banget sama pelayanannya", {"frustration"}, set()),
    ("I am not happy with this at all", {"frustration"}, set()),
    ("saya tidak puas dengan jawabannya", {"frustration"}, set()),
    ("jujur gak puas sih sama hasilnya", {"frustration"}, set()),
    ("My order still hasn't arrived", {"frustration"}, set()),
    ("paket saya belum sampai juga", {"frustration"}, set()),
    ("sudah 2 minggu nunggu refund", {"frustration"}, set()),
    ("udah seminggu internet mati terus", {"frustration"}, set()),
    ("I want to speak to a manager", {"frustration"}, set()),
    ("saya minta bicara dengan atasan anda", {"frustration"}, set()),
    ("the app keeps crashing, this is ridiculous", {"frustration"}, set()),
    # repeat contact, including code-mixed
    ("udah 3x saya call, still belum ada solusi", {"repeat_contact", "frustration"}, set()),
    ("This is the third time I'm contacting you about this", {"repeat_contact"}, set()),
    ("I've called four times already", {"repeat_contact"}, set()),
    ("saya sudah berkali-kali komplain soal ini", {"repeat_contact"}, set()),
    ("kemarin juga sudah telpon, katanya mau dicek", {"repeat_contact"}, set()),
    # urgency
    ("Please fix it ASAP, I need it today", {"urgency"}, set()),
    ("tolong segera diproses ya", {"urgency"}, {"frustration"}),
    ("darurat, kartu saya hilang", {"urgency"}, set()),
    # confusion
    ("I don't understand what this charge means", {"confusion"}, set()),
    ("saya bingung caranya gimana", {"confusion"}, set()),
    ("maksudnya apa ya tagihan ini?", {"confusion"}, set()),
    # churn risk
    ("I want to cancel my subscription", {"churn_risk"}, set()),
    ("mending saya pindah ke provider lain aja", {"churn_risk"}, set()),
    ("tolong tutup rekening saya", {"churn_risk"}, set()),
    ("gak mau pakai lagi deh", {"churn_risk"}, set()),
    # vulnerability: bereavement, illness, job loss, hardship
    ("my husband passed away last month", {"vulnerability"}, set()),
    ("ibu saya baru meninggal minggu lalu", {"vulnerability"}, set()),
    ("saya lagi dirawat di rumah sakit", {"vulnerability"}, set()),
    ("I lost my job and can't afford the payments", {"vulnerability"}, set()),
    ("saya kena PHK, belum bisa bayar cicilan", {"vulnerability"}, set()),
    # abusive
    ("you're all useless idiots", {"abusive"}, set()),
    ("dasar goblok semua", {"abusive"}, set()),
    ("kalian anjing semua", {"abusive"}, set()),
    # negation and politeness: NOT complaints
    ("tolong bantu cek ya, terima kasih", set(), {"frustration", "abusive", "churn_risk"}),
    ("Could you please check my order? Thanks!", set(), {"frustration"}),
    ("saya tidak kecewa kok, pelayanannya bagus", set(), {"frustration"}),
    ("not bad at all, thank you", set(), {"frustration"}),
    ("paketnya sudah sampai, makasih ya kak", set(), {"frustration", "repeat_contact"}),
    ("anjing saya sakit, apakah asuransi menanggung biaya dokter hewan?", set(), {"abusive"}),
    ("halo kak, mau tanya jam buka kantor", set(), {"frustration", "urgency", "confusion"}),
]

AGENT_CASES = [
    ("You should have read the terms before buying.", {"blame"}),
    ("Seharusnya Bapak cek dulu sebelum transfer.", {"blame"}),
    ("Itu kesalahan Ibu sendiri karena tidak membaca syaratnya.", {"blame"}),
    ("Calm down, there is nothing I can do.", {"dismissive"}),
    ("Seperti yang sudah saya bilang tadi, tunggu saja.", {"dismissive"}),
    ("That's not my department.", {"dismissive"}),
    ("We can't refund this order.", {"negative_phrasing"}),
    ("Mohon maaf, kami tidak bisa memproses permintaan ini.", {"negative_phrasing"}),
    ("Your ticket is with L2 and the SLA is 3 days.", {"jargon"}),
    ("Sudah kami eskalasi ke tim terkait sesuai SOP.", {"jargon"}),
    ("I guarantee it will arrive tomorrow.", {"overpromise"}),
    ("Pasti selesai hari ini kok, dijamin.", {"overpromise"}),
    ("PLEASE READ THE EMAIL WE SENT YOU", {"shouting"}),
    ("Sudah kami kirim ya kak!!!", {"shouting"}),
    ("Please send me the OTP you just received.", {"sensitive_data_request"}),
    ("Silakan sebutkan kode OTP yang masuk ke HP Bapak", {"sensitive_data_request"}),
    ("Boleh diinfokan PIN ATM-nya untuk verifikasi?", {"sensitive_data_request"}),
    ("What is your CVV?", {"sensitive_data_request"}),
    ("Could you give me your full card number and expiry date?", {"sensitive_data_request"}),
]

GOOD_DRAFTS = [
    "Thanks for waiting. I've checked your order and it will be delivered on Friday.",
    "Terima kasih sudah menunggu, paketnya sudah dikirim dan estimasi tiba hari Jumat.",
    "For your security, please never share your OTP or PIN with anyone, including us.",
    "Demi keamanan, jangan berikan kode OTP kepada siapa pun, termasuk kami.",
    "Kami tidak akan pernah meminta PIN atau password Anda.",
    "I'm sorry this has taken so long; here is what I will do now.",
]


def kinds(engine: Engine, text: str, **kwargs: object) -> set[str]:
    return {s.kind for s in engine.analyze(text, **kwargs).signals}  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "must", "must_not"), CUSTOMER_CASES)
def test_customer_signals(engine: Engine, text: str, must: set[str], must_not: set[str]) -> None:
    found = kinds(engine, text)
    assert must <= found, f"missing {must - found} in {found}"
    assert not (must_not & found), f"unexpected {must_not & found}"


@pytest.mark.parametrize(("text", "must"), AGENT_CASES)
def test_agent_signals(engine: Engine, text: str, must: set[str]) -> None:
    found = kinds(engine, text, role="agent")
    assert must <= found, f"missing {must - found} in {found}"


@pytest.mark.parametrize("text", GOOD_DRAFTS)
def test_good_drafts_raise_nothing(engine: Engine, text: str) -> None:
    assert kinds(engine, text, role="agent") == set()


def test_signal_span_points_at_the_words_that_triggered_it(engine: Engine) -> None:
    text = "Halo kak, paket saya belum sampai juga padahal sudah 2 minggu"
    (signal,) = [s for s in engine.analyze(text).signals if s.kind == "frustration"]
    assert text[signal.start : signal.end] in ("belum sampai", "sudah 2 minggu")


def test_signals_are_deduplicated_per_kind(engine: Engine) -> None:
    text = "kecewa, kecewa, kecewa! belum sampai, belum datang, belum diproses"
    found = [s.kind for s in engine.analyze(text).signals]
    assert len(found) == len(set(found))


def test_messages_follow_the_text_language(engine: Engine) -> None:
    en = engine.analyze("I am very disappointed").signals[0]
    id_ = engine.analyze("saya sangat kecewa").signals[0]
    assert en.message == "The customer sounds frustrated."
    assert id_.message == "Pelanggan terdengar kesal."
    assert id_.suggestion != en.suggestion


@pytest.mark.parametrize(
    ("draft", "span", "rewrite"),
    [
        ("Please relax, Ma'am.", "Please relax", "I understand how frustrating this is"),
        (
            "No need to get upset, sir.",
            "No need to get upset",
            "I understand how frustrating this is",
        ),
        ("Rules are rules.", "Rules are rules", "I understand this rule is frustrating"),
        (
            "Sorry, that is our policy.",
            "that is our policy",
            "I understand this rule is frustrating",
        ),
        ("Ibu sabar dulu ya", "Ibu sabar dulu", "Mohon maaf atas ketidaknyamanannya"),
        ("Kak tenang aja, nanti sampai", "Kak tenang aja", "Mohon maaf atas ketidaknyamanannya"),
        (
            "Sudah prosedurnya begitu, Pak.",
            "Sudah prosedurnya begitu",
            "Saya paham aturan ini merepotkan",
        ),
        (
            "Ya gimana lagi Bu, sistemnya memang gitu",
            "sistemnya memang gitu",
            "Saya paham aturan ini merepotkan",
        ),
    ],
)
def test_telling_a_customer_to_calm_down_or_that_rules_are_rules_has_a_kinder_rewrite(
    engine: Engine, draft: str, span: str, rewrite: str
) -> None:
    (signal,) = [s for s in engine.analyze(draft, role="agent").signals if s.kind == "dismissive"]
    assert (draft[signal.start : signal.end], signal.rewrite) == (span, rewrite)


@pytest.mark.parametrize(
    "draft",
    [
        "Mohon bersabar ya Bu, kami sedang proses.",
        "Terima kasih atas kesabarannya, Pak.",
        "Our policy covers inpatient care up to 30 days.",
        "Sesuai kebijakan kami, dana dikembalikan dalam 3 hari kerja.",
        "You can relax: the refund was sent today.",
        "Prosedurnya begini Bu: pertama isi formulir.",
        "Pak, mohon ditunggu sebentar ya, saya cek dulu.",
        "Terima kasih Ibu sudah sabar ya",
        "Mohon Ibu sabar ya, sedang kami proses.",
        "Ibu bisa santai saja, semua sudah kami urus.",
        "I know it is our policy, but let me check an exception for you.",
    ],
)
def test_patience_asked_politely_and_policy_explained_are_not_dismissive(
    engine: Engine, draft: str
) -> None:
    assert "dismissive" not in kinds(engine, draft, role="agent")


def test_every_dismissive_phrase_in_a_draft_is_reported(engine: Engine) -> None:
    draft = "Calm down sir, as I said, rules are rules."
    spans = [
        draft[s.start : s.end]
        for s in engine.analyze(draft, role="agent").signals
        if s.kind == "dismissive"
    ]
    assert spans == ["Calm down", "as I said", "rules are rules"]


@pytest.mark.parametrize(
    ("draft", "kind", "span", "rewrite"),
    [
        # Shouting is calmed in place: sentence case, one exclamation mark, capital only
        # where a sentence starts.
        ("Mohon tunggu. KAMI SEDANG CEK!!!", "shouting", "KAMI SEDANG CEK!!!", "Kami sedang cek!"),
        ("Please NOTE THE DEADLINE today", "shouting", "NOTE THE DEADLINE", "note the deadline"),
        ("Hello\nPLEASE WAIT NOW", "shouting", "PLEASE WAIT NOW", "Please wait now"),
        ("Sudah kami kirim ya kak!!!", "shouting", "!!!", "!"),
        # A term with one plain equivalent: the tone data's rewrite, in the draft's language.
        ("I will pass this to L2 today.", "jargon", "L2", "our specialist team"),
        ("Kasus Anda sudah kami teruskan ke L2.", "jargon", "L2", "tim spesialis kami"),
        (
            "Paket Anda RTS karena alamat tidak ditemukan",
            "jargon",
            "RTS",
            "dikembalikan ke pengirim",
        ),
        # Advice only: the agent must choose the words (no rewrite, so no Apply button).
        ("Sesuai SOP kami tidak bisa.", "jargon", "Sesuai SOP", None),
        ("You should have read the terms before buying.", "blame", "You should have", None),
        ("Please send me the OTP you just received.", "sensitive_data_request", None, None),
    ],
)
def test_a_draft_signal_carries_the_rewrite_apply_uses(
    engine: Engine, draft: str, kind: str, span: str | None, rewrite: str | None
) -> None:
    (signal,) = [s for s in engine.analyze(draft, role="agent").signals if s.kind == kind]
    if span is not None:
        assert draft[signal.start : signal.end] == span
    assert signal.rewrite == rewrite


def test_severity_comes_from_the_tone_data(engine: Engine) -> None:
    draft = engine.analyze("Please send me your OTP. Sesuai SOP, L2 will call.", role="agent")
    severities = {s.kind: s.severity for s in draft.signals}
    assert severities == {"sensitive_data_request": "must", "jargon": "should"}
    customer = engine.analyze("suami saya baru meninggal, saya bingung").signals
    assert {s.kind: s.severity for s in customer}["vulnerability"] == "must"


def test_history_third_contact_raises_repeat_contact(engine: Engine) -> None:
    text = "halo kak, mau tanya soal tagihan"
    assert "repeat_contact" not in kinds(engine, text, history=History(contacts_7d=1))
    analysis = engine.analyze(text, history=History(contacts_7d=2))
    (signal,) = [s for s in analysis.signals if s.kind == "repeat_contact"]
    assert "ke-3" in signal.message and (signal.start, signal.end) == (0, 0)


def test_missing_empathy_needs_an_upset_customer(engine: Engine) -> None:
    draft = "Your refund will be processed within 3 working days."
    upset = "This is the third time I call, I'm really fed up"
    calm = "Hi, when will my refund arrive?"
    assert "missing_empathy" in kinds(engine, draft, role="agent", customer_text=upset)
    assert "missing_empathy" not in kinds(engine, draft, role="agent", customer_text=calm)
    assert "missing_empathy" not in kinds(engine, draft, role="agent")
    kind_draft = "I'm sorry for the trouble. " + draft
    assert "missing_empathy" not in kinds(engine, kind_draft, role="agent", customer_text=upset)


def test_missing_empathy_in_indonesian(engine: Engine) -> None:
    upset = "udah 2 minggu belum sampai, saya kecewa banget"
    assert "missing_empathy" in kinds(
        engine, "Paket akan dikirim ulang besok.", role="agent", customer_text=upset
    )
    assert "missing_empathy" not in kinds(
        engine,
        "Mohon maaf atas ketidaknyamanannya, paket akan dikirim ulang besok.",
        role="agent",
        customer_text=upset,
    )


def test_too_long_draft(engine: Engine) -> None:
    draft = "Terima kasih sudah menghubungi kami. " * 30
    (signal,) = [s for s in engine.analyze(draft, role="agent").signals if s.kind == "too_long"]
    assert (signal.start, signal.end) == (0, len(draft))
    assert "too_long" not in kinds(engine, "Terima kasih, sudah kami proses.", role="agent")


def test_customer_role_never_reports_agent_kinds(engine: Engine) -> None:
    found = kinds(engine, "YOU SHOULD HAVE TOLD ME!!! I want my money back")
    assert not found & {"blame", "shouting", "too_long", "missing_empathy"}


def test_politeness_ranks_polite_above_rude(engine: Engine) -> None:
    polite = "Hi, could you please check this when you have a chance? Thanks so much!"
    neutral = "Please check this."
    rude = "Why didn't you check this? Obviously you should have read it."
    assert engine.politeness(polite) > engine.politeness(neutral) > engine.politeness(rude)


def test_negativity_score_orders_messages(engine: Engine) -> None:
    calm = engine.customer_negativity("terima kasih, sudah beres")
    annoyed = engine.customer_negativity("kok belum sampai juga sih")
    furious = engine.customer_negativity("parah banget, udah 3x telpon gak ada solusi, kecewa")
    assert calm < engine.frustration_threshold <= annoyed < furious
