"""The ranked target list as an item model: inline scores, rows reordered by drag."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QMimeData, QModelIndex, Qt, Signal

from crm.store.job_models import POSTING_VALUES
from crm.targets.targets import TargetRow
from ui.common.indexes import Index
from ui.common.moving import MovesByDrag, id_list, packed
from ui.common.plain_text import as_tooltip
from ui.common.rows_model import RowsModel

TARGET_MIME = "application/x-rapport-company-ids"
COMPANY_ID_ROLE = Qt.ItemDataRole.UserRole + 1
CHOICES_ROLE = Qt.ItemDataRole.UserRole + 2  # (label, value) pairs an inline editor offers
RANK, NAME, MOTIVATION, ADVOCACY, POSTING, PEOPLE, OPENINGS, APPLICATIONS, SCORE = range(9)
COUNTS = (PEOPLE, OPENINGS, APPLICATIONS, SCORE)  # centred under their headers
POSTING_LABELS = {"unknown": "Unknown", "yes": "Yes", "no": "No"}


def stars(count: int) -> str:
    return "★" * count + "☆" * (3 - count)


MOTIVATION_CHOICES = [(f"{stars(n)}  ({n})", n) for n in range(4)]
POSTING_CHOICES = [(POSTING_LABELS[p], p) for p in POSTING_VALUES]


class TargetsModel(MovesByDrag, RowsModel[TargetRow]):
    """Target employers in the user's order; motivation and posting are edited in place."""

    MIME = TARGET_MIME

    # company id, motivation or None, posting or None (the view pushes the command)
    editRequested = Signal(int, object, object)
    moveRequested = Signal(int, int)  # company id, the row it lands before (rowCount: end)
    HEADERS = (
        "#",
        "Company",
        "Motivation",
        "Advocacy",
        "Posting",
        "People",
        "Openings",
        "Applications",
        "Score",
    )

    def row_of(self, company_id: int) -> int:
        return self.row_where(lambda target: target.company_id == company_id)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        flags = (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )
        if index.column() in (MOTIVATION, POSTING):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def row_data(self, row: TargetRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.EditRole:
            return {MOTIVATION: row.motivation, POSTING: row.posting}.get(column)
        if role == CHOICES_ROLE:
            return {MOTIVATION: MOTIVATION_CHOICES, POSTING: POSTING_CHOICES}.get(column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            RANK,
            PEOPLE,
            OPENINGS,
            APPLICATIONS,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.AccessibleTextRole and column in (MOTIVATION, ADVOCACY):
            level = row.motivation if column == MOTIVATION else row.advocacy_level
            return f"{level} of 3"
        if role == COMPANY_ID_ROLE:
            return row.company_id
        return None

    def _display(self, row: TargetRow, column: int) -> str:
        n = self._rows.index(row) + 1
        people = str(row.contact_count) if row.contact_count else "Nobody yet"
        return (
            str(n),
            row.name,
            stars(row.motivation),
            stars(row.advocacy_level),
            POSTING_LABELS.get(row.posting, row.posting),
            people,
            str(row.openings),
            str(row.applications),
            f"{row.score} / 7",
        )[column]

    def _tooltip(self, row: TargetRow, column: int) -> str | None:
        if column == NAME:
            return as_tooltip(row.name + (f"\n{row.careers_url}" if row.careers_url else ""))
        if column == ADVOCACY:
            return (
                f"Advocacy {row.advocacy}: people you met or thanked count more than people "
                "not contacted yet; alumni and referrals raise it."
            )
        if column == SCORE:
            return "Motivation and advocacy (up to 3 each), plus 1 when they post relevant jobs."
        if column in (MOTIVATION, POSTING):
            return "Double-click to change"
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row = self._rows[index.row()]
        if index.column() == MOTIVATION and int(value) != row.motivation:
            self.editRequested.emit(row.company_id, int(value), None)
        elif index.column() == POSTING and str(value) != row.posting:
            self.editRequested.emit(row.company_id, None, str(value))
        # The change happens through an undo command; the reload shows it.
        return False

    # -- drag and drop -------------------------------------------------------------------

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        return packed(TARGET_MIME, [self._rows[r].company_id for r in rows[:1]])  # one at a time

    def drop(self, payload: Any, row: int, parent: Index) -> bool:
        ids = id_list(payload)
        if len(ids) != 1:
            return False
        if row < 0:  # dropped onto a row: land above it; onto empty space: the end
            row = parent.row() if parent.isValid() else len(self._rows)
        company_id = ids[0]
        at = self.row_of(company_id)
        if at < 0 or row in (at, at + 1):
            return False
        self.moveRequested.emit(company_id, row)
        return True
