"""Every item model in ui/ passes pytest-qt's model tester, on real data and while it changes.

`TESTED` names, for each model class, the test that runs the model tester on it; the
last test walks ui/ and fails for a model class that has none.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

import ui
from crm.contacts.listing import contact_choices
from crm.pipeline.stages import list_stages
from crm.samples.data import load_sample_data
from ui.backups.model import BackupListModel
from ui.calendar.agenda import AgendaModel
from ui.calendar.attendees import AttendeePicker, ChosenModel
from ui.calendar.month_model import MonthModel
from ui.calendar.page import CalendarPage
from ui.calendar.week_model import WeekModel

# Model class -> "test module::test function" that runs the model tester on it.
from ui.companies.job_models import ApplicationsModel, FilesModel, OpeningsModel
from ui.companies.meetings_model import CompanyMeetingsModel
from ui.companies.model import CompaniesModel, CompanyContactsModel
from ui.companies.page import CompaniesPage
from ui.companies.targets_model import TargetsModel
from ui.contacts.history import HistoryModel
from ui.contacts.model import ContactTableModel
from ui.contacts.page import ContactsPage
from ui.duplicates.dialog import DuplicatesModel
from ui.importing.models import PreviewModel, ProblemsModel, SampleRowsModel
from ui.main_window import MainWindow
from ui.pipeline.model import BoardModel
from ui.pipeline.page import PipelinePage
from ui.pipeline.stage_dialog import StageListModel
from ui.prep.advice_models import AdviceAnswersModel, AdviceTopicsModel
from ui.prep.models import ChosenQuestionsModel, QuestionBankModel
from ui.sync.conflicts_dialog import ConflictsModel
from ui.today.model import TodayModel

TESTED: dict[type, str] = {
    TargetsModel: "test_targets_view::test_the_model_keeps_qts_contracts",
    OpeningsModel: "test_jobs_dialog::test_the_models_keep_qts_contracts",
    ApplicationsModel: "test_jobs_dialog::test_the_models_keep_qts_contracts",
    FilesModel: "test_jobs_dialog::test_the_models_keep_qts_contracts",
    ContactTableModel: "test_models::test_contacts_and_history",
    HistoryModel: "test_models::test_contacts_and_history",
    CompaniesModel: "test_models::test_companies",
    CompanyContactsModel: "test_models::test_companies",
    MonthModel: "test_models::test_calendar_grids_and_agenda_while_entries_move",
    WeekModel: "test_models::test_calendar_grids_and_agenda_while_entries_move",
    AgendaModel: "test_models::test_calendar_grids_and_agenda_while_entries_move",
    ChosenModel: "test_models::test_attendee_lists",
    StageListModel: "test_models::test_stage_list",
    BoardModel: "test_models::test_board_while_cards_move",
    QuestionBankModel: "test_prep_dialog::test_models_pass_the_model_tester",
    ChosenQuestionsModel: "test_models::test_chosen_questions_while_they_move",
    AdviceTopicsModel: "test_prep_dialog::test_models_pass_the_model_tester",
    AdviceAnswersModel: "test_prep_dialog::test_models_pass_the_model_tester",
    PreviewModel: "test_import_dialog::test_preview_import_and_one_undo",
    ProblemsModel: "test_import_dialog::test_preview_import_and_one_undo",
    SampleRowsModel: "test_import_dialog::test_unknown_csv_goes_through_column_mapping",
    BackupListModel: (
        "test_backup_actions::test_the_dialog_lists_backups_with_date_reason_and_contacts"
    ),
    DuplicatesModel: "test_duplicates_dialog::test_merge_from_the_dialog_and_undo",
    CompanyMeetingsModel: "test_models::test_companies",
    TodayModel: "test_today_page::test_the_model_keeps_qts_contracts_while_lines_go",
    ConflictsModel: (
        "test_sync_window::test_a_conflict_is_settled_in_the_window_and_undo_brings_it_back"
    ),
}


@pytest.fixture
def window(main_window: MainWindow) -> Iterator[MainWindow]:
    """The main window on the sample data: every page has rows to show."""
    main_window.ctx.hub.apply(load_sample_data(main_window.ctx.db))
    yield main_window


def page_of(window: MainWindow, page_id: str) -> object:
    page = window.show_page(page_id)
    QApplication.processEvents()
    return page


def test_contacts_and_history(window: MainWindow, qtmodeltester: ModelTester) -> None:
    page = page_of(window, "contacts")
    assert isinstance(page, ContactsPage) and page.model.rowCount() > 5
    qtmodeltester.check(page.model)
    page.select_contact(page.model.contact_id(0))
    timeline = page.detail.timeline.model
    assert timeline.rowCount() > 0
    qtmodeltester.check(timeline, force_py=True)
    page.select_contact(page.model.contact_id(1))  # the history changes under the tester


def test_companies(window: MainWindow, qtmodeltester: ModelTester) -> None:
    page = page_of(window, "companies")
    assert isinstance(page, CompaniesPage) and page.model.rowCount() > 2
    qtmodeltester.check(page.model)
    page.view.selectRow(0)
    assert page.contacts_model.rowCount() > 0
    qtmodeltester.check(page.contacts_model)
    with_meetings = [
        row for row in range(page.model.rowCount()) if select_company(page, row).rowCount() > 0
    ]
    assert with_meetings
    select_company(page, with_meetings[0])
    qtmodeltester.check(page.meetings_model)


def select_company(page: CompaniesPage, row: int) -> CompanyMeetingsModel:
    page.view.selectRow(row)
    return page.meetings_model


def test_calendar_grids_and_agenda_while_entries_move(
    window: MainWindow, qtmodeltester: ModelTester
) -> None:
    page = page_of(window, "calendar")
    assert isinstance(page, CalendarPage)
    for model in (page.month_model, page.week_model, page.agenda_model):
        qtmodeltester.check(model, force_py=True)
    assert page.agenda_model.rowCount() > 2
    first = page.month_model.first_day
    page.month_model.set_first_day(first.replace(day=1))  # a reset under the tester
    undo = window.ctx.undo_stack
    while undo.canUndo():  # the sample data as it was loaded, then back
        undo.undo()
    while undo.canRedo():
        undo.redo()


def test_attendee_lists(window: MainWindow, qtbot: QtBot, qtmodeltester: ModelTester) -> None:
    picker = AttendeePicker(window.ctx.db, window)  # outlives the tester
    qtmodeltester.check(picker.matches, force_py=True)
    qtmodeltester.check(picker.chosen, force_py=True)
    qtbot.keyClicks(picker.search, "a")
    assert picker.matches.rowCount() > 0
    for choice in contact_choices(window.ctx.db, "a", limit=3):
        picker.add(choice.id, choice.label)
    assert picker.chosen.rowCount() == 3
    picker.chosen.remove_row(1)


def test_stage_list(window: MainWindow, qtmodeltester: ModelTester) -> None:
    model = StageListModel(window.ctx)
    assert model.rowCount() == len(list_stages(window.ctx.db))
    qtmodeltester.check(model, force_py=True)
    model.reload()


def test_board_while_cards_move(window: MainWindow, qtmodeltester: ModelTester) -> None:
    page = page_of(window, "pipeline")
    assert isinstance(page, PipelinePage)
    page.ensure_board()
    model = page.model
    assert model is not None
    qtmodeltester.check(model, force_py=True)
    stages = model.stages()
    first, second = stages[0].id, stages[1].id
    moving = model.ids_in(first)[:2]
    assert moving
    assert page.move_cards(moving, second, None)  # to another column
    rest = model.ids_in(second)
    assert page.move_cards(rest[-1:], second, rest[0])  # within the column
    window.ctx.undo_stack.undo()
    window.ctx.undo_stack.undo()
    window.ctx.undo_stack.redo()
    qtmodeltester.check(model, force_py=True)


def test_chosen_questions_while_they_move(qtmodeltester: ModelTester) -> None:
    from crm.prep.questions import ChosenQuestion

    model = ChosenQuestionsModel()
    qtmodeltester.check(model, force_py=True)
    for text in ("A?", "B?", "C?"):
        model.append(ChosenQuestion(text))
    assert model.move(0, 3)
    model.remove(1)
    assert model.texts() == ["B?", "A?"]


def _model_classes() -> set[type]:
    found: set[type] = set()
    for info in pkgutil.walk_packages(ui.__path__, "ui."):
        module = importlib.import_module(info.name)
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, QAbstractItemModel) and value.__module__ == info.name:
                found.add(value)
    return found


def test_every_model_in_ui_has_a_model_tester_test() -> None:
    classes = _model_classes()
    # A base (subclassed by another model of ui/) is tested through its subclasses.
    leaves = {c for c in classes if not any(o is not c and issubclass(o, c) for o in classes)}
    untested = sorted(c.__qualname__ for c in leaves - set(TESTED))
    assert not untested, f"add a qtmodeltester test and list it in TESTED: {untested}"
    for model, where in TESTED.items():
        module_name, function = where.split("::")
        module = importlib.import_module(f"tests.gui.{module_name}")
        source = inspect.getsource(getattr(module, function))
        assert "qtmodeltester" in source, (model.__qualname__, where)
