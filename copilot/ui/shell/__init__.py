"""The window around the panel: docking, settings, themes, translations, tray, hotkeys, banner."""
