"""Errors a user can act on: each carries one clear line and the exit code the CLI returns."""

from __future__ import annotations


class CopilotError(Exception):
    """Base for every error that is shown to a user as one line, never as a traceback."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(CopilotError):
    """The user's input (a file, an argument, a row) cannot be used."""

    exit_code = 2


class NotFoundError(CopilotError):
    """The customer, fact or commitment asked for does not exist."""

    exit_code = 3


class DatabaseError(CopilotError):
    """The database cannot be used as asked; the message says what to do."""

    exit_code = 4


class DatabaseLockedError(DatabaseError):
    """Another process holds the write lock longer than the busy timeout."""


class DatabaseReadOnlyError(DatabaseError):
    """The database file or its folder is not writable."""


class DatabaseCorruptError(DatabaseError):
    """The file is damaged, or it is not a Copilot database."""


class DatabaseFullError(DatabaseError):
    """The disk (or the folder's quota) is full: writes fail, reads still work."""


class DatabaseMissingError(DatabaseError):
    """The database file named does not exist, and the command does not create one."""


class WrongPassphraseError(DatabaseError):
    """The key from the keyring or COPILOT_DB_PASSPHRASE does not open this database."""


class NoPassphraseError(DatabaseError):
    """No keyring works and COPILOT_DB_PASSPHRASE is not set."""


class IdentityConflictError(CopilotError):
    """Identifiers given together belong to two different customers; nothing was merged."""

    exit_code = 5

    def __init__(self, message: str, customer_ids: tuple[int, ...]) -> None:
        super().__init__(message)
        self.customer_ids = customer_ids
