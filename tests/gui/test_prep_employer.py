"""The prep sheet tells where the user stands with the person's employer."""

from __future__ import annotations

from crm.prep.finding import find_contacts
from crm.prep.sheet import build_prep_sheet
from crm.samples.data import load_sample_data
from crm.store.db import Database
from ui.prep.render import sheet_html


def test_the_prep_sheet_shows_the_target_score_openings_and_application(db: Database) -> None:
    load_sample_data(db)
    ((marcus, _name),) = find_contacts(db, "Marcus")  # interviews for the Northwind role
    sheet = build_prep_sheet(db, contact_id=marcus)
    assert sheet.company is not None
    assert sheet.company.standing == (
        "Target #1, score 7/7  ·  Openings: Analytics Engineer  ·  "
        "Your applications: Analytics Engineer (Interviewing)"
    )
    assert "Your search here: </span>Target #1, score 7/7" in sheet_html(sheet)


def test_an_employer_that_is_no_target_adds_no_line(db: Database) -> None:
    load_sample_data(db)
    ((person, _name),) = find_contacts(db, "Gabriel")  # Civic Commons: not a target
    sheet = build_prep_sheet(db, contact_id=person)
    assert sheet.company is not None and sheet.company.standing == ""
    assert "Your search here" not in sheet_html(sheet)
