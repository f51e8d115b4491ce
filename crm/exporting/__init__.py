"""Exporting contacts as vCard or CSV, and everything as JSON; files are written whole."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from crm.errors import ExportError
from crm.exporting.atomic import write_atomically
from crm.exporting.csv_writer import contacts_csv
from crm.exporting.data import ExportContact, load_contacts
from crm.exporting.json_dump import dump_everything, everything_json, plain_value
from crm.exporting.vcard_writer import VERSIONS, contact_card, vcards
from crm.store.db import Database


def export_vcards(
    db: Database, path: Path, ids: Sequence[int] | None = None, version: str = "4.0"
) -> int:
    """Write all contacts (or `ids`) as vCards to `path`; returns how many."""
    contacts = load_contacts(db, ids)
    write_atomically(path, vcards(contacts, version).encode("utf-8"))
    return len(contacts)


def export_csv(db: Database, path: Path, ids: Sequence[int] | None = None) -> int:
    """Write all contacts (or `ids`) as CSV to `path` (UTF-8 with a byte-order mark for Excel)."""
    contacts = load_contacts(db, ids)
    write_atomically(path, contacts_csv(contacts).encode("utf-8-sig"))
    return len(contacts)


def export_json(db: Database, path: Path) -> int:
    """Write every table to `path` as JSON; returns the number of contacts."""
    data = dump_everything(db)
    # Through everything_json's encoder: attached files (bytes) go in as base64.
    text = json.dumps(data, ensure_ascii=False, indent=1, default=plain_value) + "\n"
    write_atomically(path, text.encode())
    return len(data["tables"].get("contacts", []))


def export_applications_csv(db: Database, path: Path) -> int:
    """Write every application as CSV to `path` (UTF-8 with a byte-order mark for Excel);
    returns how many."""
    from crm.targets.listing import applications_csv, list_applications

    rows = list_applications(db)
    write_atomically(path, applications_csv(db, rows).encode("utf-8-sig"))
    return len(rows)


__all__ = [
    "VERSIONS",
    "ExportContact",
    "ExportError",
    "contact_card",
    "contacts_csv",
    "dump_everything",
    "everything_json",
    "export_applications_csv",
    "export_csv",
    "export_json",
    "export_vcards",
    "load_contacts",
    "vcards",
    "write_atomically",
]
