"""Fixtures several unit test modules share."""

from __future__ import annotations

import pytest

from crm.companies.service import list_companies
from crm.contacts.service import ContactFields, create_contact
from crm.store.db import Database


@pytest.fixture
def acme(db: Database) -> tuple[int, int]:
    """Acme with Rosa, who will refer the user; returns (company id, Rosa's id)."""
    rosa, _ = create_contact(db, ContactFields("Rosa", "Diaz", company="Acme"))
    return next(c.id for c in list_companies(db) if c.name == "Acme"), rosa
