"""The demo data file (`resources/demo/demo.toml`), loaded and checked into a frozen `DemoData`.

Errors name the file and the line of the table or key at fault, like the hint packs' do.
"""

from __future__ import annotations

import re
import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from copilot.errors import CopilotError
from copilot.resources import resources_dir
from copilot.vocabulary import INDUSTRIES, Channel, Industry

# Every campaign has its own industry; "general" is the panel's fallback, not a campaign.
CAMPAIGN_INDUSTRIES: tuple[str, ...] = tuple(i for i in INDUSTRIES if i != Industry.general)
# The demo's agents and team leaders: each a distinct Indonesian first and family name.
AGENTS = 120
_DIGITS = re.compile(r"\d+")
_COUNTRY_CODE = re.compile(r"\+\d{1,3}")


class DemoDataError(CopilotError):
    """The demo data file is missing or malformed (`FILE:LINE: what is wrong`)."""


def demo_data_path() -> Path:
    return resources_dir() / "demo" / "demo.toml"


@dataclass(frozen=True)
class Campaign:
    """One industry's campaign: its clients, numbers, tags, promises and contact templates."""

    clients: tuple[str, ...]
    account_prefix: str
    account_digits: int
    tags: tuple[str, ...]
    commitments: tuple[str, ...]
    summaries: tuple[str, ...]  # templates with {slot}s
    notes: tuple[str, ...]  # templates with {slot}s


@dataclass(frozen=True)
class DemoData:
    """What the demo generator picks from; every order is part of a seed's data."""

    id_first: tuple[str, ...]
    id_last: tuple[str, ...]
    en_first: tuple[str, ...]
    en_last: tuple[str, ...]
    id_mobile_prefixes: tuple[str, ...]
    other_mobiles: tuple[tuple[str, tuple[str, ...]], ...]  # (country code, prefixes)
    email_domains: tuple[str, ...]
    counts: tuple[int, ...]  # contacts per customer ...
    count_weights: tuple[int, ...]  # ... and how often each (out of 100)
    outcomes: tuple[str, ...]
    common_notes: tuple[str, ...]
    facts: tuple[str, ...]
    channels: tuple[str, ...]
    channel_weights: tuple[int, ...]  # out of 100
    slots: Mapping[str, tuple[str, ...]]
    campaigns: Mapping[str, Campaign]  # by industry, in the vocabulary's order


class _Where:
    """`FILE:LINE` of a table or a key in it, for error messages."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()

    def __call__(self, table: str, key: str | None = None) -> str:
        line = 0
        for number, raw in enumerate(self.lines, start=1):
            stripped = raw.strip()
            if stripped == f"[{table}]":
                line = number
            elif line and key is not None and stripped.startswith(f"{key} "):
                return f"{self.path}:{number}"
            elif line and key is not None and stripped.startswith("["):
                break
        return f"{self.path}:{line}" if line else str(self.path)


def load_demo_data(path: Path | None = None) -> DemoData:
    """The demo data from `path` (default: the resources folder's), checked."""
    path = demo_data_path() if path is None else path
    try:
        text = path.read_text(encoding="utf-8")
        raw = tomllib.loads(text)
    except OSError as exc:
        raise DemoDataError(f"{path}: cannot read the demo data: {exc.strerror or exc}") from exc
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DemoDataError(f"{path}: not a valid TOML file: {exc}") from exc
    return _Checker(raw, _Where(path, text)).data()


class _Checker:
    """Reads the parsed file into `DemoData`, failing on the first thing that is wrong."""

    def __init__(self, raw: dict[str, Any], where: _Where) -> None:
        self.raw = raw
        self.where = where

    def fail(self, table: str, key: str | None, message: str) -> DemoDataError:
        named = f"[{table}]" if key is None else f"[{table}] {key}"
        return DemoDataError(f"{self.where(table, key)}: {named}: {message}")

    def table(self, name: str, keys: set[str] | None = None) -> dict[str, Any]:
        table: Any = self.raw
        for part in name.split("."):
            table = table.get(part) if isinstance(table, dict) else None
        if not isinstance(table, dict):
            raise self.fail(name, None, "missing table")
        if keys is not None and set(table) != keys:
            wrong = sorted(set(table) ^ keys)
            raise self.fail(name, None, f"needs exactly the keys {sorted(keys)}: {wrong} differ")
        return table

    def texts(self, table: str, key: str, *, blank: bool = False) -> tuple[str, ...]:
        value = self.table(table).get(key)
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(v, str) and (blank or v.strip()) for v in value)
        ):
            raise self.fail(table, key, "needs a non-empty list of non-empty texts")
        return tuple(value)

    def weights(self, table: str, key: str | None, values: Any) -> tuple[int, ...]:
        if (
            not isinstance(values, list)
            or not all(type(v) is int and v >= 0 for v in values)  # not bools either
            or sum(values) != 100
        ):
            raise self.fail(table, key, "needs whole-number weights that add up to 100")
        return tuple(values)

    def templates(self, table: str, key: str, slots: Mapping[str, Any]) -> tuple[str, ...]:
        found = self.texts(table, key, blank=True)
        for template in found:
            try:
                # A positional {} has the name "" and no slot fills it.
                fields = {
                    name for _, name, _, _ in string.Formatter().parse(template) if name is not None
                }
            except ValueError as exc:
                raise self.fail(table, key, f"{template!r}: {exc}") from exc
            unknown = sorted(fields - set(slots))
            if unknown:
                raise self.fail(table, key, f"{template!r} uses unknown slots {unknown}")
        return found

    def data(self) -> DemoData:
        tables = {"names", "phones", "emails", "contacts", "channels", "slots", "industry"}
        if set(self.raw) != tables:
            wrong = ", ".join(sorted(set(self.raw) ^ tables))
            raise DemoDataError(
                f"{self.where.path}: needs exactly the tables {sorted(tables)} ({wrong} differ)"
            )
        self.table("names", {"id_first", "id_last", "en_first", "en_last"})
        pairs = len(set(self.texts("names", "id_first"))) * len(set(self.texts("names", "id_last")))
        if pairs < AGENTS:
            raise self.fail(
                "names",
                None,
                f"id_first and id_last make {pairs} names, too few for {AGENTS} agents",
            )
        self.table("phones", {"id_mobile_prefixes", "other_mobiles"})
        self.table("emails", {"domains"})
        self.table("contacts", {"counts", "weights", "outcomes", "common_notes", "facts"})
        counts, count_weights = self.contact_counts()
        channels, channel_weights = self.channels()
        slots = self.slots()
        return DemoData(
            id_first=self.texts("names", "id_first"),
            id_last=self.texts("names", "id_last"),
            en_first=self.texts("names", "en_first"),
            en_last=self.texts("names", "en_last"),
            id_mobile_prefixes=self.digits("phones", "id_mobile_prefixes"),
            other_mobiles=self.other_mobiles(),
            email_domains=self.texts("emails", "domains"),
            counts=counts,
            count_weights=count_weights,
            outcomes=self.texts("contacts", "outcomes"),
            common_notes=self.templates("contacts", "common_notes", slots),
            facts=self.texts("contacts", "facts"),
            channels=channels,
            channel_weights=channel_weights,
            slots=slots,
            campaigns=self.campaigns(slots),
        )

    def contact_counts(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        contacts = self.table("contacts")
        weights = self.weights("contacts", "weights", contacts["weights"])
        counts = contacts["counts"]
        if (
            not isinstance(counts, list)
            or not all(type(c) is int and c > 0 for c in counts)
            or len(counts) != len(weights)
        ):
            raise self.fail("contacts", "counts", "needs one positive whole number per weight")
        return tuple(counts), weights

    def channels(self) -> tuple[tuple[str, ...], tuple[int, ...]]:
        channels = self.table("channels")
        unknown = sorted(set(channels) - set(Channel))
        if unknown:
            raise self.fail("channels", None, f"{unknown} are not channels of the vocabulary")
        return tuple(channels), self.weights("channels", None, list(channels.values()))

    def digits(self, table: str, key: str) -> tuple[str, ...]:
        found = self.texts(table, key)
        if not all(_DIGITS.fullmatch(p) for p in found):
            raise self.fail(table, key, "needs digits only")
        return found

    def other_mobiles(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        value = self.table("phones")["other_mobiles"]
        shape = 'needs a list of { code = "+CC", prefixes = ["digits", ...] }'
        if not isinstance(value, list) or not value:
            raise self.fail("phones", "other_mobiles", shape)
        out = []
        for entry in value:
            code = entry.get("code") if isinstance(entry, dict) else None
            prefixes = entry.get("prefixes") if isinstance(entry, dict) else None
            if (
                not isinstance(code, str)
                or not _COUNTRY_CODE.fullmatch(code)
                or not isinstance(prefixes, list)
                or not prefixes
                or not all(isinstance(p, str) and _DIGITS.fullmatch(p) for p in prefixes)
            ):
                raise self.fail("phones", "other_mobiles", shape)
            out.append((code, tuple(prefixes)))
        return tuple(out)

    def slots(self) -> dict[str, tuple[str, ...]]:
        return {name: self.texts("slots", name) for name in self.table("slots")}

    def campaigns(self, slots: Mapping[str, Any]) -> dict[str, Campaign]:
        keys = {"clients", "account_prefix", "account_digits", "tags", "commitments"}
        keys |= {"summaries", "notes"}
        industries = self.table("industry")
        if set(industries) != set(CAMPAIGN_INDUSTRIES):
            raise self.fail(
                "industry", None, f"needs one table per industry: {', '.join(CAMPAIGN_INDUSTRIES)}"
            )
        out = {}
        for industry in CAMPAIGN_INDUSTRIES:  # the vocabulary's order, whatever the file's
            name = f"industry.{industry}"
            table = self.table(name, keys)
            prefix, digits = table["account_prefix"], table["account_digits"]
            if not isinstance(prefix, str) or not prefix.strip():
                raise self.fail(name, "account_prefix", "needs a non-empty text")
            if not isinstance(digits, int) or not 8 <= digits <= 12:
                # 8: the number comes from a bijection onto 8 digits; more are zero-padded.
                raise self.fail(name, "account_digits", "needs a whole number from 8 to 12")
            out[industry] = Campaign(
                clients=self.texts(name, "clients"),
                account_prefix=prefix,
                account_digits=digits,
                tags=self.texts(name, "tags"),
                commitments=self.texts(name, "commitments"),
                summaries=self.templates(name, "summaries", slots),
                notes=self.templates(name, "notes", slots),
            )
        return out
