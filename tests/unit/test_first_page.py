"""The fast first page of a search equals the slow exact query, for any data and query.

`FirstPage` takes shortcuts (a probe, a narrow match sorted whole, a walk of the name
index with an in-Python twin of the FTS5 test); here its thresholds are lowered so small
random tables take every one of them, and each answer is compared with `list_contact_ids`
(the one SQL query that says what the table shows).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from crm.contacts import first_page, name_head, name_order
from crm.contacts.first_page import FirstPage
from crm.contacts.listing import SortKey, list_contact_ids
from crm.contacts.search import MATCH_SQL, calibrate, match_hints, tier_query
from crm.store.db import Database

WHEN = "2026-03-01 09:00:00.000000"
# Letters with and without accents, Greek, Cyrillic, apostrophes and hyphens, the
# underscore (a separator to the tokenizer, a word character to Python), characters
# outside the calibrated range (Japanese, an emoji, a decomposed accent).
ALPHABET = "aAbeEéÉiInNoOöØsSßçÇłŁ'’-_ .@+1ΑαβЖж日本\U0001f600\u0301"
text = st.text(alphabet=ALPHABET, max_size=14)
person = st.tuples(
    text, text, text, text, text, st.booleans(), st.sampled_from(["", "Acme", "Ésta"])
)
query = st.text(alphabet=ALPHABET, min_size=1, max_size=6)


@pytest.fixture
def conn(db: Database) -> Iterator[sqlite3.Connection]:
    with db.connection() as connection:
        yield connection


def fill(conn: sqlite3.Connection, people: list[tuple[str, str, str, str, str, bool, str]]) -> None:
    conn.execute("BEGIN")
    conn.execute("DELETE FROM contacts")
    conn.execute("DELETE FROM companies")
    conn.executemany(
        "INSERT INTO companies(name, website, industry, location, notes, created_at, updated_at)"
        " VALUES (?, '', '', '', '', ?, ?)",
        [("Acme", WHEN, WHEN), ("Ésta", WHEN, WHEN)],
    )
    for n, (first, last, title, notes, email, archived, company) in enumerate(people):
        cursor = conn.execute(
            "INSERT INTO contacts(uid, first_name, last_name, title, company_id, location,"
            " linkedin_url, source, stage_id, stage_position, stage_entered_at, birthday,"
            " notes, archived, created_at, updated_at) VALUES (?, ?, ?, ?,"
            " (SELECT id FROM companies WHERE name = ?), '', '', '', 1, ?, ?, '', ?, ?, ?, ?)",
            (f"p{n}", first, last, title, company, n, WHEN, notes, int(archived), WHEN, WHEN),
        )
        if email:
            conn.execute(
                "INSERT INTO contact_channels(contact_id, kind, label, value, position)"
                " VALUES (?, 'email', '', ?, 0)",
                (cursor.lastrowid, email),
            )
    conn.execute("COMMIT")


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    people=st.lists(person, max_size=14),
    typed=query,
    sort=st.sampled_from([SortKey.RELEVANCE, SortKey.NAME, SortKey.COMPANY, SortKey.TITLE]),
    descending=st.booleans(),
    archived=st.booleans(),
    limit=st.integers(1, 5),
    read=st.integers(0, 8),
)
@example(
    people=[
        ("Marcus", "Adler", "", "met Anna Lee", "", False, ""),
        ("Anna", "Lee", "", "", "", False, ""),
    ],
    typed="anna lee",
    sort=SortKey.RELEVANCE,
    descending=False,
    archived=False,
    limit=2,
    read=8,
)
def test_the_first_page_equals_the_exact_query(
    conn: sqlite3.Connection,
    monkeypatch: pytest.MonkeyPatch,
    people: list[tuple[str, str, str, str, str, bool, str]],
    typed: str,
    sort: SortKey,
    descending: bool,
    archived: bool,
    limit: int,
    read: int,
) -> None:
    fill(conn, people)
    exact = list_contact_ids(conn, typed, sort, descending, archived)[:limit]
    # The contacts matching in a name, company or title (relevance tiers 0 and 1).
    in_columns = {r[0] for r in conn.execute(MATCH_SQL, (tier_query(typed, 1) or '""',))}
    for narrow in (1, 3, 1000):  # sorted by place always, often, never
        monkeypatch.setattr(first_page, "NARROW", narrow)
        page = FirstPage(conn)
        fast = page.ids(typed, sort, descending, archived, limit)
        assert fast == exact, narrow
        assert set(fast[: page.plain]) <= in_columns, "said found in a name, company or title"
        # With the name order held in memory (built in slices of two rows), the rows to
        # test met with sets first or not.
        monkeypatch.setattr(name_order, "SLICE", 2)
        for set_cost in (0.0, 10.0**9):  # always, never
            monkeypatch.setattr(name_order, "SET_ITEM_COST", set_cost)
            held = FirstPage(conn)
            held.name_order().build_now()
            assert held.name_order().is_current()
            answer = held.ids(typed, sort, descending, archived, limit)
            assert answer == exact, (narrow, set_cost)
            assert set(answer[: held.plain]) <= in_columns
        # While a build has read only `read` slices (its head), tested up to a few rows.
        for head_rows in (3, 1000):
            monkeypatch.setattr(name_head, "HEAD_ROWS", head_rows)
            building = FirstPage(conn)
            steps = building.name_order().build()
            for _step in range(read):
                next(steps, None)
            answer = building.ids(typed, sort, descending, archived, limit)
            assert answer == exact, (narrow, head_rows, read)
            assert set(answer[: building.plain]) <= in_columns


def test_a_name_order_held_in_memory_is_not_used_once_the_data_changed(
    conn: sqlite3.Connection,
) -> None:
    fill(conn, [("Sam", "Adler", "", "", "", False, ""), ("Sara", "Berg", "", "", "", False, "")])
    held = FirstPage(conn)
    held.name_order().build_now()
    assert held.ids("s", SortKey.RELEVANCE, False, False, 1) == list_contact_ids(
        conn, "s", SortKey.RELEVANCE, limit=1
    )
    conn.execute("UPDATE contacts SET last_name = 'Zeller' WHERE first_name = 'Sam'")
    assert not held.name_order().is_current()
    first = held.ids("s", SortKey.RELEVANCE, False, False, 1)
    assert first == list_contact_ids(conn, "s", SortKey.RELEVANCE, limit=1)
    assert [r[0] for r in conn.execute("SELECT first_name FROM contacts WHERE id = ?", first)] == [
        "Sara"
    ]


def test_a_build_under_way_answers_from_its_head_until_the_data_changes(
    conn: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(first_page, "NARROW", 1)  # every search is broad here
    monkeypatch.setattr(name_order, "SLICE", 2)
    fill(conn, [(f"Sam{n}", f"Adler{n:02}", "", "", "", False, "") for n in range(10)])
    building = FirstPage(conn)
    steps = building.name_order().build()
    next(steps)  # two rows read: Adler00 and Adler01
    walked: list[int] = []
    order = building.name_order()
    walk = name_head.Head.walk

    def spied(head: name_head.Head, *args: Any) -> list[int] | None:
        found = walk(head, *args)
        if found is not None:
            walked.append(len(found))
        return found

    monkeypatch.setattr(name_head.Head, "walk", spied)
    assert building.ids("sam", SortKey.RELEVANCE, False, False, 2) == list_contact_ids(
        conn, "sam", SortKey.RELEVANCE, limit=2
    )
    assert walked == [2], "the head held the page"
    conn.execute("UPDATE contacts SET first_name = 'Ann' WHERE last_name = 'Adler00'")
    assert order.head() is None
    assert building.ids("sam", SortKey.RELEVANCE, False, False, 2) == list_contact_ids(
        conn, "sam", SortKey.RELEVANCE, limit=2
    )
    assert walked == [2], "a head read before the change is not used"


def test_hints_say_where_a_contact_was_found(conn: sqlite3.Connection) -> None:
    fill(
        conn,
        [
            ("Marcus", "Adler", "", "Introduced me to Anna Lee last spring", "", False, ""),
            ("Anna", "Lee", "", "", "", False, ""),
            ("Ravi", "Patel", "Lee Anna Consulting", "", "", False, ""),
            ("Zoë", "Quint", "", "", "anna.lee@example.com", False, ""),
        ],
    )
    ids = list_contact_ids(conn, "anna lee", SortKey.RELEVANCE)
    hints = match_hints(conn, "anna lee", ids, calibrate(conn))
    names = dict(conn.execute("SELECT id, first_name FROM contacts"))
    by_name = {names[i]: hints.get(i) for i in ids}
    assert list(by_name) == ["Anna", "Ravi", "Marcus", "Zoë"]
    assert by_name["Anna"] is None and by_name["Ravi"] is None  # the columns show those
    assert by_name["Marcus"] == "notes: Introduced me to Anna Lee…"  # a few words around it
    assert by_name["Zoë"] == "email, phone or link: anna.lee@example.com"


def test_the_name_order_in_memory_ranks_names_then_companies_and_titles(
    conn: sqlite3.Connection,
) -> None:
    fill(
        conn,
        [
            ("Sam", "Adler", "Engineer", "", "", False, "Acme"),
            ("Sara", "Berg", "Sales lead", "", "", False, ""),
            ("Ana", "Sanchez", "", "", "", True, "Ésta"),
            ("Élise", "Acme", "Designer", "", "sam@acme.example", False, ""),
            ("Omar", "Østby", "Engineer", "Sam's friend", "", False, "Acme"),
            ("Kim", "Søe", "Esthetician", "", "", False, "Ésta"),
            ("Lars", "Nilsson", "CEO", "", "", False, "Acme"),
            ("日本", "Sato", "", "", "", False, ""),
        ],
    )
    held = FirstPage(conn)
    held.name_order().build_now()
    for typed in ("s", "sa", "sam", "acme", "acme e", "e", "es", "ø", "o", "eng sa", "日", "sato"):
        for archived in (False, True):
            for limit in range(1, 8):
                exact = list_contact_ids(conn, typed, SortKey.RELEVANCE, False, archived)[:limit]
                fast = held.ids(typed, SortKey.RELEVANCE, False, archived, limit)
                assert fast == exact, (typed, archived, limit)
