"""A non-blocking error banner that says what happened and what to do; typed text stays put."""

from __future__ import annotations

import errno
import re
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from copilot import errors


@dataclass(frozen=True)
class BannerMessage:
    """What the banner shows: a short title, what to do, and the error's own line (if any)."""

    kind: str  # stable, for tests and logs: locked, read_only, disk_full, ...
    title: str
    advice: str
    detail: str = ""


def _os_error_kind(exc: OSError) -> str | None:
    if exc.errno == errno.ENOSPC:
        return "disk_full"
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "read_only"
    return None


def _text_kind(text: str) -> str | None:
    # Raw driver errors that slipped past the storage layer's translation still get advice.
    lowered = text.lower()
    if "database is locked" in lowered or "database table is locked" in lowered:
        return "locked"
    if "disk is full" in lowered or "no space left" in lowered:
        return "disk_full"
    if "readonly database" in lowered or "read-only" in lowered:
        return "read_only"
    return None


def classify(exc: BaseException) -> str:
    """A stable kind for an exception: which advice fits it."""
    kinds: tuple[tuple[type[BaseException], str], ...] = (
        (errors.NoPassphraseError, "no_passphrase"),
        (errors.WrongPassphraseError, "wrong_passphrase"),
        (errors.DatabaseLockedError, "locked"),
        (errors.DatabaseReadOnlyError, "read_only"),
        (errors.DatabaseCorruptError, "corrupt"),
        (errors.DatabaseFullError, "disk_full"),
        (errors.IdentityConflictError, "identity_conflict"),
        (errors.NotFoundError, "not_found"),
        (errors.InputError, "input"),
        (errors.DatabaseError, "database"),
    )
    for cls, kind in kinds:
        if isinstance(exc, cls):
            return kind
    # Walk the cause chain: SQLAlchemy wraps the OSError or sqlite error we can act on.
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError) and (os_kind := _os_error_kind(current)):
            return os_kind
        if text_kind := _text_kind(str(current)):
            return text_kind
        current = current.__cause__ or current.__context__
    if isinstance(exc, errors.CopilotError):
        return "copilot"
    return "unexpected"


# Anything that reads as a developer's or IT's word belongs behind Details, never in the
# main text: a file path (POSIX, Windows or ~), an environment variable name, an exception
# class ("OperationalError", "sqlite3.DatabaseError"), a URL, or SQL.
_TECHNICAL = re.compile(
    r"""
      (?:^|[\s(\[:'"])(?:~|\.{1,2})?/[\w.-]+       # /home/..., ~/..., ./x
    | \b[A-Za-z]:\\                                  # C:\
    | \\\\[\w.-]+\\                                  # \\server\share
    | \b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b                  # COPILOT_DB_PASSPHRASE
    | \b\w*(?:Error|Exception|Warning|Interrupt)\b   # ValueError, sqlite3.OperationalError
    | \b[a-z_]\w*\.[A-Z]\w+                          # module.Class
    | \w+://                                         # URLs
    | \[SQL:|\bSELECT\b|\bINSERT\b|\bPRAGMA\b        # SQL
    | \.(?:db|sqlite3?|py|toml|log|ini)\b            # file names
    """,
    re.VERBOSE,
)


def speaks_to_agent(text: str) -> bool:
    """True when `text` holds nothing technical: no path, variable, class name, URL or SQL."""
    return _TECHNICAL.search(text) is None


# Kinds whose own error line already speaks to the agent (a wrong input, a missing customer),
# when it holds nothing technical.
_OWN_LINE = frozenset({"not_found", "input", "copilot"})


def _advice_by_kind() -> dict[str, tuple[str, str]]:
    """Title and advice for each kind, in the current language (literal calls, for lupdate)."""
    not_opened = QCoreApplication.translate(
        "ErrorBanner", "The customer database could not be opened"
    )
    return {
        "no_passphrase": (
            not_opened,
            QCoreApplication.translate(
                "ErrorBanner",
                "Your notes are safe. Tell IT: this computer has no key for the customer "
                "database (details below).",
            ),
        ),
        "wrong_passphrase": (
            not_opened,
            QCoreApplication.translate(
                "ErrorBanner",
                "Your notes are safe. Tell IT: the key on this computer does not open the "
                "customer database (details below).",
            ),
        ),
        "locked": (
            QCoreApplication.translate("ErrorBanner", "The customer database is busy"),
            QCoreApplication.translate(
                "ErrorBanner",
                "Another program is saving to it. Nothing you typed is lost: wait a moment "
                "and try again.",
            ),
        ),
        "read_only": (
            QCoreApplication.translate("ErrorBanner", "Changes cannot be saved"),
            QCoreApplication.translate(
                "ErrorBanner",
                "Nothing you typed is lost, and you can keep looking customers up. Tell IT: "
                "the customer database is read-only on this computer.",
            ),
        ),
        "disk_full": (
            QCoreApplication.translate("ErrorBanner", "The computer's disk is full"),
            QCoreApplication.translate(
                "ErrorBanner",
                "Nothing you typed is lost. Free some disk space (empty Downloads or the "
                "recycle bin), then save again; if that does not help, tell IT.",
            ),
        ),
        "corrupt": (
            QCoreApplication.translate("ErrorBanner", "The customer database is damaged"),
            QCoreApplication.translate(
                "ErrorBanner",
                "Your notes are safe. Tell your team leader now; IT can check the database and "
                "restore the latest backup (details below).",
            ),
        ),
        "database": (
            QCoreApplication.translate("ErrorBanner", "The customer database could not be used"),
            QCoreApplication.translate(
                "ErrorBanner",
                "Your notes are safe. Try again; if it keeps happening, tell IT (details below).",
            ),
        ),
        "identity_conflict": (
            QCoreApplication.translate("ErrorBanner", "These details belong to two customers"),
            QCoreApplication.translate(
                "ErrorBanner",
                "Nothing was saved. If they are the same person, use Edit record → Merge "
                "(Ctrl+Shift+E), or ask your team leader.",
            ),
        ),
        "unexpected": (
            QCoreApplication.translate("ErrorBanner", "Something went wrong"),
            QCoreApplication.translate(
                "ErrorBanner",
                "Nothing you typed is lost. Try again; if it keeps happening, tell your team "
                "leader.",
            ),
        ),
    }


def _for_it(kind: str) -> str:
    """What IT needs to know to fix `kind`, shown behind Details (technical words allowed)."""
    return {
        "no_passphrase": QCoreApplication.translate(
            "ErrorBanner",
            "No OS keyring works on this computer and COPILOT_DB_PASSPHRASE is not set: set it "
            "to the site's passphrase, then restart the panel.",
        ),
        "wrong_passphrase": QCoreApplication.translate(
            "ErrorBanner",
            "The passphrase (keyring or COPILOT_DB_PASSPHRASE) does not open this database: "
            "check it, then restart the panel.",
        ),
        "read_only": QCoreApplication.translate(
            "ErrorBanner", "Give the agent's account write access to the database file and folder."
        ),
        "corrupt": QCoreApplication.translate(
            "ErrorBanner",
            "Run `copilot check`; if it fails, restore the newest backup with "
            "`copilot restore BACKUP`.",
        ),
    }.get(kind, "")


def _details(*parts: str) -> str:
    """The Details text: each distinct part once, in order."""
    seen: list[str] = []
    for part in parts:
        part = part.strip()
        if part and part not in seen:
            seen.append(part)
    return "\n".join(seen)


def message_for(exc: BaseException) -> BannerMessage:
    """The banner text for `exc`, in the current interface language."""
    kind = classify(exc)
    line = exc.message if isinstance(exc, errors.CopilotError) else str(exc)
    if kind in _OWN_LINE and line and speaks_to_agent(line):
        title = QCoreApplication.translate("ErrorBanner", "That did not work")
        return BannerMessage(kind, title, line, "")
    advice_by_kind = _advice_by_kind()
    title, advice = advice_by_kind.get(kind, advice_by_kind["unexpected"])
    if kind not in advice_by_kind:  # an own line too technical to show: its own words in Details
        title = QCoreApplication.translate("ErrorBanner", "That did not work")
    if kind == "unexpected":
        # Not one of ours: the exception's type is what a developer needs from the report.
        line = f"{type(exc).__name__}: {line}" if line else type(exc).__name__
    return BannerMessage(kind, title, advice, _details(_for_it(kind), line))


def damage_message(problem: str) -> BannerMessage:
    """The daily integrity check failed: what the agent tells whom, and the check's own line."""
    return BannerMessage(
        "damaged",
        QCoreApplication.translate(
            "HealthBanner", "The customer database failed its integrity check"
        ),
        QCoreApplication.translate(
            "HealthBanner",
            "Your notes are safe for now. Tell your team leader now: IT should check the "
            "database and restore the newest backup (details below).",
        ),
        _details(
            QCoreApplication.translate(
                "HealthBanner",
                "Run `copilot check`, then restore the newest backup with "
                "`copilot restore BACKUP`.",
            ),
            problem,
        ),
    )


class _Banner(QFrame):
    """A title and what to do, wrapped to the panel's width, with the technical detail behind
    a Details toggle; never takes focus on its own."""

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.repeats = 1  # how many times in a row the same message arrived
        self.title = QLabel(self)
        self.title.setObjectName("bannerTitle")
        self.title.setWordWrap(True)
        self.advice = QLabel(self)
        self.advice.setObjectName("bannerAdvice")
        self.advice.setWordWrap(True)
        self.advice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_button = QToolButton(self)
        self.details_button.setObjectName("bannerDetailsToggle")
        self.details_button.setCheckable(True)
        self.details_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.details_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.details_button.toggled.connect(self._details_toggled)
        self.detail = QLabel(self)
        self.detail.setObjectName("bannerDetail")
        self.detail.setProperty("muted", True)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.hide()
        self.text_column = QVBoxLayout()
        self.text_column.setSpacing(2)
        self.text_column.addWidget(self.title)
        self.text_column.addWidget(self.advice)
        self.text_column.addWidget(self.details_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.text_column.addWidget(self.detail)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(8, 6, 8, 6)
        self.row.addLayout(self.text_column, 1)
        self._label_details_button()

    @property
    def message(self) -> BannerMessage | None:
        raise NotImplementedError

    def retranslate(self) -> None:
        self._label_details_button()
        self._refresh()

    def _details_toggled(self, shown: bool) -> None:
        self.detail.setVisible(shown and bool(self.detail.text()))
        self._label_details_button()

    def _label_details_button(self) -> None:
        shown = self.details_button.isChecked()
        self.details_button.setText(
            QCoreApplication.translate("ErrorBanner", "Hide details")
            if shown
            else QCoreApplication.translate("ErrorBanner", "Details")
        )
        self.details_button.setAccessibleName(
            QCoreApplication.translate("ErrorBanner", "Hide the details for IT")
            if shown
            else QCoreApplication.translate("ErrorBanner", "Show the details for IT")
        )

    def _refresh(self) -> None:
        message = self.message
        if message is None:
            return
        title = message.title
        if self.repeats > 1:
            # The same message again: say how often instead of stacking or re-showing it.
            title = (
                QCoreApplication.translate("ErrorBanner", "{title} ({n} times)")
                .replace("{title}", title)
                .replace("{n}", str(self.repeats))
            )
        advice = _without_repeats(message.advice, message.title)
        detail = _without_repeats(message.detail, message.title, advice)
        self.title.setText(title)
        self.advice.setText(advice)
        self.advice.setVisible(bool(advice))
        self.detail.setText(detail)
        self.details_button.setVisible(bool(detail))
        self.detail.setVisible(bool(detail) and self.details_button.isChecked())
        self._label_details_button()
        self.setAccessibleDescription(f"{title}. {advice}" if advice else title)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _without_repeats(text: str, *shown: str) -> str:
    """`text` without the lines already shown above it (an error line equal to the advice)."""
    above = {line.strip().rstrip(".").casefold() for s in shown for line in s.splitlines()}
    kept = [line for line in text.splitlines() if line.strip().rstrip(".").casefold() not in above]
    return "\n".join(kept).strip()


class ErrorBanner(_Banner):
    """Shown above the panel; never modal, never takes focus, dismissed with its button."""

    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("errorBanner", parent)
        self._exc: BaseException | None = None
        self.dismiss_button = QPushButton(self)
        self.dismiss_button.setObjectName("bannerDismiss")
        self.dismiss_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.dismiss_button.clicked.connect(self.dismiss)
        self.row.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignTop)
        self.setAccessibleName(QCoreApplication.translate("ErrorBanner", "Error"))
        self.retranslate()
        self.hide()

    @property
    def message(self) -> BannerMessage | None:
        return message_for(self._exc) if self._exc is not None else None

    def show_error(self, exc: BaseException) -> bool:
        """Show `exc` with what to do. Called from signals; never steals focus.

        Returns False when the banner already showed the same text: it then counts the
        repeat instead of showing the message a second time.
        """
        same = (
            self.isVisible()
            and self._exc is not None
            and message_for(self._exc) == message_for(exc)
        )
        self.repeats = self.repeats + 1 if same else 1
        if not same:
            self.details_button.setChecked(False)  # a new message starts with its details shut
        self._exc = exc
        self._refresh()
        self.show()
        return not same

    def dismiss(self) -> None:
        self._exc = None
        self.repeats = 1
        self.hide()
        self.dismissed.emit()

    def retranslate(self) -> None:
        self.setAccessibleName(QCoreApplication.translate("ErrorBanner", "Error"))
        self.dismiss_button.setText(QCoreApplication.translate("ErrorBanner", "Dismiss"))
        self.dismiss_button.setAccessibleName(
            QCoreApplication.translate("ErrorBanner", "Dismiss error")
        )
        self.dismiss_button.setToolTip(
            QCoreApplication.translate("ErrorBanner", "Hide this message (Ctrl+Shift+X)")
        )
        super().retranslate()


class HealthBanner(_Banner):
    """The failed integrity check: stays (no Dismiss) until a later check passes.

    Separate from the error banner so that a passing error (a busy file) and its dismissal
    never take the warning away: a damaged database is news every time the agent looks.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("healthBanner", parent)
        self._problem: str | None = None
        self.retranslate()
        self.hide()

    @property
    def message(self) -> BannerMessage | None:
        return damage_message(self._problem) if self._problem is not None else None

    def show_damage(self, problem: str) -> None:
        self._problem = problem
        self._refresh()
        self.show()

    def clear(self) -> None:
        self._problem = None
        self.hide()

    def retranslate(self) -> None:
        self.setAccessibleName(QCoreApplication.translate("HealthBanner", "Database warning"))
        super().retranslate()
