"""The time source services use, so tests can fix "now"."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

# Rapport stores instants as naive UTC datetimes; "now" is always UTC.
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


@dataclass(frozen=True)
class FixedClock:
    """A clock stuck at one instant. A class, not a closure: a sync run in a child process
    is handed the window's clock, and only what pickles can travel there."""

    at: datetime

    def __call__(self) -> datetime:
        return self.at


def fixed_clock(at: datetime) -> Clock:
    """A clock stuck at `at` (naive UTC); tests move it by building a new one."""
    return FixedClock(at)
