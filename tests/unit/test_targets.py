"""Target employers: marking, advocacy from the people there, ranking; the migration."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from crm.companies.service import get_or_create_company, list_companies
from crm.contacts.service import ContactFields, create_contact
from crm.store.clock import Clock
from crm.store.db import Database
from crm.store.models import Stage
from crm.store.paths import DataPaths
from crm.store.schema import open_database
from crm.targets.advocacy import Advocate, advocacy_level, advocacy_score
from crm.targets.applications import ApplicationFields, add_application
from crm.targets.targets import (
    TargetFields,
    list_targets,
    next_rank,
    rank_between,
    set_target_fields,
    target_fields,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "schemas"


def stage_id(db: Database, name: str) -> int:
    with db.read() as session:
        return next(s.id for s in session.query(Stage) if s.name == name)


def person(db: Database, first: str, company: str, stage: str, tags: tuple[str, ...] = ()) -> int:
    cid, _ = create_contact(
        db, ContactFields(first, "X", company=company), tags=tags, stage_id=stage_id(db, stage)
    )
    return cid


def company(db: Database, name: str) -> int:
    return next(c.id for c in list_companies(db) if c.name == name)


def make_target(
    db: Database, company_id: int, motivation: int = 2, posting: str = "unknown"
) -> None:
    set_target_fields(db, company_id, TargetFields(True, motivation, posting, "", next_rank(db)))


def test_met_and_thanked_contacts_count_more_than_ones_not_contacted_yet(db: Database) -> None:
    person(db, "Ann", "Warm Co", "Met")
    person(db, "Ben", "Warm Co", "Thanked")
    person(db, "Cy", "Cold Co", "To contact")
    person(db, "Di", "Cold Co", "To contact")
    make_target(db, company(db, "Warm Co"))
    make_target(db, company(db, "Cold Co"))
    by_name = {t.name: t for t in list_targets(db)}
    assert by_name["Warm Co"].advocacy > by_name["Cold Co"].advocacy
    assert by_name["Warm Co"].advocacy_level > by_name["Cold Co"].advocacy_level
    assert by_name["Warm Co"].contact_count == by_name["Cold Co"].contact_count == 2


def test_an_alumnus_or_a_referral_raises_advocacy(db: Database) -> None:
    person(db, "Ann", "Plain", "Reached out")
    person(db, "Ben", "Alma", "Reached out", tags=("Alumni",))
    referrer = person(db, "Cy", "Referral", "Reached out")
    for name in ("Plain", "Alma", "Referral"):
        make_target(db, company(db, name))
    add_application(
        db,
        company(db, "Referral"),
        ApplicationFields("Data Analyst"),
        contacts=((referrer, "referred_by"),),
    )
    by_name = {t.name: t.advocacy for t in list_targets(db)}
    assert by_name["Alma"] > by_name["Plain"]
    assert by_name["Referral"] > by_name["Plain"]


def test_someone_in_a_closed_stage_adds_nothing() -> None:
    closed = Advocate("Not now", True)
    assert advocacy_score([closed]) == 0
    assert advocacy_level(0) == 0 and advocacy_level(100) == 3


def test_a_company_with_nobody_there_is_a_target_with_no_advocacy(db: Database) -> None:
    person(db, "Ann", "Known", "Met")
    with db.session() as session:
        get_or_create_company(session, "Nobody Yet", db.now())
    make_target(db, company(db, "Nobody Yet"), motivation=3, posting="yes")
    (row,) = list_targets(db)
    assert (row.name, row.contact_count, row.advocacy_level) == ("Nobody Yet", 0, 0)
    assert row.score == 4  # three stars of motivation and a relevant posting


def test_targets_keep_the_users_order_and_unmarking_takes_one_off(db: Database) -> None:
    for name in ("A", "B", "C"):
        person(db, "P", name, "Met")
        make_target(db, company(db, name))
    assert [t.name for t in list_targets(db)] == ["A", "B", "C"]
    ranks = [t.rank for t in list_targets(db)]
    # C dragged between A and B
    c = company(db, "C")
    fields = target_fields(db, c)
    set_target_fields(db, c, TargetFields(True, 2, "unknown", "", rank_between(ranks[0], ranks[1])))
    assert [t.name for t in list_targets(db)] == ["A", "C", "B"]
    set_target_fields(db, c, fields)
    assert [t.name for t in list_targets(db)] == ["A", "B", "C"]
    set_target_fields(db, company(db, "B"), TargetFields(False, 2, "unknown", "", ranks[1]))
    assert [t.name for t in list_targets(db)] == ["A", "C"]


def test_scores_out_of_range_are_refused(db: Database) -> None:
    person(db, "P", "A", "Met")
    with pytest.raises(ValueError):
        set_target_fields(db, company(db, "A"), TargetFields(True, 4, "unknown", "", 1.0))
    with pytest.raises(ValueError):
        set_target_fields(db, company(db, "A"), TargetFields(True, 1, "maybe", "", 1.0))


def test_a_database_of_the_previous_schema_upgrades_with_every_company_untargeted(
    data_paths: DataPaths, clock: Clock
) -> None:
    shutil.copyfile(FIXTURES / "0001.sqlite3", data_paths.database)
    before = sqlite3.connect(data_paths.database)
    companies_before = before.execute("SELECT id, name, notes FROM companies").fetchall()
    contacts_before = before.execute("SELECT count(*) FROM contacts").fetchone()
    before.close()
    database = open_database(data_paths, clock=clock).database
    try:
        assert list_targets(database) == []
        conn = sqlite3.connect(data_paths.database)
        assert conn.execute("SELECT id, name, notes FROM companies").fetchall() == companies_before
        assert conn.execute("SELECT count(*) FROM contacts").fetchone() == contacts_before
        assert conn.execute(
            "SELECT DISTINCT is_target, motivation, posting, careers_url FROM companies"
        ).fetchall() == [(0, 0, "unknown", "")]
        conn.close()
        make_target(database, 1, motivation=3)
        assert [t.company_id for t in list_targets(database)] == [1]
    finally:
        database.dispose()
