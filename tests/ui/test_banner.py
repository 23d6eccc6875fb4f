"""Banners speak to the agent: plain words up front, the technical line behind Details, once."""

from __future__ import annotations

import errno
import re
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from copilot import errors
from copilot.ui.shell.banner import (
    ErrorBanner,
    HealthBanner,
    _advice_by_kind,
    classify,
    message_for,
    speaks_to_agent,
)
from copilot.ui.shell.i18n import LanguageSwitcher

# What a driver or the storage layer may put in an error's own line: a POSIX and a Windows
# path, the passphrase variable, exception classes and SQLAlchemy's link.
HOSTILE = (
    "cannot open /home/agent/.local/share/copilot/copilot.db: (sqlite3.OperationalError) "
    "COPILOT_DB_PASSPHRASE rejected; C:\\Users\\agent\\copilot.db "
    "(Background on this error at: https://sqlalche.me/e/20/e3q8)"
)
FORBIDDEN = re.compile(
    r"/home/|C:\\|COPILOT_\w+|OperationalError|sqlite3|\w+Error\b|https?://|copilot\.db"
)


def _hostile_errors() -> list[tuple[BaseException, str]]:
    """One error of every kind the banner maps, each carrying the hostile line."""
    wrapped = RuntimeError(f"{HOSTILE} database is locked")
    return [
        (errors.NoPassphraseError(HOSTILE), "no_passphrase"),
        (errors.WrongPassphraseError(HOSTILE), "wrong_passphrase"),
        (errors.DatabaseLockedError(HOSTILE), "locked"),
        (errors.DatabaseReadOnlyError(HOSTILE), "read_only"),
        (errors.DatabaseCorruptError(HOSTILE), "corrupt"),
        (errors.DatabaseFullError(HOSTILE), "disk_full"),
        (errors.DatabaseMissingError(HOSTILE), "database"),
        (errors.DatabaseError(HOSTILE), "database"),
        (errors.IdentityConflictError(HOSTILE, (1, 2)), "identity_conflict"),
        (errors.NotFoundError(HOSTILE), "not_found"),
        (errors.InputError(HOSTILE), "input"),
        (errors.CopilotError(HOSTILE), "copilot"),
        (OSError(errno.ENOSPC, HOSTILE), "disk_full"),
        (OSError(errno.EROFS, HOSTILE), "read_only"),
        (wrapped, "locked"),
        (ZeroDivisionError(HOSTILE), "unexpected"),
    ]


@pytest.fixture(params=["en", "id"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    languages = LanguageSwitcher(qapp)
    assert languages.set_language(request.param)
    yield request.param
    languages.set_language("en")


@pytest.fixture
def banner(qtbot: QtBot) -> ErrorBanner:
    widget = ErrorBanner()
    qtbot.addWidget(widget)
    widget.resize(360, 200)
    return widget


def test_every_kind_is_covered_by_the_hostile_cases() -> None:
    mapped = set(_advice_by_kind()) | {"not_found", "input", "copilot"}
    assert {kind for _exc, kind in _hostile_errors()} == mapped


@pytest.mark.parametrize(("exc", "kind"), _hostile_errors(), ids=lambda v: str(v)[:24])
def test_main_text_never_shows_paths_variables_or_class_names(
    banner: ErrorBanner, language: str, exc: BaseException, kind: str
) -> None:
    banner.show()
    banner.show_error(exc)
    message = banner.message
    assert message is not None and message.kind == kind == classify(exc)
    main_text = f"{banner.title.text()} {banner.advice.text()} {banner.accessibleDescription()}"
    assert not FORBIDDEN.search(main_text), main_text
    assert speaks_to_agent(main_text)
    # IT still gets the whole line, behind Details, which starts shut.
    assert HOSTILE in banner.detail.text()
    assert not banner.detail.isVisible()
    banner.details_button.click()
    assert banner.detail.isVisible()
    banner.details_button.click()
    assert not banner.detail.isVisible()


@pytest.mark.parametrize(("exc", "kind"), _hostile_errors(), ids=lambda v: str(v)[:24])
def test_main_text_is_translated(qapp: QApplication, exc: BaseException, kind: str) -> None:
    english = message_for(exc)
    languages = LanguageSwitcher(qapp)
    try:
        assert languages.set_language("id")
        indonesian = message_for(exc)
    finally:
        languages.set_language("en")
    assert indonesian.kind == kind
    assert indonesian.title != english.title
    assert indonesian.advice != english.advice


def test_the_database_that_cannot_open_says_notes_are_safe_and_what_to_tell_it() -> None:
    message = message_for(errors.WrongPassphraseError(HOSTILE))
    assert message.title == "The customer database could not be opened"
    assert message.advice.startswith("Your notes are safe. Tell IT:")
    assert "COPILOT_DB_PASSPHRASE" in message.detail  # what IT checks


def test_an_own_line_that_speaks_to_the_agent_is_shown_once(banner: ErrorBanner) -> None:
    banner.show()
    banner.show_error(errors.NotFoundError("customer 12 does not exist"))
    assert banner.advice.text() == "customer 12 does not exist"
    assert banner.detail.text() == ""  # not repeated behind Details
    assert banner.details_button.isHidden()


def test_the_same_error_again_is_counted_not_shown_twice(banner: ErrorBanner, qtbot: QtBot) -> None:
    banner.show()
    assert banner.show_error(errors.DatabaseLockedError("database is locked"))
    advice = banner.advice.text()
    assert not banner.show_error(errors.DatabaseLockedError("database is locked"))
    assert not banner.show_error(errors.DatabaseLockedError("database is locked"))
    assert banner.title.text() == "The customer database is busy (3 times)"
    assert banner.advice.text() == advice
    assert banner.show_error(errors.DatabaseReadOnlyError("read-only"))  # a new one resets
    assert "times" not in banner.title.text()
    banner.dismiss()
    assert banner.show_error(errors.DatabaseReadOnlyError("read-only"))  # after dismissal: new


@pytest.mark.parametrize(("exc", "_kind"), _hostile_errors(), ids=lambda v: str(v)[:24])
def test_no_sentence_appears_twice(banner: ErrorBanner, exc: BaseException, _kind: str) -> None:
    banner.show()
    banner.show_error(exc)
    texts = [banner.title.text(), banner.advice.text(), *banner.detail.text().splitlines()]
    sentences = [s.strip().casefold() for t in texts for s in re.split(r"(?<=\.)\s", t)]
    sentences = [s for s in sentences if s]
    assert len(sentences) == len(set(sentences)), sentences


def test_the_health_banner_keeps_commands_and_the_problem_behind_details(qtbot: QtBot) -> None:
    health = HealthBanner()
    qtbot.addWidget(health)
    health.show()
    health.show_damage("Page 7 of /srv/copilot/copilot.db: btree page is damaged")
    main_text = f"{health.title.text()} {health.advice.text()}"
    assert speaks_to_agent(main_text) and "copilot restore" not in main_text
    assert "copilot restore" in health.detail.text()
    assert "/srv/copilot/copilot.db" in health.detail.text()


@pytest.mark.parametrize(
    "text",
    [
        "/var/lib/copilot/x.db is locked",
        "see ~/notes",
        "D:\\data\\copilot",
        "set COPILOT_DB_PASSPHRASE",
        "sqlite3.OperationalError: disk I/O",
        "ValueError: bad",
        "https://sqlalche.me/e/20/e3q8",
        "[SQL: SELECT 1]",
        "copilot.db",
    ],
)
def test_technical_text_is_recognised(text: str) -> None:
    assert not speaks_to_agent(text)


@pytest.mark.parametrize(
    "text",
    [
        "customer 12 does not exist",
        "the name is empty",
        "Nomor 0812-3456-7890 sudah dipakai pelanggan lain",
        "Tell IT: the key on this computer does not open the customer database.",
    ],
)
def test_plain_words_pass(text: str) -> None:
    assert speaks_to_agent(text)
