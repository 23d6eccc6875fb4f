"""Small building blocks shared by the panel's sections: translatable widgets and cards."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QWidget


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
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
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


def repolish(widget: QWidget) -> None:
    """Re-apply the style sheet after a dynamic property (overdue, severity) changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


def ordinal_patterns() -> dict[str, str]:
    """The four ordinal forms, translated (literal strings so lupdate finds them)."""
    return {
        "st": QCoreApplication.translate("Ordinal", "{n}st"),
        "nd": QCoreApplication.translate("Ordinal", "{n}nd"),
        "rd": QCoreApplication.translate("Ordinal", "{n}rd"),
        "th": QCoreApplication.translate("Ordinal", "{n}th"),
    }
