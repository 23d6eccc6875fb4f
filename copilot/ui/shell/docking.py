"""Where the panel sits: pure geometry for docking a narrow column to a screen edge (no Qt)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

DEFAULT_WIDTH = 400
MIN_WIDTH = 320  # narrower than this and identifiers and hint titles wrap into noise
MAX_WIDTH = 720  # wider than this it is no longer a side panel


class Edge(StrEnum):
    LEFT = "left"
    RIGHT = "right"

    @classmethod
    def parse(cls, value: object, default: str = "right") -> Edge:
        """A stored value back into an edge; anything unknown falls back to `default`."""
        try:
            return cls(str(value).lower())
        except ValueError:
            return cls(default)


@dataclass(frozen=True)
class Rect:
    """A rectangle in device-independent pixels, like QRect (x, y, width, height)."""

    x: int
    y: int
    width: int
    height: int


def clamp_width(width: object, available_width: int) -> int:
    """A usable panel width: stored garbage or a too-wide value never hides the helpdesk."""
    try:
        value = int(width)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        value = DEFAULT_WIDTH
    upper = max(1, min(MAX_WIDTH, available_width))
    lower = min(MIN_WIDTH, upper)
    return max(lower, min(value, upper))


def dock_geometry(available: Rect, edge: Edge, width: int) -> Rect:
    """The panel's rectangle: full available height of the screen, flush with `edge`.

    `available` is the screen's available geometry (without task bar or dock), so the panel
    never slides under the task bar.
    """
    w = clamp_width(width, available.width)
    x = available.x if edge is Edge.LEFT else available.x + available.width - w
    return Rect(x, available.y, w, max(1, available.height))


def choose_screen(names: Sequence[str], wanted: str | None, primary: str) -> str:
    """The screen to dock on: the remembered one if it is still connected, else the primary.

    A laptop taken off its docking station loses the external monitor; the panel must then
    come back on a screen the agent can see rather than off in the void.
    """
    if wanted and wanted in names:
        return wanted
    if primary in names or not names:
        return primary
    return names[0]
