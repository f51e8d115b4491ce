"""The Today list on the sample data shows every kind of item, and the outreach goal counts
new people contacted this week."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from crm.contacts.service import ContactFields, create_contact
from crm.samples.data import load_sample_data
from crm.store.clock import fixed_clock
from crm.store.db import Database
from crm.store.paths import DataPaths
from crm.store.schema import open_database
from crm.today.day import GOAL, KINDS, NUDGE, today_items
from crm.today.log import log_contact
from crm.today.preferences import WEEKLY_GOAL_KEY, set_setting
from tests.conftest import NOW

UTC_ZONE = ZoneInfo("UTC")


@pytest.mark.parametrize(
    "at",
    [NOW, datetime(2026, 3, 13, 9), datetime(2026, 3, 15, 20)],
    ids=["tuesday", "friday", "sunday"],
)
def test_the_sample_data_shows_every_kind_of_today_item(
    data_paths: DataPaths, at: datetime
) -> None:
    db = open_database(data_paths, clock=fixed_clock(at)).database
    try:
        load_sample_data(db)
        items = today_items(db, at.date(), UTC_ZONE)
    finally:
        db.dispose()
    kinds = Counter(i.kind for i in items)
    assert set(kinds) == set(KINDS), kinds
    nudges = [i for i in items if i.kind == NUDGE]
    assert any(i.due <= at.date() for i in nudges)  # a nudge due (overdue) today
    assert "Anna Lee" in {i.contact for i in nudges}


def test_the_goal_counts_people_written_to_for_the_first_time_this_week(db: Database) -> None:
    set_setting(db, WEEKLY_GOAL_KEY, "3")
    people = [create_contact(db, ContactFields(f"P{i}"))[0] for i in range(3)]
    log_contact(db, people[0], "email", direction="out", at=NOW - timedelta(days=1))  # Monday
    log_contact(db, people[1], "message", direction="out", at=NOW)
    log_contact(db, people[1], "email", direction="out", at=NOW)  # same person again
    log_contact(db, people[2], "email", direction="in", at=NOW)  # their message: not outreach
    old = create_contact(db, ContactFields("Old"))[0]
    log_contact(db, old, "email", direction="out", at=NOW - timedelta(days=9))
    log_contact(db, old, "email", direction="out", at=NOW)  # not new this week
    (goal,) = [i for i in today_items(db, NOW.date(), UTC_ZONE) if i.kind == GOAL]
    assert goal.title == "2 of 3 new people contacted this week"
    assert goal.as_json()["due"] == "2026-03-15" and goal.as_json()["contact"] is None


def test_the_json_export_carries_cadence_lifecycle_and_templates(db: Database) -> None:
    from crm.exporting.json_dump import dump_everything
    from crm.today.cadence import set_contact_cadence

    anna = create_contact(db, ContactFields("Anna"))[0]
    set_contact_cadence(db, anna, 30)
    log_contact(db, anna, "email", direction="out", at=NOW - timedelta(days=1))
    log_contact(db, anna, "email", direction="in", at=NOW)
    tables = dump_everything(db)["tables"]
    assert tables["contacts"][0]["cadence_days"] == 30
    assert [i["direction"] for i in tables["interactions"]][:2] == ["out", "in"]
    assert [t["kind"] for t in tables["message_templates"]][:4] == [
        "outreach",
        "nudge",
        "thanks",
        "keep_in_touch",
    ]
