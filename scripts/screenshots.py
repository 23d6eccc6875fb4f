"""Render the panel's key states offscreen into docs/screenshots/*.png (for the README).

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--only welcome,story-id]

Uses a temporary encrypted database with a few hand-made customers (Indonesian and English),
temporary settings and data folder: nothing of the user's is read or written.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
WIDTH, HEIGHT = 400, 1040  # a 1080p screen's height without the task bar
STATES = ("welcome", "story-id", "hints", "wrapup", "dark")
# Not for the README: the failed integrity check's warning at narrow and wide panel widths,
# in both languages and themes, to check that nothing is clipped (`--only damaged`).
EXTRA_STATES = ("damaged", "new-caller")
DAMAGED_WIDTHS = (320, 360, 480)


def wait_until(predicate: Callable[[], bool], timeout: float = 20.0) -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop

    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise SystemExit("error: the panel did not reach the expected state in time")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)


def settle(runner: object, rounds: int = 20) -> None:
    """Deliver pending results and let layouts and styles catch up."""
    from PySide6.QtCore import QCoreApplication, QEvent

    for _ in range(rounds):
        runner.wait_idle(10_000)  # type: ignore[attr-defined]
        QCoreApplication.processEvents()
        # Outside exec(), widgets replaced with deleteLater() linger (and paint) until their
        # deferred deletes are delivered explicitly.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.sendPostedEvents()


def seed(services: object) -> dict[str, object]:
    """A few customers with history; returns the ones the pictures show."""
    from copilot.storage.schemas import Channel, IdentifierIn, IdentifierKind, InteractionCreate

    customers = services.customers  # type: ignore[attr-defined]
    now = datetime.now(UTC)

    def person(name: str, ids: list[tuple[IdentifierKind, str]]) -> object:
        return customers.create_customer(
            name=name, identifiers=[IdentifierIn(kind=k, value=v) for k, v in ids]
        )

    siti = person(
        "Siti Rahayu",
        [
            (IdentifierKind.phone, "0812-3456-7890"),
            (IdentifierKind.account, "POL-2024-778812"),
            (IdentifierKind.email, "siti.rahayu@example.co.id"),
        ],
    )
    for days, channel, summary, outcome in (
        (40, Channel.phone, "Tanya cakupan rawat inap untuk polis keluarga", "resolved"),
        (5, Channel.whatsapp, "Klaim rawat inap belum cair, dokumen sudah lengkap", "follow_up"),
        (2, Channel.phone, "Telepon lagi; klaim diproses, dijanjikan kabar 1x24 jam", "escalated"),
    ):  # fmt: skip
        customers.add_interaction(
            InteractionCreate(
                customer_id=siti.id,  # type: ignore[attr-defined]
                channel=channel,
                started_at=now - timedelta(days=days, hours=3),
                agent="dewi",
                summary=summary,
                outcome=outcome,
            )
        )
    customers.add_fact(
        customer_id=siti.id,  # type: ignore[attr-defined]
        text="Lebih suka dihubungi lewat WhatsApp setelah jam 17.00",
        created_by="dewi",
    )
    customers.add_fact(
        customer_id=siti.id,  # type: ignore[attr-defined]
        text="Suami dirawat di RS Harapan Kita sejak 12 Mei",
        created_by="dewi",
    )
    customers.add_commitment(
        customer_id=siti.id,  # type: ignore[attr-defined]
        text="Kabari status klaim rawat inap",
        due_at=now - timedelta(days=1),
        made_by="dewi",
    )
    customers.add_commitment(
        customer_id=siti.id,  # type: ignore[attr-defined]
        text="Kirim salinan surat keputusan klaim",
        due_at=now + timedelta(days=2),
        made_by="dewi",
    )
    james = person(
        "James Tan",
        [(IdentifierKind.phone, "+62 811 2000 3141"), (IdentifierKind.ticket, "TCK-88123")],
    )
    customers.add_interaction(
        InteractionCreate(
            customer_id=james.id,  # type: ignore[attr-defined]
            channel=Channel.chat,
            started_at=now - timedelta(days=1),
            agent="rina",
            summary="Parcel AWB JX0012345678 marked delivered but not received",
            outcome="follow_up",
        )
    )
    customers.add_fact(
        customer_id=james.id,  # type: ignore[attr-defined]
        text="Works night shifts; call after 2 pm",
        created_by="rina",
    )
    person("Budi Santoso", [(IdentifierKind.phone, "0857-1111-2222")])
    return {"siti": siti, "james": james}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--only", default=",".join(STATES), help="comma-separated states")
    args = parser.parse_args(argv)
    wanted = [s for s in args.only.split(",") if s]
    unknown = set(wanted) - set(STATES) - set(EXTRA_STATES)
    if unknown:
        known = STATES + EXTRA_STATES
        parser.error(f"unknown state(s): {', '.join(sorted(unknown))}; known: {known}")
    args.out.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="copilot-shots-") as tmp:
        os.environ["COPILOT_DATA_DIR"] = str(Path(tmp) / "data")
        os.environ["COPILOT_DB_PASSPHRASE"] = "screenshots-only"
        return _render(Path(tmp), args.out, wanted)


def _render(tmp: Path, out: Path, wanted: list[str]) -> int:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from copilot.app import service_provider
    from copilot.config import Settings
    from copilot.services import ServiceProvider
    from copilot.ui.main_window import MainWindow
    from copilot.ui.panel import PAGE_OPENING, PAGE_WELCOME, PanelWidget
    from copilot.ui.shell.i18n import LanguageSwitcher
    from copilot.ui.shell.settings import ShellSettings
    from copilot.ui.shell.theme import ThemeManager
    from copilot.ui.tasks import TaskRunner

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp / "qs"))
    app = QApplication([sys.argv[0]])
    app.setApplicationName("Copilot")
    app.setOrganizationName("Copilot")
    theme = ThemeManager(app, "light")
    theme.apply()
    languages = LanguageSwitcher(app)

    def shoot(name: str, window: MainWindow, runner: TaskRunner, width: int = WIDTH) -> None:
        settle(runner)
        window.setGeometry(0, 0, width, HEIGHT)
        settle(runner, rounds=5)
        path = out / f"{name}.png"
        window.grab().save(str(path))
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")

    def open_window(db_name: str, industry: str) -> tuple[MainWindow, PanelWidget, TaskRunner]:
        settings = ShellSettings()
        settings.industry = industry
        services = service_provider(Settings(data_dir=tmp / "data", database=str(tmp / db_name)))
        runner = TaskRunner()
        panel = PanelWidget(services, runner)
        window = MainWindow(
            panel, settings=settings, theme=theme, languages=languages, use_tray=False
        )
        window.show()
        wait_until(lambda: panel.stack.currentIndex() != PAGE_OPENING)
        opened.append((window, runner, services))
        return window, panel, runner

    opened: list[tuple[MainWindow, TaskRunner, ServiceProvider]] = []

    if "welcome" in wanted:
        window, panel, runner = open_window("empty.db", "general")
        wait_until(lambda: panel.stack.currentIndex() == PAGE_WELCOME)
        shoot("welcome", window, runner)

    rest = [s for s in wanted if s != "welcome"]
    if rest:
        seeding = service_provider(Settings(data_dir=tmp / "data", database=str(tmp / "demo.db")))
        people = seed(seeding.get())
        seeding.close()
        window, panel, runner = open_window("demo.db", "insurance")
        panel.show_main()

        def show_customer(key: str, query: str) -> None:
            panel.find_section.edit.setText(query)
            panel.finder.search_now(query)
            settle(runner)
            panel.open_customer(people[key])  # type: ignore[arg-type]
            wait_until(lambda: panel.story.isVisible())
            settle(runner)

        def type_now_and_draft(message: str, draft: str) -> None:
            panel.now.edit.setPlainText(message)
            panel.now_controller.analyze_now()
            panel.draft.set_text(draft)
            panel.draft_controller.analyze_now()
            settle(runner)

        def scroll_to(widget: object) -> None:
            """Put `widget`'s top at the top of the panel's scroll area."""
            from PySide6.QtCore import QPoint

            settle(runner)
            content = panel.scroll_area.widget()
            top = widget.mapTo(content, QPoint(0, 0)).y()  # type: ignore[attr-defined]
            panel.scroll_area.verticalScrollBar().setValue(max(0, top - 6))

        if "story-id" in wanted:
            window.set_language("id")
            show_customer("siti", "0812 3456 7890")
            type_now_and_draft(
                "Halo, klaim rawat inap suami saya udah 2 minggu belum cair. "
                "Udah 3x saya telepon, still belum ada kabar. Saya kecewa banget.",
                "Mohon maaf Ibu Siti, kami paham ini berat. Saya cek status klaimnya sekarang.",
            )
            panel.scroll_area.verticalScrollBar().setValue(0)
            shoot("story-id", window, runner)
            window.set_language("en")
            settle(runner)

        if "hints" in wanted:
            show_customer("siti", "POL-2024-778812")
            type_now_and_draft(
                "My claim was denied again and nobody explains why. Third time I call!",
                "THAT IS NOT OUR FAULT, you should have read the policy. Send me the OTP code.",
            )
            scroll_to(panel.now)
            shoot("hints", window, runner)

        if "wrapup" in wanted:
            show_customer("siti", "Siti")
            type_now_and_draft(
                "Klaim saya sudah cair? Saya butuh kepastian hari ini.",
                "Baik Ibu, klaim sudah disetujui dan dana cair dalam 2 hari kerja.",
            )
            settle(runner)
            panel.wrapup.summary.setPlainText(
                "Klaim rawat inap disetujui; dana cair dalam 2 hari kerja. Nasabah lega."
            )
            panel.wrapup.facts.setPlainText("Rekening tujuan pencairan: BCA a.n. Siti Rahayu")
            panel.wrapup.commitment.setText("Konfirmasi dana sudah masuk")
            panel.focus_wrapup()
            scroll_to(panel.now)
            shoot("wrapup", window, runner)

        if "dark" in wanted:
            window.set_theme("dark")
            window.set_industry("logistics")
            show_customer("james", "TCK-88123")
            type_now_and_draft(
                "Paket saya statusnya delivered tapi belum sampai, AWB JX0012345678. "
                "Tolong dicek, urgent!",
                "Maaf atas ketidaknyamanannya, Pak James. Saya cek ke kurir sekarang.",
            )
            panel.scroll_area.verticalScrollBar().setValue(0)
            shoot("dark", window, runner)
            window.set_theme("light")

        if "damaged" in wanted:
            show_customer("siti", "Siti")
            panel.scroll_area.verticalScrollBar().setValue(0)
            window.show_damage("*** in database main ***\nPage 7: btree page is damaged")
            for language in ("en", "id"):
                window.set_language(language)
                for mode in ("light", "dark"):
                    window.set_theme(mode)
                    for width in DAMAGED_WIDTHS:
                        shoot(f"damaged-{language}-{mode}-{width}", window, runner, width)
            window.set_language("en")
            window.set_theme("light")

        if "new-caller" in wanted:
            # `copilot open 0813 9999 0000` for a number nobody has: the new-caller card.
            for language in ("en", "id"):
                window.set_language(language)
                panel.open_value("0813 9999 0000")
                wait_until(lambda: panel.find_section.create_form.isVisible())
                panel.scroll_area.verticalScrollBar().setValue(0)
                for width in DAMAGED_WIDTHS:
                    shoot(f"new-caller-{language}-{width}", window, runner, width)
            window.set_language("en")

    for window, runner, services in opened:
        runner.wait_idle(10_000)
        runner.shutdown()
        window.quit_action.setEnabled(False)
        window.hide()
        services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
