"""Words that agree with a number ("1 answer", "2 answers") and the English names of
months and weekdays.

English needs only one and many; the helper takes both forms so that a phrase whose plural
is not "+s" ("1 person", "2 people") is written in full where it is used.

Month and weekday names are written here, not by strftime's name codes: those follow the
process locale, which Qt sets from the desktop ("Mär" among English words under German).
"""

from __future__ import annotations

from datetime import date

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def month_name(day: date, *, short: bool = False) -> str:
    """ "March" (or "Mar"), whatever the locale."""
    name = MONTHS[day.month - 1]
    return name[:3] if short else name


def weekday_name(day: date, *, short: bool = False) -> str:
    """ "Tuesday" (or "Tue"), whatever the locale."""
    name = WEEKDAYS[day.weekday()]
    return name[:3] if short else name


def plural_word(count: int, one: str, many: str | None = None) -> str:
    """`one` for a count of 1 (or -1), otherwise `many` (by default `one` + "s")."""
    return one if abs(count) == 1 else (many if many is not None else f"{one}s")


def plural(count: int, one: str, many: str | None = None) -> str:
    """The count and the word in the form that agrees with it: "1 answer", "3 answers"."""
    return f"{count:,} {plural_word(count, one, many)}"


def day_and_month(day: date, *, weekday: bool = False, short: bool = False) -> str:
    """ "10 March", or with `weekday` "Tuesday 10 March" ("Tue 10 Mar" when `short`)."""
    text = f"{day.day} {month_name(day, short=short)}"
    return f"{weekday_name(day, short=short)} {text}" if weekday else text
