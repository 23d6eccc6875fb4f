"""`copilot integrate`: the copilot:// scheme registered and removed for this user only."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from cli_support import run

from copilot.integrate import scheme

COMMAND = ["/opt/copilot env/bin/python", "-m", "copilot", "--db", "/data/100% ok.db", "open"]


def _home(tmp_path: Path) -> dict[str, str]:
    return {
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }


def _desktop(tmp_path: Path) -> dict[str, str]:
    """The [Desktop Entry] group of the written file, key by key (keys are case-sensitive)."""
    text = (tmp_path / "data" / "applications" / scheme.DESKTOP_FILE).read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:])


def test_linux_without_xdg_mime_writes_the_entry_and_the_default(tmp_path: Path) -> None:
    ran: list[list[str]] = []
    done = scheme.register_linux(
        COMMAND, environ=_home(tmp_path), home=tmp_path, run=ran.append, which=lambda _: None
    )
    entry = _desktop(tmp_path)
    assert entry["MimeType"] == "x-scheme-handler/copilot;"
    assert entry["Type"] == "Application" and entry["NoDisplay"] == "true"
    # Quoted as the Desktop Entry spec says: spaces quoted, % doubled, the link as %u.
    assert entry["Exec"] == (
        '"/opt/copilot env/bin/python" -m copilot --db "/data/100%% ok.db" open %u'
    )
    mimeapps = (tmp_path / "config" / "mimeapps.list").read_text(encoding="utf-8")
    assert "[Default Applications]\nx-scheme-handler/copilot=copilot-open.desktop\n" in mimeapps
    assert ran == [] and len(done) == 2
    scheme.remove_linux(
        environ=_home(tmp_path), home=tmp_path, run=ran.append, which=lambda _: None
    )
    assert not (tmp_path / "config" / "mimeapps.list").exists()  # only we had written it


def test_linux_with_xdg_mime_asks_it_and_remove_undoes_only_ours(tmp_path: Path) -> None:
    ran: list[list[str]] = []
    mimeapps = tmp_path / "config" / "mimeapps.list"
    mimeapps.parent.mkdir(parents=True)
    # Another program's default, and ours as xdg-mime would have written it.
    mimeapps.write_text(
        "[Default Applications]\ntext/html=firefox.desktop\n"
        "x-scheme-handler/copilot=copilot-open.desktop;\n",
        encoding="utf-8",
    )

    def which(name: str) -> str | None:
        return f"/usr/bin/{name}"

    env = _home(tmp_path)
    scheme.register_linux(COMMAND, environ=env, home=tmp_path, run=ran.append, which=which)
    assert ["xdg-mime", "default", "copilot-open.desktop", "x-scheme-handler/copilot"] in ran
    assert ran[-1][0] == "update-desktop-database"

    done = scheme.remove_linux(environ=env, home=tmp_path, run=ran.append, which=which)
    assert not (tmp_path / "data" / "applications" / scheme.DESKTOP_FILE).exists()
    assert mimeapps.read_text(encoding="utf-8") == (
        "[Default Applications]\ntext/html=firefox.desktop\n"
    )
    assert len(done) == 2
    # Removing twice is harmless and says nothing was there.
    assert scheme.remove_linux(environ=env, home=tmp_path, run=ran.append, which=which) == []


def test_exec_arguments_with_quotes_and_backslashes_are_escaped() -> None:
    line = scheme.desktop_entry(['/a "b"/c\\d$', "open"]).split("Exec=")[1].splitlines()[0]
    # Quoting rule first (\" \\ \$), then the string escape doubles each backslash.
    assert line == '"/a \\\\"b\\\\"/c\\\\\\\\d\\\\$" open %u'


class FakeKey:
    def __init__(self, registry: FakeWinreg, path: str) -> None:
        self.registry, self.path = registry, path

    def __enter__(self) -> FakeKey:
        return self

    def __exit__(self, *_: object) -> None:
        return None


class FakeWinreg:
    """The part of `winreg` the registration uses; keys as paths, values per key."""

    HKEY_CURRENT_USER = "HKCU"
    KEY_WRITE = 0x20006
    REG_SZ = 1

    def __init__(self) -> None:
        self.keys: dict[str, dict[str, Any]] = {}

    def CreateKeyEx(self, root: str, path: str, _reserved: int, access: int) -> FakeKey:
        assert root == "HKCU" and access == self.KEY_WRITE  # this user only, never HKLM
        parts = path.split("\\")
        for depth in range(1, len(parts) + 1):  # like Windows: the keys on the way too
            self.keys.setdefault("\\".join(parts[:depth]), {})
        return FakeKey(self, path)

    def SetValueEx(self, key: FakeKey, name: str, _reserved: int, kind: int, value: Any) -> None:
        assert kind == self.REG_SZ
        self.keys[key.path][name] = value

    def DeleteKey(self, root: str, path: str) -> None:
        if path not in self.keys:
            raise FileNotFoundError(path)
        if any(k.startswith(path + "\\") for k in self.keys):
            raise PermissionError("a key with subkeys cannot be deleted")  # as Windows says
        del self.keys[path]


def test_windows_registers_a_url_protocol_under_hkcu_and_removes_it(tmp_path: Path) -> None:
    registry = FakeWinreg()
    python = tmp_path / "python.exe"
    python.write_bytes(b"")
    (tmp_path / "pythonw.exe").write_bytes(b"")
    scheme.register_windows([str(python), "-m", "copilot", "open"], registry)
    root = registry.keys[r"Software\Classes\copilot"]
    assert root == {"": "URL:Copilot caller link", "URL Protocol": ""}
    command = registry.keys[r"Software\Classes\copilot\shell\open\command"][""]
    # pythonw: no console window flashes up when an agent clicks a link.
    assert command == f'{tmp_path / "pythonw.exe"} -m copilot open "%1"'
    assert scheme.remove_windows(registry) == [
        r"removed HKEY_CURRENT_USER\Software\Classes\copilot"
    ]
    assert not any(k.startswith(r"Software\Classes\copilot") for k in registry.keys)
    assert scheme.remove_windows(registry) == []


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the Linux registration")
def test_the_integrate_command_registers_and_removes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for key, value in _home(tmp_path).items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no xdg-mime: the file itself
    code, out, _err = run(capsys, "--db", str(tmp_path / "desk.db"), "integrate")
    assert code == 0
    exec_line = _desktop(tmp_path)["Exec"]
    assert exec_line.startswith(sys.executable.replace("%", "%%"))
    assert f"--db {tmp_path / 'desk.db'} open %u" in exec_line
    assert "copilot-open.desktop" in out
    code, out, _err = run(capsys, "integrate", "--remove")
    assert code == 0 and "removed" in out
    code, out, _err = run(capsys, "integrate", "--remove")
    assert code == 0 and "nothing to remove" in out
