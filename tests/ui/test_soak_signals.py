"""Ctrl+C in the terminal and SIGTERM close a running panel cleanly, with the draft saved."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from copilot.config import PASSPHRASE_ENV
from copilot.storage.db import open_database
from copilot.storage.drafts import DraftService

# The panel as `copilot panel` runs it (launch_gui, then run_session), with one addition: once
# the store is open it types a draft, which waits for its 600 ms autosave when the signal comes.
PANEL = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from copilot.app import launch_gui, run_session
from copilot.config import Settings

data_dir, db, name, draft = sys.argv[1:5]
session = launch_gui(
    Settings(data_dir=Path(data_dir), database=db), ["copilot"], instance_name=name, use_tray=False
)
panel = session.window.panel_widget

def type_draft():
    if not panel.services.is_open:
        QTimer.singleShot(20, type_draft)
        return
    panel.draft.edit.setPlainText(draft)
    print("typed", flush=True)

QTimer.singleShot(0, type_draft)
sys.exit(run_session(session))
"""


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_signal_closes_the_panel_and_saves_the_draft(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, signum: signal.Signals
) -> None:
    monkeypatch.setenv(PASSPHRASE_ENV, "signal-test-passphrase")
    db = tmp_path / "panel.db"
    draft = f"Mohon maaf Ibu, saya cek dulu ({signum.name})"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    args = [str(tmp_path / "data"), str(db), f"copilot-signal-{os.getpid()}-{signum}", draft]
    with subprocess.Popen(
        [sys.executable, "-c", PANEL, *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as proc:
        try:
            assert proc.stdout is not None
            typed = proc.stdout.readline()  # blocks until the panel typed (or died)
            if typed.strip() == "typed":
                proc.send_signal(signum)
            # Before the fix SIGINT was ignored and this timed out.
            _out, err = proc.communicate(timeout=15)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
    assert typed.strip() == "typed", err
    assert proc.returncode == 0, err
    database = open_database(str(db), create=False)
    try:
        assert DraftService(database).get(None) == draft
    finally:
        database.close()
