"""Names are found like the search field finds them: case and accents folded, any script."""

from __future__ import annotations

from crm.contacts.listing import contact_choices
from crm.contacts.names import find_contacts_by_name
from crm.contacts.service import ContactFields, create_contact, get_contact, set_tags
from crm.folding import fold, same_name
from crm.store.db import Database
from tests.prep_data import add_person


def test_fold_drops_case_and_every_kind_of_accent() -> None:
    assert fold(" Łukasz  NOWAK ") == "lukasz nowak"
    assert fold("Søren Kierkegård") == "soren kierkegard"
    assert fold("RENÉE") == "renee"
    assert same_name("Ærø", "aero")


def test_find_contacts_by_name_exact_first_then_word_prefixes(db: Database) -> None:
    anna = add_person(db)
    add_person(db, "Annabel", "Lee-Smith")
    assert find_contacts_by_name(db, "anna  lee") == [(anna, "Anna Lee")]
    assert len(find_contacts_by_name(db, "lee")) == 2
    assert find_contacts_by_name(db, "nobody") == []


def test_find_contacts_by_name_folds_letters_sqlite_does_not(db: Database) -> None:
    lukasz = add_person(db, "Łukasz", "Nowak")
    add_person(db, "Lucas", "Novak")
    assert find_contacts_by_name(db, "Łukasz Nowak") == [(lukasz, "Łukasz Nowak")]
    assert find_contacts_by_name(db, "ŁUKASZ NOWAK") == [(lukasz, "Łukasz Nowak")]
    assert find_contacts_by_name(db, "lukasz") == [(lukasz, "Łukasz Nowak")]
    assert find_contacts_by_name(db, "lukasz nowak") == [(lukasz, "Łukasz Nowak")]


def test_pickers_find_names_with_unfolded_letters(db: Database) -> None:
    lukasz = add_person(db, "Łukasz", "Nowak")
    renee = add_person(db, "Renée", "Dubois")
    assert [c.id for c in contact_choices(db, "lukasz")] == [lukasz]
    assert [c.id for c in contact_choices(db, "renée")] == [renee]
    assert [c.id for c in contact_choices(db, "RENEE")] == [renee]


def test_company_and_tag_names_fold_beyond_ascii(db: Database) -> None:
    first, _ = create_contact(db, ContactFields(first_name="Ola", company="Żabka Polska"))
    second, _ = create_contact(db, ContactFields(first_name="Ewa", company="ŻABKA polska"))
    set_tags(db, first, ["Łódź"])
    set_tags(db, second, ["ŁÓDŹ"])
    one, two = get_contact(db, first), get_contact(db, second)
    assert one.company == two.company == "Żabka Polska"
    assert one.tags == two.tags == ("Łódź",)
