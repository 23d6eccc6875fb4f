"""Light and dark themes from resources/styles, following the OS colour scheme unless overridden."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from copilot.resources import resources_dir

MODES = ("auto", "light", "dark")
_VARIABLE = re.compile(r"^\s*@([a-z][a-z0-9-]*)\s*:\s*([^;]+);", re.MULTILINE)
_TOKEN = re.compile(r"@([a-z][a-z0-9-]*)\b")


def load_stylesheet(name: str, styles_dir: Path | None = None) -> str:
    """`common.qss` with the colours of `<name>.qss` filled in, followed by its own rules.

    Each theme file declares its palette as `@name: value;` lines inside a comment, so one
    set of rules serves both themes and a colour is changed in exactly one place.
    """
    folder = styles_dir or resources_dir() / "styles"
    theme_text = (folder / f"{name}.qss").read_text(encoding="utf-8")
    colours = dict((k, v.strip()) for k, v in _VARIABLE.findall(theme_text))
    common = (folder / "common.qss").read_text(encoding="utf-8")

    def fill(match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in colours:
            raise KeyError(f"{folder / (name + '.qss')}: no colour @{key} (used in common.qss)")
        return colours[key]

    own_rules = _VARIABLE.sub("", theme_text)  # the palette lines are declarations, not rules
    return _TOKEN.sub(fill, common) + "\n" + _TOKEN.sub(fill, own_rules)


def palette_colours(name: str, styles_dir: Path | None = None) -> dict[str, str]:
    folder = styles_dir or resources_dir() / "styles"
    text = (folder / f"{name}.qss").read_text(encoding="utf-8")
    return dict((k, v.strip()) for k, v in _VARIABLE.findall(text))


def _palette(colours: dict[str, str]) -> QPalette:
    # The palette matters for what QSS does not reach (menus' disabled text, tooltips, the tray
    # menu), so both agree on every colour.
    p = QPalette()
    role = QPalette.ColorRole
    pairs = {
        role.Window: "bg",
        role.WindowText: "text",
        role.Base: "surface",
        role.AlternateBase: "bg",
        role.Text: "text",
        role.Button: "surface",
        role.ButtonText: "text",
        role.ToolTipBase: "surface",
        role.ToolTipText: "text",
        role.Highlight: "accent",
        role.HighlightedText: "on-accent",
        role.PlaceholderText: "muted",
        role.Link: "accent",
    }
    for r, key in pairs.items():
        p.setColor(r, QColor(colours[key]))
    p.setColor(QPalette.ColorGroup.Disabled, role.Text, QColor(colours["muted"]))
    p.setColor(QPalette.ColorGroup.Disabled, role.ButtonText, QColor(colours["muted"]))
    p.setColor(QPalette.ColorGroup.Disabled, role.WindowText, QColor(colours["muted"]))
    return p


class ThemeManager(QObject):
    """Applies the light or dark stylesheet to the application and follows the OS when `auto`.

    `changed(name)` carries the theme in effect ("light" or "dark") after every switch.
    """

    changed = Signal(str)

    def __init__(
        self, app: QApplication, mode: str = "auto", *, styles_dir: Path | None = None
    ) -> None:
        super().__init__(app)
        self._app = app
        self._styles_dir = styles_dir
        self._mode = mode if mode in MODES else "auto"
        self._applied: str | None = None
        hints = QGuiApplication.styleHints()
        self._os_scheme = hints.colorScheme()
        # Live: when the agent's OS switches to dark at dusk, the panel follows (Qt 6.5+).
        hints.colorSchemeChanged.connect(self._on_os_scheme_changed)

    @property
    def mode(self) -> str:
        return self._mode

    @property
    def effective(self) -> str:
        """The theme in effect for the current mode and OS scheme."""
        if self._mode != "auto":
            return self._mode
        return "dark" if self._os_scheme == Qt.ColorScheme.Dark else "light"

    def set_mode(self, mode: str) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown theme {mode!r}; expected one of {MODES}")
        self._mode = mode
        self.apply()

    def apply(self) -> None:
        name = self.effective
        if name == self._applied:
            return
        # Fusion draws the same on every OS, so both stylesheets look as designed everywhere.
        self._app.setStyle("Fusion")
        self._app.setPalette(_palette(palette_colours(name, self._styles_dir)))
        self._app.setStyleSheet(load_stylesheet(name, self._styles_dir))
        self._applied = name
        self.changed.emit(name)

    def _on_os_scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        self._os_scheme = scheme
        if self._mode == "auto":
            self.apply()
