"""Dates written by the domain and the command line use English names whatever the locale
(Qt sets the process locale from the desktop; strftime's %b and %a would follow it)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from crm.wording import month_name, weekday_name

REPO = Path(__file__).resolve().parents[2]
# Names that follow the locale: %a %A %b %B in a format string or a strptime pattern.
LOCALE_NAMES = re.compile(r"%[aAbB]\b|:%[aAbB]")
# Being rewritten by another change at the same time; to move to crm.wording there.
KNOWN = {"crm/today/day.py"}


def test_month_and_weekday_names_are_english() -> None:
    day = date(2026, 3, 10)
    assert (month_name(day), month_name(day, short=True)) == ("March", "Mar")
    assert (weekday_name(day), weekday_name(day, short=True)) == ("Tuesday", "Tue")
    assert month_name(date(2026, 12, 31)) == "December"
    assert weekday_name(date(2026, 3, 15)) == "Sunday"


def test_no_domain_or_command_line_module_writes_names_in_the_process_locale() -> None:
    found = sorted(
        path.relative_to(REPO).as_posix()
        for folder in ("crm", "cli")
        for path in (REPO / folder).rglob("*.py")
        if "migrations" not in path.parts
        and any(
            LOCALE_NAMES.search(line) and "LIKE" not in line
            for line in path.read_text("utf-8").splitlines()
            if not line.lstrip().startswith("#")
        )
    )
    assert [f for f in found if f not in KNOWN] == []
