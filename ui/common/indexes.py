"""The index type that Qt's item views hand to models and delegates."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex

# A view passes either kind to a model's or a delegate's methods: one alias for both.
Index = QModelIndex | QPersistentModelIndex
