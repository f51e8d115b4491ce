"""Search as you type: FTS5 prefix matching over names, company, title, channels and notes."""

from __future__ import annotations

import pytest

from crm.companies.service import merge_companies, rename_company
from crm.contacts.listing import list_contact_ids
from crm.contacts.search import fts_query
from crm.contacts.service import (
    Channel,
    ContactFields,
    create_contact,
    delete_contacts,
    get_contact,
    restore_contacts,
    set_channels,
    update_contact,
)
from crm.store.db import Database


@pytest.fixture
def people(db: Database) -> dict[str, int]:
    anna, _ = create_contact(
        db,
        ContactFields(
            first_name="Anna",
            last_name="Lee",
            title="Staff Engineer",
            company="Google",
            notes="Plays the cello in an orchestra",
        ),
        channels=[Channel("email", "anna.lee@example.com"), Channel("phone", "+1 415 555 0134")],
    )
    annie, _ = create_contact(
        db, ContactFields(first_name="Annie", last_name="Ng", company="Figma")
    )
    ben, _ = create_contact(
        db,
        ContactFields(first_name="Ben", last_name="Goodman", title="Recruiter", company="Stripe"),
    )
    return {"anna": anna, "annie": annie, "ben": ben}


def found(db: Database, text: str) -> set[int]:
    return set(list_contact_ids(db, text))


def test_every_word_is_a_prefix(db: Database, people: dict[str, int]) -> None:
    assert found(db, "ann goo") == {people["anna"]}
    assert found(db, "ann") == {people["anna"], people["annie"]}
    assert found(db, "goo") == {people["anna"], people["ben"]}


@pytest.mark.parametrize(
    "text",
    ["anna.lee@ex", "example.com", "555 0134", "415", "cello", "orchest", "staff eng", "LEE"],
)
def test_finds_by_email_phone_notes_and_title(
    db: Database, people: dict[str, int], text: str
) -> None:
    assert found(db, text) == {people["anna"]}


def test_accents_are_ignored(db: Database) -> None:
    chloe, _ = create_contact(db, ContactFields(first_name="Chloé", last_name="Dubois"))
    assert found(db, "chloe") == {chloe}


def test_operators_typed_by_the_user_are_plain_text(db: Database, people: dict[str, int]) -> None:
    assert fts_query('" * ( ) -') is None
    assert found(db, 'ann" OR "ben') == set()
    assert found(db, "ann AND") == set()
    assert found(db, "   ") == set(people.values())


def test_search_follows_edits_of_the_contact(db: Database, people: dict[str, int]) -> None:
    update_contact(db, people["anna"], last_name="Smith", title="Manager", notes="")
    assert found(db, "staff") == set()
    assert found(db, "smith") == {people["anna"]}
    assert found(db, "cello") == set()
    update_contact(db, people["anna"], company="Shopify")
    assert found(db, "shop") == {people["anna"]}
    assert found(db, "goo") == {people["ben"]}


def test_search_follows_company_rename_and_merge(db: Database, people: dict[str, int]) -> None:
    company_id = get_contact(db, people["anna"]).company_id
    assert company_id is not None
    rename_company(db, company_id, "Alphabet")
    assert found(db, "alpha") == {people["anna"]}
    assert found(db, "goo") == {people["ben"]}
    figma = get_contact(db, people["annie"]).company_id
    assert figma is not None
    merge_companies(db, company_id, [figma])
    assert found(db, "alpha") == {people["anna"], people["annie"]}
    assert found(db, "figma") == set()


def test_search_follows_channel_changes(db: Database, people: dict[str, int]) -> None:
    set_channels(db, people["anna"], [Channel("email", "a.lee@newmail.org")])
    assert found(db, "example") == set()
    assert found(db, "newmail") == {people["anna"]}
    set_channels(db, people["anna"], [])
    assert found(db, "newmail") == set()


def test_deleted_contacts_are_not_found_until_restored(
    db: Database, people: dict[str, int]
) -> None:
    snapshot, _ = delete_contacts(db, [people["anna"]])
    assert found(db, "cello") == set()
    assert found(db, "ann") == {people["annie"]}
    restore_contacts(db, snapshot)
    assert found(db, "cello") == {people["anna"]}
    assert found(db, "anna.lee") == {people["anna"]}


@pytest.mark.parametrize(
    ("first", "last", "typed"),
    [
        ("Łukasz", "Nowak", "lukasz"),
        ("Łukasz", "Nowak", "ŁUKASZ now"),
        ("Søren", "Østergaard", "soren oster"),
        ("Ægir", "Þórsson", "aegir thor"),
        ("Jürgen", "Straße", "strasse"),
        ("Đorđe", "Œuvray", "dorde oeuv"),
    ],
)
def test_letters_the_tokenizer_does_not_fold_are_found_plainly(
    db: Database, first: str, last: str, typed: str
) -> None:
    someone, _ = create_contact(db, ContactFields(first_name=first, last_name=last))
    create_contact(db, ContactFields(first_name="Lucas", last_name="Novak"))
    assert found(db, typed) == {someone}
    assert found(db, f"{first} {last}") == {someone}


def test_a_folded_letter_in_a_company_email_or_note_is_found(db: Database) -> None:
    ada, _ = create_contact(
        db,
        ContactFields("Ada", "Berg", company="Łódź Labs", notes="Met in Tromsø"),
        channels=[Channel("email", "ada@ærø.example")],
    )
    assert found(db, "lodz") == found(db, "tromso") == found(db, "aero") == {ada}
    rename_company(db, get_contact(db, ada).company_id or 0, "Øresund Data")
    assert found(db, "oresund") == {ada}
