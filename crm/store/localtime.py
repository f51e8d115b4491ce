"""Local time for a naive-UTC database: the system zone and conversions both ways."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def local_zone() -> tzinfo:
    """The system's time zone, with its DST rules when they can be found."""
    for key in (os.environ.get("TZ", "").lstrip(":"), _localtime_key()):
        if key:
            try:
                return ZoneInfo(key)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    # A fixed offset is still right for today, only wrong across a DST change.
    return datetime.now().astimezone().tzinfo or UTC


def _localtime_key() -> str:
    try:
        target = str(Path("/etc/localtime").resolve())
    except OSError:
        return ""
    marker = "zoneinfo/"
    return target.split(marker, 1)[1] if marker in target else ""


def to_local(utc: datetime, tz: tzinfo) -> datetime:
    """A naive UTC instant as naive wall-clock time in `tz`."""
    return utc.replace(tzinfo=UTC).astimezone(tz).replace(tzinfo=None)


def to_utc(local: datetime, tz: tzinfo) -> datetime:
    """Naive wall-clock time in `tz` as a naive UTC instant."""
    return local.replace(tzinfo=tz).astimezone(UTC).replace(tzinfo=None)


def local_today(now_utc: datetime, tz: tzinfo) -> date:
    """The calendar day it is in `tz` at the UTC instant `now_utc`."""
    return to_local(now_utc, tz).date()


def day_bounds_utc(first: date, last: date, tz: tzinfo) -> tuple[datetime, datetime]:
    """The UTC instants at local midnight starting `first` and ending `last` (exclusive)."""
    start = to_utc(datetime.combine(first, datetime.min.time()), tz)
    end = to_utc(datetime.combine(date.fromordinal(last.toordinal() + 1), datetime.min.time()), tz)
    return start, end
