"""Strings the panel translates at run time from variables, listed here so lupdate finds them.

`tr(pattern)` with a variable is invisible to lupdate; QT_TRANSLATE_NOOP marks each text with
the context (class name) whose `tr()` looks it up. Nothing imports this module at run time.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

DYNAMIC_STRINGS = (
    # copilot.ui.models.OUTCOME_LABELS
    QT_TRANSLATE_NOOP("WrapUpWidget", "Resolved"),
    QT_TRANSLATE_NOOP("WrapUpWidget", "Follow-up needed"),
    QT_TRANSLATE_NOOP("WrapUpWidget", "Escalated"),
    QT_TRANSLATE_NOOP("WrapUpWidget", "Information given"),
    QT_TRANSLATE_NOOP("WrapUpWidget", "No answer"),
)
