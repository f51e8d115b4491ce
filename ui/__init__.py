"""Rapport's PySide6 user interface: windows, pages, item models, dialogs, undo commands."""
