"""The Help menu's actions; each window opens on demand."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QDialog

from ui.context import AppContext
from ui.icons import icon
from ui.main_window import MainWindow


def _open(dialog: QDialog) -> QDialog:
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setModal(False)
    dialog.show()
    dialog.raise_()
    return dialog


def install(window: MainWindow, ctx: AppContext) -> None:
    """Fill the Help menu of `window`."""
    from ui.help.about import AboutDialog
    from ui.help.guide import GuideDialog
    from ui.help.shortcuts import ShortcutsDialog

    menu = window.menus["help"]
    entries = (
        ("guideAction", "help", "&How Rapport works", lambda: _open(GuideDialog(window))),
        (
            "shortcutsAction",
            "keyboard",
            "&Keyboard shortcuts",
            lambda: _open(ShortcutsDialog(window)),
        ),
        ("openDataFolderAction", "folder", "Open &data folder", lambda: open_data_folder(ctx)),
        ("aboutAction", "about", "&About Rapport", lambda: _open(AboutDialog(ctx.paths, window))),
    )
    for name, icon_name, text, slot in entries:
        action = QAction(icon(icon_name), text, window)
        action.setObjectName(name)
        action.triggered.connect(slot)
        if name == "guideAction":
            action.setShortcut(QKeySequence.StandardKey.HelpContents)
        if name == "aboutAction":
            menu.addSeparator()
            action.setMenuRole(QAction.MenuRole.AboutRole)
        menu.addAction(action)


def open_data_folder(ctx: AppContext) -> bool:
    """Show the folder holding the data file and its backups in the file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(ctx.paths.root)))
