"""Keep-in-touch cadence with a fixed clock: defaults from stage and tag, the contact's own
interval, reset by every kind of interaction, dates in the user's zone across DST."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from crm.contacts.history import log_interaction
from crm.contacts.service import ContactFields, create_contact
from crm.pipeline.card_moves import move_contacts
from crm.pipeline.stages import list_stages
from crm.store.clock import fixed_clock
from crm.store.db import Database
from crm.today.cadence import (
    cadences,
    describe,
    keep_in_touch_due,
    set_contact_cadence,
    set_stage_cadence,
    set_tag_cadence,
)
from crm.today.cadence_sql import REACH_OUT_SQL
from crm.today.log import log_contact
from crm.today.touch_snooze import snooze_keep_in_touch, snoozed_until
from tests.conftest import NOW

UTC_ZONE = ZoneInfo("UTC")
BERLIN = ZoneInfo("Europe/Berlin")
TODAY = NOW.date()


def keep_in_touch(db: Database, first: str, tags: tuple[str, ...] = ()) -> int:
    stage = {s.name: s.id for s in list_stages(db)}["Keep in touch"]
    new_id, _ = create_contact(
        db, ContactFields(first_name=first, last_name="Ito"), tags=list(tags), stage_id=stage
    )
    return new_id


def test_the_keep_in_touch_stage_defaults_to_three_months_from_creation(db: Database) -> None:
    aiko = keep_in_touch(db, "Aiko")
    found = cadences(db, [aiko], UTC_ZONE)[aiko]
    assert (found.days, found.source) == (90, "stage Keep in touch")
    assert found.next_date == TODAY + timedelta(days=90)
    assert describe(90) == "Every 3 months" and describe(45) == "Every 45 days"


@pytest.mark.parametrize("kind", ["email", "call", "message", "note", "meeting"])
def test_every_kind_of_interaction_resets_the_date(db: Database, kind: str) -> None:
    aiko = keep_in_touch(db, "Aiko")
    log_interaction(db, aiko, "email", NOW - timedelta(days=200), "Old news")
    assert cadences(db, [aiko], UTC_ZONE)[aiko].next_date == TODAY - timedelta(days=110)
    assert [c.contact_id for c in keep_in_touch_due(db, TODAY, UTC_ZONE)] == [aiko]
    log_contact(db, aiko, kind, summary="Caught up", at=NOW - timedelta(days=1))
    assert cadences(db, [aiko], UTC_ZONE)[aiko].next_date == TODAY + timedelta(days=89)
    assert keep_in_touch_due(db, TODAY, UTC_ZONE) == []


def test_stage_moves_and_closings_do_not_count_as_being_in_touch(db: Database) -> None:
    aiko = keep_in_touch(db, "Aiko")
    log_interaction(db, aiko, "email", NOW - timedelta(days=200), "Old news")
    stages = {s.name: s.id for s in list_stages(db)}
    move_contacts(db, [aiko], stages["Thanked"], today=TODAY)
    move_contacts(db, [aiko], stages["Keep in touch"], today=TODAY)
    assert cadences(db, [aiko], UTC_ZONE)[aiko].next_date == TODAY - timedelta(days=110)


def test_own_interval_beats_tag_which_beats_stage_and_zero_means_none(db: Database) -> None:
    aiko = keep_in_touch(db, "Aiko", tags=("mentor", "close"))
    set_tag_cadence(db, "mentor", 30)
    set_tag_cadence(db, "close", 14)
    assert cadences(db, [aiko], UTC_ZONE)[aiko].days == 14  # the shortest tag
    old, _ = set_contact_cadence(db, aiko, 60)
    assert old is None and cadences(db, [aiko], UTC_ZONE)[aiko].source == "own"
    set_contact_cadence(db, aiko, 0)
    assert cadences(db, [aiko], UTC_ZONE)[aiko].next_date is None
    set_contact_cadence(db, aiko, None)
    assert cadences(db, [aiko], UTC_ZONE)[aiko].days == 14


def test_a_stage_without_interval_gets_one(db: Database) -> None:
    stages = {s.name: s.id for s in list_stages(db)}
    new_id, _ = create_contact(db, ContactFields("Ravi"), stage_id=stages["Thanked"])
    assert cadences(db, [new_id], UTC_ZONE)[new_id].days is None
    set_stage_cadence(db, stages["Thanked"], 182)
    assert cadences(db, [new_id], UTC_ZONE)[new_id].days == 182
    with pytest.raises(ValueError):
        set_stage_cadence(db, stages["Thanked"], -1)


def test_the_next_date_counts_from_the_local_day_across_dst(db: Database) -> None:
    aiko = keep_in_touch(db, "Aiko")
    set_contact_cadence(db, aiko, 14)
    # 22:30 UTC on Saturday 24 October is 00:30 on Sunday 25 October in Berlin (summer time,
    # the night the clocks go back): the local day is the 25th.
    late = Database(db.path, clock=fixed_clock(datetime(2026, 11, 20, 12)))
    try:
        log_contact(late, aiko, "call", at=datetime(2026, 10, 24, 22, 30))
        assert cadences(late, [aiko], BERLIN)[aiko].next_date == date(2026, 11, 8)
        assert cadences(late, [aiko], UTC_ZONE)[aiko].next_date == date(2026, 11, 7)
        # 23:30 UTC on 28 March is 01:30 on 29 March in Berlin, the night clocks go forward.
        log_contact(late, aiko, "note", at=datetime(2026, 11, 20, 11))
        log_interaction(late, aiko, "note", datetime(2026, 3, 28, 23, 30), "old")
        assert cadences(late, [aiko], BERLIN)[aiko].next_date == date(2026, 12, 4)
    finally:
        late.dispose()


def test_archived_and_closed_stage_contacts_are_not_due(db: Database) -> None:
    aiko = keep_in_touch(db, "Aiko")
    log_interaction(db, aiko, "email", NOW - timedelta(days=200), "Old news")
    stages = {s.name: s.id for s in list_stages(db)}
    move_contacts(db, [aiko], stages["Not now"], today=TODAY)
    set_contact_cadence(db, aiko, 30)
    assert keep_in_touch_due(db, TODAY, UTC_ZONE) == []


def test_the_contacts_table_sorts_by_the_same_date_as_today(db: Database) -> None:
    from crm.contacts.listing import SortKey, fetch_rows, list_contact_ids
    from crm.store.localtime import local_zone

    aiko, ben, cleo = (keep_in_touch(db, n) for n in ("Aiko", "Ben", "Cleo"))
    set_contact_cadence(db, cleo, 0)  # none: at the bottom either way
    log_interaction(db, aiko, "call", NOW - timedelta(days=10), "Call")
    log_interaction(db, ben, "note", NOW - timedelta(days=40), "Note")
    assert list_contact_ids(db, sort=SortKey.REACH_OUT) == [ben, aiko, cleo]
    assert list_contact_ids(db, sort=SortKey.REACH_OUT, descending=True) == [aiko, ben, cleo]
    rows = fetch_rows(db, [aiko, ben, cleo], today=TODAY)
    expected = cadences(db, [aiko, ben, cleo], local_zone())
    assert {i: r.reach_out for i, r in rows.items()} == {
        i: c.next_date for i, c in expected.items()
    }
    assert rows[cleo].reach_out is None


def test_the_pipeline_card_carries_the_same_date(db: Database) -> None:
    from crm.pipeline.board import card_rows
    from crm.store.localtime import local_zone

    aiko = keep_in_touch(db, "Aiko")
    log_interaction(db, aiko, "call", NOW - timedelta(days=100), "Call")
    expected = cadences(db, [aiko], local_zone())[aiko].next_date
    assert expected == TODAY - timedelta(days=10)
    assert card_rows(db, [aiko])[aiko].reach_out == expected


def test_a_snoozed_line_waits_and_the_interval_stays_as_it_was(db: Database) -> None:
    aiko = keep_in_touch(db, "Aiko")
    log_interaction(db, aiko, "email", NOW - timedelta(days=200), "Old news")
    before, _ = snooze_keep_in_touch(db, aiko, TODAY + timedelta(days=7))
    assert before is None
    assert keep_in_touch_due(db, TODAY, UTC_ZONE) == []
    found = cadences(db, [aiko], UTC_ZONE)[aiko]
    assert (found.days, found.next_date) == (90, TODAY + timedelta(days=7))
    assert reach_out_dates(db) == {aiko: (TODAY + timedelta(days=7)).isoformat()}
    assert [c.contact_id for c in keep_in_touch_due(db, TODAY + timedelta(days=7), UTC_ZONE)] == [
        aiko
    ]
    # Logging something still resets the date from the interaction, past the snooze.
    log_contact(db, aiko, "call", summary="Caught up", at=NOW - timedelta(days=1))
    assert cadences(db, [aiko], UTC_ZONE)[aiko].next_date == TODAY + timedelta(days=89)
    # Undo puts the line back where it was.
    assert snooze_keep_in_touch(db, aiko, None)[0] == TODAY + timedelta(days=7)
    assert snoozed_until(db, aiko) is None


def reach_out_dates(db: Database) -> dict[int, str]:
    with db.connection() as conn:
        return {
            int(r[0]): str(r[1])
            for r in conn.execute(f"SELECT c.id, {REACH_OUT_SQL} FROM contacts c")
            if r[1] is not None
        }
