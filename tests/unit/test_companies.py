"""Companies: case-insensitive names, listing, rename, merge and undoing a merge."""

from __future__ import annotations

import pytest

from crm.companies.service import (
    company_contacts,
    company_names,
    list_companies,
    merge_companies,
    rename_company,
    unmerge_companies,
)
from crm.contacts.service import ContactFields, create_contact, get_contact, update_contact
from crm.errors import CompanyNameTakenError
from crm.store.db import Database
from crm.store.models import Company


def company_id(db: Database, name: str) -> int:
    return next(c.id for c in list_companies(db) if c.name == name)


@pytest.fixture
def googles(db: Database) -> dict[str, int]:
    """Anna at "Google", Ben and Cleo at "google " typed twice, Dan at Figma."""
    anna, _ = create_contact(db, ContactFields(first_name="Anna", company="Google"))
    with db.session() as session:
        # Two spellings can exist when they came from an import before the unique rule.
        session.add(Company(name="Google Inc", created_at=db.now(), updated_at=db.now()))
    ben, _ = create_contact(db, ContactFields(first_name="Ben", company="Google Inc"))
    cleo, _ = create_contact(db, ContactFields(first_name="Cleo", company="google inc"))
    dan, _ = create_contact(db, ContactFields(first_name="Dan", company="Figma"))
    return {"anna": anna, "ben": ben, "cleo": cleo, "dan": dan}


def test_list_counts_contacts_by_company(db: Database, googles: dict[str, int]) -> None:
    rows = list_companies(db)
    assert [(r.name, r.contact_count) for r in rows] == [
        ("Figma", 1),
        ("Google", 1),
        ("Google Inc", 2),
    ]
    assert company_names(db) == ["Figma", "Google", "Google Inc"]
    inc = company_id(db, "Google Inc")
    assert [c.name for c in company_contacts(db, inc)] == ["Ben", "Cleo"]


def test_rename_changes_every_contact(db: Database, googles: dict[str, int]) -> None:
    figma = company_id(db, "Figma")
    old, changes = rename_company(db, figma, "  Figma   Design ")
    assert old == "Figma"
    assert get_contact(db, googles["dan"]).company == "Figma Design"
    assert changes.companies and googles["dan"] in changes.contacts


def test_rename_to_a_taken_name_is_refused_but_case_is_fine(
    db: Database, googles: dict[str, int]
) -> None:
    inc = company_id(db, "Google Inc")
    with pytest.raises(CompanyNameTakenError) as raised:
        rename_company(db, inc, "GOOGLE")
    assert raised.value.other_id == company_id(db, "Google")
    rename_company(db, inc, "GOOGLE INC")
    assert get_contact(db, googles["ben"]).company == "GOOGLE INC"
    with pytest.raises(ValueError):
        rename_company(db, inc, "  ")


def test_merge_moves_contacts_and_undo_restores_all(db: Database, googles: dict[str, int]) -> None:
    google, inc = company_id(db, "Google"), company_id(db, "Google Inc")
    with db.session() as session:
        other = session.get(Company, inc)
        assert other is not None
        other.industry = "Search"
    before = list_companies(db)

    undo, changes = merge_companies(db, google, [inc])
    assert {googles["anna"], googles["ben"], googles["cleo"]} <= changes.contacts
    rows = list_companies(db)
    assert [(r.name, r.contact_count, r.industry) for r in rows] == [
        ("Figma", 1, ""),
        ("Google", 3, "Search"),
    ]
    assert get_contact(db, googles["cleo"]).company == "Google"

    unmerge_companies(db, undo)
    assert list_companies(db) == before
    assert get_contact(db, googles["cleo"]).company_id == inc


def test_merge_can_keep_the_other_spelling(db: Database, googles: dict[str, int]) -> None:
    google, inc = company_id(db, "Google"), company_id(db, "Google Inc")
    undo, _ = merge_companies(db, google, [inc], name="Google Inc")
    assert [r.name for r in list_companies(db)] == ["Figma", "Google Inc"]
    unmerge_companies(db, undo)
    assert [r.name for r in list_companies(db)] == ["Figma", "Google", "Google Inc"]


def test_new_company_typed_in_another_case_is_the_same(
    db: Database, googles: dict[str, int]
) -> None:
    update_contact(db, googles["dan"], company="FIGMA")
    assert [r.name for r in list_companies(db)] == ["Figma", "Google", "Google Inc"]
