"""The time source services use, so tests can fix "now"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

# Rapport stores instants as naive UTC datetimes; "now" is always UTC.
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def fixed_clock(at: datetime) -> Clock:
    """A clock stuck at `at` (naive UTC); tests move it by building a new one."""
    return lambda: at
