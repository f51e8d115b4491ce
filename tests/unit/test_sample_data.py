"""The sample network: realistic, placed around today, complete, and only for empty files."""

from __future__ import annotations

import sqlite3
import unicodedata
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from crm.contacts.history import list_history
from crm.contacts.search import MATCH_SQL, fts_query
from crm.contacts.service import ContactFields, create_contact, delete_contacts, get_contact
from crm.errors import NotEmptyError
from crm.prep.advice import advice_tally
from crm.samples.data import count_contacts, generate_contacts, load_sample_data
from crm.store.clock import fixed_clock
from crm.store.db import Database
from crm.store.paths import DataPaths
from crm.store.schema import open_database


def rows(db: Database, sql: str, *params: object) -> list[tuple]:
    with closing(sqlite3.connect(db.path, isolation_level=None)) as conn:
        return conn.execute(sql, params).fetchall()


def search(db: Database, text: str) -> set[str]:
    query = fts_query(text)
    sql = f"SELECT trim(first_name || ' ' || last_name) FROM contacts WHERE id IN ({MATCH_SQL})"
    return {name for (name,) in rows(db, sql, query)}


@pytest.fixture
def sample_db(db: Database) -> Database:
    load_sample_data(db)
    return db


def test_forty_people_at_ten_companies_fill_every_stage(db: Database) -> None:
    changes = load_sample_data(db)

    assert count_contacts(db) == 40
    assert len(changes.contacts) == 40 and changes.everything
    assert rows(db, "SELECT count(DISTINCT company_id) FROM contacts") == [(10,)]
    # Three more companies are targets the user knows nobody at yet.
    assert rows(db, "SELECT count(*) FROM companies") == [(13,)]
    empty_stages = rows(
        db, "SELECT name FROM stages WHERE id NOT IN (SELECT stage_id FROM contacts)"
    )
    assert empty_stages == []
    assert rows(db, "PRAGMA foreign_key_check") == []


def test_names_are_diverse_and_found_by_search(sample_db: Database) -> None:
    names = [
        f"{first} {last}"
        for first, last in rows(sample_db, "SELECT first_name, last_name FROM contacts")
    ]
    assert sum(1 for n in names if not n.isascii()) >= 8
    assert any("GREEK" in unicodedata.name(ch, "") for n in names for ch in n)
    assert "Anna Lee" in search(sample_db, "ann nor")  # Anna at Northwind Analytics
    assert "Zoë Ødegaard" in search(sample_db, "zoe")  # accents are optional when typing
    assert "Ελένη Παππά" in search(sample_db, "Ελέ")


def test_later_stages_have_rich_histories(sample_db: Database) -> None:
    met_or_later = rows(
        sample_db,
        "SELECT c.id FROM contacts c JOIN stages s ON s.id = c.stage_id "
        "WHERE s.position >= (SELECT position FROM stages WHERE name = 'Met') AND NOT s.is_closed",
    )
    assert len(met_or_later) >= 15
    for (contact_id,) in met_or_later:
        history = list_history(sample_db, contact_id)
        kinds = {entry.kind for entry in history}
        assert {"email", "meeting", "stage"} <= kinds, get_contact(sample_db, contact_id).name
        assert len(history) >= 5
        assert [e.occurred_at for e in history] == sorted(
            (e.occurred_at for e in history), reverse=True
        )
        assert history[0].occurred_at <= sample_db.now()


def test_referrals_and_tags_link_people(sample_db: Database) -> None:
    (anna_id,) = rows(sample_db, "SELECT id FROM contacts WHERE first_name = 'Anna'")[0]
    anna = get_contact(sample_db, anna_id)
    assert anna.referred_by_name == "Yusuf Demir"
    assert "Priority" in anna.tags and anna.company == "Northwind Analytics"
    assert [ch.kind for ch in anna.channels] == ["email", "phone"]
    referred = rows(sample_db, "SELECT count(*) FROM contacts WHERE referred_by_id IS NOT NULL")
    assert referred[0][0] >= 8
    assert 4 <= rows(sample_db, "SELECT count(*) FROM tags")[0][0] <= 10


def test_meetings_in_the_coming_two_weeks_are_prepared(sample_db: Database) -> None:
    now = sample_db.now()
    upcoming = rows(
        sample_db,
        "SELECT id, start_at, goal, status FROM meetings WHERE start_at > ? ORDER BY start_at",
        now.isoformat(" "),
    )
    assert len(upcoming) >= 5
    for meeting_id, start, goal, status in upcoming:
        start_at = datetime.fromisoformat(start)
        assert now < start_at <= now + timedelta(days=14)
        assert start_at.weekday() < 5
        assert goal and status == "planned"
        attendees = rows(
            sample_db, "SELECT count(*) FROM meeting_attendees WHERE meeting_id = ?", meeting_id
        )
        assert attendees[0][0] >= 1
    with_bank_questions = rows(
        sample_db,
        "SELECT count(DISTINCT mq.meeting_id) FROM meeting_questions mq JOIN meetings m "
        "ON m.id = mq.meeting_id WHERE m.start_at > ? AND mq.question_id IS NOT NULL",
        now.isoformat(" "),
    )
    assert with_bank_questions[0][0] >= 3
    group = rows(
        sample_db, "SELECT meeting_id FROM meeting_attendees GROUP BY 1 HAVING count(*) > 1"
    )
    assert group, "one meeting has two attendees"


def test_past_meetings_are_done_with_answers_that_add_up(sample_db: Database) -> None:
    past = rows(
        sample_db,
        "SELECT DISTINCT status FROM meetings WHERE start_at < ?",
        sample_db.now().isoformat(" "),
    )
    assert past == [("done",)]
    cv = next(t for t in advice_tally(sample_db) if "one-page CV" in t.text)
    said = {text.lower(): n for text, n in cv.tally}
    assert said["one page"] >= 5
    assert len(said) >= 2  # not everyone agrees


def test_follow_ups_are_overdue_due_and_done(sample_db: Database) -> None:
    today = sample_db.now().date().isoformat()
    overdue, upcoming, done = rows(
        sample_db,
        "SELECT sum(done_at IS NULL AND due_date < ?), sum(done_at IS NULL AND due_date >= ?), "
        "sum(done_at IS NOT NULL) FROM follow_ups",
        today,
        today,
    )[0]
    assert overdue >= 3 and upcoming >= 10 and done >= 10


@pytest.mark.parametrize(
    "at", [datetime(2031, 8, 2, 23, 50), datetime(2026, 12, 27, 6, 0)], ids=["sat", "sun"]
)
def test_everything_is_placed_around_any_today(data_paths: DataPaths, at: datetime) -> None:
    database = open_database(data_paths, clock=fixed_clock(at)).database
    try:
        load_sample_data(database)
        late = rows(database, "SELECT max(occurred_at) FROM interactions")[0][0]
        assert datetime.fromisoformat(late) <= at
        starts = [
            datetime.fromisoformat(s) for (s,) in rows(database, "SELECT start_at FROM meetings")
        ]
        upcoming = [s for s in starts if s > at]
        assert len(upcoming) >= 5 and max(upcoming) <= at + timedelta(days=14)
    finally:
        database.dispose()


def test_refuses_a_file_that_has_contacts(db: Database) -> None:
    create_contact(db, ContactFields(first_name="Only", last_name="Me"))

    with pytest.raises(NotEmptyError, match="already has 1 contact;"):
        load_sample_data(db)

    assert count_contacts(db) == 1
    assert rows(db, "SELECT count(*) FROM meetings") == [(0,)]


def test_reuses_companies_and_tags_left_without_contacts(db: Database) -> None:
    contact_id, _ = create_contact(
        db, ContactFields(first_name="Gone", company="NORTHWIND analytics"), tags=["priority"]
    )
    delete_contacts(db, [contact_id])

    load_sample_data(db)

    assert rows(db, "SELECT count(DISTINCT company_id) FROM contacts") == [(10,)]
    # Three more companies are targets the user knows nobody at yet.
    assert rows(db, "SELECT count(*) FROM companies") == [(13,)]
    assert rows(db, "SELECT count(*) FROM tags WHERE name = 'priority' COLLATE NOCASE") == [(1,)]


def test_uses_the_stages_the_file_has(db: Database) -> None:
    with closing(sqlite3.connect(db.path, isolation_level=None)) as conn:
        conn.execute("UPDATE stages SET name = 'Had coffee' WHERE name = 'Met'")
        conn.execute("DELETE FROM stages WHERE name = 'Keep in touch'")

    load_sample_data(db)

    stages = dict(
        rows(
            db,
            "SELECT s.name, count(c.id) FROM stages s "
            "LEFT JOIN contacts c ON c.stage_id = s.id GROUP BY s.id",
        )
    )
    assert stages["Had coffee"] >= 6
    assert sum(stages.values()) == 40
    entries = {s for (s,) in rows(db, "SELECT summary FROM interactions WHERE kind = 'stage'")}
    assert "Scheduled → Had coffee" in entries


def test_generated_contacts_are_searchable_like_typed_ones(db: Database) -> None:
    ids = generate_contacts(db, 600, seed=7)

    assert len(ids) == 600 and count_contacts(db) == 600
    first = get_contact(db, ids[0])
    assert first.company and first.channels[0].kind == "email"
    # The bulk path writes the search index itself; the trigger's row must be the same.
    before = rows(db, "SELECT * FROM contact_fts WHERE rowid = ?", ids[0])
    with closing(sqlite3.connect(db.path, isolation_level=None)) as conn:
        conn.execute("UPDATE contacts SET notes = notes WHERE id = ?", (ids[0],))
    assert rows(db, "SELECT * FROM contact_fts WHERE rowid = ?", ids[0]) == before
    email = first.channels[0].value
    assert first.name in search(db, email.split("@")[0])
    assert rows(db, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'")[0][0] >= 7
    create_contact(db, ContactFields(first_name="Zyxwv"))  # the triggers are back
    assert search(db, "zyxw") == {"Zyxwv"}


def test_generating_twice_with_a_seed_gives_the_same_people(tmp_path: Path) -> None:
    def names(folder: str) -> list[tuple]:
        database = open_database(DataPaths(tmp_path / folder)).database
        try:
            generate_contacts(database, 50, seed=3)
            return rows(database, "SELECT first_name, last_name, title FROM contacts ORDER BY id")
        finally:
            database.dispose()

    assert names("a") == names("b")
