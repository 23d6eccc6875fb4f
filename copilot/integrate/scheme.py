"""Registering the `copilot://` link scheme for the current user (no admin rights, no Qt).

Linux: a .desktop file in $XDG_DATA_HOME/applications whose MimeType is
x-scheme-handler/copilot, made the default with `xdg-mime` (or in mimeapps.list when
xdg-mime is missing). Windows: HKCU\\Software\\Classes\\copilot. macOS: a link handler is an
app bundle's Info.plist entry, so `macos_instructions()` explains it instead.
Every function takes its surroundings (folders, the registry module, the command runner) as
arguments, so tests run it in a temporary home with a fake registry.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from copilot.errors import InputError
from copilot.integrate.links import SCHEME

DESKTOP_FILE = "copilot-open.desktop"
MIME_TYPE = f"x-scheme-handler/{SCHEME}"
REGISTRY_KEY = rf"Software\Classes\{SCHEME}"
_REGISTRY_SUBKEYS = ("shell", r"shell\open", r"shell\open\command")
# The Desktop Entry spec's reserved characters: an argument holding one is double-quoted.
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")

Run = Callable[[list[str]], Any]
Which = Callable[[str], str | None]


def open_command(database: str | None = None, executable: str = sys.executable) -> list[str]:
    """How the OS should start `copilot open`: this Python and this install, so a link opens
    the same Copilot that registered it (not whichever `copilot` is first on PATH)."""
    frozen = bool(getattr(sys, "frozen", False))
    command = [executable] if frozen else [executable, "-m", "copilot"]
    if database:
        command += ["--db", database]
    return [*command, "open"]


# -- Linux --------------------------------------------------------------------------------


def xdg_folders(environ: Mapping[str, str], home: Path) -> tuple[Path, Path]:
    """($XDG_DATA_HOME, $XDG_CONFIG_HOME) with the spec's defaults."""
    data = environ.get("XDG_DATA_HOME") or str(home / ".local" / "share")
    config = environ.get("XDG_CONFIG_HOME") or str(home / ".config")
    return Path(data), Path(config)


def desktop_entry(command: Sequence[str]) -> str:
    """The .desktop file's text; `%u` is where the desktop puts the link."""
    exec_line = " ".join(_exec_argument(arg) for arg in command) + " %u"
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=Copilot\n"
        "Comment=Open a caller's story in the Copilot side panel\n"
        f"Exec={exec_line}\n"
        "Terminal=false\n"
        "NoDisplay=true\n"
        f"MimeType={MIME_TYPE};\n"
    )


def _exec_argument(argument: str) -> str:
    """One Exec argument, quoted as the Desktop Entry spec says (quoting, then the string
    escape that doubles backslashes; `%` doubled so it is not a field code)."""
    if "\n" in argument or "\r" in argument:
        raise InputError("a path with a line break cannot go into a desktop entry")
    argument = argument.replace("%", "%%")
    if any(ch in _RESERVED for ch in argument):
        inner = "".join("\\" + ch if ch in '"`$\\' else ch for ch in argument)
        argument = f'"{inner}"'
    return argument.replace("\\", "\\\\")


def register_linux(
    command: Sequence[str],
    *,
    environ: Mapping[str, str] = os.environ,
    home: Path | None = None,
    run: Run = subprocess.run,
    which: Which = shutil.which,
) -> list[str]:
    """Write the .desktop file and make it the copilot:// handler; what was done, as lines."""
    data_home, config_home = xdg_folders(environ, home or Path.home())
    applications = data_home / "applications"
    applications.mkdir(parents=True, exist_ok=True)
    entry = applications / DESKTOP_FILE
    entry.write_text(desktop_entry(command), encoding="utf-8")
    done = [f"wrote {entry}"]
    if which("xdg-mime"):
        run(["xdg-mime", "default", DESKTOP_FILE, MIME_TYPE])
        done.append(f"made it the default for {MIME_TYPE} (xdg-mime)")
    else:
        _set_default(config_home / "mimeapps.list", DESKTOP_FILE)
        done.append(f"made it the default for {MIME_TYPE} in {config_home / 'mimeapps.list'}")
    if which("update-desktop-database"):
        run(["update-desktop-database", str(applications)])
    return done


def remove_linux(
    *,
    environ: Mapping[str, str] = os.environ,
    home: Path | None = None,
    run: Run = subprocess.run,
    which: Which = shutil.which,
) -> list[str]:
    """Delete the .desktop file and our default-handler lines; what was done, as lines."""
    data_home, config_home = xdg_folders(environ, home or Path.home())
    applications = data_home / "applications"
    done = []
    entry = applications / DESKTOP_FILE
    if entry.exists():
        entry.unlink()
        done.append(f"removed {entry}")
    # xdg-mime writes the default to $XDG_CONFIG_HOME; older tools to applications/.
    for mimeapps in (config_home / "mimeapps.list", applications / "mimeapps.list"):
        if _unset_default(mimeapps, DESKTOP_FILE):
            done.append(f"removed the {MIME_TYPE} default from {mimeapps}")
    if done and which("update-desktop-database") and applications.exists():
        run(["update-desktop-database", str(applications)])
    return done


def _set_default(mimeapps: Path, desktop_file: str) -> None:
    lines = mimeapps.read_text(encoding="utf-8").splitlines() if mimeapps.exists() else []
    lines = [line for line in lines if not line.startswith(f"{MIME_TYPE}=")]
    entry = f"{MIME_TYPE}={desktop_file}"
    if "[Default Applications]" in lines:
        lines.insert(lines.index("[Default Applications]") + 1, entry)
    else:
        lines += ["[Default Applications]", entry]
    mimeapps.parent.mkdir(parents=True, exist_ok=True)
    mimeapps.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _unset_default(mimeapps: Path, desktop_file: str) -> bool:
    """Drop our entry from `mimeapps` (only ours: other handlers stay); True if it was there."""
    if not mimeapps.exists():
        return False
    lines = mimeapps.read_text(encoding="utf-8").splitlines()
    kept = []
    for line in lines:
        key, _, value = line.partition("=")
        if key.strip() == MIME_TYPE:
            handlers = [h for h in value.split(";") if h and h != desktop_file]
            if handlers:
                kept.append(f"{MIME_TYPE}={';'.join(handlers)};")
            continue
        kept.append(line)
    if kept == lines:
        return False
    if all(not line.strip() or line.startswith("[") for line in kept):
        mimeapps.unlink()  # only group headers left (we made it): leave no empty file behind
    else:
        mimeapps.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return True


# -- Windows ------------------------------------------------------------------------------


def windows_command_line(command: Sequence[str]) -> str:
    """The registry's command: pythonw.exe (no console flashes up) and the link as "%1"."""
    first = Path(command[0])
    windowless = first.with_name("pythonw.exe")
    if first.name.lower() == "python.exe" and windowless.exists():
        command = [str(windowless), *command[1:]]
    return subprocess.list2cmdline(list(command)) + ' "%1"'


def register_windows(command: Sequence[str], registry: Any) -> list[str]:
    """HKCU\\Software\\Classes\\copilot: a URL protocol whose open command is `copilot open`.

    `registry` is the `winreg` module (a fake in tests). HKCU needs no admin rights and
    affects only this user.
    """
    hkcu = registry.HKEY_CURRENT_USER
    with registry.CreateKeyEx(hkcu, REGISTRY_KEY, 0, registry.KEY_WRITE) as key:
        registry.SetValueEx(key, "", 0, registry.REG_SZ, "URL:Copilot caller link")
        registry.SetValueEx(key, "URL Protocol", 0, registry.REG_SZ, "")
    # CreateKeyEx makes the missing keys on the way (shell, shell\open) too.
    path = rf"{REGISTRY_KEY}\shell\open\command"
    with registry.CreateKeyEx(hkcu, path, 0, registry.KEY_WRITE) as key:
        registry.SetValueEx(key, "", 0, registry.REG_SZ, windows_command_line(command))
    return [rf"registered HKEY_CURRENT_USER\{REGISTRY_KEY}"]


def remove_windows(registry: Any) -> list[str]:
    """Delete the keys `register_windows` made, deepest first (DeleteKey needs them empty)."""
    hkcu = registry.HKEY_CURRENT_USER
    removed = False
    for sub in reversed(("", *_REGISTRY_SUBKEYS)):
        path = rf"{REGISTRY_KEY}\{sub}" if sub else REGISTRY_KEY
        try:
            registry.DeleteKey(hkcu, path)
            removed = True
        except FileNotFoundError:
            continue  # never registered, or removed by hand
    return [rf"removed HKEY_CURRENT_USER\{REGISTRY_KEY}"] if removed else []


# -- macOS --------------------------------------------------------------------------------


def macos_instructions() -> str:
    """What a bundled macOS app needs; a link handler cannot be registered from a terminal."""
    return (
        "On macOS a link handler belongs to an app bundle: add this to Copilot.app's "
        "Contents/Info.plist, and macOS hands copilot:// links to the running panel "
        "(it handles them as QFileOpenEvent):\n"
        "  <key>CFBundleURLTypes</key>\n"
        "  <array><dict>\n"
        "    <key>CFBundleURLName</key><string>Copilot caller link</string>\n"
        f"    <key>CFBundleURLSchemes</key><array><string>{SCHEME}</string></array>\n"
        "  </dict></array>\n"
        "From a terminal, run `copilot open VALUE` instead."
    )
