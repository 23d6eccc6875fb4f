"""One controller QObject per step of the flow; they talk to the services through the runner."""

from copilot.ui.controllers.base import Controller
from copilot.ui.controllers.database import DatabaseController
from copilot.ui.controllers.draft import DraftController, DraftWriter
from copilot.ui.controllers.find import FindController
from copilot.ui.controllers.health import HealthController
from copilot.ui.controllers.now import NowController
from copilot.ui.controllers.story import StoryController
from copilot.ui.controllers.wrapup import WrapUpController, WrapUpForm, WrapUpResult

__all__ = [
    "Controller",
    "DatabaseController",
    "DraftController",
    "DraftWriter",
    "FindController",
    "HealthController",
    "NowController",
    "StoryController",
    "WrapUpController",
    "WrapUpForm",
    "WrapUpResult",
]
