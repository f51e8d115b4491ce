"""The keep-in-touch interval in a contact's detail: a choice of intervals (or the default
from tags and stage), and the date the contact is next due."""

from __future__ import annotations

from datetime import tzinfo

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QComboBox, QInputDialog, QLabel, QVBoxLayout, QWidget

from crm.store.localtime import local_zone
from crm.today.cadence import CHOICES, MAX_DAYS, cadences, describe
from ui.common.undo import push
from ui.context import AppContext
from ui.today.commands import SetCadenceCommand

DEFAULT = -1  # the combo's data for "the default from tags or stage"
CUSTOM = -2


class CadenceField(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, tz: tzinfo | None = None):
        super().__init__(parent)
        self.ctx, self.tz = ctx, tz or local_zone()
        self.contact_id: int | None = None
        self.name = ""
        self.combo = QComboBox()
        self.combo.setObjectName("cadenceChoice")
        self.combo.setAccessibleName("Keep in touch")
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.next_label = QLabel()
        self.next_label.setObjectName("cadenceNext")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.combo, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.next_label)
        self.combo.activated.connect(self._chosen)

    def show_contact(self, contact_id: int | None, name: str = "") -> None:
        self.contact_id, self.name = contact_id, name
        found = cadences(self.ctx.db, [contact_id], self.tz).get(contact_id) if contact_id else None
        self.combo.blockSignals(True)
        self.combo.clear()
        if found is None:
            self.combo.blockSignals(False)
            self.next_label.clear()
            return
        own = found.source == "own"
        inherited = not own and bool(found.source)
        default = describe(found.days) if inherited else "None"
        self.combo.addItem(f"{default} (default)", DEFAULT)
        for days, label in CHOICES:
            self.combo.addItem(label, days)
        if own and found.days not in [d for d, _ in CHOICES] and found.days is not None:
            self.combo.addItem(describe(found.days), found.days)
        self.combo.addItem("Custom…", CUSTOM)
        wanted = (found.days or 0) if own else DEFAULT
        self.combo.setCurrentIndex(max(0, self.combo.findData(wanted)))
        self.combo.blockSignals(False)
        origin = f"From {found.source} · " if inherited else ""
        if found.next_date is None:
            self.next_label.setText(f"{origin}No reminder")
        else:
            day = found.next_date
            self.next_label.setText(f"{origin}Due to reach out {day:%a} {day.day} {day:%b %Y}")

    @Slot(int)
    def _chosen(self, index: int) -> None:
        if self.contact_id is None:
            return
        data = self.combo.itemData(index)
        days: int | None = None if data == DEFAULT else int(data)
        if data == CUSTOM:
            value, ok = QInputDialog.getInt(
                self, "Keep in touch", "Every how many days?", 45, 1, MAX_DAYS
            )
            if not ok:
                self.show_contact(self.contact_id, self.name)
                return
            days = value
        command = SetCadenceCommand(self.ctx.db, self.ctx.hub, self.contact_id, self.name, days)
        push(self.ctx, command)
        self.show_contact(self.contact_id, self.name)
