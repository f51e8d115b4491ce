"""Where a contact stands, in the detail panel: the stage (moved as on the board) and the
open follow-ups (ticked off, or a new one added for this contact)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from crm.calendar.followups import FollowUpRow, follow_ups_of_contact
from crm.contacts.service import ContactDetail
from crm.pipeline.stages import list_stages
from crm.store.localtime import local_today, local_zone
from ui.common.dates import day_text
from ui.common.plain_text import as_tooltip
from ui.common.undo import push
from ui.context import AppContext
from ui.icons import icon
from ui.refresh import about_follow_ups, refresh_page


def move_to_stage(ctx: AppContext, contact_ids: list[int], names: list[str], stage_id: int) -> None:
    """Move contacts to a stage through the board's undoable move (history, follow-up rule)."""
    from ui.common.commands import MoveCardsCommand  # the same undoable move as the board

    stage = next((s for s in list_stages(ctx.db) if s.id == stage_id), None)
    if stage is None or not contact_ids:
        return
    who = names[0] if len(names) == 1 else f"{len(contact_ids)} contacts"
    text = f"Move {who} to {stage.name}"
    push(ctx, MoveCardsCommand(ctx.db, ctx.hub, contact_ids, stage_id, None, text))


class StageField(QComboBox):
    """The contact's stage; choosing another moves the contact (one undoable step)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("field_stage")
        self.setAccessibleName("Stage")
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._detail: ContactDetail | None = None
        self.activated.connect(self._chosen)

    def show_contact(self, detail: ContactDetail) -> None:
        self._detail = detail
        stages = [(s.id, s.name) for s in list_stages(self.ctx.db)]
        self.blockSignals(True)
        if [(self.itemData(i), self.itemText(i)) for i in range(self.count())] != stages:
            self.clear()
            for stage_id, name in stages:
                self.addItem(name, stage_id)
        self.setCurrentIndex(self.findData(detail.stage_id))
        self.blockSignals(False)

    @Slot(int)
    def _chosen(self, index: int) -> None:
        d = self._detail
        stage_id = self.itemData(index)
        if d is not None and stage_id is not None and stage_id != d.stage_id:
            move_to_stage(self.ctx, [d.id], [d.name], int(stage_id))


class FollowUpBox(QCheckBox):
    """A follow-up's tick box; a title too long for the panel ends in "…" before its due
    date (whole in the tooltip and to screen readers) rather than being cut at the edge."""

    def __init__(self, title: str, due: str) -> None:
        self.full_text = f"{title} — {due}"
        super().__init__(self.full_text)
        self._title, self._due = title, due
        self.setAccessibleName(self.full_text)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        style = self.style()
        box = style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, None, self)
        gap = style.pixelMetric(QStyle.PixelMetric.PM_CheckBoxLabelSpacing, None, self)
        metrics = self.fontMetrics()
        room = self.width() - box - gap - 8 - metrics.horizontalAdvance(f" — {self._due}")
        title = metrics.elidedText(self._title, Qt.TextElideMode.ElideRight, max(room, 0))
        self.setText(f"{title} — {self._due}")


class FollowUpsField(QWidget):
    """The contact's open follow-ups, each with a box to tick it off, and "Add follow-up…"."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("field_follow_ups")
        self._detail: ContactDetail | None = None
        self._rows: list[FollowUpRow] = []
        self.boxes: list[FollowUpBox] = []
        self._list = QVBoxLayout()
        self._list.setContentsMargins(0, 0, 0, 0)
        self._list.setSpacing(2)
        self.none_label = QLabel("Nothing to do for them right now.")
        self.none_label.setEnabled(False)
        self.add_button = QPushButton(icon("follow-up"), "Add follow-up…")
        self.add_button.setObjectName("addFollowUpButton")
        self.add_button.clicked.connect(self.add)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._list)
        layout.addWidget(self.none_label)
        layout.addLayout(buttons)
        self.refresher = refresh_page(
            self, ctx.hub, lambda _changes: self.refresh(), about_follow_ups, immediate=True
        )

    def show_contact(self, detail: ContactDetail) -> None:
        self._detail = detail
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        d = self._detail
        rows = [r for r in follow_ups_of_contact(self.ctx.db, d.id) if not r.done] if d else []
        rows.sort(key=lambda r: (r.due_date, r.id))
        if rows == self._rows:
            return
        self._rows = rows
        for box in self.boxes:
            self._list.removeWidget(box)
            box.deleteLater()
        today = local_today(self.ctx.db.now(), local_zone())
        self.boxes = []
        for row in rows:
            # Written as the agenda writes it: "due today", "was due 2 days ago", "due 20 Mar".
            when = day_text(row.due_date, today)
            box = FollowUpBox(
                row.title, f"was due {when}" if row.is_overdue(today) else f"due {when}"
            )
            box.setObjectName("followUpBox")
            box.setToolTip(as_tooltip(f"{box.full_text}\nTick it off when done.") or "")
            # A long title is cut at the panel's edge rather than widening the whole form.
            box.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            box.clicked.connect(lambda _on, r=row: self._complete(r))
            self._list.addWidget(box)
            # Qt quirk: a layout shows a new child later, and only if its parent is visible
            # then; shown explicitly, it appears whenever the panel does.
            box.show()
            self.boxes.append(box)
        self.none_label.setVisible(not rows)

    def _complete(self, row: FollowUpRow) -> None:
        from ui.common.commands import FollowUpDoneCommand  # the same tick as the agenda

        push(self.ctx, FollowUpDoneCommand(self.ctx.db, self.ctx.hub, [row.id], row.title, True))

    @Slot()
    def add(self) -> None:
        from ui.calendar.schedule import add_follow_up  # the calendar loads on first use

        if self._detail is not None:
            add_follow_up(self.ctx, self.window(), contact_id=self._detail.id)
