"""PII detection and masking: cards, CVVs, OTPs, NIK, NPWP, phones, emails, accounts, passports."""

from __future__ import annotations

from copilot.context.pii.find import find_pii, might_hold_secret
from copilot.context.pii.mask import mask_payment_secrets, redact
from copilot.context.pii.match import PiiCache, PiiMatch, Redaction
from copilot.context.pii.shapes import has_secret_word
from copilot.vocabulary import PAYMENT_SECRET_KINDS, PII_KINDS

__all__ = [
    "PAYMENT_SECRET_KINDS",
    "PII_KINDS",
    "PiiCache",
    "PiiMatch",
    "Redaction",
    "find_pii",
    "has_secret_word",
    "mask_payment_secrets",
    "might_hold_secret",
    "redact",
]
