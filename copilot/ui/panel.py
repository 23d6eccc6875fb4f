"""The side panel's content: find and the at-a-glance header on top, then one page at a time
(the story so far, now, draft, wrap-up).

SHELL builds the window around `PanelWidget`; this module wires the section widgets to their
controllers. Widgets display and forward; controllers run the work through the TaskRunner.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QPushButton, QStackedWidget, QVBoxLayout, QWidget

from copilot.services import ServiceProvider
from copilot.storage.found import Found, MatchKind
from copilot.storage.kinds import CommitmentStatus
from copilot.ui.card_shortcuts import CardShortcuts
from copilot.ui.controllers import (
    DatabaseController,
    DraftController,
    FindController,
    HealthController,
    NowController,
    StoryController,
    WrapUpController,
    WrapUpResult,
)
from copilot.ui.controllers.find import MAX_QUERY_CHARS
from copilot.ui.controllers.glance import GlanceController
from copilot.ui.controllers.open import OpenController
from copilot.ui.controllers.record import RecordController
from copilot.ui.controllers.site import SiteStatusController
from copilot.ui.panel_actions import action_texts, make_actions
from copilot.ui.tasks import TaskRunner
from copilot.ui.widgets.common import Translatable, wrapping_label
from copilot.ui.widgets.draft import DraftWidget
from copilot.ui.widgets.find import FindWidget
from copilot.ui.widgets.header import GlanceHeader
from copilot.ui.widgets.now import NowWidget
from copilot.ui.widgets.pages import (
    PAGE_DRAFT,
    PAGE_NOW,
    PAGE_STORY,
    PAGE_WRAPUP,
    PageTabs,
    main_column,
    page_of,
)
from copilot.ui.widgets.record import RecordEditor
from copilot.ui.widgets.story import StoryWidget
from copilot.ui.widgets.welcome import WelcomeWidget
from copilot.ui.widgets.wrapup import CHANGES_NOT_SAVED, NOT_SAVED, SAVING, WrapUpWidget

if TYPE_CHECKING:
    from copilot.storage.schemas import CustomerRead, Story

PAGE_OPENING, PAGE_WELCOME, PAGE_MAIN = range(3)


def _announce(text: str, source: QWidget) -> None:
    """Tell screen readers without moving focus (SHELL's helper; QAccessible underneath)."""
    from copilot.ui.shell.announce import announce

    announce(text, source)


# When to build the context engine after the database opens (see NowController.warm_up).
WARM_UP_DELAY_MS = 1000


class PanelWidget(Translatable):
    """Everything inside the side panel. See the contract in docs/ARCHITECTURE.md."""

    failed = Signal(object)  # an exception a controller couldn't handle; the window shows it
    status = Signal(str)  # short confirmations ("Saved", "Copied")
    integrity_failed = Signal(str)  # the daily integrity check's first problem
    integrity_passed = Signal()  # a later check found the database healthy again
    site_status = Signal(object)  # SiteView: site mode's link (never on a desk on its own)
    profile_requested = Signal()  # the agent asked to set their name and role (the window asks)

    def __init__(
        self, services: ServiceProvider, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        """`services` opens the full store on a worker when something needs it; its quick
        lookup lets the find box answer before that, and when it is open already, the panel's
        first paint is already the find page, not "Opening…"."""
        super().__init__(parent)
        self.setObjectName("panel")
        self.runner = runner
        self.services = services
        self.industry = "general"
        self.customer: CustomerRead | None = None
        self._draft_loading = False

        self._make_controllers()
        self._make_pages()
        self._actions = self._make_actions()
        # Pin, dismiss, Apply and promise kept from the keyboard (listed by F1 like the rest).
        self.card_keys = CardShortcuts(self, report=self.status.emit, pages=self.pages)
        self._actions += self.card_keys.actions
        self._wire()
        self.retranslate()
        self.stack.setCurrentIndex(PAGE_OPENING)
        # The window shows first; the database opens on a worker (key derivation, migrations).
        self.database.open()

    # -- construction ----------------------------------------------------------------------

    def _make_controllers(self) -> None:
        services, runner = self.services, self.runner
        self.database = DatabaseController(services, runner, self)
        self.health = HealthController(services, runner, self)
        self.site = SiteStatusController(services, runner, self)
        self.finder = FindController(services, runner, self)
        self.story_controller = StoryController(services, runner, self)
        self.now_controller = NowController(services, runner, self)
        self.draft_controller = DraftController(services, runner, self)
        self.wrapup_controller = WrapUpController(services, runner, self)
        self.opener = OpenController(services, runner, self)  # `copilot open VALUE`
        self.record_controller = RecordController(services, runner, self)
        self.record_editor = RecordEditor(self.record_controller, self)
        self.glance = GlanceController(self)
        for controller in (
            self.opener,
            self.database,
            self.finder,
            self.story_controller,
            self.now_controller,
            self.draft_controller,
            self.wrapup_controller,
            self.record_controller,
        ):
            controller.failed.connect(self._controller_failed)

    def _make_pages(self) -> None:
        """Opening…, the first-run welcome, and the main column."""
        self.stack = QStackedWidget(self)
        self.opening = QWidget(self)
        self.opening.setObjectName("openingPage")
        self.opening_label = wrapping_label(object_name="openingLabel", parent=self.opening)
        self.retry_button = QPushButton(self.opening)
        self.retry_button.setObjectName("retryOpenButton")
        self.retry_button.hide()
        opening_layout = QVBoxLayout(self.opening)
        opening_layout.addWidget(self.opening_label)
        opening_layout.addWidget(self.retry_button)
        opening_layout.addStretch(1)
        self.welcome = WelcomeWidget(self)
        self.main_column = self._make_main_column()
        self.stack.addWidget(self.opening)
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.main_column)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def _make_main_column(self) -> QWidget:
        """Find and the header stay on top; the page in use fills the rest (see PageTabs)."""
        self.find_section = FindWidget()
        self.header = GlanceHeader()
        self.no_customer = wrapping_label(object_name="noCustomer")
        self.story = StoryWidget()
        self.story.hide()
        self.now = NowWidget()
        self.draft = DraftWidget()
        self.wrapup = WrapUpWidget()
        self.wrapup.setEnabled(False)
        # The find box's placeholder and the pages' tabs name them: the lines are better spent
        # on content.
        for section in (self.find_section, self.story, self.now, self.draft, self.wrapup):
            section.title.hide()
        story_page = page_of(self.no_customer, self.story, object_name="storyPage")
        self.pages = PageTabs((story_page, self.now, self.draft, self.wrapup))
        return main_column((self.find_section, self.header), self.pages)

    # -- wiring ----------------------------------------------------------------------------

    def _wire(self) -> None:
        db = self.database
        db.opened.connect(self._opened)
        db.ready.connect(self._ready)
        db.ready.connect(self.health.start)
        self.health.damage_found.connect(self.integrity_failed)
        self.health.found_healthy.connect(self.integrity_passed)
        db.ready.connect(self.site.start)
        self.site.changed.connect(self.site_status)
        db.demo_progressed.connect(self.welcome.set_progress)
        db.demo_loaded.connect(self._demo_loaded)
        self.retry_button.clicked.connect(self._retry_open)
        self.welcome.demo_requested.connect(self.load_demo)
        self.welcome.skip_requested.connect(self.show_main)

        self.find_section.query_changed.connect(self.finder.schedule_search)
        self.find_section.search_requested.connect(self.finder.search_now)
        self.finder.matches_found.connect(self.find_section.show_results)
        self.find_section.customer_chosen.connect(self.open_customer)
        self.find_section.create_requested.connect(self.finder.create_customer)
        self.find_section.paste_requested.connect(self.paste_and_find)
        self.finder.customer_created.connect(self._customer_created)
        db.opened.connect(self.opener.set_ready)
        self.opener.found.connect(self._show_opened)
        # Find that never misleads: notes search, the create form's live check and its errors.
        self.find_section.notes_query_changed.connect(self.finder.schedule_notes_search)
        self.finder.notes_found.connect(self.find_section.show_notes)
        self.finder.create_failed.connect(self.find_section.create_failed)
        self.find_section.set_checker(self.finder.check_new_customer)

        sc = self.story_controller
        sc.customer_loaded.connect(self._story_loaded)
        sc.saved.connect(self.status)
        sc.saved.connect(lambda _: self.story.edit_saved())
        sc.failed.connect(lambda _: self.story.edit_failed())
        self.story.fact_added.connect(sc.add_fact)
        self.story.fact_edited.connect(sc.update_fact)
        self.story.fact_removed.connect(sc.remove_fact)
        self.story.commitment_added.connect(sc.add_commitment)
        self.story.commitment_added.connect(self.wrapup_controller.promise_made)
        self.story.commitment_done.connect(
            lambda cid: sc.set_commitment_status(cid, CommitmentStatus.done)
        )
        self.story.more_requested.connect(sc.show_more)
        self.header.record_requested.connect(self.open_record)
        self.record_controller.saved.connect(self._record_changed)
        self.glance.changed.connect(self.header.show_glance)
        self.now_controller.analysis_ready.connect(self.glance.set_analysis)
        self.now.text_changed.connect(self.glance.message_changed)
        self.draft_controller.reminders_changed.connect(self.glance.set_reminders)

        nc = self.now_controller
        self.now.text_changed.connect(nc.set_text)
        self.now.text_changed.connect(self.draft_controller.set_customer_text)
        nc.hints_changed.connect(self.now.show_items)
        nc.hints_changed.connect(lambda _: self._prefill_summary())
        nc.announced.connect(lambda text: _announce(text, self))
        self.now.cards.pin_toggled.connect(
            lambda item_id, on: nc.pin(item_id) if on else nc.unpin(item_id)
        )
        self.now.cards.dismissed.connect(nc.dismiss)

        dc = self.draft_controller
        self.draft.text_changed.connect(self._draft_edited)
        dc.reminders_changed.connect(self.draft.show_reminders)
        dc.draft_restored.connect(self._draft_restored)
        dc.copied.connect(self.status)
        # Ctrl+Shift+C works from any page: a blocked copy opens the Draft page first, so the
        # gate it shows (and focuses) is on screen.
        dc.copy_blocked.connect(lambda _: self.pages.show_page(PAGE_DRAFT))
        dc.copy_blocked.connect(self.draft.show_blocked)
        dc.overridden.connect(self.draft.show_overridden)
        self.draft.copy_requested.connect(self.copy_draft)
        self.draft.copy_anyway_requested.connect(lambda: dc.copy_anyway(self.draft.text()))

        self.now.edit.truncated.connect(self._paste_cut)
        self.draft.edit.truncated.connect(self._paste_cut)
        self.wrapup.save_requested.connect(self.save_wrapup)
        self.wrapup.profile_requested.connect(self.profile_requested)
        self.wrapup.commitment.textChanged.connect(self._prefill_summary)
        self.wrapup_controller.saved.connect(self._wrapup_saved)
        self.wrapup_controller.failed.connect(self._wrapup_failed)
        self.wrapup_controller.reasons_loaded.connect(self.wrapup.set_reasons)
        self.wrapup_controller.promises_changed.connect(self._prefill_summary)
        self.wrapup_controller.load_reasons()

    def _make_actions(self) -> list[QAction]:
        made = make_actions(self)
        self.action_story, self.action_now = made["actionGotoStory"], made["actionGotoNow"]
        self.action_draft, self.action_wrapup = made["actionGotoDraft"], made["actionGotoWrapUp"]
        self.action_copy, self.action_save = made["actionCopyDraft"], made["actionSaveWrapUp"]
        self.action_record, self.action_clear = made["actionEditRecord"], made["actionClearFind"]
        return list(made.values())

    def retranslate(self) -> None:
        self.opening_label.setText(self.tr("Opening the customer database…"))
        self.opening_label.setAccessibleName(self.tr("Database status"))
        self.retry_button.setText(self.tr("Try again"))
        self.retry_button.setAccessibleName(self.tr("Try opening the database again"))
        self.retry_button.setAccessibleDescription(
            self.tr("Retries after you fixed what the message above says")
        )
        self.no_customer.setText(
            self.tr("Find a customer to see their story. Hints and tone work without one.")
        )
        self.no_customer.setAccessibleName(self.tr("No customer open"))
        self.main_column.setAccessibleName(self.tr("Side panel"))
        texts = action_texts()
        for act in self._actions:
            if act.objectName() not in texts:
                continue  # the card shortcuts translate their own
            text, tip = texts[act.objectName()]
            act.setText(text)
            act.setToolTip(tip)
            act.setStatusTip(tip)
        self._prefill_summary()  # its labels ("Issue: …") follow the language too

    # -- public slots (the window and the help overlay use these) ---------------------------

    def actions(self) -> list[QAction]:
        """Every panel action with its text and shortcut, for the window and the help overlay."""
        return list(self._actions)

    def save_pending(self) -> None:
        """Before the panel closes: write the draft whose autosave is still waiting."""
        self.draft_controller.save_pending()

    @Slot(str)
    def set_industry(self, industry: str) -> None:
        self.industry = industry
        self.now_controller.set_industry(industry)
        self.draft_controller.set_industry(industry)
        self.wrapup.set_industry(industry)

    @Slot(str)
    def set_agent(self, name: str) -> None:
        """The agent's name from their profile, recorded on what they save from now on."""
        self.story_controller.agent = self.record_controller.agent = name.strip()
        self.wrapup.set_agent_known(bool(name.strip()))

    @Slot()
    def focus_find(self) -> None:
        self.find_section.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.find_section.edit.selectAll()

    @Slot()
    def paste_and_find(self) -> None:
        """Read the clipboard now, once, because the agent asked (the panel never watches it)."""
        text = QGuiApplication.clipboard().text().strip()
        if not text:
            self.status.emit(self.tr("The clipboard is empty"))
            return
        # One line only: an identifier, not a pasted conversation.
        text = text.splitlines()[0].strip()[:MAX_QUERY_CHARS]
        self.focus_find()
        self.find_section.edit.setText(text)
        self.finder.search_now(text)

    @Slot()
    def copy_draft(self) -> None:
        if not self.draft_controller.copy(self.draft.text()):
            self.status.emit(self.tr("The draft is empty"))

    @Slot()
    def focus_story(self) -> None:
        """Ctrl+1: the story page; with no customer open, the find box is where to start."""
        has_story = not self.story.isHidden()
        self._show_page(PAGE_STORY, self.story.new_fact if has_story else self.find_section.edit)

    @Slot()
    def focus_now(self) -> None:
        self._show_page(PAGE_NOW, self.now.edit)

    @Slot()
    def focus_draft(self) -> None:
        self._show_page(PAGE_DRAFT, self.draft.edit)

    @Slot()
    def focus_wrapup(self) -> None:
        self._show_page(PAGE_WRAPUP, self.wrapup.summary)

    @Slot()
    def clear_find(self) -> None:
        """Esc: cancel the innermost thing in progress (a fact edit, the create form), else
        empty the find box."""
        for row in self.story.fact_rows:
            if row.is_editing():
                row.cancel_edit()
                return
        find = self.find_section
        if not find.create_form.isHidden():
            find.create_form.hide()
        else:
            find.clear()
        find.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _show_page(self, page: int, target: QWidget) -> None:
        self.pages.show_page(page)
        if self.pages.isAncestorOf(target):
            self.pages.reveal(target)
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- database and first run ------------------------------------------------------------

    def _opened(self, has_customers: bool) -> None:
        if not has_customers:
            self.stack.setCurrentIndex(PAGE_WELCOME)
        else:
            self.show_main()

    def _ready(self) -> None:
        # After the full store is open, and a second later: building the context engine should
        # not share the CPU with the import of SQLModel or the first lookups.
        # The controller is the timer's context: a panel closed within the second never warms up.
        QTimer.singleShot(WARM_UP_DELAY_MS, self.now_controller, self.now_controller.warm_up)

    def _retry_open(self) -> None:
        self.retry_button.hide()
        self.opening_label.setText(self.tr("Opening the customer database…"))
        self.database.open()

    @Slot()
    def load_demo(self) -> None:
        self.welcome.set_loading(True)
        self.database.load_demo()

    def _demo_loaded(self, count: int) -> None:
        self.welcome.set_loading(False)
        self.status.emit(self.tr("Demo data loaded: {n} customers").replace("{n}", str(count)))
        self.show_main()

    @Slot()
    def show_main(self) -> None:
        self.stack.setCurrentIndex(PAGE_MAIN)
        # A draft typed before any customer was chosen survives a crash too.
        if self.customer is None and not self.draft.text():
            self.draft_controller.restore(None)
        self.focus_find()

    def _controller_failed(self, exc: object) -> None:
        if self.stack.currentIndex() == PAGE_OPENING and not self.services.is_open:
            # The banner above says what happened and what to do; the error's own words
            # (paths, key sources) stay behind its Details.
            self.opening_label.setText(
                self.tr("The customer database is not open yet. The message above says why.")
            )
            self.retry_button.show()
        if self.sender() is self.database:
            self.welcome.set_loading(False)
        self.failed.emit(exc)

    # -- the customer ----------------------------------------------------------------------

    @Slot(str)
    def open_value(self, value: str) -> None:
        """A caller's identifier from `copilot open` or a copilot:// link: their story when
        exactly one customer matches, the list when several do, the new-caller card when
        none does. Waits for the database when the panel has only just started."""
        self.opener.request(value)

    def _show_opened(self, value: str, found: list[Found]) -> None:
        if self.stack.currentIndex() != PAGE_MAIN:
            self.show_main()  # the welcome page: the agent asked for a caller, not a demo
        find = self.find_section
        find.edit.blockSignals(True)  # shown as typed, without a second, debounced lookup
        find.edit.setText(value)
        find.edit.blockSignals(False)
        if len(found) == 1 and found[0].match is MatchKind.identifier:
            self.open_customer(found[0].customer)  # only an exact identifier is sure enough
        elif found:
            self.finder.search_now(value)  # the find list, with its count: the agent chooses
        else:
            find.show_create(value)

    @Slot(object)
    def open_customer(self, customer: CustomerRead) -> None:
        """Show `customer`'s story; the draft follows the customer (saved, then restored)."""
        previous = self.customer
        self.customer = customer
        self.no_customer.hide()
        self.find_section.hide_results()
        self.wrapup_controller.start_contact(customer.id, restart=self.story.logged)
        self.glance.set_query(self.find_section.edit.text())
        if previous is None or previous.id != customer.id:
            self.pages.show_page(PAGE_STORY)  # a new caller: who they are comes first
        self.story.logged = False
        self.story_controller.load(customer.id)
        self.now_controller.set_contact(customer.id)
        self.wrapup.setEnabled(True)
        self.wrapup.set_state("")
        if previous is not None and previous.id == customer.id:
            return
        typed_before_customer = previous is None and bool(self.draft.text().strip())
        # Saves any pending text under the previous customer (or "unassigned") first.
        self.draft_controller.set_contact(customer.id)
        if typed_before_customer:
            # Typed before the customer was found: it belongs to this customer now.
            self.draft_controller.set_text(self.draft.text())
            self.draft_controller.save_now()
            self.draft_controller.clear_saved(None)
        else:
            # The previous customer's draft is saved under their id; start this one clean.
            self._set_draft_quietly("")
        self.draft_controller.restore(customer.id)

    def _customer_created(self, customer: CustomerRead) -> None:
        self.status.emit(self.tr("Customer created"))
        self.find_section.created()
        self.find_section.model.set_results(self.find_section.model.query, [customer])
        self.open_customer(customer)

    def _story_loaded(self, story: Story) -> None:
        self.story.show_story(story)
        self.record_editor.show_story(story)
        self.story.show()
        self.glance.set_story(story, logged=self.story.logged)
        overdue = sum(1 for c in story.commitments if c.overdue)
        self.now_controller.set_contact(
            story.customer.id,
            contacts_7d=self.story.contact_number() - 1,
            open_commitments=len(story.commitments),
            overdue_commitments=overdue,
        )
        self._prefill_summary()

    @Slot()
    def open_record(self) -> None:
        """Edit record (Ctrl+Shift+E): a dialog over the panel for the open customer."""
        if not self.record_editor.open(self.story_controller.story):
            self.status.emit(self.tr("Find or create the customer first"))

    def _record_changed(self, _where: str, customer: CustomerRead) -> None:
        """An edit or a merge is saved: the customer and their story are read again."""
        self.customer = customer
        self.story_controller.load(customer.id)

    def _paste_cut(self, dropped: int) -> None:
        self.status.emit(
            self.tr("Long text: kept the first {kept} characters, left out {dropped}")
            .replace("{kept}", f"{self.now.edit.max_chars:,}")
            .replace("{dropped}", f"{dropped:,}")
        )

    def _draft_edited(self, text: str) -> None:
        self.draft_controller.set_text(text, save=not self._draft_loading)

    def _set_draft_quietly(self, text: str) -> None:
        """Put text in the draft box without autosaving it (it came from the file, or it is
        the empty box for the next customer); the analysis still runs."""
        self._draft_loading = True
        try:
            self.draft.set_text(text)
        finally:
            self._draft_loading = False

    def _draft_restored(self, customer_id: int | None, text: str) -> None:
        current = self.customer.id if self.customer is not None else None
        if customer_id != current or not text:
            return
        typed = self.draft.text()
        if not typed.strip():
            self._set_draft_quietly(text)
            self.status.emit(self.tr("Draft restored"))
        elif typed != text:
            # The agent typed before the saved draft arrived: keep both, never drop either.
            self.draft.set_text(text + "\n\n" + typed)
            self.status.emit(self.tr("Draft restored above what you typed"))

    def _prefill_summary(self) -> None:
        if self.customer is not None:
            nc, commitment = self.now_controller, self.wrapup.commitment.text()
            summary = self.wrapup_controller.summary_for(nc.fresh, nc.pinned_items(), commitment)
            self.wrapup.prefill_summary(summary)

    # -- wrap-up ---------------------------------------------------------------------------

    @Slot()
    def save_wrapup(self) -> None:
        if self.customer is None:
            self.status.emit(self.tr("Find or create the customer first"))
            return
        form = self.wrapup.form(
            customer_id=self.customer.id,
            industry=self.industry,
            agent=self.story_controller.agent,
            overrides=tuple((o.kind, o.at) for o in self.draft_controller.overrides),
        )
        if self.wrapup_controller.save(form):
            self.wrapup.save_button.setEnabled(False)
            self.wrapup.set_state(SAVING)

    def _wrapup_saved(self, result: WrapUpResult) -> None:
        self.wrapup.save_button.setEnabled(True)
        # The one confirmation is the status line; the line under Save says what is left to do.
        self.status.emit(self.wrapup.saved_text(result.contacts_7d))
        self.story.logged = True
        # Saved by an earlier try with other text: the agent's later changes stay in the form.
        self.wrapup.set_state(CHANGES_NOT_SAVED if result.changes_not_saved else "")
        if result.changes_not_saved:
            self.story_controller.reload()
            return
        # The contact is logged: the form, the message and the draft start clean, and the
        # saved draft file goes (the reply was copied; the log is the record now).
        self.wrapup.reset()
        self.now_controller.forget_contact(result.customer_id)
        self.now.edit.clear()
        self._set_draft_quietly("")
        self.draft_controller.clear_saved(result.customer_id)
        self.draft_controller.clear_overrides(result.customer_id)  # recorded with the contact
        self.story_controller.reload()

    def _wrapup_failed(self, _: object) -> None:
        # The banner says what went wrong; here the agent sees that nothing they typed is lost
        # and that the same form can be saved again.
        self.wrapup.save_button.setEnabled(True)
        self.wrapup.set_state(NOT_SAVED)
