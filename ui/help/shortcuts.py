"""The Keyboard shortcuts window, listed from the window's own actions so it never goes stale."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHeaderView,
    QListWidget,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.common.dialogs import Dialog

ELSEWHERE = "Elsewhere"


@dataclass(frozen=True)
class Shortcut:
    group: str  # the menu it is in, or ELSEWHERE
    action: str
    keys: str  # as the platform writes them, alternatives joined by ", "


def _label(action: QAction) -> str:
    return action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(".…")


def _keys(action: QAction) -> str:
    return ", ".join(
        k.toString(QKeySequence.SequenceFormat.NativeText)
        for k in action.shortcuts()
        if not k.isEmpty()
    )


def _walk(menu: QMenu, group: str, seen: set[int], out: list[Shortcut]) -> None:
    for action in menu.actions():
        sub = action.menu()
        if isinstance(sub, QMenu):
            _walk(sub, group, seen, out)
        elif _keys(action) and id(action) not in seen:
            seen.add(id(action))
            out.append(Shortcut(group, _label(action), _keys(action)))


def list_shortcuts(window: QMainWindow) -> list[Shortcut]:
    """Every action of `window` with a key: by menu, in menu order, then those only on pages."""
    found: list[Shortcut] = []
    seen: set[int] = set()
    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu):
            _walk(menu, _label(top), seen, found)
    rest = [
        Shortcut(_page_of(window, action), _label(action), _keys(action))
        for action in window.findChildren(QAction)
        if _keys(action) and id(action) not in seen and action.text()
    ]
    return found + sorted(rest, key=lambda s: (s.group == ELSEWHERE, s.group))


def _page_of(window: QMainWindow, action: QAction) -> str:
    """The navigation title of the page whose widget carries `action` ("Calendar")."""
    pages = getattr(window, "pages", None)
    navigation = getattr(window, "navigation", None)
    if not isinstance(pages, QStackedWidget) or not isinstance(navigation, QListWidget):
        return ELSEWHERE
    for holder in action.associatedObjects():
        widget = holder if isinstance(holder, QWidget) else None
        while widget is not None and widget.parentWidget() is not pages:
            widget = widget.parentWidget()
        if widget is not None and (item := navigation.item(pages.indexOf(widget))) is not None:
            return f"On the {item.text()} page"
    return ELSEWHERE


class ShortcutsDialog(Dialog):
    """A two-column list of actions and their keys, grouped by menu."""

    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__("shortcutsDialog", "Keyboard shortcuts", parent or window)
        self.resize(480, 560)
        self.tree = QTreeWidget()
        self.tree.setObjectName("shortcutsList")
        self.tree.setHeaderLabels(["Action", "Keys"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        groups: dict[str, QTreeWidgetItem] = {}
        for shortcut in list_shortcuts(window):
            parent_item = groups.get(shortcut.group)
            if parent_item is None:
                parent_item = QTreeWidgetItem(self.tree, [shortcut.group])
                font = parent_item.font(0)
                font.setBold(True)
                parent_item.setFont(0, font)
                parent_item.setFirstColumnSpanned(True)
                groups[shortcut.group] = parent_item
            QTreeWidgetItem(parent_item, [shortcut.action, shortcut.keys])
        self.tree.expandAll()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
