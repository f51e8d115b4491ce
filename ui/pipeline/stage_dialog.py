"""Managing stages: the stage list with add, delete and reorder, and one stage's settings."""

from __future__ import annotations

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from crm.changes import Changes
from crm.pipeline.stages import MAX_FOLLOWUP_DAYS, StageFields, StageRow, contact_count, list_stages
from crm.wording import plural, plural_word
from ui.common.buttons import new_button, side_by_side
from ui.common.dialogs import Dialog
from ui.common.fields import line_edit
from ui.common.prompts import inform, warn
from ui.common.rows_model import RowsModel
from ui.common.tables import rows_list
from ui.common.undo import push
from ui.context import AppContext
from ui.pipeline.commands import (
    AddStageCommand,
    DeleteStageCommand,
    EditStageCommand,
    ReorderStagesCommand,
)
from ui.refresh import about_stages, refresh_page


def swatch(color: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


class StageListModel(RowsModel[StageRow]):
    """The stages in board order (the dialog's list)."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(rows=list_stages(ctx.db))
        self._ctx = ctx

    def reload(self) -> None:
        self.set_rows(list_stages(self._ctx.db))

    def row_data(self, stage: StageRow, column: int, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{stage.name} (closed)" if stage.is_closed else stage.name
        if role == Qt.ItemDataRole.DecorationRole:
            return swatch(stage.color)
        if role == Qt.ItemDataRole.UserRole:
            return stage.id
        return None


def unique_name(existing: list[str], base: str = "New stage") -> str:
    taken = {n.lower() for n in existing}
    name, n = base, 2
    while name.lower() in taken:
        name, n = f"{base} {n}", n + 1
    return name


def ask_receiver(
    parent: QWidget, stage: StageRow, count: int, others: list[StageRow]
) -> int | None:
    """Ask where the contacts of a stage being deleted go; None when the user cancels."""
    dialog = QDialog(parent)
    # The stage's name is in the question: a title holding it is cut off by the window frame.
    dialog.setWindowTitle("Delete stage")
    dialog.setMinimumWidth(360)
    layout = QVBoxLayout(dialog)
    if count:
        people = plural(count, "contact")
        text = f"“{stage.name}” holds {people}. Move them to:"
    else:
        text = f"Delete the empty stage “{stage.name}”? Contacts arriving later go to:"
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    combo = QComboBox()
    combo.setAccessibleName("Stage receiving the contacts")
    for other in others:
        combo.addItem(swatch(other.color), other.name, other.id)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    delete = buttons.addButton("Delete Stage", QDialogButtonBox.ButtonRole.AcceptRole)
    delete.setDefault(True)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(label)
    layout.addWidget(combo)
    layout.addWidget(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    value = combo.currentData()
    return value if isinstance(value, int) else None


class StageManagerDialog(Dialog):
    """Add, rename, recolour, reorder, close and delete stages; each change is undoable."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("stageManager", "Pipeline Stages", parent)
        self.ctx = ctx
        self.model = StageListModel(ctx)
        self.list = rows_list("stageList", self.model, "Stages")
        self._color = "#6b7280"
        self._loading = False
        self._build()
        self._refresher = refresh_page(
            self, ctx.hub, self._stages_changed, about_stages, immediate=True
        )
        self.list.selectionModel().currentChanged.connect(self._current_changed)
        self.select(self.model.rows[0].id if self.model.rows else None)

    def _build(self) -> None:
        self.name = QLineEdit()
        self.name.setObjectName("stageName")
        self.name.setMaxLength(100)
        self.color_button = QToolButton()
        self.color_button.setObjectName("stageColor")
        self.color_button.setToolTip("Choose the stage colour")
        self.color_button.clicked.connect(self._pick_color)
        self.closed = QCheckBox("Closed: the conversation has ended for now")
        self.rule = QCheckBox("When a contact enters this stage, add a follow-up:")
        self.rule_title = line_edit("stageFollowupTitle", "e.g. Send a thank-you note")
        self.rule_days = QSpinBox()
        self.rule_days.setObjectName("stageFollowupDays")
        self.rule_days.setRange(0, MAX_FOLLOWUP_DAYS)
        self.rule_days.setPrefix("due ")
        self.rule_days.valueChanged.connect(
            lambda days: self.rule_days.setSuffix(f" {plural_word(days, 'day')} later")
        )
        self.rule_days.setSuffix(" days later")
        self.rule.toggled.connect(self._rule_toggled)
        for signal in (
            self.name.textEdited,
            self.rule_title.textEdited,
            self.rule_days.valueChanged,
            self.closed.toggled,
            self.rule.toggled,
        ):
            signal.connect(self._edited)
        self.apply_button = new_button("Apply", self.apply)

        form = QFormLayout()
        form.addRow("Name:", self.name)
        form.addRow("Colour:", self.color_button)
        form.addRow("", self.closed)
        form.addRow("", self.rule)
        form.addRow("Follow-up:", self.rule_title)
        form.addRow("", self.rule_days)
        form.addRow("", self.apply_button)

        self.add_button = new_button("Add Stage", self.add)
        self.delete_button = new_button("Delete…", self.delete)
        self.up_button = new_button("Move Up", lambda: self.move_stage(-1))
        self.down_button = new_button("Move Down", lambda: self.move_stage(+1))
        list_buttons = side_by_side(
            self.add_button, self.delete_button, self.up_button, self.down_button
        )

        left = QVBoxLayout()
        left.addWidget(self.list)
        left.addLayout(list_buttons)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(form, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(close)
        self.resize(720, 380)

    # -- selection and form --------------------------------------------------------------

    def current(self) -> StageRow | None:
        return self.model.row_at(self.list.currentIndex().row())

    def select(self, stage_id: int | None) -> None:
        row = self.model.row_where(lambda stage: stage.id == stage_id)
        if row >= 0:
            self.list.selectionModel().setCurrentIndex(
                self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        self._load_form(self.model.row_at(row))

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        left = self.model.row_at(previous.row())
        if self.apply_button.isEnabled() and left is not None:
            self._apply_to(left)  # nothing typed is lost
        self._load_form(self.current())

    def _load_form(self, stage: StageRow | None) -> None:
        self._loading = True
        fields = stage.fields if stage else StageFields("")
        self.name.setText(fields.name)
        self._set_color(fields.color)
        self.closed.setChecked(fields.is_closed)
        self.rule.setChecked(fields.followup_title is not None)
        self.rule_title.setText(fields.followup_title or "")
        self.rule_days.setValue(fields.followup_days if fields.followup_days is not None else 1)
        self._rule_toggled(self.rule.isChecked())
        for widget in (self.name, self.color_button, self.closed, self.rule):
            widget.setEnabled(stage is not None)
        self.delete_button.setEnabled(stage is not None and len(self.model.rows) > 1)
        row = self.list.currentIndex().row()
        self.up_button.setEnabled(stage is not None and row > 0)
        self.down_button.setEnabled(stage is not None and row < len(self.model.rows) - 1)
        self.apply_button.setEnabled(False)
        self._loading = False

    def _set_color(self, color: str) -> None:
        self._color = color
        self.color_button.setIcon(swatch(color, 18))
        self.color_button.setText(color)
        self.color_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)

    def _pick_color(self) -> None:
        chosen = QColorDialog.getColor(QColor(self._color), self, "Stage Colour")
        if chosen.isValid():
            self._set_color(chosen.name())
            self._edited()

    def _rule_toggled(self, on: bool) -> None:
        self.rule_title.setEnabled(on)
        self.rule_days.setEnabled(on)

    def _edited(self) -> None:
        if not self._loading:
            self.apply_button.setEnabled(self.current() is not None)

    def form_fields(self) -> StageFields:
        rule = self.rule.isChecked()
        return StageFields(
            name=self.name.text(),
            color=self._color,
            is_closed=self.closed.isChecked(),
            followup_title=self.rule_title.text() if rule else None,
            followup_days=self.rule_days.value() if rule else None,
        )

    # -- actions -------------------------------------------------------------------------

    def _report(self, message: str) -> None:
        warn(self, "Stage not changed", message)

    def apply(self) -> None:
        stage = self.current()
        if stage is not None:
            self._apply_to(stage)

    def _apply_to(self, stage: StageRow) -> None:
        new = self.form_fields()
        if new == stage.fields:
            self.apply_button.setEnabled(False)
            return
        command = EditStageCommand(self.ctx.db, self.ctx.hub, stage.id, stage.fields, new)
        if push(self.ctx, command, self._report):
            self.apply_button.setEnabled(False)

    def add(self) -> None:
        current = self.current()
        position = self.list.currentIndex().row() + 1 if current else None
        name = unique_name([s.name for s in self.model.rows])
        command = AddStageCommand(self.ctx.db, self.ctx.hub, StageFields(name), position)
        if push(self.ctx, command, self._report) and command.new_id is not None:
            self.select(command.new_id)
            self.name.setFocus()
            self.name.selectAll()

    def delete(self) -> None:
        stage = self.current()
        if stage is not None:
            delete_stage_asking(self.ctx, self, stage)

    def move_stage(self, step: int) -> None:
        stage = self.current()
        if stage is None:
            return
        order = [s.id for s in self.model.rows]
        at = order.index(stage.id)
        to = at + step
        if not 0 <= to < len(order):
            return
        new = list(order)
        new.insert(to, new.pop(at))
        text = f"Move stage {stage.name} {'left' if step < 0 else 'right'}"
        command = ReorderStagesCommand(self.ctx.db, self.ctx.hub, order, new, text)
        push(self.ctx, command, self._report)
        self.select(stage.id)

    def _stages_changed(self, _changes: Changes) -> None:
        keep = self.current()
        self.model.reload()
        self.select(keep.id if keep else None)
        if self.current() is None and self.model.rows:
            self.select(self.model.rows[0].id)


def delete_stage_asking(ctx: AppContext, parent: QWidget, stage: StageRow) -> bool:
    """Ask which stage receives the contacts, then delete (undoably). True when deleted."""
    others = [s for s in list_stages(ctx.db) if s.id != stage.id]
    if not others:
        inform(parent, "Delete stage", "The board needs at least one stage.")
        return False
    receiver = ask_receiver(parent, stage, contact_count(ctx.db, stage.id), others)
    if receiver is None:
        return False
    command = DeleteStageCommand(ctx.db, ctx.hub, stage.id, receiver, stage.name)
    return push(ctx, command, lambda message: _warn(parent, message))


def _warn(parent: QWidget, message: str) -> None:
    warn(parent, "Stage not deleted", message)
