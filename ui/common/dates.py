"""The one way dates are written in the window: the user's locale, with relative words.

A date near today reads "today", "tomorrow", "yesterday", "in 3 days" or "3 days ago";
further away it is the locale's medium date ("7 Dec", "Dec 7", "7. Dez."), with the year
only when it is not this year. Printed pages and ranges use `date_text`, which never says
"tomorrow" (a sheet printed today is read tomorrow). Every function takes `today` and an
optional `QLocale`, so tests fix both.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

from PySide6.QtCore import QDate, QLocale

RELATIVE_DAYS = 6  # beyond a week either way, a weekday count is harder to read than a date

_WEEKDAY = re.compile(r"\s*[,،]?\s*dddd\s*[,،]?\s*")
_YEAR_FIRST = re.compile(r"^y+[^dM']*")
_YEAR_LAST = re.compile(r"\s*(?:'[^']*'\s*)?[,،]?\s*y+.*$")
_FALLBACK = "d MMM yyyy"


def plural(count: int, word: str) -> str:
    """ "1 day", "3 days": English plural of a counted word."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _locale(locale: QLocale | None) -> QLocale:
    return locale if locale is not None else QLocale()


@lru_cache(maxsize=16)
def _patterns(locale_name: str) -> tuple[str, str]:
    """(with year, without year) medium patterns, derived from the locale's long format."""
    long = QLocale(locale_name).dateFormat(QLocale.FormatType.LongFormat)
    medium = _WEEKDAY.sub(" ", long).strip(" ,،")
    medium = re.sub(r"(?<!M)MMMM(?!M)", "MMM", medium)
    if "d" not in medium or "M" not in medium or "y" not in medium:
        medium = _FALLBACK
    short = _YEAR_FIRST.sub("", medium) if medium.startswith("y") else _YEAR_LAST.sub("", medium)
    return medium, short.strip(" ,،") or "d MMM"


@lru_cache(maxsize=4096)
def _date_text(day: date, this_year: int | None, locale_name: str) -> str:
    with_year, without_year = _patterns(locale_name)
    pattern = without_year if day.year == this_year else with_year
    return QLocale(locale_name).toString(QDate(day.year, day.month, day.day), pattern)


def date_text(day: date, today: date | None = None, locale: QLocale | None = None) -> str:
    """The locale's medium date: "7 Dec 2026"; without the year when it is `today`'s year."""
    return _date_text(day, today.year if today else None, _locale(locale).name())


def relative_words(day: date, today: date, within: int = RELATIVE_DAYS) -> str | None:
    """ "today", "tomorrow", "in 3 days", "yesterday", "3 days ago"; None when more than
    `within` days away (with `within` 1: only today, tomorrow and yesterday)."""
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if delta == -1:
        return "yesterday"
    if 0 < delta <= within:
        return f"in {plural(delta, 'day')}"
    if -within <= delta < 0:
        return f"{plural(-delta, 'day')} ago"
    return None


def day_text(day: date, today: date, locale: QLocale | None = None) -> str:
    """A day as the window shows it: relative words near `today`, else the medium date."""
    return relative_words(day, today) or date_text(day, today, locale)


def time_text(at: datetime) -> str:
    """A time of day: 24-hour "14:30", as the calendar grid shows times."""
    return f"{at:%H:%M}"


def moment_text(at: datetime, today: date, locale: QLocale | None = None) -> str:
    """A local date and time: "today, 14:30", "3 days ago, 09:00", "7 Dec 2025, 14:30"."""
    return f"{day_text(at.date(), today, locale)}, {time_text(at)}"


def weekday_text(day: date, locale: QLocale | None = None, *, long: bool = False) -> str:
    """The locale's name of the weekday of `day`: "Mon" (or "Monday" when `long`)."""
    kind = QLocale.FormatType.LongFormat if long else QLocale.FormatType.ShortFormat
    return _locale(locale).dayName(day.isoweekday(), kind)


def month_text(day: date, locale: QLocale | None = None, *, short: bool = False) -> str:
    """The month and year of `day`: "December 2026" ("Dec 2026" when `short`)."""
    loc = _locale(locale)
    kind = QLocale.FormatType.ShortFormat if short else QLocale.FormatType.LongFormat
    return f"{loc.standaloneMonthName(day.month, kind)} {day.year}"


def weekday_date_text(day: date, today: date, locale: QLocale | None = None) -> str:
    """A day named in full where relative words would read badly: "Mon 7 Dec"."""
    return f"{weekday_text(day, locale)} {date_text(day, today, locale)}"


def date_edit_format(locale: QLocale | None = None, *, with_time: bool = False) -> str:
    """The display pattern of a date (and time) editor: the weekday, the medium date."""
    with_year, _without = _patterns(_locale(locale).name())
    return f"ddd {with_year}  HH:mm" if with_time else f"ddd {with_year}"


def range_text(first: date, last: date, locale: QLocale | None = None) -> str:
    """Two days as a span: "7 Dec – 13 Dec 2026" (the first without its year when shared)."""
    start = date_text(first, last, locale)
    return f"{start} – {date_text(last, None, locale)}"


def long_date_text(day: date, locale: QLocale | None = None) -> str:
    """The locale's long date with the weekday: "Thursday, 3 December 2026"."""
    return _locale(locale).toString(
        QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat
    )
