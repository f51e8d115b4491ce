"""Times as the data file stores them, for the hot paths that write SQL by hand.

The text form is the one SQLAlchemy's SQLite DateTime and Date types (the ones the
models use) write and read, so a hand-written INSERT stores exactly what the ORM stores
and reads back; a test holds the two equal. It is written out here rather than taken
from SQLAlchemy because the contacts list reads dates before the first frame, and
importing SQLAlchemy then would delay it.
"""

from __future__ import annotations

from datetime import date, datetime


def stored_datetime(moment: datetime) -> str:
    """`moment` (naive UTC) as a DateTime column holds it."""
    return (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d} "
        f"{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}.{moment.microsecond:06d}"
    )


def read_datetime(text: str) -> datetime:
    """A DateTime column's text back as a datetime."""
    return datetime.fromisoformat(text)


def stored_date(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


def read_date(text: str) -> date:
    return date.fromisoformat(text)
