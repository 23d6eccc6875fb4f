"""Side panel widgets, item models and controllers (PySide6)."""
