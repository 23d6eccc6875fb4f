"""Composition root: builds the database, services and (for the panel) the QApplication."""

from __future__ import annotations

from dataclasses import dataclass

from copilot.config import Settings
from copilot.storage.db import Database, open_database
from copilot.storage.service import CustomerService


@dataclass
class Services:
    """Everything the command line and the panel talk to, built once per process."""

    settings: Settings
    database: Database
    customers: CustomerService

    def close(self) -> None:
        self.database.close()


def build_services(settings: Settings) -> Services:
    """Open (creating and migrating if needed) the configured database and wire the services."""
    database = open_database(settings.database_target)
    customers = CustomerService(database, default_region=settings.default_region)
    return Services(settings=settings, database=database, customers=customers)
