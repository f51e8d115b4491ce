"""Business days (Monday to Friday), the unit nudges are counted in."""

from __future__ import annotations

from datetime import date, timedelta

SATURDAY = 5


def add_business_days(start: date, days: int) -> date:
    """The day `days` business days after `start` (a weekend start counts from Monday)."""
    day = start
    left = days
    while left > 0:
        day += timedelta(days=1)
        if day.weekday() < SATURDAY:
            left -= 1
    return day


def business_days_between(first: date, last: date) -> int:
    """Business days after `first` up to and including `last` (0 when last <= first)."""
    if last <= first:
        return 0
    whole_weeks, extra = divmod((last - first).days, 7)
    count = whole_weeks * 5
    for offset in range(1, extra + 1):
        if (first + timedelta(days=offset)).weekday() < SATURDAY:
            count += 1
    return count
