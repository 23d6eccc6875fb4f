"""Open for days without growing: what a paste into the message or draft box leaves behind."""

from __future__ import annotations

import gc

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication, QTextCursor
from pytestqt.qtbot import QtBot

from copilot.ui.widgets.common import BoundedPlainTextEdit


def _live_mime_wrappers() -> int:
    gc.collect()
    return sum(1 for obj in gc.get_objects() if isinstance(obj, QMimeData))


def _paste(box: BoundedPlainTextEdit, text: str) -> None:
    QGuiApplication.clipboard().setText(text)
    box.paste()


def test_pastes_leave_no_mime_data_behind(qtbot: QtBot) -> None:
    # Each paste used to leave its QMimeData wrapper referenced by the box, for good.
    box = BoundedPlainTextEdit(max_chars=10_000)
    qtbot.addWidget(box)
    _paste(box, "warm up ")
    before = _live_mime_wrappers()
    for n in range(100):
        _paste(box, f"paste {n} ")
    assert "paste 99 " in box.toPlainText()
    assert _live_mime_wrappers() - before <= 1  # at most the clipboard's current one


def test_long_paste_is_still_cut_and_said_so(qtbot: QtBot) -> None:
    box = BoundedPlainTextEdit(max_chars=20)
    qtbot.addWidget(box)
    box.setPlainText("0123456789")
    box.moveCursor(QTextCursor.MoveOperation.End)
    with qtbot.waitSignal(box.truncated) as cut:
        _paste(box, "abcdefghijklmnopqrstuvwxyz")
    assert box.toPlainText() == "0123456789abcdefghij"
    assert cut.args == [16]


def test_html_only_paste_arrives_as_plain_text(qtbot: QtBot) -> None:
    box = BoundedPlainTextEdit()
    qtbot.addWidget(box)
    # What a drop from a browser hands the box (a QMimeData given to the clipboard instead
    # would outlive Python at exit).
    mime = QMimeData()
    mime.setHtml("<p>Paket <b>belum</b> sampai</p>")
    box.insertFromMimeData(mime)
    assert box.toPlainText() == "Paket belum sampai"
