"""Exports: vCard 4.0/3.0, CSV and JSON; round trips; files written whole or not at all."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest
import vobject

from crm.contacts.service import Channel, ContactDetail, ContactFields, create_contact, get_contact
from crm.errors import ExportError
from crm.exporting import export_csv, export_json, export_vcards, write_atomically
from crm.importing import Action, apply_plan, plan_import, read_import_file, stage_id_by_name
from crm.store.db import Database
from tests.conftest import REPO
from tests.people import TRICKY, TRICKY_CHANNELS


def same(a: ContactDetail, b: ContactDetail, *, labels: bool = True) -> None:
    for name in (
        "first_name",
        "last_name",
        "title",
        "company",
        "location",
        "linkedin_url",
        "notes",
        "birthday",
    ):
        assert getattr(a, name) == getattr(b, name), name
    if labels:
        assert a.channels == b.channels
    else:
        assert [(c.kind, c.value) for c in a.channels] == [(c.kind, c.value) for c in b.channels]
    assert set(a.tags) <= set(b.tags)


def reimport(db: Database, path: Path) -> ContactDetail:
    """Import `path` as new contacts and return the one called Renée."""
    plan = plan_import(db, read_import_file(path)).with_action_for_matches(Action.ADD)
    outcome = apply_plan(db, plan, stage_id_by_name(db, None))
    (row,) = [r for r in outcome.rows["contacts"] if r["first_name"] == "Renée"]
    return get_contact(db, row["id"])


@pytest.mark.parametrize("version", ["4.0", "3.0"])
def test_vcard_round_trip_gives_the_same_contact(
    db: Database, tmp_path: Path, version: str
) -> None:
    cid, _ = create_contact(db, TRICKY, channels=TRICKY_CHANNELS, tags=["Mentors", "Lyon trip"])
    path = tmp_path / "out.vcf"
    assert export_vcards(db, path, [cid], version) == 1
    (card,) = vobject.readComponents(path.read_text("utf-8"))
    assert card.fn.value == "Renée O'Neil; Jr, III"
    assert all(len(line) <= 75 for line in path.read_bytes().split(b"\r\n"))
    copy = reimport(db, path)
    same(get_contact(db, cid), copy)
    if version == "3.0":
        assert "X-APPLE-OMIT-YEAR=1604" in path.read_text("utf-8")


def test_csv_round_trip_gives_the_same_contact(db: Database, tmp_path: Path) -> None:
    cid, _ = create_contact(db, TRICKY, channels=TRICKY_CHANNELS, tags=["Mentors"])
    create_contact(db, ContactFields(first_name="Solo"))
    path = tmp_path / "out.csv"
    assert export_csv(db, path) == 2
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel opens it as UTF-8
    same(get_contact(db, cid), reimport(db, path))


def test_json_holds_every_table(db: Database, tmp_path: Path) -> None:
    create_contact(db, TRICKY, channels=TRICKY_CHANNELS, tags=["Mentors"])
    path = tmp_path / "all.json"
    assert export_json(db, path) == 1
    data = json.loads(path.read_text("utf-8"))
    assert data["format"] == "rapport-export" and data["schema_revision"]
    assert {"contacts", "companies", "stages", "questions", "contact_channels", "tags"} <= set(
        data["tables"]
    )
    assert data["tables"]["contacts"][0]["last_name"] == "O'Neil; Jr, III"
    assert len(data["tables"]["contact_channels"]) == len(TRICKY_CHANNELS)
    assert len(data["tables"]["stages"]) == 7


def test_export_of_selected_contacts(db: Database, tmp_path: Path) -> None:
    a, _ = create_contact(db, ContactFields(first_name="Ann"))
    create_contact(db, ContactFields(first_name="Ben"))
    path = tmp_path / "one.vcf"
    assert export_vcards(db, path, [a]) == 1
    assert "FN:Ann" in path.read_text("utf-8") and "Ben" not in path.read_text("utf-8")


def test_a_failed_write_never_leaves_half_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "keep.vcf"
    target.write_text("old content")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(os, "fsync", disk_full)
        with pytest.raises(ExportError, match="No space left"):
            write_atomically(target, b"new content that does not fit")
    assert target.read_text() == "old content"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.vcf"]
    not_a_folder = tmp_path / "keep.vcf" / "x.vcf"
    with pytest.raises(ExportError):
        write_atomically(not_a_folder, b"data")
    with pytest.raises(ExportError, match="folder"):
        write_atomically(tmp_path, b"data")
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new"


HOSTILE_CELLS = [
    '=HYPERLINK("http://evil.example","click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def test_csv_export_neutralises_every_cell_a_spreadsheet_would_run(
    db: Database, tmp_path: Path
) -> None:
    cells = iter(HOSTILE_CELLS * 3)
    create_contact(
        db,
        ContactFields(
            first_name=next(cells),
            last_name=next(cells),
            company=next(cells),
            title=next(cells),
            location=next(cells),
            notes=next(cells),
            birthday=next(cells),
        ),
        channels=[
            Channel("email", next(cells), next(cells)),
            Channel("phone", "+1 312 555 0129", "work"),
            Channel("url", next(cells), next(cells)),
        ],
        tags=[next(cells)],
    )
    path = tmp_path / "out.csv"
    export_csv(db, path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    cells_written = [cell for row in rows for cell in row]
    assert "+1 312 555 0129" in cells_written  # a phone number stays as it is
    for cell in cells_written:
        if cell != "+1 312 555 0129":
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert '\'=HYPERLINK("http://evil.example","click")' in cells_written


def test_the_app_writes_csv_only_through_the_safe_writer() -> None:
    writers = [
        f"{path.relative_to(REPO)}"
        for folder in ("crm", "ui", "cli")
        for path in (REPO / folder).rglob("*.py")
        if "csv.writer(" in path.read_text("utf-8") or "DictWriter" in path.read_text("utf-8")
    ]
    assert writers == ["crm/exporting/csv_writer.py"]
