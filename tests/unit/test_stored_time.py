"""The hand-written time format of the hot paths is the one the ORM's columns write and read."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.dialects import sqlite

from crm.store.stored_time import read_date, read_datetime, stored_date, stored_datetime

DIALECT = sqlite.dialect()
ORM_DATETIME: Any = sqlite.DATETIME()
ORM_DATE: Any = sqlite.DATE()


@given(st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)))
def test_a_moment_is_stored_and_read_as_the_orm_does(moment: datetime) -> None:
    written = ORM_DATETIME.bind_processor(DIALECT)(moment)
    assert stored_datetime(moment) == written
    assert read_datetime(written) == ORM_DATETIME.result_processor(DIALECT, None)(written)
    assert read_datetime(stored_datetime(moment)) == moment


@given(st.dates())
def test_a_day_is_stored_and_read_as_the_orm_does(day: date) -> None:
    written = ORM_DATE.bind_processor(DIALECT)(day)
    assert stored_date(day) == written
    assert read_date(written) == ORM_DATE.result_processor(DIALECT, None)(written) == day
