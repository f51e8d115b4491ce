"""The main window: left navigation, one stacked page per section, menus and status bar."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QWidget,
)

from ui.app_icon import app_icon
from ui.context import AppContext
from ui.icons import icon
from ui.warm_up import Preparation, WarmUp
from ui.window_state import WindowState

PAGE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
DEMO_TITLE = "Rapport — demo"


class MainWindow(QMainWindow):
    """Wires pages together; holds no page logic (pages install themselves)."""

    closing = Signal()  # emitted once, before the window closes (backups hook here)

    def __init__(self, ctx: AppContext, window_state: WindowState) -> None:
        super().__init__()
        self.ctx = ctx
        ctx.show_status = self.show_status  # every page reports through the status bar
        self.window_state = window_state
        self.setWindowTitle("Rapport")
        self.setWindowIcon(app_icon())
        self.setMinimumSize(QSize(900, 560))

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName("Navigation")
        self.navigation.setIconSize(QSize(20, 20))
        self.navigation.setFixedWidth(168)
        self.navigation.setSpacing(2)
        self.navigation.setFrameShape(QListWidget.Shape.NoFrame)
        self.pages = QStackedWidget()
        self.pages.setObjectName("pages")
        self.navigation.currentRowChanged.connect(self.pages.setCurrentIndex)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.menus: dict[str, QMenu] = {}
        for key, title in (
            ("file", "&File"),
            ("edit", "&Edit"),
            ("view", "&View"),
            ("contacts", "&Contacts"),
            ("help", "&Help"),
        ):
            self.menus[key] = self.menuBar().addMenu(title)
        self._add_undo_actions()
        self.statusBar().setSizeGripEnabled(True)
        self._preparations: list[Preparation] = []

    # -- pages ---------------------------------------------------------------------------

    def add_page(
        self,
        page_id: str,
        title: str,
        icon_name: str,
        widget: QWidget,
        shortcut: str = "",
        *,
        at: int | None = None,
    ) -> None:
        """Add a section to the navigation; `shortcut` (e.g. "Ctrl+2") switches to it.
        `at` puts it at that row (0: the top) without changing the page shown."""
        item = QListWidgetItem(icon(icon_name), title)
        item.setData(PAGE_ID_ROLE, page_id)
        item.setSizeHint(QSize(0, 36))
        if shortcut:
            item.setToolTip(f"{title} ({shortcut})")
        if at is not None:
            self.pages.insertWidget(at, widget)  # before the item, so the rows stay aligned
            self.navigation.insertItem(at, item)
        else:
            self.navigation.addItem(item)
            self.pages.addWidget(widget)
        action = QAction(icon(icon_name), title, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda: self.show_page(page_id))
        self.menus["view"].addAction(action)
        if self.navigation.currentRow() < 0:
            self.navigation.setCurrentRow(0)

    def add_preparation(self, preparation: Preparation) -> None:
        """Work a page does in idle time after start-up so its first show is quick."""
        self._preparations.append(preparation)

    def start_warm_up(self, delay_ms: int) -> WarmUp:
        """Run the pages' preparations in slices, starting `delay_ms` from now."""
        warm_up = WarmUp(self._preparations, self)
        warm_up.start(delay_ms)
        return warm_up

    def page(self, page_id: str) -> QWidget:
        widget = self.pages.widget(self._row_of(page_id))
        assert widget is not None
        return widget

    @Slot(str)
    def show_page(self, page_id: str) -> QWidget:
        self.navigation.setCurrentRow(self._row_of(page_id))
        return self.page(page_id)

    def current_page_id(self) -> str:
        item = self.navigation.currentItem()
        return str(item.data(PAGE_ID_ROLE)) if item else ""

    def _row_of(self, page_id: str) -> int:
        for row in range(self.navigation.count()):
            if self.navigation.item(row).data(PAGE_ID_ROLE) == page_id:
                return row
        raise KeyError(page_id)

    # -- chrome --------------------------------------------------------------------------

    def _add_undo_actions(self) -> None:
        stack = self.ctx.undo_stack
        undo = stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        undo.setIcon(icon("undo"))
        redo = stack.createRedoAction(self, "&Redo")
        # The platform's Redo keys plus Ctrl+Shift+Z everywhere, without duplicates
        # (a key bound twice to one action makes Qt report an ambiguous shortcut).
        keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
        if QKeySequence("Ctrl+Shift+Z") not in keys:
            keys.insert(0, QKeySequence("Ctrl+Shift+Z"))
        redo.setShortcuts(keys)
        redo.setIcon(icon("redo"))
        self.menus["edit"].addAction(undo)
        self.menus["edit"].addAction(redo)
        self.menus["edit"].addSeparator()
        self.undo_action = undo
        self.redo_action = redo

    def add_quit_action(self) -> QAction:
        """File ▸ Quit, last in the menu: closes the window as its close button does, so the
        backup on close runs, then ends the app even if another window is open."""
        quit_action = QAction(icon("quit"), "&Quit", self)
        quit_action.setObjectName("quitAction")
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Quit)
        quit_action.setShortcuts(keys or [QKeySequence("Ctrl+Q")])  # Windows has no standard key
        quit_action.triggered.connect(self.quit)
        self.menus["file"].addSeparator()
        self.menus["file"].addAction(quit_action)
        return quit_action

    @Slot()
    def quit(self) -> None:
        if self.close():
            QApplication.quit()

    def mark_demo(self) -> None:
        """The demo's windows say so, not to be mistaken for the user's own data."""
        self.setWindowTitle(DEMO_TITLE)
        QApplication.setApplicationDisplayName(DEMO_TITLE)

    def show_status(self, text: str, timeout_ms: int = 5000) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        self.window_state.save_window(self)
        self.window_state.sync()
        super().closeEvent(event)
