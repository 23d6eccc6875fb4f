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


def message_for(exc: BaseException) -> BannerMessage:
    """The banner text for `exc`, in the current interface language."""
    kind = classify(exc)
    detail = exc.message if isinstance(exc, errors.CopilotError) else str(exc)
    kept = QCoreApplication.translate("ErrorBanner", "Nothing you typed is lost.")
    if kind == "no_passphrase":
        return BannerMessage(
            kind,
            QCoreApplication.translate("ErrorBanner", "The customer database is not open"),
            QCoreApplication.translate(
                "ErrorBanner",
                "No keyring works on this computer and COPILOT_DB_PASSPHRASE is not set. "
                "Set it to the site's passphrase, then restart the panel.",
            ),
            detail,
        )
    if kind == "wrong_passphrase":
        return BannerMessage(
            kind,
            QCoreApplication.translate("ErrorBanner", "The database key does not fit"),
            QCoreApplication.translate(
                "ErrorBanner",
                "The passphrase (keyring or COPILOT_DB_PASSPHRASE) does not open this database. "
                "Check it with your team leader or IT, then restart the panel.",
            ),
            detail,
        )
    if kind == "locked":
        return BannerMessage(
            kind,
            QCoreApplication.translate("ErrorBanner", "The database is busy"),
            QCoreApplication.translate(
                "ErrorBanner", "Another program is writing to it. Wait a moment and try again."
            )
            + " "
            + kept,
            detail,
        )
    if kind == "read_only":
        return BannerMessage(
            kind,
            QCoreApplication.translate("ErrorBanner", "The database cannot be written"),
            QCoreApplication.translate(
                "ErrorBanner",
                "The file or its folder is read-only. Ask IT to give you write access; "
                "you can keep looking customers up meanwhile.",
            )
            + " "
            + kept,
            detail,
        )
    if kind == "disk_full":
        return BannerMessage(
            kind,
            QCoreApplication.translate("ErrorBanner", "The disk is full"),
            QCoreApplication.translate(
                "ErrorBanner",
                "Free some disk space (empty Downloads or the recycle bin), then save again.",
            )
            + " "
            + kept,
            detail,
        )
    if kind == "corrupt":
        return BannerMessage(
            kind,
            QCoreApplication.translate("ErrorBanner", "The database file is damaged"),
            QCoreApplication.translate(
                "ErrorBanner",
                "Run `copilot check`, and restore the latest backup with IT if it fails.",
            ),
            detail,
        )
    if kind == "identity_conflict":
        return BannerMessage(
            kind,
            QCoreApplication.translate("ErrorBanner", "These details belong to two customers"),
            QCoreApplication.translate(
                "ErrorBanner",
                "Nothing was merged. Check the identifiers, or ask your team leader to merge.",
            ),
            detail,
        )
    if kind in ("not_found", "input", "database", "copilot"):
        return BannerMessage(
            kind, QCoreApplication.translate("ErrorBanner", "That did not work"), detail or kept, ""
        )
    return BannerMessage(
        kind,
        QCoreApplication.translate("ErrorBanner", "Something went wrong"),
        QCoreApplication.translate(
            "ErrorBanner", "Try again; if it keeps happening, tell your team leader."
        )
        + " "
        + kept,
        f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__,
    )


class ErrorBanner(QFrame):
    """Shown above the panel; never modal, never takes focus, dismissed with its button."""

    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorBanner")
        self._exc: BaseException | None = None
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
        self.dismiss_button = QPushButton(self)
        self.dismiss_button.setObjectName("bannerDismiss")
        self.dismiss_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.dismiss_button.clicked.connect(self.dismiss)
        text_column = QVBoxLayout()
        text_column.setSpacing(2)
        text_column.addWidget(self.title)
        text_column.addWidget(self.advice)
        text_column.addWidget(self.detail)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 6, 8, 6)
        row.addLayout(text_column, 1)
        row.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignTop)
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
        self.dismiss_button.setText(QCoreApplication.translate("ErrorBanner", "Dismiss"))
        self.dismiss_button.setAccessibleName(
            QCoreApplication.translate("ErrorBanner", "Dismiss error")
        )
        self.dismiss_button.setToolTip(
            QCoreApplication.translate("ErrorBanner", "Hide this message (Ctrl+Shift+X)")
        )
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
