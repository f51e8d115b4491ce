"""Times as the data file stores them, for the hot paths that write SQL by hand.

The text form comes from SQLAlchemy's own SQLite DateTime and Date types (the ones the
models use), so a hand-written INSERT stores exactly what the ORM stores and reads back.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy.dialects import sqlite

_DIALECT = sqlite.dialect()
_DATETIME: Any = sqlite.DATETIME()
_DATE: Any = sqlite.DATE()
_WRITE_DATETIME = _DATETIME.bind_processor(_DIALECT)
_READ_DATETIME = _DATETIME.result_processor(_DIALECT, None)
_WRITE_DATE = _DATE.bind_processor(_DIALECT)
_READ_DATE = _DATE.result_processor(_DIALECT, None)


def stored_datetime(moment: datetime) -> str:
    """`moment` (naive UTC) as a DateTime column holds it."""
    return str(_WRITE_DATETIME(moment))


def read_datetime(text: str) -> datetime:
    """A DateTime column's text back as a datetime."""
    value: datetime = _READ_DATETIME(text)
    return value


def stored_date(day: date) -> str:
    return str(_WRITE_DATE(day))


def read_date(text: str) -> date:
    value: date = _READ_DATE(text)
    return value
