"""Interface language: installs the Bahasa Indonesia QTranslator, or removes it for English."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator, Signal

from copilot.resources import resources_dir
from copilot.vocabulary import LANGUAGES


class LanguageSwitcher(QObject):
    """Switches the interface language live.

    Installing or removing a translator makes Qt send `QEvent.LanguageChange` to every widget;
    each widget's `changeEvent` then calls its `retranslate()`, so nothing is rebuilt and no
    typed text is lost.
    """

    changed = Signal(str)

    def __init__(self, app: QCoreApplication, *, i18n_dir: Path | None = None) -> None:
        super().__init__(app)
        self._app = app
        self._dir = i18n_dir or resources_dir() / "i18n"
        self._installed: list[QTranslator] = []
        self._language = "en"

    @property
    def language(self) -> str:
        return self._language

    def set_language(self, code: str) -> bool:
        """Switch to `code` ("en" or "id"); False if its translation file is missing."""
        if code not in LANGUAGES:
            raise ValueError(f"unknown language {code!r}; expected one of {LANGUAGES}")
        translators: list[QTranslator] = []
        if code != "en":
            ours = QTranslator(self)
            if not ours.load(f"copilot_{code}", str(self._dir)):
                return False
            translators.append(ours)
            # Qt's own strings (context menus of text boxes, standard buttons), when shipped.
            qt_own = QTranslator(self)
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            if qt_own.load(QLocale(code), "qtbase", "_", qt_dir):
                translators.append(qt_own)
        for old in self._installed:
            self._app.removeTranslator(old)
        for new in translators:
            self._app.installTranslator(new)
        self._installed = translators
        self._language = code
        QLocale.setDefault(QLocale(code))
        self.changed.emit(code)
        return True
