"""The windowed contacts list: ids in table order for every sort, and the table rows."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from crm.contacts.history import log_interaction
from crm.contacts.listing import (
    SortKey,
    contact_choices,
    count_contacts,
    fetch_rows,
    list_contact_ids,
    tag_names,
)
from crm.contacts.service import (
    ContactFields,
    create_contact,
    delete_contacts,
    set_tags,
    update_contact,
)
from crm.store.db import Database
from crm.store.models import FollowUp, Stage


def add_follow_up(db: Database, contact_id: int, due: date, done: bool = False) -> None:
    with db.session() as session:
        session.add(
            FollowUp(
                contact_id=contact_id,
                title="Check in",
                due_date=due,
                done_at=db.now() if done else None,
                created_at=db.now(),
            )
        )


@pytest.fixture
def three(db: Database) -> dict[str, int]:
    """Anna Lee at Google, ben okafor (lower case) at Figma, Cleo Adams with no company."""
    anna, _ = create_contact(
        db, ContactFields(first_name="Anna", last_name="Lee", title="Engineer", company="Google")
    )
    ben, _ = create_contact(
        db, ContactFields(first_name="ben", last_name="okafor", title="Analyst", company="Figma")
    )
    cleo, _ = create_contact(db, ContactFields(first_name="Cleo", last_name="Adams"))
    with db.session() as session:
        met = session.query(Stage).filter_by(name="Met").one().id
    update_contact_stage(db, ben, met)
    log_interaction(db, anna, "email", datetime(2026, 3, 1, 9), "Wrote")
    log_interaction(db, anna, "call", datetime(2026, 3, 5, 9), "Called")
    log_interaction(db, cleo, "note", datetime(2026, 2, 1, 9), "Noted")
    add_follow_up(db, anna, date(2026, 3, 20))
    add_follow_up(db, ben, date(2026, 3, 2))
    add_follow_up(db, ben, date(2026, 3, 1), done=True)
    return {"anna": anna, "ben": ben, "cleo": cleo}


def update_contact_stage(db: Database, contact_id: int, stage_id: int) -> None:
    from crm.store.models import Contact

    with db.session() as session:
        contact = session.get(Contact, contact_id)
        assert contact is not None
        contact.stage_id = stage_id


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        (SortKey.NAME, ["cleo", "anna", "ben"]),  # by last name, then first name
        (SortKey.COMPANY, ["ben", "anna", "cleo"]),  # no company goes last
        (SortKey.TITLE, ["ben", "anna", "cleo"]),
        (SortKey.STAGE, ["cleo", "anna", "ben"]),  # To contact before Met, then by name
        (SortKey.LAST_INTERACTION, ["cleo", "anna", "ben"]),  # never contacted goes last
        (SortKey.NEXT_FOLLOW_UP, ["ben", "anna", "cleo"]),
    ],
)
def test_each_sort_orders_the_ids(
    db: Database, three: dict[str, int], sort: SortKey, expected: list[str]
) -> None:
    ids = [three[n] for n in expected]
    assert list_contact_ids(db, sort=sort) == ids


def test_descending_keeps_empty_values_last(db: Database, three: dict[str, int]) -> None:
    assert list_contact_ids(db, sort=SortKey.COMPANY, descending=True) == [
        three["anna"],
        three["ben"],
        three["cleo"],
    ]
    assert list_contact_ids(db, sort=SortKey.NAME, descending=True) == [
        three["ben"],
        three["anna"],
        three["cleo"],
    ]


def test_search_limit_and_archived(db: Database, three: dict[str, int]) -> None:
    assert list_contact_ids(db, "goo") == [three["anna"]]
    assert list_contact_ids(db, limit=2) == [three["cleo"], three["anna"]]
    update_contact(db, three["cleo"], archived=True)
    assert three["cleo"] not in list_contact_ids(db)
    assert three["cleo"] in list_contact_ids(db, include_archived=True)
    assert count_contacts(db) == 2
    assert count_contacts(db, include_archived=True) == 3


def test_rows_carry_what_the_table_shows(db: Database, three: dict[str, int]) -> None:
    rows = fetch_rows(db, [three["anna"], three["ben"], three["cleo"], 999])
    assert set(rows) == {three["anna"], three["ben"], three["cleo"]}
    anna, ben, cleo = rows[three["anna"]], rows[three["ben"]], rows[three["cleo"]]
    assert (anna.name, anna.company, anna.title) == ("Anna Lee", "Google", "Engineer")
    assert (anna.stage_name, anna.stage_color) == ("To contact", "#64748b")
    assert anna.last_interaction == datetime(2026, 3, 5, 9)
    assert anna.next_follow_up == date(2026, 3, 20) and not anna.overdue
    # The clock says 10 March: the open follow-up of 2 March is overdue, the done one ignored.
    assert ben.next_follow_up == date(2026, 3, 2) and ben.overdue
    assert ben.stage_name == "Met"
    assert cleo.company == "" and cleo.next_follow_up is None and not cleo.overdue


def test_rows_of_deleted_contacts_are_left_out(db: Database, three: dict[str, int]) -> None:
    delete_contacts(db, [three["ben"]])
    assert set(fetch_rows(db, [three["anna"], three["ben"]])) == {three["anna"]}
    assert fetch_rows(db, []) == {}


def test_choices_for_a_picker(db: Database, three: dict[str, int]) -> None:
    choices = contact_choices(db, "", exclude=three["anna"])
    assert [c.id for c in choices] == [three["cleo"], three["ben"]]
    labels = [c.label for c in contact_choices(db, "anna")]
    assert labels == ["Anna Lee — Google"]


def test_tag_names_sorted_ignoring_case(db: Database, three: dict[str, int]) -> None:
    set_tags(db, three["anna"], ["mentor", "Alumni"])
    set_tags(db, three["ben"], ["design"])
    assert tag_names(db) == ["Alumni", "design", "mentor"]
