"""Opening a caller's story from outside the panel: links, the panel's channel, OS registration.

No Qt here: `copilot open` must reach a running panel in milliseconds, before (or without)
importing PySide6.
"""
