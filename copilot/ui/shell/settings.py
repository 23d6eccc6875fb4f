"""The panel's own preferences (dock edge, screen, width, theme, language, industry)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QLocale, QSettings

from copilot.ui.shell.docking import DEFAULT_WIDTH, Edge
from copilot.vocabulary import INDUSTRIES, LANGUAGES

ORGANISATION = "Copilot"
APPLICATION = "Copilot"
THEMES = ("auto", "light", "dark")


def open_qsettings() -> QSettings:
    """The app's QSettings in the default format (native unless a test switched it to INI).

    QSettings(organisation, application) would always use the native format and ignore a
    test's QSettings.setDefaultFormat, writing to the developer's real settings.
    """
    return QSettings(
        QSettings.defaultFormat(), QSettings.Scope.UserScope, ORGANISATION, APPLICATION
    )


def _as_bool(value: object, default: bool) -> bool:
    # INI files hand booleans back as the strings "true"/"false".
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        if value.lower() in ("true", "1", "yes"):
            return True
        if value.lower() in ("false", "0", "no"):
            return False
    return default


class ShellSettings:
    """Typed access to QSettings: every getter survives a missing, old or hand-edited value."""

    def __init__(
        self, store: QSettings | None = None, *, clock: Callable[[], datetime] | None = None
    ) -> None:
        self._store = store if store is not None else open_qsettings()
        self._clock = clock or (lambda: datetime.now(UTC))

    def sync(self) -> None:
        self._store.sync()

    # -- window ---------------------------------------------------------------------------
    @property
    def edge(self) -> Edge:
        return Edge.parse(self._store.value("window/edge", Edge.RIGHT.value))

    @edge.setter
    def edge(self, value: Edge) -> None:
        self._store.setValue("window/edge", Edge(value).value)

    @property
    def screen_name(self) -> str | None:
        value = self._store.value("window/screen", "")
        return str(value) if value else None

    @screen_name.setter
    def screen_name(self, value: str | None) -> None:
        self._store.setValue("window/screen", value or "")

    @property
    def width(self) -> int:
        value = self._store.value("window/width", DEFAULT_WIDTH)
        try:
            return int(value)  # type: ignore[call-overload]
        except (TypeError, ValueError):
            return DEFAULT_WIDTH

    @width.setter
    def width(self, value: int) -> None:
        self._store.setValue("window/width", int(value))

    @property
    def always_on_top(self) -> bool:
        return _as_bool(self._store.value("window/always_on_top", True), True)

    @always_on_top.setter
    def always_on_top(self, value: bool) -> None:
        self._store.setValue("window/always_on_top", bool(value))

    # -- look and language ----------------------------------------------------------------
    @property
    def language(self) -> str:
        value = str(self._store.value("ui/language", "") or "")
        if value in LANGUAGES:
            return value
        # First start: follow the desktop's language if it is one we speak.
        return "id" if QLocale.system().language() == QLocale.Language.Indonesian else "en"

    @language.setter
    def language(self, value: str) -> None:
        if value not in LANGUAGES:
            raise ValueError(f"unknown language {value!r}; expected one of {LANGUAGES}")
        self._store.setValue("ui/language", value)

    @property
    def theme(self) -> str:
        value = str(self._store.value("ui/theme", "auto") or "auto")
        return value if value in THEMES else "auto"

    @theme.setter
    def theme(self, value: str) -> None:
        if value not in THEMES:
            raise ValueError(f"unknown theme {value!r}; expected one of {THEMES}")
        self._store.setValue("ui/theme", value)

    # -- the shift ------------------------------------------------------------------------
    @property
    def industry(self) -> str:
        """The campaign's industry, asked for on the first start; kept until changed."""
        value = str(self._store.value("shift/industry", "general") or "general")
        return value if value in INDUSTRIES else "general"

    @industry.setter
    def industry(self, value: str) -> None:
        if value not in INDUSTRIES:
            raise ValueError(f"unknown industry {value!r}; expected one of {INDUSTRIES}")
        self._store.setValue("shift/industry", value)
        self._store.setValue("shift/industry_chosen_at", self._clock().isoformat())

    @property
    def industry_chosen_at(self) -> datetime | None:
        value = self._store.value("shift/industry_chosen_at", "")
        try:
            chosen = datetime.fromisoformat(str(value))
        except ValueError:
            return None
        return chosen if chosen.tzinfo is not None else chosen.replace(tzinfo=UTC)
