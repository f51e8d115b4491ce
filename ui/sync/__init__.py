"""Sync in the window: File ▸ Sync Accounts…, Sync Now (F5), the status line, conflicts."""

from ui.sync.controller import install

__all__ = ["install"]
