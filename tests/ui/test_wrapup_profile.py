"""The agent's profile: a name and role set once, kept in the panel's settings, handed to the
panel (which records it on contacts, facts and promises) and asked for where it is missing."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from copilot.ui.main_window import MainWindow
from copilot.ui.shell.panel_slot import PlaceholderPanel
from copilot.ui.shell.profile import ProfileDialog
from copilot.ui.shell.settings import ShellSettings
from copilot.vocabulary import MAX_SHORT_TEXT, AgentRole


def test_an_empty_name_is_refused_beside_the_box(qtbot: QtBot) -> None:
    settings = ShellSettings()
    dialog = ProfileDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("   ")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.isVisible() and dialog.error.isVisible()
    assert dialog.error.text() == "Type your name first."
    assert settings.agent_name == ""


def test_the_profile_is_kept_in_the_settings(qtbot: QtBot) -> None:
    dialog = ProfileDialog(ShellSettings())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("  Dewi   Lestari ")
    dialog.role.setCurrentIndex(dialog.role.findData(AgentRole.team_leader))
    with qtbot.waitSignal(dialog.accepted):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    again = ShellSettings()  # what the next start reads
    assert (again.agent_name, again.agent_role) == ("Dewi Lestari", AgentRole.team_leader)


def test_hand_edited_profile_values_fall_back_and_bad_ones_are_refused() -> None:
    from copilot.ui.shell.settings import open_qsettings

    store = open_qsettings()
    store.setValue("profile/role", "supervisor")
    store.setValue("profile/name", "  Budi \n Santoso ")
    settings = ShellSettings(store)
    assert settings.agent_role is AgentRole.agent
    assert settings.agent_name == "Budi Santoso"
    with pytest.raises(ValueError, match="at most"):
        settings.agent_name = "x" * (MAX_SHORT_TEXT + 1)
    with pytest.raises(ValueError):
        settings.agent_role = "supervisor"


def test_the_window_hands_the_name_to_the_panel_and_asks_when_the_panel_does(
    qtbot: QtBot,
) -> None:
    ShellSettings().agent_name = "Ayu"
    panel = PlaceholderPanel()
    window = MainWindow(panel, use_tray=False, on_quit=lambda: None)
    qtbot.addWidget(window)
    assert panel.agent == "Ayu"  # from the settings, at start

    panel.profile_requested.emit()  # "Add name" in the wrap-up, or Settings > Your name…
    dialog = window.profile_dialog
    assert dialog.isVisible() and dialog.name.text() == "Ayu"
    dialog.name.setText("Ayu Wulandari")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert panel.agent == "Ayu Wulandari"
    assert ShellSettings().agent_name == "Ayu Wulandari"
    assert window.profile_action in window.settings_menu.actions()
