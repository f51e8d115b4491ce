"""The prep sheet as a PDF: one page whatever the history, every question, escaped, Unicode."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QLocale
from PySide6.QtGui import QPageLayout, QPageSize
from pytestqt.qtbot import QtBot

from crm.contacts.service import ContactFields, create_contact
from crm.prep.sheet import build_prep_sheet
from crm.store.db import Database
from tests.prep_data import add_person, person_with_long_history, prepared_meeting
from ui.prep.render import default_page_layout, fit_sheet, sheet_html, write_pdf

needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)


def pdf_text(path: Path) -> str:
    """The PDF's text, lines joined with spaces and ligatures (ﬀ, ﬁ) spelled out."""
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return " ".join(unicodedata.normalize("NFKC", out).split())


def flat(text: str) -> str:
    return " ".join(text.split())


@needs_pdftotext
def test_200_interactions_and_15_questions_fit_on_one_page(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    anna = person_with_long_history(db, "Long notes. " * 400)
    meeting_id = prepared_meeting(db, anna, questions=15, goal="Learn how the team hires")
    sheet = build_prep_sheet(db, meeting_id=meeting_id)
    assert len(sheet.questions) == 15

    pdf = tmp_path / "sheet.pdf"
    write_pdf(sheet, pdf)

    assert len(PdfReader(pdf).pages) == 1
    text = pdf_text(pdf)
    assert "Anna Lee" in text
    assert "Learn how the team hires" in text
    for question in sheet.questions:
        assert flat(question) in text
    assert "earlier" in text  # the older interactions are summed up, not dropped silently
    assert "Interaction number 200" in text  # the newest one is printed
    assert "Interaction number 1 about" not in text


@needs_pdftotext
def test_forty_questions_still_print_on_one_page(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    meeting_id = prepared_meeting(db, add_person(db), questions=40)
    sheet = build_prep_sheet(db, meeting_id=meeting_id)
    fitted = fit_sheet(sheet)
    assert fitted.scale < 1  # the tightest budget overflows, so the page is scaled instead
    pdf = tmp_path / "many.pdf"
    write_pdf(sheet, pdf)
    assert len(PdfReader(pdf).pages) == 1
    assert "Extra question number 40?" in pdf_text(pdf)


def test_a_short_sheet_keeps_the_roomiest_layout(qtbot: QtBot, db: Database) -> None:
    meeting_id = prepared_meeting(db, add_person(db), questions=3)
    fitted = fit_sheet(build_prep_sheet(db, meeting_id=meeting_id))
    assert fitted.budget.lines == 3 and fitted.scale == 1.0


@needs_pdftotext
def test_markup_in_names_prints_as_written(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    eve, _ = create_contact(
        db,
        ContactFields(
            first_name="<b>Eve</b>", last_name="&amp; <i>Co</i>", notes="<script>x</script>"
        ),
    )
    sheet = build_prep_sheet(db, contact_id=eve)
    html = sheet_html(sheet)
    assert "<b>Eve</b>" not in html and "&lt;b&gt;Eve&lt;/b&gt;" in html
    pdf = tmp_path / "eve.pdf"
    write_pdf(sheet, pdf)
    text = pdf_text(pdf)
    assert "<b>Eve</b> &amp; <i>Co</i>" in text
    assert "<script>x</script>" in text


@needs_pdftotext
@pytest.mark.parametrize(
    ("first", "last"),
    [("Zoë", "Ångström-Núñez"), ("王", "小明"), ("مريم", "الحسيني"), ("דוד", "כהן")],
)
def test_unicode_names_print_correctly(
    qtbot: QtBot, db: Database, tmp_path: Path, first: str, last: str
) -> None:
    contact_id, _ = create_contact(
        db, ContactFields(first_name=first, last_name=last, company="Société Générale")
    )
    pdf = tmp_path / "name.pdf"
    write_pdf(build_prep_sheet(db, contact_id=contact_id), pdf)
    text = pdf_text(pdf)
    assert first in text and last in text
    assert "Société Générale" in text


def test_page_size_follows_the_locale_or_the_given_layout(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    us = default_page_layout(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    fr = default_page_layout(QLocale(QLocale.Language.French, QLocale.Country.France))
    assert us.pageSize().id() == QPageSize.PageSizeId.Letter
    assert fr.pageSize().id() == QPageSize.PageSizeId.A4

    sheet = build_prep_sheet(db, meeting_id=prepared_meeting(db, add_person(db)))
    for layout, points in ((us, (612, 792)), (fr, (595, 842))):
        pdf = tmp_path / f"{points[0]}.pdf"
        write_pdf(sheet, pdf, layout)
        box = PdfReader(pdf).pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == points

    landscape = QPageLayout(fr)
    landscape.setOrientation(QPageLayout.Orientation.Landscape)
    pdf = tmp_path / "landscape.pdf"
    write_pdf(sheet, pdf, landscape)
    box = PdfReader(pdf).pages[0].mediabox
    assert round(float(box.width)) == 842
    assert len(PdfReader(pdf).pages) == 1


def test_the_pdf_is_private_whatever_the_umask(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    import os
    import stat

    anna = add_person(db)
    sheet = build_prep_sheet(db, meeting_id=prepared_meeting(db, anna))
    old = os.umask(0o022)  # a typical desktop umask: new files readable by everyone
    try:
        fresh, existing = tmp_path / "new.pdf", tmp_path / "old.pdf"
        existing.write_bytes(b"")
        existing.chmod(0o644)
        for pdf in (fresh, existing):
            write_pdf(sheet, pdf)
            assert stat.S_IMODE(pdf.stat().st_mode) == 0o600
    finally:
        os.umask(old)
