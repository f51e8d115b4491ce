"""Dates are written one way, from the user's locale, with relative words near today."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QLocale

from ui.common.dates import (
    date_edit_format,
    date_text,
    day_text,
    long_date_text,
    moment_text,
    month_text,
    range_text,
    relative_words,
)

TODAY = date(2026, 12, 3)  # a Thursday
GB, US, DE = QLocale("en_GB"), QLocale("en_US"), QLocale("de_DE")


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (date(2026, 12, 3), "today"),
        (date(2026, 12, 4), "tomorrow"),
        (date(2026, 12, 2), "yesterday"),
        (date(2026, 12, 5), "in 2 days"),
        (date(2026, 12, 9), "in 6 days"),
        (date(2026, 11, 30), "3 days ago"),
        (date(2026, 11, 27), "6 days ago"),
    ],
)
def test_days_near_today_read_as_words(day: date, words: str) -> None:
    assert relative_words(day, TODAY) == words
    assert day_text(day, TODAY, GB) == words


def test_days_further_away_are_the_locales_medium_date() -> None:
    assert day_text(date(2026, 12, 10), TODAY, GB) == "10 Dec"
    assert day_text(date(2026, 12, 10), TODAY, US) == "Dec 10"
    assert day_text(date(2026, 12, 10), TODAY, DE) == "10. Dez."
    assert day_text(date(2027, 1, 2), TODAY, GB) == "2 Jan 2027"
    assert day_text(date(2027, 1, 2), TODAY, US) == "Jan 2, 2027"
    assert day_text(date(2025, 11, 20), TODAY, DE) == "20. Nov. 2025"


def test_absolute_dates_never_say_tomorrow() -> None:
    assert date_text(date(2026, 12, 4), TODAY, GB) == "4 Dec"
    assert date_text(date(2026, 12, 4), None, GB) == "4 Dec 2026"
    assert range_text(date(2026, 11, 30), date(2026, 12, 6), GB) == "30 Nov – 6 Dec 2026"
    assert range_text(date(2026, 12, 28), date(2027, 1, 3), US) == "Dec 28, 2026 – Jan 3, 2027"


def test_moments_month_titles_long_dates_and_editors() -> None:
    assert moment_text(datetime(2026, 12, 2, 14, 30), TODAY, GB) == "yesterday, 14:30"
    assert moment_text(datetime(2026, 10, 2, 9, 5), TODAY, US) == "Oct 2, 09:05"
    assert month_text(TODAY, GB) == "December 2026"
    assert month_text(TODAY, DE, short=True).startswith("Dez")
    assert long_date_text(TODAY, GB) == "Thursday, 3 December 2026"
    assert date_edit_format(GB, with_time=True) == "ddd d MMM yyyy  HH:mm"
    assert date_edit_format(US) == "ddd MMM d, yyyy"
