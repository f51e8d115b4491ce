"""File ▸ Sync Log…: what each sync of this session changed, item by item and from which side.

The undo step of a sync says how much changed ("Sync with Home (uploaded 1, downloaded 2…)");
this says what, so a sync can be reviewed before it is taken back.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtWidgets import QDialogButtonBox, QPlainTextEdit, QVBoxLayout, QWidget

from crm.sync.report import SyncReport
from ui.common.dialogs import Dialog

SHOWN_PER_SYNC = 500  # a first sync of thousands lists the first ones and counts the rest


@dataclass(frozen=True)
class SyncEntry:
    """One finished sync: when, with which account, and its report."""

    at: datetime
    account: str
    report: SyncReport

    def text(self) -> str:
        lines = [f"{self.at:%H:%M:%S} · {self.account} · {self.report.counts()}"]
        shown = self.report.log[:SHOWN_PER_SYNC]
        lines += [f"    {line.text()}" for line in shown]
        if len(self.report.log) > len(shown):
            lines.append(f"    … and {len(self.report.log) - len(shown):,} more")
        if not self.report.log:
            lines.append("    nothing changed")
        return "\n".join(lines)


class SyncLogDialog(Dialog):
    """The syncs of this session, newest first, as plain text the user can read and copy."""

    def __init__(self, entries: list[SyncEntry], parent: QWidget) -> None:
        super().__init__("syncLogDialog", "Sync Log", parent)
        self.resize(720, 420)
        self.view = QPlainTextEdit()
        self.view.setObjectName("syncLog")
        self.view.setReadOnly(True)
        self.view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        texts = [e.text() for e in reversed(entries)]
        self.view.setPlainText(
            "\n\n".join(texts) or "No sync has run since Rapport started (File ▸ Sync Now, F5)."
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
