"""A system-wide "focus the panel" shortcut: Windows RegisterHotKey, macOS Carbon, else a no-op.

Best-effort by design: a hotkey another program already owns, or a platform without an API
(Linux: X11 and Wayland differ and Wayland forbids it), leaves the in-app shortcuts working
and the settings menu saying why the global one is off.
"""

from __future__ import annotations

import ctypes
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QAbstractNativeEventFilter, QByteArray, QCoreApplication

log = logging.getLogger(__name__)

DEFAULT_SEQUENCE = "Ctrl+Alt+P"  # "P" for panel; free in common helpdesks and browsers


class GlobalHotkey(Protocol):
    """The small interface the window uses; `reason` explains a False from `register`."""

    reason: str

    def register(self, sequence: str, callback: Callable[[], None]) -> bool: ...

    def unregister(self) -> None: ...


@dataclass(frozen=True)
class KeyChord:
    """A parsed sequence like "Ctrl+Alt+P": modifier names and one key name (upper case)."""

    modifiers: frozenset[str]
    key: str


_MODIFIER_ALIASES = {
    "ctrl": "ctrl", "control": "ctrl", "alt": "alt", "option": "alt", "shift": "shift",
    "meta": "meta", "win": "meta", "cmd": "meta", "super": "meta",
}  # fmt: skip


def parse_sequence(sequence: str) -> KeyChord:
    """Parse "Ctrl+Alt+P" / "ctrl+shift+f12"; ValueError for anything a hotkey API can't take."""
    parts = [p.strip() for p in sequence.split("+")]
    if len(parts) < 2 or any(not p for p in parts):
        raise ValueError(f"not a key sequence with a modifier: {sequence!r}")
    *mods, key = parts
    modifiers = set()
    for m in mods:
        name = _MODIFIER_ALIASES.get(m.lower())
        if name is None:
            raise ValueError(f"unknown modifier {m!r} in {sequence!r}")
        modifiers.add(name)
    key = key.upper()
    if not (_is_letter_or_digit(key) or _function_key_number(key) or key == "SPACE"):
        raise ValueError(f"unsupported key {key!r} in {sequence!r}")
    return KeyChord(frozenset(modifiers), key)


def _is_letter_or_digit(key: str) -> bool:
    return len(key) == 1 and key.isascii() and key.isalnum()


def _function_key_number(key: str) -> int:
    if key.startswith("F") and key[1:].isdigit() and 1 <= int(key[1:]) <= 24:
        return int(key[1:])
    return 0


class NoopHotkey:
    """Where no global hotkey API is available: registers nothing and says why."""

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def register(self, sequence: str, callback: Callable[[], None]) -> bool:
        return False

    def unregister(self) -> None:
        return None


# -- Windows ------------------------------------------------------------------------------

_WM_HOTKEY = 0x0312
_WIN_MODS = {"alt": 0x0001, "ctrl": 0x0002, "shift": 0x0004, "meta": 0x0008}
_MOD_NOREPEAT = 0x4000


def windows_virtual_key(key: str) -> int:
    """The Win32 virtual-key code for a parsed key name."""
    if _is_letter_or_digit(key):
        return ord(key)  # VK_A..VK_Z and VK_0..VK_9 equal their ASCII codes
    if n := _function_key_number(key):
        return 0x70 + n - 1  # VK_F1 = 0x70
    if key == "SPACE":
        return 0x20
    raise ValueError(key)


class _WindowsHotkeyFilter(QAbstractNativeEventFilter):
    def __init__(self, hotkey_id: int, callback: Callable[[], None]) -> None:
        super().__init__()
        self._id = hotkey_id
        self._callback = callback

    def nativeEventFilter(
        self, event_type: QByteArray | bytes | bytearray | memoryview, message: int
    ) -> Any:
        name = event_type.data() if isinstance(event_type, QByteArray) else bytes(event_type)
        if name not in (b"windows_generic_MSG", b"windows_dispatcher_MSG"):
            return False, 0
        from ctypes import wintypes

        msg = wintypes.MSG.from_address(int(message))
        if msg.message == _WM_HOTKEY and msg.wParam == self._id:
            self._callback()
            return True, 0
        return False, 0


class WindowsHotkey:
    """RegisterHotKey on the GUI thread; WM_HOTKEY arrives through a native event filter."""

    _ID = 0xB0F1  # applications use ids 0x0000-0xBFFF; shared DLLs the range above

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._filter: _WindowsHotkeyFilter | None = None
        self.reason = ""

    def register(self, sequence: str, callback: Callable[[], None]) -> bool:
        self.unregister()
        chord = parse_sequence(sequence)
        mods = _MOD_NOREPEAT
        for m in chord.modifiers:
            mods |= _WIN_MODS[m]
        user32 = ctypes.windll.user32  # type: ignore[attr-defined]
        if not user32.RegisterHotKey(None, self._ID, mods, windows_virtual_key(chord.key)):
            self.reason = f"{sequence} is already used by another program"
            return False
        self._filter = _WindowsHotkeyFilter(self._ID, callback)
        self._app.installNativeEventFilter(self._filter)
        self.reason = ""
        return True

    def unregister(self) -> None:
        if self._filter is None:
            return
        ctypes.windll.user32.UnregisterHotKey(None, self._ID)  # type: ignore[attr-defined]
        self._app.removeNativeEventFilter(self._filter)
        self._filter = None


# -- macOS (Carbon hot keys: still the only API that needs no accessibility permission) -----

_CARBON_MODS = {"cmd": 1 << 8, "shift": 1 << 9, "option": 1 << 11, "control": 1 << 12}
# Qt convention on macOS: "Ctrl" means the Command key and "Meta" the Control key.
_QT_TO_CARBON = {"ctrl": "cmd", "meta": "control", "alt": "option", "shift": "shift"}
_MAC_KEYS = {
    "A": 0x00, "S": 0x01, "D": 0x02, "F": 0x03, "H": 0x04, "G": 0x05, "Z": 0x06, "X": 0x07,
    "C": 0x08, "V": 0x09, "B": 0x0B, "Q": 0x0C, "W": 0x0D, "E": 0x0E, "R": 0x0F, "Y": 0x10,
    "T": 0x11, "1": 0x12, "2": 0x13, "3": 0x14, "4": 0x15, "6": 0x16, "5": 0x17, "9": 0x19,
    "7": 0x1A, "8": 0x1C, "0": 0x1D, "O": 0x1F, "U": 0x20, "I": 0x22, "P": 0x23, "L": 0x25,
    "J": 0x26, "K": 0x28, "N": 0x2D, "M": 0x2E, "SPACE": 0x31,
    "F1": 0x7A, "F2": 0x78, "F3": 0x63, "F4": 0x76, "F5": 0x60, "F6": 0x61, "F7": 0x62,
    "F8": 0x64, "F9": 0x65, "F10": 0x6D, "F11": 0x67, "F12": 0x6F,
}  # fmt: skip


def mac_carbon_modifiers(chord: KeyChord) -> int:
    value = 0
    for m in chord.modifiers:
        value |= _CARBON_MODS[_QT_TO_CARBON[m]]
    return value


class _EventTypeSpec(ctypes.Structure):
    _fields_ = [("eventClass", ctypes.c_uint32), ("eventKind", ctypes.c_uint32)]


class _EventHotKeyID(ctypes.Structure):
    _fields_ = [("signature", ctypes.c_uint32), ("id", ctypes.c_uint32)]


class MacHotkey:
    """RegisterEventHotKey through ctypes; the handler runs on the main (GUI) thread."""

    def __init__(self) -> None:
        self.reason = ""
        self._carbon: Any = None
        self._hotkey_ref = ctypes.c_void_p()
        self._handler_ref = ctypes.c_void_p()
        self._c_callback: Any = None  # kept alive: Carbon holds a raw pointer to it

    def register(self, sequence: str, callback: Callable[[], None]) -> bool:
        self.unregister()
        chord = parse_sequence(sequence)
        if chord.key not in _MAC_KEYS:
            self.reason = f"{sequence}: key not supported by the macOS hotkey"
            return False
        try:
            carbon = ctypes.cdll.LoadLibrary("/System/Library/Frameworks/Carbon.framework/Carbon")
        except OSError as exc:
            self.reason = f"Carbon is not available: {exc}"
            return False
        handler_type = ctypes.CFUNCTYPE(
            ctypes.c_int32, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p
        )

        def on_event(_call_ref: object, _event: object, _user: object) -> int:
            try:
                callback()
            except Exception:  # a Python error must not unwind into Carbon
                log.exception("global hotkey callback failed")
            return 0

        self._c_callback = handler_type(on_event)
        spec = _EventTypeSpec(int.from_bytes(b"keyb", "big"), 5)  # kEventHotKeyPressed
        carbon.GetApplicationEventTarget.restype = ctypes.c_void_p
        target = carbon.GetApplicationEventTarget()
        status = carbon.InstallEventHandler(
            ctypes.c_void_p(target), self._c_callback, 1, ctypes.byref(spec), None,
            ctypes.byref(self._handler_ref),
        )  # fmt: skip
        if status != 0:
            self.reason = f"InstallEventHandler failed ({status})"
            return False
        hotkey_id = _EventHotKeyID(int.from_bytes(b"cplt", "big"), 1)
        status = carbon.RegisterEventHotKey(
            _MAC_KEYS[chord.key], mac_carbon_modifiers(chord), hotkey_id, ctypes.c_void_p(target),
            0, ctypes.byref(self._hotkey_ref),
        )  # fmt: skip
        if status != 0:
            carbon.RemoveEventHandler(self._handler_ref)
            self.reason = f"{sequence} is already used by another program ({status})"
            return False
        self._carbon = carbon
        self.reason = ""
        return True

    def unregister(self) -> None:
        if self._carbon is None:
            return
        self._carbon.UnregisterEventHotKey(self._hotkey_ref)
        self._carbon.RemoveEventHandler(self._handler_ref)
        self._carbon = None


NO_GLOBAL_HOTKEY_LINUX = (
    "Global shortcuts are not available on this system (Linux desktops have no common API); "
    "use your desktop's keyboard settings to run `copilot panel`, which brings the panel forward."
)


def create_global_hotkey(
    app: QCoreApplication | None = None, platform: str = sys.platform
) -> GlobalHotkey:
    """The hotkey implementation for `platform`; a NoopHotkey that explains itself elsewhere."""
    if platform == "win32" and app is not None:
        return WindowsHotkey(app)
    if platform == "darwin":
        return MacHotkey()
    if platform.startswith("linux") or platform.startswith("freebsd"):
        return NoopHotkey(NO_GLOBAL_HOTKEY_LINUX)
    return NoopHotkey(f"Global shortcuts are not supported on {platform}.")
