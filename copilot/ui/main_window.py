"""The side panel's window: header, settings menu, banners, status line, help, tray."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QIcon,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from copilot.errors import CopilotError
from copilot.resources import icon_path
from copilot.ui.shell.announce import announce
from copilot.ui.shell.banner import ErrorBanner, HealthBanner
from copilot.ui.shell.docking import Edge
from copilot.ui.shell.hotkey import (
    DEFAULT_SEQUENCE,
    NO_GLOBAL_HOTKEY_LINUX,
    GlobalHotkey,
    NoopHotkey,
)
from copilot.ui.shell.i18n import LanguageSwitcher
from copilot.ui.shell.panel_slot import PanelApi, PlaceholderPanel
from copilot.ui.shell.placement import DockedWindow
from copilot.ui.shell.reading_order import move_focus
from copilot.ui.shell.settings import ShellSettings
from copilot.ui.shell.theme import ThemeManager
from copilot.ui.shell.tray import Tray, tray_available
from copilot.ui.widgets.industry import CampaignPrompt, industry_names
from copilot.ui.widgets.site_status import SiteStatusLine
from copilot.vocabulary import INDUSTRIES

if TYPE_CHECKING:
    from copilot.site.config import SiteConfig
    from copilot.ui.shell.help_overlay import HelpOverlay

log = logging.getLogger(__name__)

STATUS_TIMEOUT_MS = 4000


class MainWindow(DockedWindow):
    """A narrow column docked to a screen edge that never takes focus on its own.

    Focus is taken only on an explicit request: the global hotkey, a second start of the
    app, the tray menu. Hints and status updates arrive while the agent types elsewhere.
    """

    def __init__(
        self,
        panel: QWidget | None = None,
        *,
        settings: ShellSettings | None = None,
        theme: ThemeManager | None = None,
        languages: LanguageSwitcher | None = None,
        hotkey: GlobalHotkey | None = None,
        use_tray: bool | None = None,
        on_quit: Callable[[], None] | None = None,
        site: SiteConfig | None = None,
    ) -> None:
        super().__init__(settings or ShellSettings())
        self.site = site  # the site this desk is enrolled in (None: this PC only)
        self.setObjectName("mainWindow")
        self.theme = theme
        self.languages = languages
        self.hotkey: GlobalHotkey = hotkey or NoopHotkey("")
        self.hotkey_registered = False
        self._on_quit = on_quit or QApplication.quit
        self._quitting = False
        self.panel_widget = panel if panel is not None else PlaceholderPanel()
        self.panel = cast(PanelApi, self.panel_widget)
        self.setWindowIcon(QIcon(str(icon_path())))

        self._build_actions()
        self._build_header()
        self._build_column()
        self.addActions(self.window_actions())
        self._attach_panel()

        self.tray: Tray | None = None
        if use_tray if use_tray is not None else tray_available():
            self.tray = Tray(self, self.windowIcon(), self.quit)
            self.tray.show()

        if self.languages is not None:
            self.languages.changed.connect(self._sync_menu_checks)
        if self.theme is not None:
            self.theme.changed.connect(self._sync_menu_checks)
        self._restore_industry()
        self.retranslate()
        self._sync_menu_checks()
        self.dock()
        self._register_hotkey()

    # -- construction -----------------------------------------------------------------------

    def _action(
        self, slot: Callable[[], object], keys: tuple[str, ...] = (), checkable: bool = False
    ) -> QAction:
        action = QAction(self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setCheckable(checkable)
        if checkable:
            action.toggled.connect(lambda _checked: slot())
        else:
            action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        self.help_action = self._action(self.toggle_help, ("F1", "Ctrl+/"))
        self.industry_action = self._action(self.choose_industry, ("Ctrl+Shift+I",))
        self.language_action = self._action(self.cycle_language, ("Ctrl+Shift+L",))
        self.theme_action = self._action(self.cycle_theme, ("Ctrl+Shift+M",))
        self.on_top_action = self._action(self._on_top_toggled, ("Ctrl+Shift+T",), checkable=True)
        self.on_top_action.setChecked(self.settings.always_on_top)
        self.dock_left_action = self._action(lambda: self.set_edge(Edge.LEFT), ("Alt+Shift+Left",))
        self.dock_right_action = self._action(
            lambda: self.set_edge(Edge.RIGHT), ("Alt+Shift+Right",)
        )
        self.dock_left_action.setCheckable(True)
        self.dock_right_action.setCheckable(True)
        dock_group = QActionGroup(self)
        dock_group.addAction(self.dock_left_action)
        dock_group.addAction(self.dock_right_action)
        self.dismiss_action = self._action(self.dismiss_error, ("Ctrl+Shift+X",))
        self.profile_action = self._action(self.edit_profile)
        self.close_action = self._action(self.close, ("Ctrl+W",))
        self.quit_action = self._action(self.quit, ("Ctrl+Q",))

        self.language_group = QActionGroup(self)
        self.lang_en_action = QAction(self, checkable=True)
        self.lang_id_action = QAction(self, checkable=True)
        # Language names are written in their own language and never translated.
        self.lang_en_action.setText("English")
        self.lang_id_action.setText("Bahasa Indonesia")
        for action, code in ((self.lang_en_action, "en"), (self.lang_id_action, "id")):
            self.language_group.addAction(action)
            action.triggered.connect(lambda _c=False, code=code: self.set_language(code))
        self.theme_group = QActionGroup(self)
        self.theme_auto_action = QAction(self, checkable=True)
        self.theme_light_action = QAction(self, checkable=True)
        self.theme_dark_action = QAction(self, checkable=True)
        for action, mode in (
            (self.theme_auto_action, "auto"),
            (self.theme_light_action, "light"),
            (self.theme_dark_action, "dark"),
        ):
            self.theme_group.addAction(action)
            action.triggered.connect(lambda _c=False, mode=mode: self.set_theme(mode))
        self.hotkey_info_action = QAction(self)
        self.hotkey_info_action.setEnabled(False)
        # Which memory this panel works on: an agent moving desks must be able to tell.
        self.site_info_action = QAction(self)
        self.site_info_action.setObjectName("siteInfo")
        self.site_info_action.setEnabled(False)

    def _build_header(self) -> None:
        self.header = QFrame()
        self.header.setObjectName("shellHeader")
        # The icon, not the word: at 320 px and 150 % text the Indonesian header needs the room
        # for the campaign's name (the window title still says Copilot).
        self.app_name = QLabel(self.header)
        self.app_name.setObjectName("appName")
        self.app_name.setAccessibleName("Copilot")
        self.app_name.setToolTip("Copilot")
        side = self.fontMetrics().height() + 4
        self.app_name.setPixmap(self.windowIcon().pixmap(side, side))
        self.industry_combo = QComboBox(self.header)
        self.industry_combo.setObjectName("industryCombo")
        self.industry_combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        for code in INDUSTRIES:
            self.industry_combo.addItem(code, code)
        self.industry_combo.currentIndexChanged.connect(self._on_industry_changed)
        self.industry_combo.activated.connect(self._on_industry_activated)
        self.help_button = QToolButton(self.header)
        self.help_button.setObjectName("helpButton")
        # Not setDefaultAction: the button would show the action's long text in the header.
        self.help_button.clicked.connect(self.toggle_help)
        self.help_button.setText("?")
        self.settings_menu = QMenu(self)
        self.settings_menu.setObjectName("settingsMenu")
        self.language_menu = self.settings_menu.addMenu("")
        self.language_menu.addActions([self.lang_en_action, self.lang_id_action])
        self.theme_menu = self.settings_menu.addMenu("")
        self.theme_menu.addActions(
            [self.theme_auto_action, self.theme_light_action, self.theme_dark_action]
        )
        self.dock_menu = self.settings_menu.addMenu("")
        self.dock_menu.addActions([self.dock_left_action, self.dock_right_action])
        self.settings_menu.addAction(self.on_top_action)
        self.settings_menu.addAction(self.profile_action)
        self.settings_menu.addSeparator()
        self.settings_menu.addAction(self.site_info_action)
        self.settings_menu.addAction(self.hotkey_info_action)
        self.settings_menu.addAction(self.help_action)
        self.settings_menu.addSeparator()
        self.settings_menu.addAction(self.close_action)
        self.settings_menu.addAction(self.quit_action)
        self.settings_button = QToolButton(self.header)
        self.settings_button.setObjectName("settingsButton")
        self.settings_button.setMenu(self.settings_menu)
        self.settings_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        row = QHBoxLayout(self.header)
        row.setContentsMargins(8, 4, 4, 4)
        row.setSpacing(4)
        row.addWidget(self.app_name)
        row.addStretch(1)
        row.addWidget(self.industry_combo)
        row.addWidget(self.help_button)
        row.addWidget(self.settings_button)

    def _build_column(self) -> None:
        # The warnings sit between the header and the panel: they push the panel down, never
        # cover it, and the header (industry, help, settings) stays where the agent expects it.
        self.health_banner = HealthBanner()
        self.banner = ErrorBanner()
        self.site_status = SiteStatusLine()
        self.status_line = QLabel()
        self.status_line.setObjectName("statusLine")
        self.status_line.setWordWrap(True)
        self._status_timer = QTimer(self)
        self._status_timer.setSingleShot(True)
        self._status_timer.timeout.connect(self._clear_status)
        central = QWidget()
        central.setObjectName("shellCentral")
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addWidget(self.header)
        column.addWidget(self.health_banner)
        column.addWidget(self.banner)
        column.addWidget(self.site_status)
        # First start only: which campaign? Asked once, kindly; the choice is remembered.
        self.campaign_prompt = CampaignPrompt()
        self.campaign_prompt.hide()
        self.campaign_prompt.chosen.connect(self._campaign_chosen)
        column.addWidget(self.campaign_prompt)
        column.addWidget(self.panel_widget, 1)
        column.addWidget(self.status_line)
        self.setCentralWidget(central)
        self._central = central  # the help overlay covers it
        self._help_overlay: HelpOverlay | None = None  # made on first use: F1 is rare

    def _attach_panel(self) -> None:
        self.panel.failed.connect(self.show_error)
        self.panel.status.connect(self.show_status)
        self.panel.integrity_failed.connect(self.show_damage)
        self.panel.integrity_passed.connect(self.health_banner.clear)
        self.panel.site_status.connect(self.site_status.show_view)
        self.panel.profile_requested.connect(self.edit_profile)
        self.panel.set_agent(self.settings.agent_name)
        # Window actions live on the window, so their shortcuts work wherever the focus is in
        # it. Panel actions the panel already placed keep their own scope (its Esc must not
        # fire in the help overlay); any it left unplaced get the window's.
        self.addActions([a for a in self.panel.actions() if not a.associatedObjects()])

    # -- translation ------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Copilot"))
        names = industry_names()
        for i in range(self.industry_combo.count()):
            self.industry_combo.setItemText(i, names[self.industry_combo.itemData(i)])
        self.industry_combo.setAccessibleName(self.tr("Campaign industry"))
        self.industry_combo.setAccessibleDescription(
            self.tr("The industry of this shift's campaign; it chooses which hints appear")
        )
        self.industry_combo.setToolTip(self.tr("Campaign industry (Ctrl+Shift+I)"))
        self.help_button.setText("?")
        self.help_button.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.help_button.setToolTip(self.tr("Keyboard shortcuts (F1)"))
        # A gear, not the word ("Pengaturan" alone was a third of a 320 px header).
        self.settings_button.setText("⚙")
        self.settings_button.setToolTip(self.tr("Settings"))
        self.settings_button.setAccessibleName(self.tr("Settings"))
        self.settings_button.setAccessibleDescription(
            self.tr("Language, theme, docking edge and always on top")
        )
        self.settings_menu.setTitle(self.tr("Settings"))
        self.language_menu.setTitle(self.tr("Language"))
        self.theme_menu.setTitle(self.tr("Theme"))
        self.dock_menu.setTitle(self.tr("Dock to"))
        self.help_action.setText(self.tr("Keyboard shortcuts"))
        self.industry_action.setText(self.tr("Choose the campaign's industry"))
        self.language_action.setText(self.tr("Switch language (English / Bahasa Indonesia)"))
        self.theme_action.setText(self.tr("Switch theme (system / light / dark)"))
        self.on_top_action.setText(self.tr("Always on top"))
        self.profile_action.setText(self.tr("Your name and role…"))
        self.dock_left_action.setText(self.tr("Dock to the left edge"))
        self.dock_right_action.setText(self.tr("Dock to the right edge"))
        self.dismiss_action.setText(self.tr("Dismiss the error message"))
        self.close_action.setText(
            self.tr("Hide the panel to the tray") if self.tray else self.tr("Close the panel")
        )
        self.quit_action.setText(self.tr("Quit Copilot"))
        self.theme_auto_action.setText(self.tr("Follow the system"))
        self.theme_light_action.setText(self.tr("Light"))
        self.theme_dark_action.setText(self.tr("Dark"))
        self.hotkey_info_action.setText(self.global_hotkey_note())
        self.site_info_action.setText(self.site_note())
        self.status_line.setAccessibleName(self.tr("Status"))
        self.campaign_prompt.retranslate()
        self.site_status.retranslate()
        if self.tray is not None:
            self.tray.retranslate()

    def site_note(self) -> str:
        """ "Site: DB on HOST (login)", or that the customer memory is on this PC only."""
        if self.site is None:
            return self.tr("Customer memory: this PC only")
        database, host = self.site.place
        return (
            self.tr("Site: %1 on %2 (%3)")
            .replace("%1", database)
            .replace("%2", host)
            .replace("%3", self.site.user)
        )

    def global_hotkey_note(self) -> str:
        if self.hotkey_registered:
            return self.tr("%1 brings the panel forward from any program").replace(
                "%1", DEFAULT_SEQUENCE
            )
        if self.hotkey.reason == NO_GLOBAL_HOTKEY_LINUX:
            return self.tr(
                "No global shortcut on Linux desktops: start Copilot again (for example from a "
                "desktop shortcut) to bring the panel forward."
            )
        return self.tr("No global shortcut on this system: %1").replace(
            "%1", self.hotkey.reason or self.tr("not available")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- actions ------------------------------------------------------------------------------

    def window_actions(self) -> list[QAction]:
        return [
            self.help_action,
            self.industry_action,
            self.language_action,
            self.theme_action,
            self.on_top_action,
            self.dock_left_action,
            self.dock_right_action,
            self.dismiss_action,
            self.close_action,
            self.quit_action,
        ]

    def all_actions(self) -> list[QAction]:
        """The panel's actions first (the daily flow), then the window's."""
        return [*self.panel.actions(), *self.window_actions()]

    @property
    def help_overlay(self) -> HelpOverlay:
        if self._help_overlay is None:
            from copilot.ui.shell.help_overlay import HelpOverlay

            self._help_overlay = HelpOverlay(
                self.all_actions, self._central, global_note=self.global_hotkey_note
            )
        return self._help_overlay

    def toggle_help(self) -> None:
        self.help_overlay.toggle()

    def edit_profile(self) -> None:
        """The agent's name and role (set once); the panel records the name from then on."""
        from copilot.ui.shell.profile import ProfileDialog

        dialog = ProfileDialog(self.settings, self)
        dialog.accepted.connect(lambda: self.panel.set_agent(self.settings.agent_name))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.profile_dialog = dialog  # for tests and to keep it referenced while open

    def choose_industry(self) -> None:
        # Asked for explicitly: focusing the combo inside our own window is fine.
        self.industry_combo.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.industry_combo.showPopup()

    def set_industry(self, industry: str) -> None:
        index = self.industry_combo.findData(industry)
        if index < 0:
            raise ValueError(f"unknown industry {industry!r}")
        self.industry_combo.setCurrentIndex(index)

    def _restore_industry(self) -> None:
        index = self.industry_combo.findData(self.settings.industry)
        self.industry_combo.blockSignals(True)
        self.industry_combo.setCurrentIndex(max(0, index))
        self.industry_combo.blockSignals(False)
        self.panel.set_industry(self.settings.industry)
        # Never chosen: the first start. Later starts trust the remembered campaign.
        self.campaign_prompt.setVisible(self.settings.industry_chosen_at is None)

    def _on_industry_changed(self, index: int) -> None:
        industry = str(self.industry_combo.itemData(index))
        self.settings.industry = industry
        self.panel.set_industry(industry)
        self.campaign_prompt.hide()

    def _on_industry_activated(self, index: int) -> None:
        # Picking the campaign already shown (General on a first start) is a choice too.
        if index == self.industry_combo.currentIndex():
            self.settings.industry = str(self.industry_combo.itemData(index))
            self.campaign_prompt.hide()

    @property
    def asks_for_campaign(self) -> bool:
        return not self.campaign_prompt.isHidden()

    def _campaign_chosen(self, industry: str) -> None:
        self.set_industry(industry)
        self._on_industry_activated(self.industry_combo.currentIndex())

    def set_language(self, code: str) -> None:
        self.settings.language = code
        if self.languages is not None and not self.languages.set_language(code):
            self.show_status(self.tr("The translation file is missing; staying in English."))
        self._sync_menu_checks()

    def cycle_language(self) -> None:
        current = self.languages.language if self.languages else self.settings.language
        self.set_language("id" if current == "en" else "en")

    def set_theme(self, mode: str) -> None:
        self.settings.theme = mode
        if self.theme is not None:
            self.theme.set_mode(mode)
        self._sync_menu_checks()

    def cycle_theme(self) -> None:
        order = ("auto", "light", "dark")
        current = self.theme.mode if self.theme else self.settings.theme
        self.set_theme(order[(order.index(current) + 1) % len(order)])

    def _sync_menu_checks(self, *_args: object) -> None:
        language = self.languages.language if self.languages else self.settings.language
        self.lang_en_action.setChecked(language == "en")
        self.lang_id_action.setChecked(language == "id")
        mode = self.theme.mode if self.theme else self.settings.theme
        self.theme_auto_action.setChecked(mode == "auto")
        self.theme_light_action.setChecked(mode == "light")
        self.theme_dark_action.setChecked(mode == "dark")
        self.dock_left_action.setChecked(self.settings.edge is Edge.LEFT)
        self.dock_right_action.setChecked(self.settings.edge is Edge.RIGHT)

    # -- placement (the rest is DockedWindow's) ----------------------------------------------

    def set_always_on_top(self, on: bool) -> None:
        if self.on_top_action.isChecked() != on:
            self.settings.always_on_top = on
            self.on_top_action.setChecked(on)  # re-enters through _on_top_toggled
            return
        super().set_always_on_top(on)

    def _on_top_toggled(self) -> None:
        self.set_always_on_top(self.on_top_action.isChecked())

    def set_edge(self, edge: Edge) -> None:
        super().set_edge(edge)
        self._sync_menu_checks()

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab follows what the agent sees, not the order the widgets were built in; with the
        # keyboard help open, it stays inside the help.
        help_open = self._help_overlay is not None and self._help_overlay.isVisible()
        root = self._help_overlay if help_open and self._help_overlay else self
        return move_focus(root, next) or super().focusNextPrevChild(next)

    def _native_window_created(self) -> None:
        QTimer.singleShot(0, self._no_header_focus_at_start)

    def _no_header_focus_at_start(self) -> None:
        # Qt hands the first focusable widget (the industry selector) the focus when a window
        # first becomes active; a focus ring there reads as "choose an industry now". The
        # panel decides where the agent starts (the find box).
        if self.industry_combo.hasFocus():
            self.panel_widget.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- bringing forward (explicit requests only) ----------------------------------------------

    def bring_forward(self) -> None:
        """Show, raise and focus the find box: for the global hotkey and a second start."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()
        self.panel.focus_find()

    def _register_hotkey(self) -> None:
        try:
            self.hotkey_registered = self.hotkey.register(DEFAULT_SEQUENCE, self.bring_forward)
        except Exception:  # a platform quirk must never stop the panel from starting
            log.exception("registering the global shortcut failed")
            self.hotkey_registered = False
        self.hotkey_info_action.setText(self.global_hotkey_note())

    # -- banner and status ------------------------------------------------------------------------

    def show_error(self, exc: object) -> None:
        """Show an error in the banner (never a dialog): the agent keeps typing."""
        if not isinstance(exc, BaseException):
            exc = RuntimeError(str(exc))
        # A CopilotError is one clear line; anything else is a bug worth its traceback.
        log.warning("panel error: %s", exc, exc_info=None if isinstance(exc, CopilotError) else exc)
        new = self.banner.show_error(exc)
        message = self.banner.message
        if message is not None and new:  # a repeat is counted on the banner, not re-announced
            announce(f"{message.title}. {message.advice}", self.banner)

    def show_damage(self, problem: str) -> None:
        """The daily integrity check failed: a warning that stays until a check passes."""
        log.warning("integrity check failed: %s", problem)
        already = self.health_banner.isVisible()
        self.health_banner.show_damage(problem)
        message = self.health_banner.message
        if message is not None and not already:
            # Hourly re-checks repeat the finding; a screen reader hears it once per session.
            announce(f"{message.title}. {message.advice}", self.health_banner)

    def dismiss_error(self) -> None:
        if self.banner.isVisible():
            self.banner.dismiss()

    def show_status(
        self, text: str, *, timeout_ms: int = STATUS_TIMEOUT_MS, kind: str = "ok"
    ) -> None:
        """A short confirmation ("Saved") that fades after a few seconds (timeout_ms=0: it
        stays until replaced); announced politely. `kind` "attention" asks for a check."""
        self.status_line.setText(text)
        self.status_line.setProperty("kind", kind)
        self.status_line.style().unpolish(self.status_line)
        self.status_line.style().polish(self.status_line)
        if timeout_ms > 0:
            self._status_timer.start(timeout_ms)
        else:
            self._status_timer.stop()
        announce(text, self.status_line)

    def _clear_status(self) -> None:
        self.status_line.clear()

    # -- closing --------------------------------------------------------------------------------

    def quit(self) -> None:
        self._quitting = True
        self.close()
        self._on_quit()

    def closeEvent(self, event: QCloseEvent) -> None:
        # With a tray, closing only hides: the agent gets the panel back from the tray or the
        # global shortcut. Without a tray there is no way back, so closing quits.
        self.settings.sync()
        if self.tray is not None and not self._quitting:
            event.ignore()
            self.hide()
            self.tray.retranslate()
            return
        self.hotkey.unregister()
        if self.tray is not None:
            self.tray.hide()
        super().closeEvent(event)
        if not self._quitting:
            self._quitting = True
            self._on_quit()
