"""First run on an empty database: what the panel is, in three lines, and "Load demo data"."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QProgressBar, QPushButton, QVBoxLayout, QWidget

from copilot.ui.widgets.common import Translatable, section_title, wrapping_label


class WelcomeWidget(Translatable):
    """Shown while the database has no customers."""

    demo_requested = Signal()
    skip_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        self.title = section_title(parent=self)
        self.lines = [wrapping_label(object_name="welcomeLine", parent=self) for _ in range(3)]
        self.demo_button = QPushButton(self)
        self.demo_button.setObjectName("loadDemoButton")
        self.skip_button = QPushButton(self)
        self.skip_button.setObjectName("skipDemoButton")
        self.skip_button.setFlat(True)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("demoProgress")
        self.progress.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        for line in self.lines:
            layout.addWidget(line)
        layout.addSpacing(8)
        layout.addWidget(self.demo_button)
        layout.addWidget(self.progress)
        layout.addWidget(self.skip_button)
        layout.addStretch(1)
        self.demo_button.clicked.connect(self.demo_requested)
        self.skip_button.clicked.connect(self.skip_requested)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Welcome to Copilot"))
        texts = (
            self.tr("Find a customer by phone, email, account number or name."),
            self.tr("See their story so far: pinned facts, open promises, last contacts."),
            self.tr("Paste their message for hints; check your reply's tone, then copy it."),
        )
        for label, text in zip(self.lines, texts, strict=True):
            label.setText(text)
            label.setAccessibleName(text)
        self.demo_button.setText(self.tr("Load demo data"))
        self.demo_button.setAccessibleName(self.tr("Load demo data"))
        self.demo_button.setAccessibleDescription(
            self.tr("Adds 200 made-up customers so you can try the panel")
        )
        self.skip_button.setText(self.tr("Start with an empty database"))
        self.skip_button.setAccessibleName(self.tr("Start with an empty database"))
        self.skip_button.setAccessibleDescription(self.tr("Shows the find box"))
        self.progress.setAccessibleName(self.tr("Loading demo data"))
        self.progress.setAccessibleDescription(self.tr("Demo customers written so far"))

    def set_loading(self, loading: bool) -> None:
        self.demo_button.setEnabled(not loading)
        self.skip_button.setEnabled(not loading)
        self.progress.setVisible(loading)
        if loading:
            self.progress.setRange(0, 0)  # busy until the first progress report

    def set_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
