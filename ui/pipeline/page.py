"""The Pipeline page: filter bar over the board; moves, menus and keyboard go through undo."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QInputDialog,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crm.changes import Changes
from crm.pipeline.board import BoardFilter, filter_choices
from crm.pipeline.stages import StageFields, StageRow
from crm.store.localtime import local_today, local_zone
from ui.common.commands import MoveCardsCommand
from ui.common.prompts import warn
from ui.common.undo import push
from ui.context import AppContext
from ui.empty_state import import_from, new_contact_from
from ui.icons import icon
from ui.main_window import MainWindow
from ui.pipeline.board import PipelineBoard
from ui.pipeline.commands import AddStageCommand, ReorderStagesCommand
from ui.pipeline.empty import BoardEmptyState
from ui.pipeline.filter_bar import FilterBar
from ui.pipeline.keys import BoardKeys
from ui.pipeline.model import BoardModel
from ui.pipeline.stage_dialog import StageManagerDialog, delete_stage_asking, unique_name
from ui.refresh import refresh_page


class PipelinePage(QWidget):
    """Built in idle time after start-up or on first show, whichever comes first, so
    starting the app does not pay for the board."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pipelinePage")
        self.ctx = ctx
        self._zone = local_zone()
        self.model: BoardModel | None = None
        self.board: PipelineBoard | None = None
        self.keys = BoardKeys(self)
        self.filter_bar = FilterBar(self)
        self.filter_bar.filterChanged.connect(self._filter_changed)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self._layout.addWidget(self.filter_bar)
        self.empty = BoardEmptyState(self)
        self._layout.addWidget(self.empty, 1)
        stages_button = QToolButton()
        stages_button.setText("Stages…")
        stages_button.setObjectName("manageStages")
        stages_button.setIcon(icon("stage"))
        stages_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        stages_button.setToolTip("Add, rename, recolour, reorder and delete stages")
        stages_button.clicked.connect(lambda: self.manage_stages())
        self.filter_bar.add_widget(stages_button)
        # Applied at once while shown: a moved card stays selected where it landed.
        self._refresher = refresh_page(self, ctx.hub, self._apply_changes, immediate=True)

    def _built(self) -> tuple[PipelineBoard, BoardModel]:
        board = self.ensure_board()
        assert self.model is not None
        return board, self.model

    def ensure_board(self) -> PipelineBoard:
        """The board, built now if the page was never shown."""
        if self.board is None:
            self.model = BoardModel(self.ctx.db, self)
            self.model.set_filter(self.filter_bar.current())
            self.model.moveRequested.connect(self.move_cards)
            board = PipelineBoard(self.model, self.ctx.db.now, self.today, self)
            board.set_key_actions(self.keys.actions())
            board.openRequested.connect(self.ctx.hub.openContactRequested.emit)
            board.cardMenuRequested.connect(self._card_menu)
            board.stageMenuRequested.connect(self._stage_menu)
            board.stageEditRequested.connect(self.manage_stages)
            board.stageDropped.connect(self._stage_dropped)
            self._layout.addWidget(board, 1)
            self.board = board
            self._refresher.forget()  # the board was just read afresh
            self.empty.watch(self.model, board)
            # The tag and company lists are not needed for the first paint of the board.
            QTimer.singleShot(0, self._fill_choices)
        return self.board

    def prepare(self) -> Iterator[None]:
        """Build the board and paint its first screen while the page is hidden.

        Run in idle slices after start-up (see ui.warm_up): the first Ctrl+2 then only
        shows a board whose cards, frames and scroll bars are already drawn. Built on
        that first show instead, 5,000 cards took about 75 ms; prepared, about 13 ms.
        """
        if self.isVisible():
            return
        self.ensure_board()
        yield
        # The first render lays the hidden board out (its scroll bars appear only then);
        # the second paints it at the size it will be shown.
        for _ in range(2):
            if self.isVisible():
                return
            self._render_hidden()
            yield

    def _render_hidden(self) -> None:
        stack = self.parentWidget()
        if stack is not None:
            self.resize(stack.size())
        ratio = self.devicePixelRatioF()
        image = QPixmap(self.size() * ratio)
        image.setDevicePixelRatio(ratio)
        self.render(image)

    def _fill_choices(self) -> None:
        self.filter_bar.set_choices(*filter_choices(self.ctx.db))

    def showEvent(self, event: QShowEvent) -> None:
        self.ensure_board()
        super().showEvent(event)

    def today(self) -> date:
        return local_today(self.ctx.db.now(), self._zone)

    # -- keeping up with the rest of the app ---------------------------------------------

    def _apply_changes(self, changes: Changes) -> None:
        model = self.model
        if model is None:
            return  # the board reads everything afresh when it is built
        if changes.everything:
            self._fill_choices()
            model.reload()
        elif changes.stages:
            model.reload()
        else:
            if changes.contacts:
                model.refresh_contacts(sorted(changes.contacts))
            if changes.follow_ups:
                model.refresh_follow_ups()
        if not changes.everything and (changes.tags or changes.companies):
            self._choices_changed(model)
        self._show_matches()

    def _choices_changed(self, model: BoardModel) -> None:
        self._fill_choices()
        flt = model.board_filter()
        if flt.tag_id is not None or flt.company_id is not None:
            model.reload()  # who carries the tag or works there may have changed
        else:
            model.refresh_cards()

    def _filter_changed(self, flt: BoardFilter) -> None:
        if self.model is not None:
            self.model.set_filter(flt)
            self._show_matches()

    def _show_matches(self) -> None:
        model = self.model
        if model is None or model.board_filter().is_empty:
            self.filter_bar.show_matches(None)
            return
        self.filter_bar.show_matches(sum(len(model.ids_in(s.id)) for s in model.stages()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Esc reaches the page when the filter field or a column did not use it.
        if event.key() == Qt.Key.Key_Escape and not self.filter_bar.current().is_empty:
            self._escape()
            event.accept()
            return
        super().keyPressEvent(event)

    def _escape(self) -> None:
        self.filter_bar.clear()
        if self.board is not None and self.filter_bar.text.hasFocus():
            columns = self.board.columns()
            if columns:
                columns[0].cards.setFocus()

    # -- moving cards --------------------------------------------------------------------

    def _report(self, message: str) -> None:
        warn(self, "Pipeline", message)

    def move_cards(self, ids: Sequence[int], stage_id: int, before: int | None) -> bool:
        """Move cards as one undoable step, then keep them selected where they landed."""
        board, model = self._built()
        if not ids:
            return False
        stages = {s.id: s for s in model.stages()}
        if stage_id not in stages:
            return False
        cards = [model.card(cid) for cid in ids]
        names = [c.name for c in cards if c is not None]
        who = names[0] if len(ids) == 1 and names else f"{len(ids)} contacts"
        stage = stages[stage_id].name
        same = all(model.stage_of(cid) == stage_id for cid in ids)
        text = f"Reorder {who} in {stage}" if same else f"Move {who} to {stage}"
        command = MoveCardsCommand(self.ctx.db, self.ctx.hub, ids, stage_id, before, text)
        if not push(self.ctx, command, self._report):
            return False
        board.settle()
        board.select_cards(stage_id, list(ids))
        if not same:
            self.ctx.show_status(f"{text}.")
        return True

    def neighbour_stage(self, stage_id: int, step: int) -> StageRow | None:
        stages = self._built()[1].stages()
        at = [s.id for s in stages].index(stage_id) + step
        return stages[at] if 0 <= at < len(stages) else None

    def focus_column(self, stage_id: int) -> None:
        board, model = self._built()
        column = board.column(stage_id)
        if column is None:
            return
        cards = column.cards
        if not cards.currentIndex().isValid() and model.ids_in(stage_id):
            board.select_cards(stage_id, model.ids_in(stage_id)[:1])
        cards.setFocus()
        board.show_column(column)

    # -- menus ---------------------------------------------------------------------------

    def card_menu(self, stage_id: int) -> QMenu:
        """The context menu of the selected cards of a column."""
        board, model = self._built()
        column = board.column(stage_id)
        ids = column.cards.selected_ids() if column else []
        menu = QMenu(self)
        open_action = menu.addAction("Open")
        open_action.setShortcut(QKeySequence(Qt.Key.Key_Return))
        open_action.setEnabled(len(ids) == 1)
        open_action.triggered.connect(lambda: self.ctx.hub.openContactRequested.emit(ids[0]))
        move_menu = menu.addMenu(icon("stage"), "Move to")
        move_menu.setObjectName("moveToMenu")
        for stage in model.stages():
            action = move_menu.addAction(stage.name)
            action.setEnabled(stage.id != stage_id)
            action.triggered.connect(
                lambda _checked=False, target=stage.id: self.move_cards(ids, target, None)
            )
        menu.addSeparator()
        schedule = menu.addAction(icon("meeting"), "Schedule meeting…")
        schedule.triggered.connect(lambda: self._schedule(ids))
        prepare = menu.addAction(icon("prepare"), "Prepare…")
        prepare.setEnabled(len(ids) == 1)
        prepare.triggered.connect(lambda: self._prepare(ids[0]))
        return menu

    def _card_menu(self, stage_id: int, pos: QPoint) -> None:
        menu = self.card_menu(stage_id)
        menu.exec(pos)
        menu.deleteLater()

    def _schedule(self, ids: list[int]) -> None:
        from ui.calendar.schedule import schedule_meeting  # the calendar loads on demand

        schedule_meeting(self.ctx, self, contact_ids=ids)

    def _prepare(self, contact_id: int) -> None:
        from ui.prep.dialog import open_prep_dialog  # the prep sheet loads on demand

        open_prep_dialog(self.ctx, self, contact_id=contact_id)

    def stage_menu(self, stage_id: int) -> QMenu:
        model = self._built()[1]
        stage = next(s for s in model.stages() if s.id == stage_id)
        menu = QMenu(self)
        menu.addAction(icon("rename"), "Edit Stage…", lambda: self.manage_stages(stage_id))
        menu.addAction(icon("add"), "Add Stage After…", lambda: self.add_stage_after(stage_id))
        delete = menu.addAction(
            icon("delete"), "Delete Stage…", lambda: delete_stage_asking(self.ctx, self, stage)
        )
        delete.setEnabled(len(model.stages()) > 1)
        return menu

    def _stage_menu(self, stage_id: int, pos: QPoint) -> None:
        menu = self.stage_menu(stage_id)
        menu.exec(pos)
        menu.deleteLater()

    # -- stages --------------------------------------------------------------------------

    def manage_stages(self, stage_id: int | None = None) -> None:
        dialog = StageManagerDialog(self.ctx, self)
        if stage_id is not None:
            dialog.select(stage_id)
        dialog.exec()
        dialog.deleteLater()

    def add_stage_after(self, stage_id: int) -> None:
        model = self._built()[1]
        stages = model.stages()
        name, ok = QInputDialog.getText(
            self, "Add Stage", "Name of the new stage:", text=unique_name([s.name for s in stages])
        )
        if not ok:
            return
        position = [s.id for s in stages].index(stage_id) + 1
        command = AddStageCommand(self.ctx.db, self.ctx.hub, StageFields(name), position)
        push(self.ctx, command, self._report)

    def _stage_dropped(self, stage_id: int, index: int) -> None:
        model = self._built()[1]
        old = [s.id for s in model.stages()]
        new = [s for s in old if s != stage_id]
        new.insert(index, stage_id)
        name = next(s.name for s in model.stages() if s.id == stage_id)
        command = ReorderStagesCommand(self.ctx.db, self.ctx.hub, old, new, f"Move stage {name}")
        push(self.ctx, command, self._report)


def install(window: MainWindow, ctx: AppContext) -> PipelinePage:
    """Add the Pipeline page (Ctrl+2) and its menu entry."""
    page = PipelinePage(ctx)
    window.add_page("pipeline", "Pipeline", "pipeline", page, "Ctrl+2")
    window.add_preparation(page.prepare)
    page.empty.addContactRequested.connect(lambda: new_contact_from(window))
    page.empty.importRequested.connect(lambda: import_from(window, ctx))
    manage = QAction(icon("stage"), "Pipeline &Stages…", window)
    manage.triggered.connect(lambda: _manage_stages(window, page))
    window.menus["view"].addAction(manage)
    return page


def _manage_stages(window: MainWindow, page: PipelinePage) -> None:
    window.show_page("pipeline")
    page.manage_stages()
