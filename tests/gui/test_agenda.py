"""The agenda and the calendar models: model contracts, sections, and what each row shows."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from pytestqt.modeltest import ModelTester

from crm.calendar.followups import add_follow_up, set_follow_ups_done
from crm.calendar.meetings import set_meeting_status
from crm.contacts.service import ContactFields, create_contact
from crm.store.db import Database
from crm.store.paths import DataPaths
from tests.meetings import meeting_with
from ui.calendar.agenda import AgendaModel
from ui.calendar.models import ID_ROLE, KIND_ROLE
from ui.calendar.month_model import MonthModel
from ui.calendar.week_model import WeekModel
from ui.common.two_lines import SECONDARY_ROLE
from ui.context import AppContext
from ui.hub import Hub

NEW_YORK = ZoneInfo("America/New_York")


@pytest.fixture
def ctx(db: Database, data_paths: DataPaths) -> AppContext:
    return AppContext(data_paths, db, Hub(), QUndoStack())


def busy(ctx: AppContext) -> dict[str, int]:
    db = ctx.db
    anna, _ = create_contact(db, ContactFields(first_name="Anna", last_name="<b>Lee</b>"))
    ids: dict[str, int] = {"anna": anna}
    # The clock: 2026-03-10 14:30 UTC = 10:30 in New York (EDT since 8 March).
    for name, start in (
        ("early", datetime(2026, 3, 10, 12, 0)),
        ("late", datetime(2026, 3, 11, 3, 30)),  # 23:30 on the 10th in New York
        ("next", datetime(2026, 3, 12, 15, 0)),
        ("dropped", datetime(2026, 3, 12, 16, 0)),
    ):
        ids[name], _ = meeting_with(db, name, start, [anna], NEW_YORK)
    set_meeting_status(db, ids["dropped"], "cancelled")
    ids["overdue"], _ = add_follow_up(db, anna, "Send thanks", date(2026, 3, 9))
    ids["today"], _ = add_follow_up(db, anna, "Check in", date(2026, 3, 10))
    ids["ticked"], _ = add_follow_up(db, anna, "Share article", date(2026, 3, 10))
    set_follow_ups_done(db, [ids["ticked"]], True)
    return ids


def test_models_pass_the_model_tester(ctx: AppContext, qtmodeltester: ModelTester) -> None:
    busy(ctx)
    for model in (
        MonthModel(ctx, NEW_YORK, 6),
        WeekModel(ctx, NEW_YORK, 0),
        AgendaModel(ctx, NEW_YORK),
    ):
        qtmodeltester.check(model, force_py=True)
        qtmodeltester.check(model)


def test_agenda_sections_in_local_time(ctx: AppContext) -> None:
    ids = busy(ctx)
    model = AgendaModel(ctx, NEW_YORK)
    shown = [
        (model.index(n).data(), model.index(n).data(KIND_ROLE)) for n in range(model.rowCount())
    ]
    assert shown == [
        ("Overdue", None),
        ("Send thanks", "follow_up"),
        ("Today", None),
        ("Check in", "follow_up"),
        ("Share article", "follow_up"),
        ("early", "meeting"),
        ("late", "meeting"),  # 23:30 local is still today
        ("Thursday 12 March", None),
        ("next", "meeting"),
        ("dropped", "meeting"),
    ]
    overdue = model.index(1)
    assert overdue.data(ID_ROLE) == ids["overdue"]
    assert overdue.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(4).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert model.index(6).data(SECONDARY_ROLE) == "23:30–00:00 · Anna <b>Lee</b>"
    assert model.index(9).data(SECONDARY_ROLE).endswith("cancelled")
    assert not model.flags(model.index(0)) & Qt.ItemFlag.ItemIsSelectable


def test_week_starts_on_the_given_first_day_and_places_meetings_in_slots(ctx: AppContext) -> None:
    ids = busy(ctx)
    sunday_first = WeekModel(ctx, NEW_YORK, 6)
    assert sunday_first.first_day == date(2026, 3, 8)
    monday_first = WeekModel(ctx, NEW_YORK, 0)
    assert monday_first.first_day == date(2026, 3, 9)
    # "late" starts 23:30 local on Tuesday: slot 47 of Tuesday's column.
    index = monday_first.entry_index("meeting", ids["late"])
    assert (index.parent().row(), index.parent().column()) == (47, 1)
    month = MonthModel(ctx, NEW_YORK, 6)
    assert month.first_day == date(2026, 3, 1)  # 1 March 2026 is a Sunday
    assert month.index(1, 2).data() == "10"
    titles = [month.index(n, 0, month.index(1, 2)).data() for n in range(4)]
    assert titles == [
        "Check in — Anna <b>Lee</b>",
        "Share article — Anna <b>Lee</b>",
        "08:00 early",
        "23:30 late",
    ]


def test_ticking_in_the_model_is_undoable(ctx: AppContext) -> None:
    ids = busy(ctx)
    model = AgendaModel(ctx, NEW_YORK)
    row = model.row_of("follow_up", ids["today"])
    assert model.setData(
        model.index(row), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    row = model.row_of("follow_up", ids["today"])
    assert model.index(row).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert ctx.undo_stack.undoText() == "Tick off “Check in”"
    ctx.undo_stack.undo()
    row = model.row_of("follow_up", ids["today"])
    assert model.index(row).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
