"""Backups in the window: File ▸ Back up now, File ▸ Restore backup…, the close-time copy."""

from ui.backups.actions import install

__all__ = ["install"]
