"""Deterministic, realistic demo data: customers, their contacts, facts and promises, fast.

`generate(database, customers=N, seed=S)` fills an empty database through the bulk loader.
Everything comes from one seeded `random.Random`, so the same seed, size and `now` give the same
data. It has to make a million customers (about five million interactions) in a few minutes, so
the per-row work is kept to picking from precomputed pools: summaries and notes are rendered from
templates once, up front; phone numbers, e-mails and account numbers are built as already-normal
strings (no `phonenumbers` parsing per row); uniqueness comes from a bijection of the customer's
index rather than from a set of everything used.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from copilot.errors import InputError
from copilot.storage.bulk import DEFAULT_BATCH_SIZE, BulkLoader, Mask, bulk_load
from copilot.storage.models import Customer, utc_now
from copilot.vocabulary import INDUSTRIES as ALL_INDUSTRIES
from copilot.vocabulary import Industry, Outcome

if TYPE_CHECKING:
    from copilot.storage.db import Database

Progress = Callable[[int, int], None]  # (customers done, customers total)

# The customer who has a long history; the story-so-far benchmark reads them.
STORY_CUSTOMER_INTERACTIONS = 240

# Every campaign has its own industry; "general" is the panel's fallback, not a campaign.
INDUSTRIES: tuple[str, ...] = tuple(i for i in ALL_INDUSTRIES if i != Industry.general)

# --- people ------------------------------------------------------------------------------------

ID_FIRST = (
    "Budi",
    "Siti",
    "Agus",
    "Dewi",
    "Rina",
    "Andi",
    "Putri",
    "Wahyu",
    "Sri",
    "Joko",
    "Ayu",
    "Rizky",
    "Fitri",
    "Hendra",
    "Yuni",
    "Bayu",
    "Indah",
    "Eko",
    "Ratna",
    "Dimas",
    "Nur",
    "Fajar",
    "Lestari",
    "Teguh",
    "Wulan",
    "Arif",
    "Maya",
    "Galih",
    "Intan",
    "Yoga",
    "Kartika",
    "Irfan",
    "Nurul",
    "Anisa",
    "Rudi",
    "Sari",
    "Hadi",
    "Citra",
    "Gilang",
    "Ikhsan",
    "Mega",
    "Reza",
    "Puspita",
    "Taufik",
    "Dian",
    "Made",
    "Ketut",
    "Nyoman",
    "Wayan",
    "Ujang",
    "Asep",
    "Cecep",
    "Dedi",
    "Yanti",
    "Rahmat",
    "Aditya",
    "Novi",
    "Ahmad",
    "Muhammad",
    "Siska",
    "Bambang",
    "Ni Luh",
    "I Gusti",
    "Theresia",
    "Yohanes",
    "Maria",
    "Fransiska",
    "Stefanus",
    "Lukas",
)
ID_LAST = (
    "Santoso",
    "Wijaya",
    "Pratama",
    "Saputra",
    "Hidayat",
    "Kusuma",
    "Nugroho",
    "Siregar",
    "Simanjuntak",
    "Harahap",
    "Lubis",
    "Setiawan",
    "Gunawan",
    "Halim",
    "Tanjung",
    "Wibowo",
    "Susanto",
    "Purnomo",
    "Rahman",
    "Hakim",
    "Sitompul",
    "Nasution",
    "Lestari",
    "Permana",
    "Kurniawan",
    "Suryadi",
    "Rahmawati",
    "Handayani",
    "Maharani",
    "Utami",
    "Firmansyah",
    "Hutapea",
    "Panjaitan",
    "Manurung",
    "Sinaga",
    "Pangaribuan",
    "Tambunan",
    "Wirawan",
    "Sulistyo",
    "Anggraini",
    "Puspitasari",
    "Ramadhan",
    "Syahputra",
    "Tanoto",
    "Salim",
    "Kurnia",
    "Yulianto",
    "Hasibuan",
    "Daulay",
    "Pohan",
    "Ginting",
    "Sembiring",
    "Tarigan",
)
EN_FIRST = (
    "James",
    "Emma",
    "Oliver",
    "Sophie",
    "William",
    "Charlotte",
    "Jack",
    "Amelia",
    "Thomas",
    "Olivia",
    "Daniel",
    "Grace",
    "Michael",
    "Hannah",
    "David",
    "Chloe",
    "Matthew",
    "Lucy",
    "Andrew",
    "Emily",
    "Ryan",
    "Jessica",
    "Peter",
    "Rachel",
    "Mark",
    "Laura",
    "Sean",
    "Niamh",
    "Aiden",
    "Zoe",
    "Priya",
    "Arjun",
    "Wei",
    "Mei",
    "Joseph",
    "Angela",
    "Ramon",
    "Maricel",
)
EN_LAST = (
    "Smith",
    "Brown",
    "Taylor",
    "Wilson",
    "Johnson",
    "Walker",
    "Wright",
    "Thompson",
    "White",
    "Hughes",
    "Edwards",
    "Green",
    "Hall",
    "Wood",
    "Harris",
    "Clarke",
    "Lewis",
    "Robinson",
    "O'Brien",
    "Murphy",
    "Kelly",
    "Nguyen",
    "Tan",
    "Lim",
    "Sharma",
    "Patel",
    "Reyes",
    "Santos",
    "Cruz",
    "Garcia",
    "Fernandez",
    "Mitchell",
    "Campbell",
    "Anderson",
    "Scott",
)

# Phone number shapes known valid to `phonenumbers` (tests check a sample): country code,
# national prefixes, then 8 digits that come from a bijection of the customer index.
ID_MOBILE_PREFIXES = (
    "811",
    "812",
    "813",
    "821",
    "822",
    "823",
    "851",
    "852",
    "853",
    "814",
    "815",
    "816",
    "855",
    "856",
    "857",
    "858",
    "817",
    "818",
    "819",
    "859",
    "877",
    "878",
    "895",
    "896",
    "897",
    "898",
    "899",
    "881",
    "882",
    "883",
    "831",
    "832",
    "838",
)
OTHER_MOBILES = (("+63", ("92", "95", "96", "97")), ("+44", ("78",)), ("+91", ("97", "98", "99")))
EMAIL_DOMAINS = (
    "gmail.com",
    "gmail.com",
    "gmail.com",
    "yahoo.co.id",
    "yahoo.com",
    "outlook.com",
    "hotmail.com",
    "ymail.com",
    "icloud.com",
    "mail.co.id",
)

# --- campaigns -------------------------------------------------------------------------------

CLIENTS = {
    "insurance": ("Asuransi Sejahtera", "Proteksi Prima Life"),
    "health": ("RS Medika Nusantara", "Klinik Sehat Bersama"),
    "telecom": ("NusaTel", "Lintas Seluler"),
    "logistics": ("Kilat Express", "Paket Cepat Nusantara"),
    "finance": ("Bank Mandala", "Dana Kita Finance"),
}
ACCOUNT_PREFIX = {
    "insurance": "POL",
    "health": "MRN",
    "telecom": "CUST",
    "logistics": "JP",
    "finance": "CIF",
}
CHANNELS = ("phone", "chat", "email", "whatsapp", "social", "in_person")
CHANNEL_WEIGHTS = (34, 22, 12, 26, 4, 2)  # sums to 100

_SLOTS: dict[str, tuple[str, ...]] = {
    "n": ("2", "3", "4", "5", "7", "10", "14"),
    "amount": (
        "Rp 150.000",
        "Rp 275.000",
        "Rp 1,2 juta",
        "Rp 3.450.000",
        "Rp 85.000",
        "IDR 2.000.000",
        "Rp 12 juta",
    ),
    "day": ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Monday", "Friday"),
    "city": (
        "Jakarta",
        "Surabaya",
        "Bandung",
        "Medan",
        "Makassar",
        "Semarang",
        "Denpasar",
        "Yogyakarta",
        "Palembang",
        "Balikpapan",
        "Bekasi",
        "Depok",
        "Tangerang",
    ),
    "doc": (
        "KTP",
        "KK",
        "surat keterangan dokter",
        "kwitansi asli",
        "resume medis",
        "foto rusak",
        "bukti transfer",
        "surat kematian",
    ),
    "plan": ("paket 30GB", "unlimited 100rb", "Halo+ 150", "paket keluarga", "roaming Asia"),
    "hospital": ("RS Medika Nusantara", "RSUD Kota", "Klinik Sehat Bersama", "RS Harapan Kita"),
    "item": (
        "HP",
        "laptop",
        "baju",
        "dokumen",
        "sparepart motor",
        "obat",
        "kosmetik",
        "paket frozen food",
    ),
}

SUMMARIES: dict[str, tuple[str, ...]] = {
    "insurance": (
        "Klaim rawat inap di {hospital} belum cair, sudah {n} hari",
        "Nasabah tanya status klaim, masih menunggu {doc}",
        "Klaim ditolak karena masa tunggu, nasabah minta penjelasan",
        "Customer wants to cancel policy, premium naik jadi {amount}",
        "Premium payment failed twice, nasabah minta link pembayaran baru",
        "Update beneficiary after marriage, need {doc}",
        "Policy renewal reminder, customer asks for discount",
        "Claim for car accident in {city}, waiting for workshop estimate",
        "Udah {n}x telepon soal klaim, still belum ada update",
        "Pengajuan klaim kacamata, limit tinggal {amount}",
        "Customer confused about deductible on claim {amount}",
        "Refund premi belum masuk rekening, janji {day}",
    ),
    "health": (
        "Booking ulang jadwal dokter spesialis hari {day}",
        "Pasien komplain antrian farmasi lebih dari {n} jam",
        "Hasil lab belum keluar, pasien minta dikirim via email",
        "Patient asks for medical resume for insurance claim",
        "Reschedule MRI appointment, pasien kerja shift",
        "Tagihan rawat inap {amount}, pasien minta rincian",
        "Keluarga pasien tanya jam besuk ICU",
        "BPJS rujukan expired, need new referral from faskes",
        "Obat kronis habis, minta kirim ke rumah di {city}",
        "Komplain perawat kurang ramah, minta dicatat",
        "Telemedicine link not working, pasien nunggu {n} menit",
    ),
    "telecom": (
        "Sinyal hilang di {city} sejak {n} hari",
        "Kuota {plan} habis padahal baru isi, minta cek pemakaian",
        "Tagihan bulan ini {amount}, pelanggan merasa tidak pakai roaming",
        "Customer wants to port out, offered retention {plan}",
        "Internet rumah putus-putus, teknisi dijadwalkan {day}",
        "SIM card hilang, minta blokir dan ganti kartu",
        "Pulsa kepotong layanan SMS premium {amount}",
        "Upgrade ke {plan}, customer asks about contract",
        "Udah {n}x complain sinyal, still lemot banget",
        "eSIM activation failed on new phone",
        "Double charge on auto top-up {amount}",
    ),
    "logistics": (
        "Paket {item} belum sampai, tracking stuck di {city}",
        "Barang diterima rusak, customer kirim {doc}",
        "Kurir tidak datang pickup hari {day}",
        "Parcel marked delivered but customer never received it",
        "Alamat salah, minta redirect ke {city}",
        "COD {amount} sudah dibayar tapi status belum update",
        "Paket {item} ditahan bea cukai, perlu {doc}",
        "Customer asks for refund of shipping fee {amount}",
        "Udah {n} hari nunggu paket, katanya on the way terus",
        "Return {item} to seller, need pickup schedule",
    ),
    "finance": (
        "Transfer {amount} gagal tapi saldo terpotong",
        "Kartu debit terblokir setelah salah PIN",
        "Customer disputes transaction {amount} at merchant in {city}",
        "Pengajuan KPR, tanya dokumen {doc}",
        "Cicilan telat {n} hari, minta keringanan denda",
        "Mobile banking error saat login, sudah reinstall",
        "Nasabah curiga penipuan, ada telepon mengaku dari bank",
        "Limit kartu kredit mau dinaikkan ke {amount}",
        "Restrukturisasi pinjaman karena PHK",
        "Biaya admin bulanan {amount} dipertanyakan",
        "Udah {n}x ke cabang, masalah rekening belum beres",
    ),
}
NOTES: dict[str, tuple[str, ...]] = {
    "insurance": (
        "Sudah eskalasi ke tim klaim, SLA {n} hari kerja.",
        "Explained the waiting period clause; customer still unhappy.",
        "Minta nasabah upload {doc} via portal.",
        "Nasabah menyebut kondisi kesehatan ayah memburuk, mohon prioritas.",
        "Customer will send documents by {day}.",
    ),
    "health": (
        "Jadwal baru sudah dikonfirmasi via WhatsApp.",
        "Pasien lansia, bicara pelan dan ulangi informasi.",
        "Forwarded complaint to head nurse.",
        "Rujukan baru diproses, estimasi {n} hari.",
        "Pasien minta hasil dikirim ke email keluarga.",
    ),
    "telecom": (
        "Tiket gangguan dibuat, teknisi ke lokasi {day}.",
        "Checked usage log: video streaming at night used the quota.",
        "Kompensasi kuota 5GB diberikan.",
        "Customer mentions moving to competitor if not fixed this week.",
        "Reset jaringan dan APN, belum membantu.",
    ),
    "logistics": (
        "Hub {city} konfirmasi paket overload, estimasi +{n} hari.",
        "Claim form sent, customer to attach photos.",
        "Kurir dihubungi, janji antar besok sebelum jam 12.",
        "Seller notified about damaged {item}.",
        "Customer emosi, sudah minta maaf dan beri update berkala.",
    ),
    "finance": (
        "Dispute form submitted, investigation up to {n} working days.",
        "Kartu diblokir sementara demi keamanan, kartu baru dikirim ke {city}.",
        "Reminded customer: bank never asks for PIN or OTP.",
        "Nasabah baru kena PHK, info program restrukturisasi.",
        "Dana akan dikembalikan maksimal {n} hari kerja.",
    ),
}
COMMON_NOTES = (
    "",
    "",
    "Customer calm, thanked the agent.",
    "Pelanggan minta dihubungi lewat WhatsApp saja.",
    "Follow up {day}.",
    "Sudah dijelaskan, customer paham.",
    "Customer asked for a supervisor; callback arranged.",
    "Nada bicara tinggi, tetap tenang dan empati.",
)
# Mostly what the wrap-up form offers; the rest is free text, as agents and imports write it.
OUTCOMES: tuple[str, ...] = (
    Outcome.resolved.value,
    Outcome.resolved.value,
    Outcome.resolved.value,
    Outcome.escalated.value,
    Outcome.follow_up.value,
    "pending customer",
    "selesai",
    "menunggu dokumen",
    Outcome.information_given.value,
    "ticket created",
)
TAGS: dict[str, tuple[str, ...]] = {
    "insurance": ("klaim", "premi", "polis", "refund", "complaint"),
    "health": ("jadwal", "lab", "bpjs", "tagihan", "complaint"),
    "telecom": ("sinyal", "kuota", "tagihan", "churn-risk", "teknisi"),
    "logistics": ("tracking", "rusak", "cod", "pickup", "refund"),
    "finance": ("transfer", "kartu", "dispute", "fraud", "cicilan"),
}
FACTS = (
    "Prefers WhatsApp, please don't call during office hours",
    "Tuna rungu: gunakan chat atau email",
    "Nasabah prioritas sejak 2019",
    "Sedang berduka: suami meninggal bulan lalu",
    "Jangan telepon sebelum jam 10 pagi",
    "Speaks English only",
    "Lansia, perlu penjelasan pelan-pelan",
    "Has complained to OJK before",
    "Lost job recently, sensitive about payments",
    "Alamat pengiriman kantor, bukan rumah",
    "VIP client account, escalate to team leader",
    "Pernah jadi korban penipuan, extra hati-hati verifikasi",
)
COMMITMENTS: dict[str, tuple[str, ...]] = {
    "insurance": ("Callback dengan update status klaim", "Send claim decision letter by email"),
    "health": ("Kirim hasil lab via email", "Confirm new specialist appointment"),
    "telecom": ("Teknisi datang dan konfirmasi sinyal normal", "Credit back roaming charge"),
    "logistics": ("Update posisi paket", "Arrange redelivery and call customer"),
    "finance": ("Info hasil investigasi dispute", "Refund biaya admin ke rekening"),
}


def _render_pool(rng: random.Random, templates: Sequence[str], size: int) -> tuple[str, ...]:
    """Fill each template's slots many times: varied text without per-row formatting."""
    out: list[str] = []
    for i in range(size):
        template = templates[i % len(templates)]
        values = {slot: rng.choice(choices) for slot, choices in _SLOTS.items()}
        out.append(template.format(**values))
    return tuple(out)


@dataclass(frozen=True)
class DemoSummary:
    """What `generate` made, and which customer has the long history."""

    customers: int
    interactions: int
    facts: int
    commitments: int
    agents: int
    story_customer_id: int
    story_phone: str
    seconds: float


class _Maker:
    """One seeded stream of demo rows; all the randomness of a run goes through `self.rng`."""

    def __init__(self, seed: int, now: datetime) -> None:
        rng = self.rng = random.Random(seed)
        self.now = now
        # Bijections of the customer index onto 8 digits (multipliers coprime with 10**8):
        # unique numbers without remembering the ones already used.
        self.mul_phone = rng.randrange(10**7, 10**8) | 1
        while self.mul_phone % 5 == 0:
            self.mul_phone += 2
        self.add_phone = rng.randrange(10**8)
        self.mul_acct = 7_919_333 if self.mul_phone != 7_919_333 else 7_919_337
        self.add_acct = rng.randrange(10**8)
        self.summaries = {k: _render_pool(rng, v, 600) for k, v in SUMMARIES.items()}
        notes = {k: v + COMMON_NOTES for k, v in NOTES.items()}
        self.notes = {k: _render_pool(rng, v, 400) for k, v in notes.items()}
        self.agents = self._agents()
        self.day = 86_400.0

    def _agents(self) -> tuple[tuple[str, str], ...]:
        rng = self.rng
        names: list[str] = []
        seen: set[str] = set()
        while len(names) < 120:
            name = f"{rng.choice(ID_FIRST)} {rng.choice(ID_LAST)}"
            if name not in seen:
                seen.add(name)
                names.append(name)
        # The first ten coach the others.
        return tuple((n, "team_leader" if i < 10 else "agent") for i, n in enumerate(names))

    def name(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.08:  # many Indonesians have one name
            return rng.choice(ID_FIRST)
        if roll < 0.80:
            return f"{rng.choice(ID_FIRST)} {rng.choice(ID_LAST)}"
        return f"{rng.choice(EN_FIRST)} {rng.choice(EN_LAST)}"

    def phone(self, index: int) -> str:
        digits = f"{(index * self.mul_phone + self.add_phone) % 10**8:08d}"
        rng = self.rng
        if rng.random() < 0.93:
            return f"+62{rng.choice(ID_MOBILE_PREFIXES)}{digits}"
        code, prefixes = rng.choice(OTHER_MOBILES)
        return f"{code}{rng.choice(prefixes)}{digits}"

    def email(self, name: str, index: int) -> str:
        local = "".join(ch for ch in name.lower().replace(" ", ".") if ch.isalnum() or ch == ".")
        return f"{local}{index}@{self.rng.choice(EMAIL_DOMAINS)}"

    def account(self, industry: str, index: int) -> str:
        number = (index * self.mul_acct + self.add_acct) % 10**8
        if industry == "logistics":
            return f"JP{number:010d}"
        return f"{ACCOUNT_PREFIX[industry]}{number:08d}"

    def ago(self, max_days: float) -> datetime:
        return self.now - timedelta(seconds=self.rng.random() * max_days * self.day)

    def customer(self, loader: BulkLoader, index: int, *, story: bool = False) -> tuple[int, str]:
        """Queue one customer with their history; return (id, phone or "")."""
        rng = self.rng
        industry = "telecom" if story else rng.choice(INDUSTRIES)
        name = "Siti Rahmawati" if story else self.name()
        identifiers: list[tuple[str, str]] = []
        phone = ""
        roll = rng.random()
        if story or roll < 0.92:
            phone = self.phone(index)
            identifiers.append(("phone", phone))
        if story or rng.random() < 0.55:
            identifiers.append(("email", self.email(name, index)))
        if story or rng.random() < 0.7 or not identifiers:
            identifiers.append(("account", self.account(industry, index)))
        created = self.ago(400)
        customer_id = loader.add_customer(name, created_at=created, identifiers=identifiers)

        count = STORY_CUSTOMER_INTERACTIONS if story else _COUNT_POOL[int(rng.random() * 100)]
        client = rng.choice(CLIENTS[industry])
        summaries, notes, tags = self.summaries[industry], self.notes[industry], TAGS[industry]
        n_summaries, n_notes, n_tags = len(summaries), len(notes), len(tags)
        agents, n_agents = self.agents, len(self.agents)
        random_ = rng.random  # the hot loop below: ~5 million iterations for the benchmark DB
        add = loader.add_interaction
        # Repeat contacts: some customers keep coming back this week.
        recent = 0 if story else (rng.randrange(2, 7) if random_() < 0.03 else 0)
        for i in range(count + recent):
            recent_one = i >= count or (story and i % 3 == 0)
            roll = random_()
            add(
                customer_id,
                started_at=self.ago(7 if recent_one else 180),
                channel=_CHANNEL_POOL[int(random_() * 100)],
                direction="outbound" if roll < 0.15 else "inbound",
                agent=agents[int(random_() * n_agents)][0],
                summary=summaries[int(random_() * n_summaries)],
                notes=notes[int(random_() * n_notes)],
                outcome=OUTCOMES[int(roll * 997) % len(OUTCOMES)],
                tags=(tags[int(roll * 89) % n_tags],) if roll < 0.5 else (),
                industry=industry,
                client=client,
                helpdesk_ref=f"TCK-{customer_id:07d}-{i}" if roll > 0.4 else "",
            )
        self._facts_and_promises(loader, customer_id, industry, story=story)
        return customer_id, phone

    def _facts_and_promises(
        self, loader: BulkLoader, customer_id: int, industry: str, *, story: bool
    ) -> None:
        rng = self.rng
        agents = self.agents
        facts = 3 if story else (rng.randrange(1, 3) if rng.random() < 0.2 else 0)
        for _ in range(facts):
            loader.add_fact(
                customer_id,
                rng.choice(FACTS),
                created_at=self.ago(200),
                created_by=rng.choice(agents)[0],
                expires_at=None if rng.random() < 0.8 else self.now + timedelta(days=30),
            )
        promises = 4 if story else (rng.randrange(1, 3) if rng.random() < 0.15 else 0)
        for n in range(promises):
            # Due dates around now: some overdue, some still to come, some already kept.
            due = self.now + timedelta(days=rng.uniform(-10, 7))
            status = rng.choices(("open", "done", "broken"), (60, 32, 8))[0]
            if story and n < 2:
                # The showcase customer always has one promise overdue and one coming up.
                due = self.now + timedelta(days=(-2, 2)[n], hours=rng.uniform(0, 5))
                status = "open"
            loader.add_commitment(
                customer_id,
                rng.choice(COMMITMENTS[industry]),
                due_at=due,
                created_at=due - timedelta(days=rng.uniform(1, 5)),
                status=status,
                made_by=rng.choice(agents)[0],
            )


# Interactions per customer: most have a few, a long tail has many; the mean is about 5.
_COUNTS = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15)
_COUNT_WEIGHTS = (10, 12, 13, 13, 12, 10, 8, 7, 5, 4, 3, 3)  # sums to 100
# Weighted choices as 100-slot pools: one `random()` per pick instead of `random.choices`.
_COUNT_POOL = tuple(c for c, w in zip(_COUNTS, _COUNT_WEIGHTS, strict=True) for _ in range(w))
_CHANNEL_POOL = tuple(c for c, w in zip(CHANNELS, CHANNEL_WEIGHTS, strict=True) for _ in range(w))


def generate(
    database: Database,
    *,
    customers: int = 1000,
    seed: int = 1,
    now: datetime | None = None,
    progress: Progress | None = None,
    chunk: int = 50_000,
    batch_size: int = DEFAULT_BATCH_SIZE,
    mask: Mask | None = None,
) -> DemoSummary:
    """Fill an empty database with `customers` demo customers and their history.

    Written in transactions of `chunk` customers, so a huge run keeps the write-ahead log
    bounded and shows progress; the data does not depend on `chunk`.
    """
    if customers < 1:
        raise InputError("the number of demo customers must be at least 1")
    started = time.perf_counter()
    with database.session() as session:
        existing = session.execute(select(func.count()).select_from(Customer)).scalar_one()
    if existing:
        raise InputError(
            f"the database already holds {existing} customers: demo data goes into an empty "
            "database (use --db with a new file)"
        )
    maker = _Maker(seed, now or utc_now())
    totals = {"interactions": 0, "facts": 0, "commitments": 0}
    story_id, story_phone = 0, ""
    done = 0
    while done < customers:
        size = min(chunk, customers - done)
        with bulk_load(database, batch_size=batch_size, mask=mask) as loader:
            if done == 0:
                for name, role in maker.agents:
                    loader.add_agent(name, role)
                story_id, story_phone = maker.customer(loader, 0, story=True)
            for index in range(max(done, 1), done + size):
                maker.customer(loader, index)
        totals["interactions"] += loader.interactions_added
        totals["facts"] += loader.facts_added
        totals["commitments"] += loader.commitments_added
        done += size
        if progress is not None:
            progress(done, customers)
    return DemoSummary(
        customers=customers,
        interactions=totals["interactions"],
        facts=totals["facts"],
        commitments=totals["commitments"],
        agents=len(maker.agents),
        story_customer_id=story_id,
        story_phone=story_phone,
        seconds=time.perf_counter() - started,
    )
