"""The panel's sections as thin widgets: they display, and forward the agent's actions."""
