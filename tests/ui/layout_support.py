"""The live-call scene the layout tests look at: a typical customer in a real window."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from copilot.services import ServiceProvider, Services
from copilot.storage.schemas import (
    Channel,
    CustomerRead,
    IdentifierIn,
    IdentifierKind,
    InteractionCreate,
)
from copilot.ui.main_window import MainWindow
from copilot.ui.panel import PAGE_MAIN, PanelWidget
from copilot.ui.shell.i18n import LanguageSwitcher
from copilot.ui.shell.theme import ThemeManager
from copilot.ui.tasks import TaskRunner

WAIT_MS = 10_000

# A customer's message that raises several hints, the mandatory self-harm card among them
# (its crisis-line text is the longest a card shows), and signals for the header.
CRISIS_MESSAGE = (
    "Sudah 3x saya telepon, klaim belum cair juga, saya kecewa banget dan butuh hari ini. "
    "Utang menumpuk, rasanya saya ingin mengakhiri hidup saja."
)
# A reply that asks for an OTP: a must-level reminder under the draft and in the header.
RISKY_DRAFT = "Mohon maaf Ibu, untuk verifikasi mohon sebutkan kode OTP yang masuk ke HP Ibu."


def seed_typical_customer(services: Services, *, now: datetime | None = None) -> CustomerRead:
    """The issue's typical customer: 3 facts (one critical), 2 promises (one overdue) and
    5 contacts (4 of them in the last 7 days), addressed as Ibu."""
    now = now or datetime.now(UTC)
    customers = services.customers
    customer = customers.create_customer(
        name="Siti Rahayu",
        identifiers=[
            IdentifierIn(kind=IdentifierKind.phone, value="0812-3456-7890"),
            IdentifierIn(kind=IdentifierKind.account, value="POL-2024-778812"),
        ],
    )
    customer = customers.rename_customer(
        customer_id=customer.id, name=customer.name, salutation="ibu"
    )
    for days, summary in (
        (20, "Tanya cakupan rawat inap untuk polis keluarga"),
        (6, "Klaim rawat inap belum cair, dokumen sudah lengkap"),
        (4, "Kirim ulang surat dokter dan kuitansi asli"),
        (3, "Tanya lagi status klaim; masih verifikasi"),
        (1, "Telepon lagi; klaim diproses, dijanjikan kabar 1x24 jam"),
    ):
        customers.add_interaction(
            InteractionCreate(
                customer_id=customer.id,
                channel=Channel.phone,
                started_at=now - timedelta(days=days, hours=1),
                agent="dewi",
                summary=summary,
                outcome="follow_up",
            )
        )
    for text, critical in (
        ("Tunarungu: hubungi lewat chat WhatsApp, jangan telepon", True),
        ("Lebih suka dihubungi setelah jam 17.00", False),
        ("Suami dirawat di RS Harapan Kita sejak 12 Mei", False),
    ):
        customers.add_fact(customer_id=customer.id, text=text, created_by="dewi", critical=critical)
    customers.add_commitment(
        customer_id=customer.id,
        text="Kabari status klaim rawat inap",
        due_at=now - timedelta(days=1),
        made_by="dewi",
    )
    customers.add_commitment(
        customer_id=customer.id,
        text="Kirim salinan surat keputusan klaim",
        due_at=now + timedelta(days=2),
        made_by="dewi",
    )
    return customer


class LiveCall:
    """A real window with the panel, the typical customer open, a message and a draft."""

    def __init__(
        self, qtbot: QtBot, qapp: QApplication, provider: ServiceProvider, runner: TaskRunner
    ) -> None:
        self.qtbot, self.qapp, self.runner = qtbot, qapp, runner
        # Windows of earlier tests, closed but not yet deleted, must not be re-polished below.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.customer = seed_typical_customer(provider.get())
        self.theme = ThemeManager(qapp, "light")
        self.theme.apply()
        self.languages = LanguageSwitcher(qapp)
        self.panel = PanelWidget(provider, runner)
        self.window = MainWindow(
            self.panel,
            theme=self.theme,
            languages=self.languages,
            use_tray=False,
            on_quit=lambda: None,
        )
        qtbot.addWidget(self.window)
        self.window.set_industry("insurance")  # on a call the campaign is chosen already
        self.window.resize(360, 700)
        self.window.show()
        qtbot.waitUntil(lambda: self.panel.stack.currentIndex() == PAGE_MAIN, timeout=WAIT_MS)
        self.font = QFont(qapp.font())

    def open_customer(self, query: str = "0812 3456 7890") -> None:
        panel = self.panel
        panel.find_section.edit.setText(query)
        self.qtbot.waitUntil(lambda: panel.find_section.model.rowCount() > 0, timeout=WAIT_MS)
        panel.find_section.choose_current()
        self.qtbot.waitUntil(lambda: panel.header.isVisible(), timeout=WAIT_MS)

    def type_message_and_draft(self) -> None:
        panel = self.panel
        with self.qtbot.waitSignal(panel.now_controller.hints_changed, timeout=WAIT_MS):
            panel.now.edit.setPlainText(CRISIS_MESSAGE)
        with self.qtbot.waitSignal(panel.draft_controller.reminders_changed, timeout=WAIT_MS):
            panel.draft.edit.setPlainText(RISKY_DRAFT)
        self.qtbot.waitUntil(lambda: panel.header.must.isVisibleTo(panel), timeout=WAIT_MS)

    def scale_font(self, factor: float) -> None:
        font = QFont(self.font)
        font.setPointSizeF(self.font.pointSizeF() * factor)
        self.qapp.setFont(font)
        # Widgets polished by a style sheet keep the font they had; polish them again.
        self.qapp.setStyleSheet(self.qapp.styleSheet())

    def settle(self) -> None:
        """Let layouts, style polish and deferred deletes catch up."""
        for _ in range(3):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            QCoreApplication.processEvents()

    def close(self) -> None:
        self.qapp.setFont(self.font)
        self.window.set_language("en")
        self.qapp.setStyleSheet("")
        self.runner.wait_idle(WAIT_MS)
