"""The main window: settings round-trip, docking, always on top, themes, language, help, banner."""

from __future__ import annotations

import errno
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from copilot import errors
from copilot.ui.main_window import MainWindow
from copilot.ui.shell.banner import classify, message_for
from copilot.ui.shell.docking import Edge
from copilot.ui.shell.hotkey import NoopHotkey
from copilot.ui.shell.i18n import LanguageSwitcher
from copilot.ui.shell.settings import ShellSettings, open_qsettings
from copilot.ui.shell.theme import ThemeManager
from copilot.vocabulary import Industry


class FakePanel(QWidget):
    """The PanelWidget contract with one text box, to check typed text survives errors."""

    failed = Signal(object)
    status = Signal(str)
    integrity_failed = Signal(str)
    integrity_passed = Signal()
    site_status = Signal(object)
    profile_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.agent = ""
        self.find_box = QLineEdit(self)
        self.find_box.setAccessibleName("Find a customer")
        QVBoxLayout(self).addWidget(self.find_box)
        self.industries: list[str] = []
        self.found = 0
        self.find_action = QAction("&Find a customer", self)
        self.find_action.setShortcut(QKeySequence("Ctrl+F"))
        self.find_action.triggered.connect(self.focus_find)
        self.copy_action = QAction("Copy draft", self)
        self.copy_action.setShortcut(QKeySequence("Ctrl+Shift+C"))

    def set_industry(self, industry: str) -> None:
        self.industries.append(industry)

    def set_agent(self, name: str) -> None:
        self.agent = name

    def focus_find(self) -> None:
        self.found += 1

    def paste_and_find(self) -> None:
        return None

    def copy_draft(self) -> None:
        return None

    def actions(self) -> list[QAction]:
        return [self.find_action, self.copy_action]


@pytest.fixture
def make_window(qtbot: QtBot) -> Callable[..., MainWindow]:
    def make(**kwargs: object) -> MainWindow:
        kwargs.setdefault("use_tray", False)
        kwargs.setdefault("on_quit", lambda: None)
        window = MainWindow(kwargs.pop("panel", None) or FakePanel(), **kwargs)  # type: ignore[arg-type]
        qtbot.addWidget(window)
        return window

    return make


# -- settings ------------------------------------------------------------------------------


def test_settings_round_trip_through_qsettings() -> None:
    first = ShellSettings()
    first.edge = Edge.LEFT
    first.screen_name = "HDMI-1"
    first.width = 432
    first.always_on_top = False
    first.language = "id"
    first.theme = "dark"
    first.industry = "telecom"
    first.sync()
    again = ShellSettings(open_qsettings())
    assert (again.edge, again.screen_name, again.width) == (Edge.LEFT, "HDMI-1", 432)
    assert (again.always_on_top, again.language, again.theme) == (False, "id", "dark")
    assert again.industry == "telecom"


def test_hand_edited_settings_fall_back_to_defaults() -> None:
    store = open_qsettings()
    for key, value in {
        "window/edge": "top",
        "window/width": "wide",
        "window/always_on_top": "maybe",
        "ui/theme": "neon",
        "shift/industry": "casino",
    }.items():
        store.setValue(key, value)
    store.sync()
    settings = ShellSettings()
    assert settings.edge is Edge.RIGHT
    assert settings.width == 400
    assert settings.always_on_top is True
    assert settings.theme == "auto"
    assert settings.industry == "general"


def test_bad_values_are_refused_with_a_clear_error() -> None:
    settings = ShellSettings()
    with pytest.raises(ValueError, match="industry"):
        settings.industry = "casino"
    with pytest.raises(ValueError, match="language"):
        settings.language = "fr"


def test_the_industry_choice_offers_every_industry_by_name(
    make_window: Callable[..., MainWindow],
) -> None:
    window = make_window()
    combo = window.industry_combo
    offered = {combo.itemData(i): combo.itemText(i) for i in range(combo.count())}
    assert set(offered) == {industry.value for industry in Industry}
    assert all(name and name != code for code, name in offered.items())  # names, not codes


def test_window_restores_edge_width_and_industry(make_window: Callable[..., MainWindow]) -> None:
    settings = ShellSettings()
    settings.edge = Edge.LEFT
    settings.width = 380
    settings.industry = "logistics"
    panel = FakePanel()
    window = make_window(panel=panel, settings=settings)
    area = QGuiApplication.primaryScreen().availableGeometry()
    frame = window.frameGeometry()
    assert frame.left() == area.left()
    assert frame.width() == 380
    assert frame.height() == area.height()
    assert window.industry_combo.currentData() == "logistics"
    assert panel.industries[-1] == "logistics"


def test_unknown_remembered_screen_docks_on_the_primary(
    make_window: Callable[..., MainWindow],
) -> None:
    settings = ShellSettings()
    settings.screen_name = "a monitor that was unplugged"
    settings.edge = Edge.RIGHT
    window = make_window(settings=settings)
    area = QGuiApplication.primaryScreen().availableGeometry()
    assert window.target_screen() is QGuiApplication.primaryScreen()
    assert window.frameGeometry().right() == area.right()


def test_docking_to_the_other_edge_moves_and_is_remembered(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window()
    window.show()
    qtbot.waitExposed(window)
    window.dock_left_action.trigger()
    area = QGuiApplication.primaryScreen().availableGeometry()
    qtbot.waitUntil(lambda: window.frameGeometry().left() == area.left())
    assert ShellSettings().edge is Edge.LEFT
    assert window.dock_left_action.isChecked() and not window.dock_right_action.isChecked()


def test_choosing_an_industry_tells_the_panel_and_is_remembered(
    make_window: Callable[..., MainWindow],
) -> None:
    panel = FakePanel()
    window = make_window(panel=panel)
    window.set_industry("insurance")
    assert panel.industries[-1] == "insurance"
    assert ShellSettings().industry == "insurance"
    with pytest.raises(ValueError):
        window.set_industry("casino")


# -- window behaviour ----------------------------------------------------------------------


def test_always_on_top_toggles_the_flag_and_persists(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window()
    window.show()
    qtbot.waitExposed(window)
    assert window.always_on_top is True  # default: a side panel stays visible
    window.on_top_action.trigger()
    assert not (window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint)
    assert ShellSettings().always_on_top is False
    assert window.isVisible()  # changing flags hides a window; it must come back
    window.on_top_action.trigger()
    assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert ShellSettings().always_on_top is True
    assert window.isVisible()


def test_window_never_asks_for_activation_on_show(make_window: Callable[..., MainWindow]) -> None:
    window = make_window()
    assert window.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)


def test_bring_forward_focuses_the_find_box(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    panel = FakePanel()
    window = make_window(panel=panel)
    window.hide()
    window.bring_forward()
    assert window.isVisible()
    assert panel.found == 1


def test_without_a_tray_closing_quits(make_window: Callable[..., MainWindow]) -> None:
    quits: list[bool] = []
    window = make_window(on_quit=lambda: quits.append(True))
    window.show()
    window.close()
    assert quits == [True]


def test_hotkey_note_explains_the_fallback(make_window: Callable[..., MainWindow]) -> None:
    window = make_window(hotkey=NoopHotkey("no API here"))
    assert window.hotkey_registered is False
    assert "no API here" in window.hotkey_info_action.text()
    assert not window.hotkey_info_action.isEnabled()


# -- help overlay --------------------------------------------------------------------------


def test_help_overlay_lists_every_action_with_its_keys(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window()
    window.show()
    window.help_action.trigger()
    assert window.help_overlay.isVisible()
    rows = dict(window.help_overlay.rows())
    assert rows["Find a customer"] == QKeySequence("Ctrl+F").toString(
        QKeySequence.SequenceFormat.NativeText
    )
    assert "Copy draft" in rows
    for action in window.all_actions():
        label = action.text().replace("&", "")
        assert label in rows, f"{label!r} missing from the help overlay"
        assert rows[label], f"{label!r} has no keys in the help overlay"
    window.help_action.trigger()
    assert not window.help_overlay.isVisible()


def test_no_two_actions_share_a_shortcut(make_window: Callable[..., MainWindow]) -> None:
    window = make_window()
    seen: dict[str, str] = {}
    for action in window.all_actions():
        for key in action.shortcuts():
            text = key.toString()
            assert text not in seen, f"{text} is bound to {seen[text]!r} and {action.text()!r}"
            seen[text] = action.text()


# -- theme ---------------------------------------------------------------------------------


def test_theme_switch_changes_palette_and_stylesheet(
    qapp: QApplication, make_window: Callable[..., MainWindow]
) -> None:
    theme = ThemeManager(qapp, "light")
    theme.apply()
    window = make_window(theme=theme)
    light_bg = qapp.palette().color(QPalette.ColorRole.Window)
    window.set_theme("dark")
    dark_bg = qapp.palette().color(QPalette.ColorRole.Window)
    assert theme.effective == "dark"
    assert dark_bg.lightness() < 80 < light_bg.lightness()
    assert "#1c1e22" in qapp.styleSheet()
    assert ShellSettings().theme == "dark"
    assert window.theme_dark_action.isChecked()
    window.cycle_theme()  # dark -> auto: follows the OS again
    assert theme.mode == "auto"
    qapp.setStyleSheet("")


def test_auto_theme_follows_the_os_scheme_live(qapp: QApplication) -> None:
    hints = QGuiApplication.styleHints()
    theme = ThemeManager(qapp, "auto")
    changes: list[str] = []
    theme.changed.connect(changes.append)
    try:
        # What the OS sends when the desktop switches to dark at dusk, and back at dawn.
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        assert theme.effective == "dark"
        assert qapp.palette().color(QPalette.ColorRole.Window).lightness() < 80
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
        assert theme.effective == "light"
        assert changes == ["dark", "light"]
        theme.set_mode("dark")  # an explicit choice wins over the OS
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
        assert theme.effective == "dark"
    finally:
        qapp.setStyleSheet("")


# -- language ------------------------------------------------------------------------------


def test_switching_to_indonesian_changes_visible_labels_live(
    qapp: QApplication, qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    languages = LanguageSwitcher(qapp)
    window = make_window(languages=languages)
    assert window.settings_button.accessibleName() == "Settings"
    assert window.industry_combo.itemText(window.industry_combo.findData("insurance")) == (
        "Insurance"
    )
    try:
        window.set_language("id")
        # Qt posts LanguageChange to every widget; they retranslate when it is delivered.
        qtbot.waitUntil(lambda: window.settings_button.accessibleName() == "Pengaturan")
        assert window.industry_combo.itemText(window.industry_combo.findData("insurance")) == (
            "Asuransi"
        )
        assert ShellSettings().language == "id"
        assert window.lang_id_action.isChecked()
    finally:
        window.set_language("en")
    qtbot.waitUntil(lambda: window.settings_button.accessibleName() == "Settings")


def test_missing_translation_file_keeps_english(
    qapp: QApplication, tmp_path: object, make_window: Callable[..., MainWindow]
) -> None:
    from pathlib import Path

    languages = LanguageSwitcher(qapp, i18n_dir=Path(str(tmp_path)))
    window = make_window(languages=languages)
    window.set_language("id")
    assert window.settings_button.accessibleName() == "Settings"
    assert "missing" in window.status_line.text()


# -- banner --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("exc", "kind", "says"),
    [
        (errors.DatabaseLockedError("database is locked"), "locked", "busy"),
        (errors.DatabaseReadOnlyError("read-only file"), "read_only", "write access"),
        (errors.WrongPassphraseError("wrong key"), "wrong_passphrase", "passphrase"),
        (errors.NoPassphraseError("no keyring"), "no_passphrase", "COPILOT_DB_PASSPHRASE"),
        (errors.DatabaseCorruptError("not a database"), "corrupt", "copilot check"),
        (OSError(errno.ENOSPC, "No space left on device"), "disk_full", "disk space"),
        (errors.NotFoundError("customer 12 does not exist"), "not_found", "customer 12"),
        (ZeroDivisionError("boom"), "unexpected", "team leader"),
    ],
)
def test_banner_says_what_to_do_for_each_error(
    make_window: Callable[..., MainWindow], exc: BaseException, kind: str, says: str
) -> None:
    panel = FakePanel()
    window = make_window(panel=panel)
    window.show()
    panel.find_box.setText("0812-3456-7890 udah 3x saya call")
    panel.find_box.setFocus()
    panel.failed.emit(exc)
    assert window.banner.isVisible()
    message = window.banner.message
    assert message is not None and message.kind == kind
    shown = f"{window.banner.title.text()} {window.banner.advice.text()}"
    shown += f" {window.banner.detail.text()}"
    assert says.lower() in shown.lower()
    assert panel.find_box.text() == "0812-3456-7890 udah 3x saya call"  # typed text survives
    window.dismiss_action.trigger()
    assert not window.banner.isVisible()
    assert panel.find_box.text() == "0812-3456-7890 udah 3x saya call"


def test_wrapped_driver_errors_still_get_advice() -> None:
    try:
        try:
            raise OSError(errno.ENOSPC, "No space left on device")
        except OSError as inner:
            raise RuntimeError("(sqlite3.OperationalError) write failed") from inner
    except RuntimeError as outer:
        assert classify(outer) == "disk_full"
    assert classify(RuntimeError("(sqlite3.OperationalError) database is locked")) == "locked"


def test_banner_text_is_translated(qapp: QApplication) -> None:
    languages = LanguageSwitcher(qapp)
    try:
        languages.set_language("id")
        title = message_for(errors.DatabaseLockedError("x")).title
        assert title == "Database pelanggan sedang sibuk"
    finally:
        languages.set_language("en")


def test_status_confirmation_is_shown(make_window: Callable[..., MainWindow]) -> None:
    panel = FakePanel()
    window = make_window(panel=panel)
    panel.status.emit("Saved")
    assert window.status_line.text() == "Saved"
    assert window.property("lastAnnouncement") == "Saved"  # told to screen readers too


def test_tests_never_touch_the_real_settings(isolated_qsettings: object) -> None:
    settings = ShellSettings()
    settings.theme = "dark"
    settings.sync()
    assert str(isolated_qsettings) in open_qsettings().fileName()


# -- tray ----------------------------------------------------------------------------------


# The offscreen platform has no tray and says so; real desktops do not.
@pytest.mark.qt_log_ignore("systemTrayWindowChanged")
def test_with_a_tray_closing_hides_and_the_tray_brings_it_back(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    quits: list[bool] = []
    window = make_window(use_tray=True, on_quit=lambda: quits.append(True))
    assert window.tray is not None
    window.show()
    qtbot.waitExposed(window)
    window.close()
    assert not window.isVisible() and quits == []  # hidden to the tray, still running
    assert window.tray.toggle_action.text() == "Show panel"
    window.tray.toggle_action.trigger()
    assert window.isVisible()
    assert window.tray.toggle_action.text() == "Hide panel"
    window.tray.quit_action.trigger()
    assert quits == [True]
    assert "tray" in window.close_action.text()


def test_escape_closes_the_help_overlay(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window()
    window.show()
    qtbot.waitExposed(window)
    window.help_overlay.open()
    assert window.help_overlay.isVisible()
    qtbot.keyClick(window.help_overlay.table, Qt.Key.Key_Escape)
    assert not window.help_overlay.isVisible()


def test_help_overlay_follows_the_language(
    qapp: QApplication, qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window(languages=LanguageSwitcher(qapp))
    try:
        window.set_language("id")
        qtbot.waitUntil(lambda: window.help_overlay.title.text() == "Pintasan keyboard")

        def lists_indonesian_actions() -> bool:
            # The overlay is made on first use; the window's actions are retranslated by the
            # language-change event, which may still be queued when the title is done.
            window.help_overlay.open()
            rows = dict(window.help_overlay.rows())
            return "Ganti bahasa (English / Bahasa Indonesia)" in rows

        qtbot.waitUntil(lists_indonesian_actions)
    finally:
        window.set_language("en")
        qtbot.waitUntil(lambda: window.help_overlay.title.text() == "Keyboard shortcuts")


# -- the shift's industry ------------------------------------------------------------------


def test_first_start_asks_for_the_campaign_once_kindly(
    make_window: Callable[..., MainWindow],
) -> None:
    window = make_window(settings=ShellSettings())
    assert window.asks_for_campaign
    assert window.status_line.text() == ""  # no red nag in the status line
    assert window.campaign_prompt.question.text() == "Which campaign are you working on?"
    window.campaign_prompt.buttons["insurance"].click()
    assert not window.asks_for_campaign
    assert window.industry_combo.currentData() == "insurance"
    assert ShellSettings().industry == "insurance"
    assert ShellSettings().industry_chosen_at is not None


def test_choosing_general_on_the_prompt_is_remembered_too(
    make_window: Callable[..., MainWindow],
) -> None:
    window = make_window(settings=ShellSettings())
    window.campaign_prompt.buttons["general"].click()  # already the combo's value
    assert not window.asks_for_campaign
    assert ShellSettings().industry_chosen_at is not None


def test_a_remembered_campaign_is_trusted_even_days_later(
    make_window: Callable[..., MainWindow],
) -> None:
    last_week = datetime(2026, 5, 4, 8, 0, tzinfo=UTC)
    ShellSettings(clock=lambda: last_week).industry = "telecom"
    later = last_week + timedelta(days=7)
    window = make_window(settings=ShellSettings(clock=lambda: later))
    assert window.industry_combo.currentData() == "telecom"
    assert not window.asks_for_campaign
    assert window.status_line.text() == ""


def test_the_combo_answers_the_prompt_as_well(make_window: Callable[..., MainWindow]) -> None:
    window = make_window(settings=ShellSettings())
    window.set_industry("finance")
    assert not window.asks_for_campaign


def test_a_garbled_choice_time_asks_again() -> None:
    open_qsettings().setValue("shift/industry_chosen_at", "last tuesday")
    assert ShellSettings().industry_chosen_at is None


# -- site ----------------------------------------------------------------------------------


def test_settings_say_which_customer_memory_the_panel_is_on(
    qapp: QApplication, qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    from copilot.site.config import SiteConfig

    alone = make_window()
    assert alone.site_info_action.text() == "Customer memory: this PC only"
    site = SiteConfig(url="postgresql+psycopg://10.0.0.5:5433/copilot", user="ani", campaign="a")
    languages = LanguageSwitcher(qapp)
    window = make_window(site=site, languages=languages)
    assert window.site_info_action in window.settings_menu.actions()
    assert not window.site_info_action.isEnabled()  # information, not a command
    assert window.site_info_action.text() == "Site: copilot on 10.0.0.5:5433 (ani)"
    try:
        window.set_language("id")
        qtbot.waitUntil(
            lambda: (
                window.site_info_action.text() == "Server kantor: copilot di 10.0.0.5:5433 (ani)"
            )
        )
        assert alone.site_info_action.text() == "Data pelanggan: hanya di PC ini"
    finally:
        window.set_language("en")
    qtbot.waitUntil(lambda: window.site_info_action.text().startswith("Site:"))
