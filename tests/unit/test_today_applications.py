"""Application deadlines and interviews on the Today list, and editing an application's
dates and an opening after adding them (each undone by putting the old values back)."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest

from crm.store.db import Database
from crm.targets.applications import (
    ApplicationDates,
    ApplicationFields,
    OpeningFields,
    add_application,
    add_opening,
    list_openings,
    set_dates,
    set_status,
    undo_status,
    update_opening,
)
from crm.targets.listing import list_applications
from crm.today.day import today_items
from crm.today.jobs_day import DEADLINE, INTERVIEW
from tests.conftest import NOW

TODAY = NOW.date()
UTC_ZONE = ZoneInfo("UTC")


def lines(db: Database) -> list[tuple[str, str, date, str]]:
    return [
        (i.kind, i.title, i.due, i.contact)
        for i in today_items(db, TODAY, UTC_ZONE)
        if i.kind in (DEADLINE, INTERVIEW)
    ]


def test_deadlines_show_from_a_week_before_while_nothing_was_sent(
    db: Database, acme: tuple[int, int]
) -> None:
    company, _rosa = acme
    soon, _ = add_application(
        db, company, ApplicationFields("Analyst", deadline=TODAY + timedelta(days=7))
    )
    add_application(db, company, ApplicationFields("Later", deadline=TODAY + timedelta(days=8)))
    add_application(db, company, ApplicationFields("Missed", deadline=TODAY - timedelta(days=1)))
    assert lines(db) == [
        (DEADLINE, "Apply for Missed at Acme", TODAY - timedelta(days=1), ""),
        (DEADLINE, "Apply for Analyst at Acme", TODAY + timedelta(days=7), ""),
    ]
    record, _ = set_status(db, soon, "Applied")  # sent: no longer a deadline to meet
    assert [t for _k, t, _d, _c in lines(db)] == ["Apply for Missed at Acme"]
    undo_status(db, record)
    assert len(lines(db)) == 2


def test_interviews_this_week_show_with_the_interviewer(
    db: Database, acme: tuple[int, int]
) -> None:
    company, rosa = acme
    app, _ = add_application(
        db, company, ApplicationFields("Analyst"), contacts=((rosa, "interviewer"),)
    )
    set_status(db, app, "Interviewing")
    assert lines(db) == []  # no date yet
    set_dates(db, app, ApplicationDates(interview_on=TODAY + timedelta(days=2)))
    assert lines(db) == [
        (INTERVIEW, "Interview for Analyst at Acme", TODAY + timedelta(days=2), "Rosa Diaz")
    ]
    set_dates(db, app, ApplicationDates(interview_on=TODAY - timedelta(days=1)))
    assert lines(db) == []  # held already


def test_dates_are_edited_after_adding_and_put_back(db: Database, acme: tuple[int, int]) -> None:
    company, _rosa = acme
    app, _ = add_application(db, company, ApplicationFields("Analyst", deadline=date(2026, 4, 1)))
    new = ApplicationDates(date(2026, 3, 2), date(2026, 4, 15), date(2026, 3, 20))
    before, changes = set_dates(db, app, new)
    assert before == ApplicationDates(None, date(2026, 4, 1), None) and changes.companies
    (row,) = list_applications(db)
    assert (row.applied_on, row.deadline, row.interview_on) == (
        date(2026, 3, 2),
        date(2026, 4, 15),
        date(2026, 3, 20),
    )
    set_dates(db, app, before)
    (row,) = list_applications(db)
    assert (row.applied_on, row.deadline, row.interview_on) == (None, date(2026, 4, 1), None)


def test_undoing_applied_clears_the_day_it_filled_in(db: Database, acme: tuple[int, int]) -> None:
    app, _ = add_application(db, acme[0], ApplicationFields("Analyst"))
    record, _ = set_status(db, app, "Applied")
    assert list_applications(db)[0].applied_on == NOW.date()
    undo_status(db, record)
    assert list_applications(db)[0].applied_on is None


def test_an_opening_is_edited_after_adding_and_put_back(
    db: Database, acme: tuple[int, int]
) -> None:
    opening, _ = add_opening(db, acme[0], OpeningFields("Analyst", "https://acme.example/1"))
    before, _ = update_opening(
        db,
        opening,
        OpeningFields("Senior Analyst", "https://acme.example/2", "Site", date(2026, 3, 1)),
    )
    (row,) = list_openings(db, acme[0])
    assert (row.title, row.url, row.source, row.seen_on) == (
        "Senior Analyst",
        "https://acme.example/2",
        "Site",
        date(2026, 3, 1),
    )
    update_opening(db, opening, before)
    assert list_openings(db, acme[0])[0].title == "Analyst"
    with pytest.raises(ValueError):
        update_opening(db, opening, OpeningFields("  "))
