"""Deterministic, realistic demo data: customers, their contacts, facts and promises, fast.

`generate(database, customers=N, seed=S)` fills an empty database through the bulk loader,
picking from the data file `resources/demo/demo.toml` (names, phone prefixes, campaigns,
templates; `demo_data.py` loads and checks it). Everything comes from one seeded
`random.Random`, so the same seed, size, `now` and data file give the same data. It has to make
a million customers (about five million interactions) in a few minutes, so the per-row work is
kept to picking from precomputed pools: summaries and notes are rendered from templates once,
up front; phone numbers, e-mails and account numbers are built as already-normal strings (no
`phonenumbers` parsing per row); uniqueness comes from a bijection of the customer's index
rather than from a set of everything used.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy import func, select

from copilot.errors import InputError
from copilot.storage.bulk import DEFAULT_BATCH_SIZE, BulkLoader, Mask, bulk_load
from copilot.storage.demo_data import AGENTS, DemoData, load_demo_data
from copilot.storage.demo_data import CAMPAIGN_INDUSTRIES as INDUSTRIES
from copilot.storage.models import Customer, utc_now

if TYPE_CHECKING:
    from copilot.storage.db import Database

T = TypeVar("T")
Progress = Callable[[int, int], None]  # (customers done, customers total)

# The customer who has a long history; the story-so-far benchmark reads them.
STORY_CUSTOMER_INTERACTIONS = 240


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


def _render_pool(
    rng: random.Random, slots: Mapping[str, Sequence[str]], templates: Sequence[str], size: int
) -> tuple[str, ...]:
    """`size` texts from `templates` (in turn), each {slot} filled with a random choice."""
    out: list[str] = []
    for i in range(size):
        template = templates[i % len(templates)]
        values = {slot: rng.choice(choices) for slot, choices in slots.items()}
        out.append(template.format(**values))
    return tuple(out)


def _pool(values: Sequence[T], weights: Sequence[int]) -> tuple[T, ...]:
    """A weighted choice as a 100-slot pool: one `random()` per pick, not `random.choices`."""
    return tuple(v for v, w in zip(values, weights, strict=True) for _ in range(w))


class _Maker:
    """One seeded stream of demo rows; all the randomness of a run goes through `self.rng`."""

    def __init__(self, seed: int, now: datetime, data: DemoData | None = None) -> None:
        rng = self.rng = random.Random(seed)
        self.now = now
        self.data = data = load_demo_data() if data is None else data
        # Bijections of the customer index onto 8 digits (multipliers coprime with 10**8):
        # unique numbers without remembering the ones already used.
        self.mul_phone = rng.randrange(10**7, 10**8) | 1
        while self.mul_phone % 5 == 0:
            self.mul_phone += 2
        self.add_phone = rng.randrange(10**8)
        self.mul_acct = 7_919_333 if self.mul_phone != 7_919_333 else 7_919_337
        self.add_acct = rng.randrange(10**8)
        campaigns, slots = data.campaigns, data.slots
        self.summaries = {
            k: _render_pool(rng, slots, c.summaries, 600) for k, c in campaigns.items()
        }
        self.notes = {
            k: _render_pool(rng, slots, c.notes + data.common_notes, 400)
            for k, c in campaigns.items()
        }
        self.count_pool = _pool(data.counts, data.count_weights)
        self.channel_pool = _pool(data.channels, data.channel_weights)
        self.agents = self._agents()
        self.day = 86_400.0

    def _agents(self) -> tuple[tuple[str, str], ...]:
        rng, first, last = self.rng, self.data.id_first, self.data.id_last
        names: list[str] = []
        seen: set[str] = set()
        while len(names) < AGENTS:
            name = f"{rng.choice(first)} {rng.choice(last)}"
            if name not in seen:
                seen.add(name)
                names.append(name)
        # The first ten coach the others.
        return tuple((n, "team_leader" if i < 10 else "agent") for i, n in enumerate(names))

    def name(self) -> str:
        rng, data = self.rng, self.data
        roll = rng.random()
        if roll < 0.08:  # many Indonesians have one name
            return rng.choice(data.id_first)
        if roll < 0.80:
            return f"{rng.choice(data.id_first)} {rng.choice(data.id_last)}"
        return f"{rng.choice(data.en_first)} {rng.choice(data.en_last)}"

    def phone(self, index: int) -> str:
        digits = f"{(index * self.mul_phone + self.add_phone) % 10**8:08d}"
        rng = self.rng
        if rng.random() < 0.93:
            return f"+62{rng.choice(self.data.id_mobile_prefixes)}{digits}"
        code, prefixes = rng.choice(self.data.other_mobiles)
        return f"{code}{rng.choice(prefixes)}{digits}"

    def email(self, name: str, index: int) -> str:
        local = "".join(ch for ch in name.lower().replace(" ", ".") if ch.isalnum() or ch == ".")
        return f"{local}{index}@{self.rng.choice(self.data.email_domains)}"

    def account(self, industry: str, index: int) -> str:
        number = (index * self.mul_acct + self.add_acct) % 10**8
        campaign = self.data.campaigns[industry]
        return f"{campaign.account_prefix}{number:0{campaign.account_digits}d}"

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

        count = STORY_CUSTOMER_INTERACTIONS if story else self.count_pool[int(rng.random() * 100)]
        campaign = self.data.campaigns[industry]
        client = rng.choice(campaign.clients)
        summaries, notes, tags = self.summaries[industry], self.notes[industry], campaign.tags
        n_summaries, n_notes, n_tags = len(summaries), len(notes), len(tags)
        agents, n_agents = self.agents, len(self.agents)
        channels, outcomes = self.channel_pool, self.data.outcomes
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
                channel=channels[int(random_() * 100)],
                direction="outbound" if roll < 0.15 else "inbound",
                agent=agents[int(random_() * n_agents)][0],
                summary=summaries[int(random_() * n_summaries)],
                notes=notes[int(random_() * n_notes)],
                outcome=outcomes[int(roll * 997) % len(outcomes)],
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
                rng.choice(self.data.facts),
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
                rng.choice(self.data.campaigns[industry].commitments),
                due_at=due,
                created_at=due - timedelta(days=rng.uniform(1, 5)),
                status=status,
                made_by=rng.choice(agents)[0],
            )


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
