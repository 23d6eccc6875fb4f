"""Render the panel's key states offscreen into docs/screenshots/*.png (for the README).

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--only welcome,story-id]
    .venv/bin/python scripts/screenshots.py --matrix OUT_DIR

`--matrix` renders the header, each page (story, now, draft, wrap-up), the find
disambiguation list, the new-caller card and site mode's offline line in English and
Indonesian, light and dark, at 320/360/480 px wide and 700/1040 px high
(OUT_DIR/<state>-<lang>-<theme>-<w>x<h>.png, plus one contact sheet per state, language and
theme to look at them side by side).

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
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
WIDTH, HEIGHT = 360, 700  # the side panel on a 1366x768 laptop: the moment that matters
STATES = (
    "welcome",
    "story-id",
    "hints",
    "draft",
    "gate",
    "dark",
    "find-list",
    "new-caller",
    "site-offline",
)
# Not for the README: the failed integrity check's warning at narrow and wide panel widths,
# in both languages and themes, to check that nothing is clipped (`--only damaged`), and the
# wrap-up page (`--only wrapup`; the matrix has it too).
EXTRA_STATES = ("damaged", "wrapup")
DAMAGED_WIDTHS = (320, 360, 480)
MATRIX_WIDTHS = (320, 360, 480)
MATRIX_HEIGHTS = (700, 1040)


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
    """A few customers with history; returns the ones the pictures show.

    Siti is the issue's typical customer: 3 facts (one critical), 2 promises (one overdue),
    5 contacts (4 of them this week), so the header and the story page show a real load.
    """
    from copilot.storage.schemas import Channel, IdentifierIn, IdentifierKind, InteractionCreate

    customers = services.customers  # type: ignore[attr-defined]
    now = datetime.now(UTC)

    def person(name: str, ids: list[tuple[IdentifierKind, str]], salutation: str = "") -> Any:
        created = customers.create_customer(
            name=name, identifiers=[IdentifierIn(kind=k, value=v) for k, v in ids]
        )
        if salutation:
            created = customers.rename_customer(
                customer_id=created.id, name=name, salutation=salutation
            )
        return created

    def contact(who: Any, days: float, channel: Channel, summary: str, outcome: str) -> None:
        customers.add_interaction(
            InteractionCreate(
                customer_id=who.id,
                channel=channel,
                started_at=now - timedelta(days=days),
                agent="dewi",
                summary=summary,
                outcome=outcome,
            )
        )

    siti = person(
        "Siti Rahayu",
        [
            (IdentifierKind.phone, "0812-3456-7890"),
            (IdentifierKind.account, "POL-2024-778812"),
            (IdentifierKind.email, "siti.rahayu@example.co.id"),
        ],
        "ibu",
    )
    for days, channel, summary, outcome in (
        (40, Channel.phone, "Tanya cakupan rawat inap untuk polis keluarga", "resolved"),
        (6, Channel.whatsapp, "Klaim rawat inap belum cair, dokumen sudah lengkap", "follow_up"),
        (4, Channel.email, "Kirim ulang surat dokter dan kuitansi asli", "follow_up"),
        (3, Channel.phone, "Tanya lagi status klaim; masih verifikasi", "follow_up"),
        (1, Channel.phone, "Telepon lagi; klaim diproses, dijanjikan kabar 1x24 jam", "escalated"),
    ):  # fmt: skip
        contact(siti, days + 0.1, channel, summary, outcome)
    for text, critical in (
        ("Tunarungu: hubungi lewat chat WhatsApp, jangan telepon", True),
        ("Lebih suka dihubungi setelah jam 17.00", False),
        ("Suami dirawat di RS Harapan Kita sejak 12 Mei", False),
    ):
        customers.add_fact(customer_id=siti.id, text=text, created_by="dewi", critical=critical)
    customers.add_commitment(
        customer_id=siti.id,
        text="Kabari status klaim rawat inap",
        due_at=now - timedelta(days=1),
        made_by="dewi",
    )
    customers.add_commitment(
        customer_id=siti.id,
        text="Kirim salinan surat keputusan klaim",
        due_at=now + timedelta(days=2),
        made_by="dewi",
    )
    james = _seed_others(person, contact, customers)
    return {"siti": siti, "james": james}


def _seed_others(person: Any, contact: Any, customers: Any) -> Any:
    """James (the dark picture) and three Budis (the find list); returns James."""
    from copilot.storage.schemas import Channel, IdentifierKind

    james = person(
        "James Tan",
        [(IdentifierKind.phone, "+62 811 2000 3141"), (IdentifierKind.ticket, "TCK-88123")],
        "mr",
    )
    contact(
        james, 1, Channel.chat, "Parcel AWB JX0012345678 delivered but not received", "follow_up"
    )
    customers.add_fact(
        customer_id=james.id, text="Works night shifts; call after 2 pm", created_by="rina"
    )
    person("Budi Santoso", [(IdentifierKind.phone, "0857-1111-2222")], "bapak")
    person("Budi Hartono", [(IdentifierKind.email, "budi.hartono@example.com")], "bapak")
    person("Budiman Saputra", [(IdentifierKind.account, "ACC-5523-1180")])
    return james


ANGRY_ID = (
    "Halo, klaim rawat inap suami saya udah 2 minggu belum cair. "
    "Udah 3x saya telepon, still belum ada kabar. Saya kecewa banget, tolong hari ini!"
)
RISKY_DRAFT_ID = (
    "Mohon maaf Ibu Siti, kami paham ini berat. Untuk verifikasi, mohon sebutkan kode OTP "
    "yang masuk ke HP Ibu."
)
ANGRY_EN = "My claim was denied again and nobody explains why. Third time I call! I need it today."
RISKY_DRAFT_EN = (
    "I'm sorry this has taken so long, Ms Siti. To verify you, please send me the OTP code "
    "we just texted you."
)


class Studio:
    """The window, the panel and the helpers that put them into each pictured state."""

    def __init__(self, window: Any, panel: Any, runner: Any, people: dict[str, Any]) -> None:
        self.window, self.panel, self.runner, self.people = window, panel, runner, people

    def shoot(
        self, path: Path, width: int = WIDTH, height: int = HEIGHT, widget: Any = None
    ) -> None:
        settle(self.runner)
        self.window.setGeometry(0, 0, width, height)
        settle(self.runner, rounds=5)
        (widget or self.window).grab().save(str(path))
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")

    def show_customer(self, key: str, query: str) -> None:
        panel = self.panel
        panel.find_section.edit.setText(query)
        panel.finder.search_now(query)
        settle(self.runner)
        panel.open_customer(self.people[key])
        wait_until(lambda: panel.story.story is not None and not panel.story.isHidden())
        settle(self.runner)

    def type_now_and_draft(self, message: str, draft: str) -> None:
        panel = self.panel
        panel.now.edit.setPlainText(message)
        panel.now_controller.analyze_now()
        panel.draft.set_text(draft)
        panel.draft_controller.analyze_now()
        settle(self.runner)

    def fill_wrapup(self) -> None:
        wrapup = self.panel.wrapup
        wrapup.summary.setPlainText(
            "Klaim rawat inap disetujui; dana cair dalam 2 hari kerja. Nasabah lega."
        )
        wrapup.facts.setPlainText("Rekening tujuan pencairan: BCA a.n. Siti Rahayu")
        wrapup.commitment.setText("Konfirmasi dana sudah masuk")

    def find_list(self, query: str = "Budi") -> None:
        """Several matches: the list to choose from, under the find box."""
        panel = self.panel
        panel.find_section.edit.setText(query)
        panel.finder.search_now(query)
        wait_until(lambda: panel.find_section.results.isVisible())
        settle(self.runner)

    def new_caller(self, number: str = "0813 9000 4455") -> None:
        """`copilot open` for a number nobody has: the new-caller card, prefilled."""
        panel = self.panel
        panel.open_value(number)
        wait_until(lambda: panel.find_section.create_form.isVisible())
        settle(self.runner)

    def gate(self) -> None:
        """Copy pressed on a draft that asks for the OTP: the compliance gate stops it."""
        panel = self.panel
        panel.copy_draft()
        wait_until(lambda: panel.draft.gate.isVisible())
        settle(self.runner)

    def reset_find(self) -> None:
        self.panel.find_section.clear()
        settle(self.runner)

    def site_offline(self, offline: bool) -> None:
        """Site mode's status line as a desk shows it when the site server cannot be reached."""
        from copilot.ui.controllers.site import SiteView

        view = SiteView(online=not offline, waiting=3 if offline else 0, label="site")
        self.window.site_status.show_view(view)
        settle(self.runner)

    def page(self, name: str) -> None:
        go = {
            "story": self.panel.focus_story,
            "header": self.panel.focus_story,
            "now": self.panel.focus_now,
            "draft": self.panel.focus_draft,
            "wrapup": self.panel.focus_wrapup,
        }
        go[name]()
        settle(self.runner)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--only", default=",".join(STATES), help="comma-separated states")
    parser.add_argument(
        "--matrix",
        type=Path,
        metavar="OUT_DIR",
        help="render every state x language x theme x size into OUT_DIR instead",
    )
    args = parser.parse_args(argv)
    wanted = [s for s in args.only.split(",") if s]
    unknown = set(wanted) - set(STATES) - set(EXTRA_STATES)
    if unknown:
        known = STATES + EXTRA_STATES
        parser.error(f"unknown state(s): {', '.join(sorted(unknown))}; known: {known}")
    out = args.matrix or args.out
    out.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="copilot-shots-") as tmp:
        os.environ["COPILOT_DATA_DIR"] = str(Path(tmp) / "data")
        os.environ["COPILOT_DB_PASSPHRASE"] = "screenshots-only"
        return _render(Path(tmp), out, wanted, matrix=args.matrix is not None)


def _render(tmp: Path, out: Path, wanted: list[str], *, matrix: bool) -> int:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from copilot.app import service_provider
    from copilot.config import Settings
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
    opened: list[tuple[Any, Any, Any]] = []

    def open_window(db_name: str, industry: str) -> tuple[Any, Any, Any]:
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

    if "welcome" in wanted and not matrix:
        window, panel, runner = open_window("empty.db", "general")
        wait_until(lambda: panel.stack.currentIndex() == PAGE_WELCOME)
        Studio(window, panel, runner, {}).shoot(out / "welcome.png")

    seeding = service_provider(Settings(data_dir=tmp / "data", database=str(tmp / "demo.db")))
    people = seed(seeding.get())
    seeding.close()
    window, panel, runner = open_window("demo.db", "insurance")
    panel.show_main()
    studio = Studio(window, panel, runner, people)
    if matrix:
        _render_matrix(studio, out)
    else:
        _render_readme(studio, out, wanted)

    for window, runner, services in opened:
        runner.wait_idle(10_000)
        runner.shutdown()
        window.quit_action.setEnabled(False)
        window.hide()
        services.close()
    return 0


def _render_readme(studio: Studio, out: Path, wanted: list[str]) -> None:
    """The README's few pictures, at the size that matters: 360 x 700."""
    window, panel = studio.window, studio.panel
    if "find-list" in wanted:
        studio.find_list()
        studio.shoot(out / "find-list.png")
        studio.reset_find()
    if "new-caller" in wanted:
        window.set_language("id")
        studio.new_caller()
        studio.shoot(out / "new-caller.png")
        studio.reset_find()
        window.set_language("en")
    if "story-id" in wanted:
        window.set_language("id")
        studio.show_customer("siti", "0812 3456 7890")
        studio.type_now_and_draft(ANGRY_ID, RISKY_DRAFT_ID)
        studio.page("story")
        studio.shoot(out / "story-id.png")
        window.set_language("en")
    if {"hints", "draft", "gate", "wrapup"} & set(wanted):
        studio.show_customer("siti", "POL-2024-778812")
        studio.type_now_and_draft(ANGRY_EN, RISKY_DRAFT_EN)
        for state, page in (("hints", "now"), ("draft", "draft"), ("wrapup", "wrapup")):
            if state in wanted:
                if state == "wrapup":
                    studio.fill_wrapup()
                studio.page(page)
                studio.shoot(out / f"{state}.png")
        if "gate" in wanted:
            studio.page("draft")
            studio.gate()
            studio.shoot(out / "gate.png")
    if "dark" in wanted:
        window.set_theme("dark")
        window.set_industry("logistics")
        studio.show_customer("james", "TCK-88123")
        studio.type_now_and_draft(
            "Paket saya statusnya delivered tapi belum sampai, AWB JX0012345678. "
            "Tolong dicek, urgent!",
            "Maaf atas ketidaknyamanannya, Pak James. Saya cek ke kurir sekarang.",
        )
        studio.page("now")
        studio.shoot(out / "dark.png")
        window.set_theme("light")
    if "damaged" in wanted:
        studio.show_customer("siti", "Siti")
        window.show_damage("*** in database main ***\nPage 7: btree page is damaged")
        for language in ("en", "id"):
            window.set_language(language)
            for mode in ("light", "dark"):
                window.set_theme(mode)
                for width in DAMAGED_WIDTHS:
                    name = f"damaged-{language}-{mode}-{width}.png"
                    studio.shoot(out / name, width, 1040)
        window.set_language("en")
        window.set_theme("light")
        del panel
    if "site-offline" in wanted:
        studio.show_customer("siti", "0812 3456 7890")
        studio.page("story")
        studio.site_offline(True)
        studio.shoot(out / "site-offline.png")
        studio.site_offline(False)


def _render_matrix(studio: Studio, out: Path) -> None:
    """Every state in both languages and themes at three widths and two heights."""
    window = studio.window
    shots: dict[tuple[str, str, str], list[Path]] = {}

    def each_look(state: str, setup: Callable[[], None] | None = None) -> None:
        for language in ("en", "id"):
            window.set_language(language)
            if setup is not None:
                setup()  # after the switch: its texts are written in that language
            for mode in ("light", "dark"):
                window.set_theme(mode)
                for height in MATRIX_HEIGHTS:
                    for width in MATRIX_WIDTHS:
                        path = out / f"{state}-{language}-{mode}-{width}x{height}.png"
                        header = studio.panel.header if state == "header" else None
                        studio.shoot(path, width, height, header)
                        shots.setdefault((state, language, mode), []).append(path)
            if setup is not None:
                studio.reset_find()

    each_look("find-list", studio.find_list)
    each_look("new-caller", studio.new_caller)
    studio.show_customer("siti", "0812 3456 7890")
    studio.type_now_and_draft(ANGRY_ID, RISKY_DRAFT_ID)
    studio.fill_wrapup()
    for state in ("header", "story", "now", "draft", "wrapup"):
        studio.page(state)
        each_look(state)
    studio.page("draft")
    each_look("gate", studio.gate)
    studio.page("story")
    each_look("site-offline", lambda: studio.site_offline(True))
    studio.site_offline(False)
    window.set_language("en")
    window.set_theme("light")
    for (state, language, mode), paths in shots.items():
        contact_sheet(paths, out / f"sheet-{state}-{language}-{mode}.png")


def contact_sheet(paths: list[Path], target: Path) -> None:
    """One state's pictures in one language and theme side by side, a row per height."""
    from PySide6.QtGui import QImage, QPainter

    images = [QImage(str(p)) for p in paths]
    per_row = len(MATRIX_WIDTHS)
    rows = [images[i : i + per_row] for i in range(0, len(images), per_row)]
    gap = 12
    width = sum(i.width() for i in rows[0]) + gap * per_row
    height = sum(max(i.height() for i in row) for row in rows) + gap * len(rows)
    sheet = QImage(width, height, QImage.Format.Format_RGB32)
    sheet.fill(0x808080)
    painter = QPainter(sheet)
    y = 0
    for row in rows:
        x = 0
        for image in row:
            painter.drawImage(x, y, image)
            x += image.width() + gap
        y += max(i.height() for i in row) + gap
    painter.end()
    sheet.save(str(target))
    print(f"wrote {target}")


if __name__ == "__main__":
    sys.exit(main())
