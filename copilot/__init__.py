"""Copilot: a desktop side panel that remembers customers and offers context to agents."""

__version__ = "0.1.0"
