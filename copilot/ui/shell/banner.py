"""A non-blocking error banner that says what happened and what to do; typed text stays put."""

from __future__ import annotations

import errno
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

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


# Kinds whose advice ends with "Nothing you typed is lost": the agent may have been saving.
_KEEPS_TYPED_TEXT = frozenset({"locked", "read_only", "disk_full", "unexpected"})
# Kinds whose error line is the whole message: it already says what is wrong with the input.
_OWN_LINE = frozenset({"not_found", "input", "database", "copilot"})


def _advice_by_kind() -> dict[str, tuple[str, str]]:
    """Title and advice for each kind, in the current language (literal calls, for lupdate)."""
    return {
        "no_passphrase": (
            QCoreApplication.translate("ErrorBanner", "The customer database is not open"),
            QCoreApplication.translate(
                "ErrorBanner",
                "No keyring works on this computer and COPILOT_DB_PASSPHRASE is not set. "
                "Set it to the site's passphrase, then restart the panel.",
            ),
        ),
        "wrong_passphrase": (
            QCoreApplication.translate("ErrorBanner", "The database key does not fit"),
            QCoreApplication.translate(
                "ErrorBanner",
                "The passphrase (keyring or COPILOT_DB_PASSPHRASE) does not open this database. "
                "Check it with your team leader or IT, then restart the panel.",
            ),
        ),
        "locked": (
            QCoreApplication.translate("ErrorBanner", "The database is busy"),
            QCoreApplication.translate(
                "ErrorBanner", "Another program is writing to it. Wait a moment and try again."
            ),
        ),
        "read_only": (
            QCoreApplication.translate("ErrorBanner", "The database cannot be written"),
            QCoreApplication.translate(
                "ErrorBanner",
                "The file or its folder is read-only. Ask IT to give you write access; "
                "you can keep looking customers up meanwhile.",
            ),
        ),
        "disk_full": (
            QCoreApplication.translate("ErrorBanner", "The disk is full"),
            QCoreApplication.translate(
                "ErrorBanner",
                "Free some disk space (empty Downloads or the recycle bin), then save again.",
            ),
        ),
        "corrupt": (
            QCoreApplication.translate("ErrorBanner", "The database file is damaged"),
            QCoreApplication.translate(
                "ErrorBanner",
                "Run `copilot check`, and restore the latest backup with IT if it fails.",
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
                "ErrorBanner", "Try again; if it keeps happening, tell your team leader."
            ),
        ),
    }


def message_for(exc: BaseException) -> BannerMessage:
    """The banner text for `exc`, in the current interface language."""
    kind = classify(exc)
    detail = exc.message if isinstance(exc, errors.CopilotError) else str(exc)
    kept = QCoreApplication.translate("ErrorBanner", "Nothing you typed is lost.")
    if kind in _OWN_LINE:
        title = QCoreApplication.translate("ErrorBanner", "That did not work")
        return BannerMessage(kind, title, detail or kept, "")
    advice_by_kind = _advice_by_kind()
    title, advice = advice_by_kind.get(kind, advice_by_kind["unexpected"])
    if kind in _KEEPS_TYPED_TEXT:
        advice = f"{advice} {kept}"
    if kind == "unexpected":
        # Not one of ours: the exception's type is what a developer needs from the report.
        detail = f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
    return BannerMessage(kind, title, advice, detail)


def damage_message(problem: str) -> BannerMessage:
    """The daily integrity check failed: what the agent tells whom, and the check's own line."""
    return BannerMessage(
        "damaged",
        QCoreApplication.translate(
            "HealthBanner", "The customer database failed its integrity check"
        ),
        QCoreApplication.translate(
            "HealthBanner",
            "Tell your team leader now: IT should run `copilot check` and restore the newest "
            "backup with `copilot restore BACKUP`.",
        ),
        problem,
    )


class _Banner(QFrame):
    """A title, what to do, and a detail line, wrapped to the panel's width; never takes focus."""

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.title = QLabel(self)
        self.title.setObjectName("bannerTitle")
        self.title.setWordWrap(True)
        self.advice = QLabel(self)
        self.advice.setObjectName("bannerAdvice")
        self.advice.setWordWrap(True)
        self.advice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail = QLabel(self)
        self.detail.setObjectName("bannerDetail")
        self.detail.setProperty("muted", True)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text_column = QVBoxLayout()
        self.text_column.setSpacing(2)
        self.text_column.addWidget(self.title)
        self.text_column.addWidget(self.advice)
        self.text_column.addWidget(self.detail)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(8, 6, 8, 6)
        self.row.addLayout(self.text_column, 1)

    @property
    def message(self) -> BannerMessage | None:
        raise NotImplementedError

    def retranslate(self) -> None:
        self._refresh()

    def _refresh(self) -> None:
        message = self.message
        if message is None:
            return
        self.title.setText(message.title)
        self.advice.setText(message.advice)
        self.detail.setText(message.detail)
        self.detail.setVisible(bool(message.detail) and message.detail != message.advice)
        self.setAccessibleDescription(f"{message.title}. {message.advice}")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


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

    def show_error(self, exc: BaseException) -> None:
        """Show `exc` with what to do. Called from signals; never steals focus."""
        self._exc = exc
        self._refresh()
        self.show()

    def dismiss(self) -> None:
        self._exc = None
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
