"""Optional httpx-based connectors; nothing here runs unless the user configures it."""
