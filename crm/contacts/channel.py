"""A contact's email address, phone number, web link or social profile, as services pass it.

Apart from the services so that readers of import files use it without loading SQLAlchemy.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Channel:
    kind: str  # email / phone / url / social
    value: str
    label: str = ""
