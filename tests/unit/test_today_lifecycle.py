"""The follow-up lifecycle with a fixed clock: nudges in business days that close themselves
when the contact replies, meets or moves on (in the history, back on undo), the second
nudge once, the thank-you note only after a meeting was held."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from crm.calendar.followups import follow_ups_of_contact, set_follow_ups_done
from crm.calendar.holding import mark_done, undo_done
from crm.calendar.meetings import MeetingFields
from crm.calendar.scheduling import create_meeting, delete_meeting, restore_meeting
from crm.contacts.history import list_history
from crm.contacts.service import ContactFields, create_contact
from crm.pipeline.card_moves import move_contacts, undo_move
from crm.pipeline.stages import list_stages
from crm.store.clock import fixed_clock
from crm.store.db import Database
from crm.today.business_days import add_business_days, business_days_between
from crm.today.day import NOT_NOW, today_items
from crm.today.log import log_contact, log_message_sent, undo_log
from tests.conftest import NOW

UTC_ZONE = ZoneInfo("UTC")
TODAY = NOW.date()  # Tuesday 10 March 2026


def stage_ids(db: Database) -> dict[str, int]:
    return {s.name: s.id for s in list_stages(db)}


def person(db: Database, first: str, stage: str = "To contact") -> int:
    new_id, _ = create_contact(
        db, ContactFields(first_name=first, last_name="Lee"), stage_id=stage_ids(db)[stage]
    )
    return new_id


def open_titles(db: Database, contact_id: int) -> list[tuple[str, date]]:
    return [(f.title, f.due_date) for f in follow_ups_of_contact(db, contact_id) if not f.done]


def reach_out(db: Database, first: str = "Anna") -> int:
    anna = person(db, first)
    move_contacts(db, [anna], stage_ids(db)["Reached out"], today=TODAY)
    return anna


def test_business_days_skip_the_weekend() -> None:
    friday = date(2026, 3, 13)
    assert add_business_days(friday, 1) == date(2026, 3, 16)  # Monday
    assert add_business_days(friday, 5) == date(2026, 3, 20)
    assert add_business_days(date(2026, 3, 14), 1) == date(2026, 3, 16)  # from a Saturday
    assert business_days_between(friday, date(2026, 3, 20)) == 5
    assert business_days_between(friday, friday) == 0


def test_reached_out_creates_a_nudge_five_business_days_later(db: Database) -> None:
    anna = reach_out(db)
    assert open_titles(db, anna) == [("Nudge if no reply", date(2026, 3, 17))]


def test_a_nudge_made_on_a_friday_falls_after_the_weekend(db: Database) -> None:
    anna = person(db, "Anna")
    friday = date(2026, 3, 13)
    move_contacts(db, [anna], stage_ids(db)["Reached out"], today=friday)
    assert open_titles(db, anna) == [("Nudge if no reply", date(2026, 3, 20))]


def test_a_reply_closes_the_nudge_in_the_history_and_undo_brings_it_back(db: Database) -> None:
    anna = reach_out(db)
    logged, _ = log_contact(db, anna, "email", direction="in", summary="Happy to talk")
    assert open_titles(db, anna) == []
    closing = [h.summary for h in list_history(db, anna) if h.kind == "followup"]
    assert closing == ["Closed “Nudge if no reply”: they replied"]
    undo_log(db, logged)
    assert open_titles(db, anna) == [("Nudge if no reply", date(2026, 3, 17))]
    assert [h.kind for h in list_history(db, anna)] == ["stage"]


def test_an_outgoing_message_does_not_close_the_nudge(db: Database) -> None:
    anna = reach_out(db)
    log_contact(db, anna, "email", direction="out", summary="One more thing")
    assert open_titles(db, anna) == [("Nudge if no reply", date(2026, 3, 17))]


def test_scheduling_a_meeting_closes_the_nudge_and_undo_reopens_it(db: Database) -> None:
    anna = reach_out(db)
    start = NOW + timedelta(days=3)
    values = MeetingFields("Coffee", start, start + timedelta(minutes=30), attendee_ids=(anna,))
    meeting_id, _, _ = create_meeting(db, values, tz=UTC_ZONE)
    assert open_titles(db, anna) == []
    assert any("a meeting was scheduled" in h.summary for h in list_history(db, anna))
    snapshot, _ = delete_meeting(db, meeting_id)  # the undo of scheduling
    assert open_titles(db, anna) == [("Nudge if no reply", date(2026, 3, 17))]
    restore_meeting(db, snapshot)  # redo
    assert open_titles(db, anna) == []


def test_moving_past_reached_out_closes_the_nudge_and_undo_of_the_move_reopens(
    db: Database,
) -> None:
    anna = reach_out(db)
    result, _ = move_contacts(db, [anna], stage_ids(db)["Not now"], today=TODAY)
    assert open_titles(db, anna) == []
    assert any(h.summary.endswith("moved on to Not now") for h in list_history(db, anna))
    undo_move(db, result)
    assert open_titles(db, anna) == [("Nudge if no reply", date(2026, 3, 17))]
    assert not any(h.kind == "followup" for h in list_history(db, anna))


def test_dropping_into_met_before_the_meeting_creates_no_thank_you(db: Database) -> None:
    anna = reach_out(db)
    start = NOW + timedelta(days=3)
    values = MeetingFields("Coffee", start, start + timedelta(minutes=30), attendee_ids=(anna,))
    create_meeting(db, values, tz=UTC_ZONE)
    move_contacts(db, [anna], stage_ids(db)["Met"], today=TODAY)
    assert open_titles(db, anna) == []


def test_marking_done_brings_one_thank_you_and_never_a_future_last_interaction(
    db: Database,
) -> None:
    anna = reach_out(db)
    start = NOW + timedelta(days=3)  # still in the future
    values = MeetingFields("Coffee", start, start + timedelta(minutes=30), attendee_ids=(anna,))
    meeting_id, _, _ = create_meeting(db, values, move_ids=(anna,), tz=UTC_ZONE)
    record, _ = mark_done(db, meeting_id, "notes", move_ids=(anna,), tz=UTC_ZONE)
    assert open_titles(db, anna) == [("Send a thank-you note", TODAY + timedelta(days=1))]
    held = [h for h in list_history(db, anna) if h.kind == "meeting"]
    assert [h.occurred_at for h in held] == [NOW]
    undo_done(db, record)
    assert open_titles(db, anna) == []


def test_marking_done_for_someone_already_in_met_brings_the_thank_you(db: Database) -> None:
    anna = person(db, "Anna", "Met")
    start = NOW - timedelta(hours=2)
    values = MeetingFields("Coffee", start, start + timedelta(minutes=30), attendee_ids=(anna,))
    meeting_id, _, _ = create_meeting(db, values, tz=UTC_ZONE)
    record, _ = mark_done(db, meeting_id, "", tz=UTC_ZONE)
    assert open_titles(db, anna) == [("Send a thank-you note", TODAY + timedelta(days=1))]
    undo_done(db, record)
    assert open_titles(db, anna) == []


def test_the_second_nudge_comes_once_then_not_now_is_suggested(db: Database) -> None:
    anna = reach_out(db)
    (first,) = [f.id for f in follow_ups_of_contact(db, anna)]
    set_follow_ups_done(db, [first], True)
    assert open_titles(db, anna) == [("Nudge again if no reply", date(2026, 3, 17))]
    (second,) = [f.id for f in follow_ups_of_contact(db, anna) if not f.done]
    set_follow_ups_done(db, [second], True)
    assert open_titles(db, anna) == []  # no third nudge: the user decides now
    later = Database(db.path, clock=fixed_clock(datetime(2026, 3, 18, 9)))
    try:
        day = date(2026, 3, 18)
        suggested = [i for i in today_items(later, day, UTC_ZONE) if i.kind == NOT_NOW]
        assert [i.contact_id for i in suggested] == [anna]
        log_contact(later, anna, "message", direction="in", summary="Sorry, busy")
        assert not [i for i in today_items(later, day, UTC_ZONE) if i.kind == NOT_NOW]
    finally:
        later.dispose()


def test_unticking_the_first_nudge_removes_the_second(db: Database) -> None:
    anna = reach_out(db)
    (first,) = [f.id for f in follow_ups_of_contact(db, anna)]
    set_follow_ups_done(db, [first], True)
    set_follow_ups_done(db, [first], False)
    assert open_titles(db, anna) == [("Nudge if no reply", date(2026, 3, 17))]


def test_sending_a_nudge_from_a_template_makes_the_second_one(db: Database) -> None:
    anna = reach_out(db)
    logged, _ = log_message_sent(db, anna, "nudge", "Re: hello", "text", today=TODAY)
    assert open_titles(db, anna) == [("Nudge again if no reply", date(2026, 3, 17))]
    history = [h.summary for h in list_history(db, anna) if h.kind == "email"]
    assert history == ["Email sent: Re: hello"]
    undo_log(db, logged)
    assert open_titles(db, anna) == [("Nudge if no reply", date(2026, 3, 17))]


def test_an_outreach_message_expects_a_reply(db: Database) -> None:
    anna = person(db, "Anna")
    log_message_sent(db, anna, "outreach", "A question", "text", today=TODAY)
    assert open_titles(db, anna) == [("Nudge if no reply", date(2026, 3, 17))]


def test_nothing_is_logged_later_than_now(db: Database) -> None:
    anna = person(db, "Anna")
    with pytest.raises(ValueError, match="later than now"):
        log_contact(db, anna, "call", at=NOW + timedelta(minutes=5))
    assert list_history(db, anna) == []
