"""What find answers: a customer and how they matched (light: the panel imports it at start)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from copilot.storage.schemas import CustomerRead


class MatchKind(StrEnum):
    """How a customer matched a query, best first (the order results are listed in)."""

    identifier = "identifier"  # an identifier, exactly, in any common format
    suffix = "suffix"  # the last digits of a phone, account or ticket number
    name = "name"  # the name, or words of it, as typed (word starts)
    similar = "similar"  # the name within a typo or two of what was typed


@dataclass(frozen=True, slots=True)
class Found:
    """A customer a query found, and how."""

    customer: CustomerRead
    match: MatchKind
