"""`main.py prep` as a process: the same one-page PDF without a window, clear errors."""

from __future__ import annotations

import subprocess
from datetime import timedelta
from pathlib import Path

from pypdf import PdfReader

from crm.store.clock import Clock, utc_now
from crm.store.paths import DataPaths
from crm.store.schema import open_database
from tests.e2e.processes import rapport
from tests.prep_data import add_interactions, add_person, describe_company, prepared_meeting


def run_prep(paths: DataPaths, *args: str) -> subprocess.CompletedProcess[str]:
    # The command must not need a screen on its own.
    no_screen = ("DISPLAY", "QT_QPA_PLATFORM")
    return rapport("--data-dir", str(paths.root), "prep", *args, unset=no_screen)


def fill(paths: DataPaths, clock: Clock) -> int:
    db = open_database(paths, clock=clock).database
    try:
        anna = add_person(db)
        describe_company(db)
        add_interactions(db, anna, 30)
        # The command runs on the real clock: the meeting must still be ahead for --contact.
        start = utc_now().replace(minute=0, second=0) + timedelta(days=7)
        return prepared_meeting(
            db, anna, questions=6, goal="Ask about the data platform", start_at=start
        )
    finally:
        db.dispose()


def page_text(pdf: Path) -> str:
    return " ".join(PdfReader(pdf).pages[0].extract_text().split())


def test_prep_by_meeting_and_by_contact_writes_one_page(
    data_paths: DataPaths, clock: Clock, tmp_path: Path
) -> None:
    meeting_id = fill(data_paths, clock)
    by_meeting = tmp_path / "meeting.pdf"
    result = run_prep(data_paths, "--meeting", str(meeting_id), "--pdf", str(by_meeting))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert len(PdfReader(by_meeting).pages) == 1
    assert "Ask about the data platform" in page_text(by_meeting)

    by_contact = tmp_path / "contact.pdf"
    result = run_prep(data_paths, "--contact", "anna lee", "--pdf", str(by_contact))
    assert result.returncode == 0, result.stderr
    text = page_text(by_contact)
    assert "Anna Lee" in text and "Ask about the data platform" in text


def test_errors_are_one_clear_line(data_paths: DataPaths, clock: Clock, tmp_path: Path) -> None:
    fill(data_paths, clock)
    out = tmp_path / "x.pdf"
    for args, words in (
        (("--contact", "Nobody Here"), "no contact is called"),
        (("--meeting", "999"), "no meeting with id 999"),
    ):
        result = run_prep(data_paths, *args, "--pdf", str(out))
        assert result.returncode == 1
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and words in lines[0], result.stderr
    result = run_prep(data_paths, "--meeting", "1", "--pdf", str(tmp_path / "no" / "x.pdf"))
    assert result.returncode == 1 and "does not exist" in result.stderr
    assert not out.exists()


def test_contact_names_match_with_case_and_accents_folded(
    data_paths: DataPaths, clock: Clock, tmp_path: Path
) -> None:
    db = open_database(data_paths, clock=clock).database
    try:
        add_person(db, "Łukasz", "Nowak")
    finally:
        db.dispose()
    for typed in ("Łukasz Nowak", "lukasz"):
        out = tmp_path / f"{typed}.pdf"
        result = run_prep(data_paths, "--contact", typed, "--pdf", str(out))
        assert result.returncode == 0, result.stderr
        assert "Łukasz Nowak" in page_text(out)
