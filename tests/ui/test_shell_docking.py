"""Docking geometry and screen choice: pure functions, no Qt."""

from __future__ import annotations

import pytest

from copilot.ui.shell.docking import (
    DEFAULT_WIDTH,
    MAX_WIDTH,
    MIN_WIDTH,
    Edge,
    Rect,
    choose_screen,
    clamp_width,
    dock_geometry,
)

FULL_HD = Rect(0, 0, 1920, 1040)  # a 1080p screen with a 40 px task bar at the bottom


def test_right_edge_takes_full_available_height_flush_right() -> None:
    assert dock_geometry(FULL_HD, Edge.RIGHT, 400) == Rect(1520, 0, 400, 1040)


def test_left_edge_starts_at_the_screen_origin() -> None:
    assert dock_geometry(FULL_HD, Edge.LEFT, 420) == Rect(0, 0, 420, 1040)


def test_second_screen_left_of_primary_has_negative_coordinates() -> None:
    left_monitor = Rect(-1280, 24, 1280, 976)  # menu bar at the top on macOS
    assert dock_geometry(left_monitor, Edge.RIGHT, 400) == Rect(-400, 24, 400, 976)
    assert dock_geometry(left_monitor, Edge.LEFT, 400) == Rect(-1280, 24, 400, 976)


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        (400, 400),
        (10, MIN_WIDTH),  # a panel too narrow to read
        (5000, MAX_WIDTH),  # a "panel" that hides the helpdesk
        ("garbage", DEFAULT_WIDTH),
        (None, DEFAULT_WIDTH),
        ("380", 380),
    ],
)
def test_stored_width_is_clamped_to_something_usable(stored: object, expected: int) -> None:
    assert clamp_width(stored, 1920) == expected


def test_width_never_exceeds_a_tiny_screen() -> None:
    tiny = Rect(0, 0, 300, 500)
    rect = dock_geometry(tiny, Edge.RIGHT, 400)
    assert rect == Rect(0, 0, 300, 500)


def test_edge_parse_survives_hand_edited_settings() -> None:
    assert Edge.parse("LEFT") is Edge.LEFT
    assert Edge.parse("right") is Edge.RIGHT
    assert Edge.parse("middle") is Edge.RIGHT
    assert Edge.parse(None, default="left") is Edge.LEFT


def test_remembered_screen_is_used_while_connected() -> None:
    assert choose_screen(["eDP-1", "HDMI-1"], "HDMI-1", "eDP-1") == "HDMI-1"


def test_unplugged_screen_falls_back_to_primary() -> None:
    assert choose_screen(["eDP-1"], "HDMI-1", "eDP-1") == "eDP-1"
    assert choose_screen(["eDP-1"], None, "eDP-1") == "eDP-1"


def test_unknown_primary_falls_back_to_first_screen() -> None:
    assert choose_screen(["DP-2", "DP-3"], "HDMI-1", "gone") == "DP-2"
