"""Global hotkey: sequence parsing, platform selection and the no-op fallback."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from copilot.ui.shell.hotkey import (
    DEFAULT_SEQUENCE,
    NO_GLOBAL_HOTKEY_LINUX,
    KeyChord,
    MacHotkey,
    NoopHotkey,
    WindowsHotkey,
    create_global_hotkey,
    mac_carbon_modifiers,
    parse_sequence,
    windows_virtual_key,
)


def test_parse_default_sequence() -> None:
    assert parse_sequence(DEFAULT_SEQUENCE) == KeyChord(frozenset({"ctrl", "alt"}), "P")


def test_parse_is_case_and_space_tolerant() -> None:
    assert parse_sequence(" ctrl + Shift + f12 ") == KeyChord(frozenset({"ctrl", "shift"}), "F12")


@pytest.mark.parametrize(
    "bad", ["", "P", "Ctrl+", "+P", "Hyper+P", "Ctrl+Alt+Ä", "Ctrl+F99", "Ctrl+Enter", "Ctrl++"]
)
def test_parse_rejects_what_no_hotkey_api_takes(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_sequence(bad)


def test_windows_virtual_keys() -> None:
    assert windows_virtual_key("P") == 0x50
    assert windows_virtual_key("7") == 0x37
    assert windows_virtual_key("F1") == 0x70
    assert windows_virtual_key("F12") == 0x7B
    assert windows_virtual_key("SPACE") == 0x20


def test_mac_maps_qt_ctrl_to_command() -> None:
    # Qt's "Ctrl" is the Command key on macOS (cmdKey = 1 << 8), "Alt" is Option (1 << 11).
    assert mac_carbon_modifiers(parse_sequence("Ctrl+Alt+P")) == (1 << 8) | (1 << 11)
    assert mac_carbon_modifiers(parse_sequence("Meta+P")) == 1 << 12  # the Control key


def test_linux_gets_a_noop_that_says_why(qapp: QApplication) -> None:
    hotkey = create_global_hotkey(qapp, platform="linux")
    assert isinstance(hotkey, NoopHotkey)
    called: list[bool] = []
    assert hotkey.register(DEFAULT_SEQUENCE, lambda: called.append(True)) is False
    assert hotkey.reason == NO_GLOBAL_HOTKEY_LINUX
    hotkey.unregister()  # harmless
    assert called == []


def test_unknown_platform_gets_a_noop_naming_it() -> None:
    hotkey = create_global_hotkey(None, platform="sunos5")
    assert isinstance(hotkey, NoopHotkey)
    assert "sunos5" in hotkey.reason


def test_windows_and_macos_get_their_native_implementations(qapp: QApplication) -> None:
    assert isinstance(create_global_hotkey(qapp, platform="win32"), WindowsHotkey)
    assert isinstance(create_global_hotkey(qapp, platform="darwin"), MacHotkey)
    # Without an application to install the native event filter on, Windows can't listen.
    assert isinstance(create_global_hotkey(None, platform="win32"), NoopHotkey)
