"""Small building blocks shared by the panel's sections: translatable widgets and cards."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, Signal
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QFrame, QLabel, QPlainTextEdit, QSizePolicy, QWidget

from copilot.vocabulary import MAX_LONG_TEXT

# A customer message or a reply is a few thousand characters. Past this, Qt re-lays out one
# giant paragraph on every keystroke (seconds for a 5 MB paste), so longer pastes are cut;
# the same cap as the store's long texts and what the engine analyses.
MAX_BOX_CHARS = MAX_LONG_TEXT


class Translatable(QWidget):
    """A widget that sets all its user-visible text in `retranslate()`, and calls it again
    when the application language changes (SHELL installs the translator)."""

    def retranslate(self) -> None:  # pragma: no cover - every subclass overrides it
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def wrapping_label(
    text: str = "", *, object_name: str = "", parent: QWidget | None = None
) -> QLabel:
    """A label that wraps in a narrow column and whose text can be selected and copied."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    # setWordWrap marked the policy height-for-width; a fresh policy would drop that, and the
    # layouts would then size the label for a wider line than it gets: its last lines clipped.
    policy.setHeightForWidth(True)
    label.setSizePolicy(policy)
    if object_name:
        label.setObjectName(object_name)
    return label


def section_title(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A section heading; styled by the theme through its objectName."""
    label = QLabel(text, parent)
    label.setObjectName("sectionTitle")
    return label


def card(object_name: str, parent: QWidget | None = None, **properties: str) -> QFrame:
    """A framed card; the theme colours it through objectName and properties like severity."""
    frame = QFrame(parent)
    frame.setObjectName(object_name)
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    for name, value in properties.items():
        frame.setProperty(name, value)
    return frame


def ordinal_patterns() -> dict[str, str]:
    """The four ordinal forms, translated (literal strings so lupdate finds them)."""
    return {
        "st": QCoreApplication.translate("Ordinal", "{n}st"),
        "nd": QCoreApplication.translate("Ordinal", "{n}nd"),
        "rd": QCoreApplication.translate("Ordinal", "{n}rd"),
        "th": QCoreApplication.translate("Ordinal", "{n}th"),
    }


def _plain_text(source: QMimeData) -> str:
    """What a plain text box takes from a paste or a drop: the text, else the HTML's text."""
    if source.hasText():
        return source.text()
    if source.hasHtml():
        return QTextDocumentFragment.fromHtml(source.html()).toPlainText()
    return ""


class BoundedPlainTextEdit(QPlainTextEdit):
    """A plain text box that keeps at most `max_chars`: a huge paste is cut (and said so)
    instead of freezing the panel."""

    truncated = Signal(int)  # how many characters of a paste were left out

    def __init__(self, parent: QWidget | None = None, *, max_chars: int = MAX_BOX_CHARS):
        super().__init__(parent)
        self.max_chars = max_chars

    def insertFromMimeData(self, source: QMimeData) -> None:
        # Never hand `source` back to QPlainTextEdit.insertFromMimeData: PySide6 then keeps the
        # QMimeData wrapper referenced from this widget, one per paste, for the life of the
        # panel. Plain text is all this box takes anyway, so insert it ourselves.
        text = _plain_text(source)
        if not text:
            return
        selected = len(self.textCursor().selectedText())
        room = max(self.max_chars - (self.document().characterCount() - 1 - selected), 0)
        if len(text) > room:
            self.insertPlainText(text[:room])
            self.truncated.emit(len(text) - room)
        else:
            self.insertPlainText(text)
        self.ensureCursorVisible()

    def set_bounded_text(self, text: str) -> None:
        """setPlainText, cut to `max_chars` (for text the panel puts there itself)."""
        if len(text) > self.max_chars:
            self.truncated.emit(len(text) - self.max_chars)
            text = text[: self.max_chars]
        self.setPlainText(text)


def set_style_kind(widget: QWidget, kind: str) -> None:
    """Set the `kind` property the theme colours by ("ok", "error", "attention", "") and
    re-apply the style sheet, which Qt does not do by itself when a property changes."""
    widget.setProperty("kind", kind)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
