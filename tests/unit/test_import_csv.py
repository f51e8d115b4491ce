"""Reading LinkedIn, Google, Outlook and other CSV files."""

from __future__ import annotations

import ast
import re
from datetime import date
from pathlib import Path

import pytest

from crm.contacts.service import Channel
from crm.errors import ImportRefused
from crm.importing import Target, detect_format, read_import_file, read_import_text
from crm.importing.fields import parse_date
from crm.importing.textfile import read_text
from tests.conftest import REPO

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"


def test_linkedin_finds_the_header_after_the_notes_and_reads_its_rows() -> None:
    result = read_import_file(FIXTURES / "linkedin_connections.csv")
    assert result.format == "linkedin"
    anna, bruno, chloe, deleted = result.contacts
    assert (anna.first_name, anna.company, anna.title) == ("Anna", "Acme, Inc.", "Product Manager")
    assert anna.connected_on == date(2024, 3, 12)
    assert anna.linkedin_url == "https://www.linkedin.com/in/anna-lee-4a1b2c"
    assert anna.emails == ("anna.lee@example.com",)
    assert bruno.title == "Engineer, Platform" and bruno.emails == ()
    assert chloe.first_name == "Chloé"
    assert deleted.linkedin_url.endswith("/deleted-member")
    assert [(p.line, p.reason) for p in result.problems] == [
        (7, "the row has no name, email, company or LinkedIn link")
    ]


def test_google_current_layout_pairs_labels_and_splits_joined_values() -> None:
    result = read_import_file(FIXTURES / "google_contacts.csv")
    assert result.format == "google"
    grace, alan = result.contacts
    assert grace.channels[:3] == (
        Channel("email", "grace@navy.example", "work"),
        Channel("email", "g.hopper@example.org", "work"),
        Channel("email", "grace@home.example", "home"),
    )
    assert Channel("phone", "+1 555 0100", "mobile") in grace.channels
    assert grace.linkedin_url == "https://www.linkedin.com/in/gracehopper"
    assert (grace.company, grace.title, grace.birthday) == (
        "Navy Labs",
        "Rear Admiral",
        "1906-12-09",
    )
    assert grace.tags == ("Mentors",)  # Google's own "* myContacts" group is left out
    assert grace.location == "Arlington, VA, USA"
    assert alan.birthday == "--06-23"


def test_google_legacy_layout() -> None:
    (ada,) = read_import_file(FIXTURES / "google_legacy.csv").contacts
    assert (ada.first_name, ada.last_name, ada.company, ada.title) == (
        "Ada",
        "Lovelace",
        "Engines Ltd",
        "Analyst",
    )
    assert Channel("email", "ada@example.org", "home") in ada.channels
    assert ada.tags == ("Friends",)


def test_outlook_windows_1252_with_quoted_headers() -> None:
    result = read_import_file(FIXTURES / "outlook_contacts.csv")
    assert result.format == "outlook"
    hedy, joerg = result.contacts
    assert hedy.title == "Inventor"  # not "Ms.", which is Outlook's Title column
    assert Channel("phone", "+43 1 234", "work") in hedy.channels
    assert hedy.emails == ("hedy@example.at", "hedy.l@example.com")
    assert hedy.tags == ("Inventors", "VIP")
    assert hedy.birthday == "1914-11-09"
    assert (joerg.first_name, joerg.last_name, joerg.company) == ("Jörg", "Müller", "Büro GmbH")
    assert joerg.birthday == ""  # Outlook writes 0/0/00 for none


def test_latin1_file_is_decoded() -> None:
    (renee,) = read_import_file(FIXTURES / "latin1_linkedin.csv").contacts
    assert (renee.first_name, renee.company) == ("Renée", "Société Générale")


def test_unknown_layout_is_guessed_and_can_be_mapped_by_hand() -> None:
    path = FIXTURES / "generic_mapped.csv"
    assert detect_format(read_text(path)) == "csv"
    guessed = read_import_file(path)
    linus = guessed.contacts[0]
    assert (linus.first_name, linus.last_name, linus.company) == ("Linus", "Berg", "Nordic AB")
    assert Channel("phone", "+46 70 123", "mobile") in linus.channels
    mapping = [Target("full_name"), None, Target("email"), None, Target("title")]
    mapped = read_import_file(path, "csv", mapping).contacts[0]
    assert (mapped.company, mapped.title) == ("", "Met at the meetup")


def test_csv_without_recognisable_columns_is_refused() -> None:
    with pytest.raises(ImportRefused, match="None of the columns"):
        read_import_file(FIXTURES / "no_known_columns.csv")


def test_a_semicolon_file_whose_quoted_notes_hold_commas_is_read_by_semicolons() -> None:
    text = (
        "Vorname;Nachname;E-Mail;Notes\n"
        'Anna;Lee;anna@example.com;"Met at the fair, liked the talk, wants a call, later, ok"\n'
        'Ben;Ode;ben@example.com;"One, two, three, four, five, six"\n'
    )
    anna, ben = read_import_text(text).contacts
    assert (anna.first_name, anna.last_name, anna.emails) == ("Anna", "Lee", ("anna@example.com",))
    assert anna.notes == "Met at the fair, liked the talk, wants a call, later, ok"
    assert ben.notes == "One, two, three, four, five, six"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12 Mar 2024", date(2024, 3, 12)),
        ("12 October 2024", date(2024, 10, 12)),
        ("12-Oct-24", date(2024, 10, 12)),
        ("Oct 12, 2024", date(2024, 10, 12)),
        ("2024-10-12", date(2024, 10, 12)),
        ("10/12/24", date(2024, 10, 12)),
        ("31 Feb 2024", None),
        ("12 Okt 2024", None),
    ],
)
def test_dates_are_read_in_english_whatever_the_locale(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


# Directives whose meaning depends on the process locale (LC_TIME).
_LOCALE_DIRECTIVES = re.compile(r"%[-#]?[aAbBhcxXp]")


def test_no_importer_parses_dates_with_the_process_locale() -> None:
    """A German desktop reads "%b" as "Mär", "Okt": no parse may depend on it."""
    offenders = []
    for path in [*(REPO / "crm" / "importing").glob("*.py"), REPO / "crm" / "calendar" / "ics.py"]:
        nodes = list(ast.walk(ast.parse(path.read_text("utf-8"))))
        parses = any(getattr(n, "attr", "") == "strptime" for n in nodes)
        formats = [
            n.value
            for n in nodes
            if isinstance(n, ast.Constant)
            and isinstance(n.value, str)
            and _LOCALE_DIRECTIVES.search(n.value)
        ]
        if parses and formats:
            offenders.append(f"{path.name}: {formats}")
    assert offenders == []
