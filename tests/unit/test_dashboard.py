"""The dashboard's numbers on a small history computed by hand."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from crm.calendar.holding import mark_done
from crm.companies.service import list_companies
from crm.contacts.service import ContactFields, create_contact
from crm.pipeline.card_moves import move_contacts
from crm.pipeline.stages import list_stages
from crm.store.db import Database
from crm.targets.applications import ApplicationFields, add_application, set_status
from crm.targets.targets import TargetFields, set_target_fields
from crm.today.dashboard import DashboardData, dashboard
from crm.today.log import log_contact
from crm.today.referral_tree import APPLICATION, PERSON, ReferralTree, TreeLine
from tests.conftest import NOW
from tests.people import half_hour_meeting

UTC_ZONE = ZoneInfo("UTC")


def build(db: Database) -> dict[str, int]:
    """A: never contacted. B: written to on 2 Mar, no answer. C: written to on 23 Feb,
    replied, met on 27 Feb (held). D: introduced by C, written to on 9 Mar, moved to Not
    now. Today is Tuesday 10 March 2026."""
    stages = {s.name: s.id for s in list_stages(db)}
    ids = {}
    ids["A"], _ = create_contact(db, ContactFields("Ann", "A"))
    ids["B"], _ = create_contact(db, ContactFields("Ben", "B"))
    ids["C"], _ = create_contact(db, ContactFields("Cleo", "C", company="Northwind"))
    ids["D"], _ = create_contact(
        db, ContactFields("Dan", "D", company="Northwind", referred_by_id=ids["C"])
    )
    log_contact(db, ids["B"], "email", direction="out", at=datetime(2026, 3, 2, 10))
    log_contact(db, ids["C"], "email", direction="out", at=datetime(2026, 2, 23, 10))
    log_contact(db, ids["C"], "email", direction="in", at=datetime(2026, 2, 24, 10))
    log_contact(db, ids["D"], "message", direction="out", at=datetime(2026, 3, 9, 9))
    move_contacts(db, [ids["B"], ids["C"], ids["D"]], stages["Reached out"], today=NOW.date())
    move_contacts(db, [ids["C"]], stages["Scheduled"], today=NOW.date())
    move_contacts(db, [ids["D"]], stages["Not now"], today=NOW.date())
    start = datetime(2026, 2, 27, 10)
    meeting = half_hour_meeting(db, "Coffee", start, (ids["C"],), UTC_ZONE)
    mark_done(db, meeting, "", move_ids=(ids["C"],), tz=UTC_ZONE)
    return ids


def hand_computed() -> DashboardData:
    monday = date(2026, 3, 9)
    weeks = tuple(monday - timedelta(weeks=11 - n) for n in range(12))
    return DashboardData(
        funnel=(),
        contacted=3,
        replied=1,
        median_days_to_meeting=4.0,
        weeks=weeks,
        meetings_held=(0,) * 9 + (1, 0, 0),
        new_contacted=(0,) * 9 + (1, 1, 1),
        goal=5,
        referrals=(
            ReferralTree(
                "Northwind", None, (TreeLine(0, PERSON, "Cleo C"), TreeLine(1, PERSON, "Dan D"))
            ),
        ),
    )


def test_the_numbers_match_the_hand_computed_history(db: Database) -> None:
    build(db)
    data = dashboard(db, NOW.date(), UTC_ZONE)
    funnel = [(s.stage, s.reached) for s in data.funnel]
    assert funnel == [
        ("To contact", 4),
        ("Reached out", 3),
        ("Scheduled", 1),
        ("Met", 1),
        ("Thanked", 0),
        ("Keep in touch", 0),
    ]
    expected = hand_computed()
    assert data.contacted == expected.contacted and data.replied == expected.replied
    assert data.reply_rate is not None and round(data.reply_rate, 3) == 0.333
    assert data.median_days_to_meeting == expected.median_days_to_meeting
    assert data.weeks == expected.weeks
    assert data.meetings_held == expected.meetings_held
    assert data.new_contacted == expected.new_contacted
    assert data.goal == 5
    assert data.referrals == expected.referrals


def test_an_empty_file_has_no_rates(db: Database) -> None:
    data = dashboard(db, NOW.date(), UTC_ZONE)
    assert data.reply_rate is None and data.median_days_to_meeting is None
    assert sum(data.meetings_held) == 0 and data.referrals == ()
    assert [s.reached for s in data.funnel] == [0] * 6


def test_applications_are_counted_by_status_and_referral(db: Database) -> None:
    ids = build(db)
    company = next(c.id for c in list_companies(db) if c.name == "Northwind")
    add_application(
        db, company, ApplicationFields("Analyst"), contacts=((ids["C"], "referred_by"),)
    )
    second, _ = add_application(db, company, ApplicationFields("Engineer"))
    set_status(db, second, "Applied")
    data = dashboard(db, NOW.date(), UTC_ZONE)
    assert dict(data.applications) == {
        "Interested": 1,
        "Applied": 1,
        "Interviewing": 0,
        "Offer": 0,
        "Accepted": 0,
        "Rejected": 0,
        "Withdrawn": 0,
    }
    assert (data.application_count, data.referred_applications) == (2, 1)


def test_referrals_are_a_tree_per_company_targets_first(db: Database) -> None:
    """Eve (at Globex) introduced Cleo, who introduced Dan and Fay at Northwind and referred
    the user's application there; Northwind is the top target, Acme the second."""
    eve, _ = create_contact(db, ContactFields("Eve", "E", company="Globex"))
    cleo, _ = create_contact(
        db, ContactFields("Cleo", "C", company="Northwind", referred_by_id=eve)
    )
    for first in ("Fay", "Dan"):
        create_contact(db, ContactFields(first, first[0], company="Northwind", referred_by_id=cleo))
    create_contact(db, ContactFields("Gus", "G", company="Acme", referred_by_id=eve))
    create_contact(db, ContactFields("Hal", "H", company="Zeta", referred_by_id=eve))
    companies = {c.name: c.id for c in list_companies(db)}
    for rank, name in enumerate(("Northwind", "Acme"), start=1):
        set_target_fields(db, companies[name], TargetFields(True, 2, "unknown", "", float(rank)))
    add_application(
        db, companies["Northwind"], ApplicationFields("Analyst"), contacts=((cleo, "referred_by"),)
    )
    trees = dashboard(db, NOW.date(), UTC_ZONE).referrals
    assert [t.title for t in trees] == ["Northwind · target #1", "Acme · target #2", "Zeta"]
    assert trees[0].lines == (
        TreeLine(0, PERSON, "Eve E"),
        TreeLine(1, PERSON, "Cleo C"),
        TreeLine(2, PERSON, "Dan D"),
        TreeLine(2, PERSON, "Fay F"),
        TreeLine(2, APPLICATION, "Application: Analyst (Interested)"),
    )
    assert trees[1].lines == (TreeLine(0, PERSON, "Eve E"), TreeLine(1, PERSON, "Gus G"))
