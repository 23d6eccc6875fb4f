"""The `escalation` customer signal: threats to go public, to a regulator or to court, EN and ID."""

from __future__ import annotations

import pytest

from copilot.context.engine import Engine

# Written for this project. The three examples first.
THREATS = [
    "I will post this on Facebook.",
    "Saya akan laporkan ke BPSK.",
    "Saya viralkan ya.",
    # English
    "If this isn't fixed by Friday I'm going to the ombudsman",
    "I'll report you to OJK",
    "my lawyer will be in touch",
    "I'm going to sue you",
    "what do you mean rules, I'll see you in court",
    "I will contact trading standards",
    "I'm calling the newspaper about this",
    "I'll go to the press with this",
    "i will put this all over twitter",
    "fine, i'll write to the regulator then",
    "I'm going to get a lawyer",
    # Indonesian, slang and code-mixed
    "gw viralin aja nih",
    "kalau gak beres saya viralkan",
    "kalo ga direspon gw spill di twitter",
    "udah lah aku report ke OJK aja",
    "siap2 masuk berita ya kalian",
    "saya somasi kalian",
    "kalau gak ada solusi saya akan bawa ke jalur hukum",
    "saya lapor polisi",
    "nanti saya bawa ke pengacara saya",
    "mau saya gugat ke pengadilan",
    "saya adukan ke YLKI",
    "bakal gue posting di ig biar semua tau",
    "mau saya laporin ke ojk aja deh",
    "this is going viral on tiktok, mark my words",
]

# Neutral, polite, negated or hedged, and questions about the complaint route. A question
# ("apakah bisa komplain ke OJK?") is someone asking for the route, not threatening with it:
# the packs' complaint hints answer it, and the signal stays quiet.
NOT_THREATS = [
    "saya tidak akan viralkan kok",
    "I won't post this anywhere, don't worry",
    "I won't post this on Facebook, don't worry",
    "bukan mau lapor OJK, cuma tanya",
    "tenang, saya gak bakal spill kok",
    "I'm not going to sue, I just want my refund",
    "no need to involve lawyers, just fix it please",
    "apakah bisa komplain ke OJK?",
    "How do I complain to the ombudsman?",
    "Can I complain to the ombudsman about a late refund?",
    "gimana cara lapor ke YLKI ya?",
    "saya lihat promo ini di instagram",
    "I saw your ad on Facebook",
    "saya sudah bikin laporan polisi untuk kartu yang hilang",
    "my lawyer friend recommended you",
    "terima kasih, saya sudah follow ig kalian",
    "Can I pay through the BI Fast transfer?",
    "the court date is next week so I need the documents",
    "kata temen saya di tiktok ada promo",
    "saya kerja di media, mau tanya paket",
    "I'm a journalist and I need a copy of my bill",
]


@pytest.mark.parametrize("text", THREATS)
def test_a_threat_to_go_public_or_to_a_regulator_fires(engine: Engine, text: str) -> None:
    assert "escalation" in engine.customer_signal_kinds(text)


@pytest.mark.parametrize("text", NOT_THREATS)
def test_a_mention_negation_or_question_does_not_fire(engine: Engine, text: str) -> None:
    assert "escalation" not in engine.customer_signal_kinds(text)


def test_the_signal_says_what_to_do_in_the_customers_language(engine: Engine) -> None:
    indonesian = engine.analyze("Saya akan laporkan ke BPSK.")
    (signal,) = [s for s in indonesian.signals if s.kind == "escalation"]
    assert signal.severity == "must"
    assert "Saya akan laporkan ke BPSK."[signal.start : signal.end] == "laporkan ke BPSK"
    assert "pengaduan resmi" in (signal.suggestion or "")
    english = engine.analyze("I will post this on Facebook.")
    (signal,) = [s for s in english.signals if s.kind == "escalation"]
    assert "formal complaint" in (signal.suggestion or "")


def test_a_negator_that_opens_a_condition_does_not_cancel_the_threat(engine: Engine) -> None:
    # Typed without a comma, "kalau gak beres" is the condition; the threat after it stands.
    # The same negator right before the cue still negates it.
    assert "escalation" in engine.customer_signal_kinds("klo gk beres gw viralin")
    assert "escalation" in engine.customer_signal_kinds(
        "if the refund isnt back by monday im going to the ombudsman"
    )
    assert "escalation" not in engine.customer_signal_kinds("gw gk bakal viralin")


def test_escalation_is_listed_after_abusive(engine: Engine) -> None:
    kinds = [s.kind for s in engine.analyze("bangsat kalian, saya viralkan!").signals]
    assert kinds.index("abusive") < kinds.index("escalation")


PLAYBOOK_CASES = [
    ("finance", "Saya akan laporkan ke OJK kalau dana saya tidak kembali", "id"),
    ("insurance", "If the claim isn't paid I'm taking this to the ombudsman", "en"),
    ("health", "Saya viralkan ya pelayanan rumah sakit ini", "id"),
    ("logistics", "Saya akan laporkan ke BPSK.", "id"),
    ("telecom", "I will post this on Facebook.", "en"),
]


@pytest.mark.parametrize(("industry", "text", "language"), PLAYBOOK_CASES)
def test_each_industry_has_a_playbook_for_the_signal(
    engine: Engine, industry: str, text: str, language: str
) -> None:
    analysis = engine.analyze(text, industry=industry)
    assert "escalation" in {s.kind for s in analysis.signals}
    playbook = [h for h in analysis.hints if h.id == f"{industry}.escalation_threat"]
    assert playbook, [h.id for h in analysis.hints]
    assert playbook[0].signal == "escalation"
    route = "formal complaint" if language == "en" else "pengaduan resmi"
    assert route in playbook[0].text
    assert "wrap-up" in playbook[0].text


def test_a_question_about_the_route_gets_no_playbook(engine: Engine) -> None:
    analysis = engine.analyze("apakah bisa komplain ke OJK?", industry="finance")
    assert "finance.escalation_threat" not in {h.id for h in analysis.hints}
    assert "finance.complaint_ojk" in {h.id for h in analysis.hints}
