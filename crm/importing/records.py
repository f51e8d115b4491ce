"""What a reader makes of a file: contacts read, rows it could not read, and why."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from crm.contacts.channel import Channel

FORMAT_NAMES = {
    "vcard": "vCard",
    "linkedin": "LinkedIn",
    "google": "Google",
    "outlook": "Outlook",
    "csv": "CSV",
}


class ImportedContact(NamedTuple):
    """One contact as read from a file, before it is matched or stored.

    A named tuple rather than a frozen dataclass: as immutable, and a file makes one per
    row, which the frozen dataclass's __init__ made more than twice as slow.
    """

    line: int  # where its row or card starts in the file (1-based)
    first_name: str = ""
    last_name: str = ""
    title: str = ""
    company: str = ""
    location: str = ""
    linkedin_url: str = ""
    notes: str = ""
    birthday: str = ""
    uid: str = ""
    channels: tuple[Channel, ...] = ()
    tags: tuple[str, ...] = ()
    connected_on: date | None = None  # LinkedIn "Connected On"

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def emails(self) -> tuple[str, ...]:
        return tuple(c.value for c in self.channels if c.kind == "email")

    def combined_with(self, other: ImportedContact) -> ImportedContact:
        """This record with the gaps filled and the channels and tags of `other` added."""
        channels = list(self.channels)
        seen = {(c.kind, c.value.casefold()) for c in channels}
        channels += [c for c in other.channels if (c.kind, c.value.casefold()) not in seen]
        tags = tuple(dict.fromkeys(self.tags + other.tags))
        notes = self.notes
        if other.notes and other.notes not in notes:
            notes = f"{notes}\n\n{other.notes}" if notes else other.notes
        return self._replace(
            first_name=self.first_name or other.first_name,
            last_name=self.last_name or other.last_name,
            title=self.title or other.title,
            company=self.company or other.company,
            location=self.location or other.location,
            linkedin_url=self.linkedin_url or other.linkedin_url,
            notes=notes,
            birthday=self.birthday or other.birthday,
            uid=self.uid or other.uid,
            channels=tuple(channels),
            tags=tags,
            connected_on=self.connected_on or other.connected_on,
        )


@dataclass(frozen=True)
class ReadProblem:
    """A row or card that could not be read."""

    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass(frozen=True)
class ReadResult:
    """Everything a reader got out of one file."""

    format: str  # a key of FORMAT_NAMES
    contacts: tuple[ImportedContact, ...] = ()
    problems: tuple[ReadProblem, ...] = ()
    headers: tuple[str, ...] = field(default=())  # CSV formats: the header row

    @property
    def format_name(self) -> str:
        return FORMAT_NAMES.get(self.format, self.format)
