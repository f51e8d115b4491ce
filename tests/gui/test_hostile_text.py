"""User text is never rich text: hostile HTML in every field shows as the characters typed.

Qt guesses rich text in labels, tooltips and message boxes, and rich text loads local
files named by `<img>` (a title naming /dev/zero crashed the app on hover). Every user
field is filled with markup naming an image file the test creates; then every page,
dialog and tooltip is opened and nothing may show that markup as markup.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractListModel, QEvent, QModelIndex, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QImage
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QTabWidget,
    QToolTip,
    QWidget,
)
from pytestqt.qtbot import QtBot

from crm.calendar.meetings import all_meetings
from crm.changes import EVERYTHING
from crm.samples.data import load_sample_data
from crm.store.localtime import local_zone, to_local
from tests.gui.conftest import MessageBoxes
from ui.calendar.followup_dialog import FollowUpDialog
from ui.calendar.grid_base import GridView
from ui.calendar.meeting_dialog import DoneDialog, MeetingDialog
from ui.calendar.page import CalendarPage
from ui.common.plain_text import notification_body
from ui.companies.page import CompaniesPage
from ui.contacts.page import ContactsPage
from ui.duplicates.dialog import DuplicatesDialog
from ui.importing.start import start_import
from ui.main_window import MainWindow
from ui.pipeline.stage_dialog import StageManagerDialog
from ui.prep.advice import AdvicePage
from ui.prep.answers import RecordAnswersDialog
from ui.prep.dialog import open_prep_dialog

# Qt quirk: the offscreen platform warns on every top-level window (and tooltip) it shows.
pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise"
)

# Every text column a user writes, by table; names that must stay unique get their id.
USER_FIELDS = {
    "contacts": ("first_name", "last_name", "title", "location", "source", "notes"),
    "companies": ("name", "industry", "location", "website", "notes"),
    "meetings": ("title", "location", "goal", "notes"),
    "follow_ups": ("title",),
    "questions": ("text", "category"),
    "meeting_questions": ("text", "answer"),
    "stages": ("name", "followup_title"),
    "tags": ("name",),
    "interactions": ("summary", "body"),
    "contact_channels": ("value",),
}
UNIQUE = {("companies", "name"), ("stages", "name"), ("tags", "name")}


def hostile(image: Path) -> str:
    return f'<b>Eve</b> <img src="{image}"> & <i>Ito</i>'


def shows_markup(text: str) -> bool:
    """True when Qt would read `text` as rich text with the hostile tags in it."""
    rich = Qt.mightBeRichText(text)  # type: ignore[attr-defined]  # QtGui adds it to Qt
    return bool(rich) and ("<b>Eve" in text or "<img" in text)


@pytest.fixture
def window(main_window: MainWindow, tmp_path: Path) -> Iterator[MainWindow]:
    image = tmp_path / "pixel.png"
    assert QImage(4, 4, QImage.Format.Format_RGB32).save(str(image))
    ctx = main_window.ctx
    ctx.hub.apply(load_sample_data(ctx.db))
    with ctx.db.connection() as conn:
        for table, columns in USER_FIELDS.items():
            for column in columns:
                value = "? || ' ' || id" if (table, column) in UNIQUE else "?"
                conn.execute(f"UPDATE {table} SET {column} = {value}", (hostile(image),))
        conn.commit()
    ctx.hub.apply(EVERYTHING)
    main_window.resize(1280, 860)
    main_window.show()
    yield main_window


def check_widgets(top: QWidget) -> int:
    """Labels and widget tooltips under `top` show no markup; returns how many were read."""
    seen = 0
    for label in [top, *top.findChildren(QWidget)]:
        tip = label.toolTip()
        assert not shows_markup(tip), (label.objectName(), tip)
        if isinstance(label, QLabel) and label.isVisible():
            seen += 1
            if label.textFormat() != Qt.TextFormat.PlainText:
                assert not shows_markup(label.text()), (label.objectName(), label.text())
    return seen


def shown_tooltip(widget: QWidget, pos: QPoint) -> str:
    QToolTip.hideText()
    event = QHelpEvent(QEvent.Type.ToolTip, pos, widget.mapToGlobal(pos))
    QApplication.sendEvent(widget, event)
    return QToolTip.text() if QToolTip.isVisible() else ""


def check_views(top: QWidget) -> int:
    """Hover every visible row of every view under `top`; returns how many tooltips showed."""
    shown = 0
    for view in top.findChildren(QAbstractItemView):
        model = view.model()
        if not view.isVisible() or model is None:
            continue
        parents = [QModelIndex()] + [model.index(r, 0) for r in range(min(model.rowCount(), 60))]
        for parent in parents:
            for row in range(min(model.rowCount(parent), 60)):
                flat = isinstance(model, QAbstractListModel)  # Qt hides its columnCount
                for column in range(1 if flat else model.columnCount(parent)):
                    index = model.index(row, column, parent)
                    tip = index.data(Qt.ItemDataRole.ToolTipRole)
                    assert not shows_markup(str(tip or "")), tip
                    rect = view.visualRect(index)
                    if rect.isValid() and view.viewport().rect().contains(rect.center()):
                        text = shown_tooltip(view.viewport(), rect.center())
                        assert not shows_markup(text), text
                        shown += bool(text)
    for grid in top.findChildren(GridView):
        if not grid.isVisible():
            continue
        hovered: set[tuple[int, int]] = set()
        for x in range(4, grid.width(), 12):
            for y in range(4, grid.height(), 6):
                index = grid.entry_at(QPoint(x, y))
                key = (index.internalId(), index.row())
                if index.isValid() and key not in hovered:
                    hovered.add(key)
                    text = shown_tooltip(grid, QPoint(x, y))
                    assert text and not shows_markup(text), text
                    shown += 1
    return shown


def test_every_page_and_tooltip_shows_user_text_as_plain_text(
    window: MainWindow, qtbot: QtBot, message_boxes: MessageBoxes
) -> None:
    tooltips = 0
    for page_id in ("contacts", "pipeline", "calendar", "companies", "advice"):
        page = window.show_page(page_id)
        QApplication.processEvents()
        if isinstance(page, ContactsPage):
            page.select_contact(page.model.contact_id(0))
        if isinstance(page, CompaniesPage):
            page.view.selectRow(0)
        if isinstance(page, CalendarPage):
            # The sample meetings are around today: the month shows them; so does the week.
            page.week_model.show_week(page.month_model.today())
        QApplication.processEvents()
        check_widgets(window)
        tooltips += check_views(window)
        if isinstance(page, ContactsPage):
            page.detail.tabs.setCurrentIndex(1)  # the history
            QApplication.processEvents()
            tooltips += check_views(window)
        if isinstance(page, CalendarPage):
            page.week_button.click()
            QApplication.processEvents()
            tooltips += check_views(window)
        if isinstance(page, AdvicePage):
            tabs = page.findChild(QTabWidget, "adviceTabs")
            assert tabs is not None
            tabs.setCurrentIndex(1)  # the question bank
            QApplication.processEvents()
            check_widgets(window)
            tooltips += check_views(window)
    assert tooltips > 50  # the rows were really hovered
    assert message_boxes.shown == []


def test_every_dialog_shows_user_text_as_plain_text(
    window: MainWindow, qtbot: QtBot, message_boxes: MessageBoxes, tmp_path: Path
) -> None:
    ctx = window.ctx
    zone = local_zone()
    meeting = next(m for m in all_meetings(ctx.db) if m.attendees)
    dialogs: list[QWidget] = [
        open_prep_dialog(ctx, window, meeting_id=meeting.id),
        RecordAnswersDialog(ctx, meeting.id, window),
        DuplicatesDialog(ctx, window),
        StageManagerDialog(ctx, window),
        MeetingDialog(ctx.db, zone, window, meeting=meeting),
        DoneDialog(ctx.db, meeting, window),
        FollowUpDialog(
            ctx.db,
            to_local(meeting.start_at, zone).date() + timedelta(days=1),
            window,
            contact=(meeting.attendees[0].contact_id, meeting.attendees[0].name),
        ),
    ]
    csv = tmp_path / "people.csv"
    text = hostile(tmp_path / "pixel.png")
    csv.write_text(
        "First Name,Last Name,Company,Position\n"
        f'"{text}","{text}","{text}","{text}"\n'
        f'Anna,Lee,"{text}","{text}"\n',
        encoding="utf-8",
    )
    preview = start_import(ctx, window, csv)
    assert preview is not None
    dialogs.append(preview)
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        QApplication.processEvents()
        assert check_widgets(dialog) > 0
        check_views(dialog)
        dialog.hide()

    # A file that cannot be read is named in the message: as plain text.
    unreadable = tmp_path / "<b>Eve<img src=pixel.png>.vcf"
    unreadable.write_bytes(b"\x00\x01 not a card")
    assert start_import(ctx, window, unreadable) is None
    assert [title for title, _text in message_boxes.shown] == ["Cannot import"]
    assert "<b>Eve" in message_boxes.texts()[0]  # shown as typed, by a plain-text box


def test_desktop_notifications_escape_their_body(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("ui.common.plain_text.QGuiApplication.platformName", lambda: "xcb")
    assert notification_body('<b>Eve</b> <img src="/dev/zero">') == (
        '&lt;b&gt;Eve&lt;/b&gt; &lt;img src="/dev/zero"&gt;'
    )
