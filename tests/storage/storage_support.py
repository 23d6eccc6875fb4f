"""Constants shared by the storage tests and their fixtures (imported, unlike conftest)."""

from __future__ import annotations

from datetime import UTC, datetime

TEST_PASSPHRASE = "correct horse battery staple"
# A fixed "now" so 7/30-day counts and overdue flags never depend on when the tests run.
FIXED_NOW = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)
