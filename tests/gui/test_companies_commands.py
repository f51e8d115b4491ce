"""Company undo commands on a bare QUndoStack."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack

from crm.companies.service import list_companies
from crm.contacts.service import ContactFields, create_contact, get_contact
from crm.store.db import Database
from crm.store.models import Company
from ui.companies.commands import MergeCompaniesCommand, RenameCompanyCommand
from ui.hub import Hub


def test_rename_and_merge_commands(db: Database, qapp: object) -> None:
    hub, stack = Hub(), QUndoStack()
    anna, _ = create_contact(db, ContactFields(first_name="Anna", company="Google"))
    with db.session() as session:
        session.add(Company(name="Alphabet", created_at=db.now(), updated_at=db.now()))
    ben, _ = create_contact(db, ContactFields(first_name="Ben", company="alphabet"))
    google = get_contact(db, anna).company_id
    alphabet = get_contact(db, ben).company_id
    assert google is not None and alphabet is not None
    companies_changed: list[bool] = []
    hub.companiesChanged.connect(lambda: companies_changed.append(True))

    stack.push(RenameCompanyCommand(db, hub, google, "Google", "Google LLC"))
    assert get_contact(db, anna).company == "Google LLC"
    stack.push(MergeCompaniesCommand(db, hub, alphabet, [google], "Alphabet"))
    assert stack.undoText() == "Merge 2 companies into Alphabet"
    assert [(c.name, c.contact_count) for c in list_companies(db)] == [("Alphabet", 2)]
    stack.undo()
    assert get_contact(db, anna).company == "Google LLC"
    stack.undo()
    assert get_contact(db, anna).company == "Google"
    assert [(c.name, c.contact_count) for c in list_companies(db)] == [
        ("Alphabet", 1),
        ("Google", 1),
    ]
    assert len(companies_changed) == 4
