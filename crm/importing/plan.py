"""The import preview: each contact read, what it matches and what will happen to it."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any, NamedTuple

from crm.importing.existing import ExistingIndex
from crm.importing.keys import company_key, email_key, linkedin_key, person_key, plain
from crm.importing.records import ImportedContact, ReadProblem, ReadResult


class Action(StrEnum):
    ADD = "add"  # a new contact
    MERGE = "merge"  # into the matching contact
    SKIP = "skip"


ACTION_NAMES = {Action.ADD: "Add as new", Action.MERGE: "Merge", Action.SKIP: "Skip"}


@dataclass(frozen=True)
class JobChange:
    old_title: str
    old_company: str
    new_title: str
    new_company: str

    def describe(self) -> str:
        return f"Now {_job(self.new_title, self.new_company)} (was {_job(self.old_title, self.old_company) or 'not known'})"  # noqa: E501


def _job(title: str, company: str) -> str:
    return " at ".join(p for p in (title, company) if p)


class PlanItem(NamedTuple):
    """A contact read and what to do with it.

    A named tuple, like ImportedContact: as immutable, and quicker to make, one per row.
    """

    contact: ImportedContact
    action: Action
    match_id: int | None = None
    match_name: str = ""
    match_reason: str = ""  # "same email", "same LinkedIn link", ...
    job_change: JobChange | None = None
    combined_lines: tuple[int, ...] = ()  # later rows of the file describing the same person

    @property
    def is_match(self) -> bool:
        return self.match_id is not None


@dataclass(frozen=True)
class ImportPlan:
    format: str
    items: tuple[PlanItem, ...]
    problems: tuple[ReadProblem, ...]
    warnings: tuple[ReadProblem, ...] = ()  # rows read whose values look wrong (validation.py)

    @property
    def new_count(self) -> int:
        return sum(1 for i in self.items if not i.is_match)

    @property
    def match_count(self) -> int:
        return sum(1 for i in self.items if i.is_match)

    @property
    def job_change_count(self) -> int:
        return sum(1 for i in self.items if i.job_change is not None)

    @property
    def combined_count(self) -> int:
        return sum(len(i.combined_lines) for i in self.items)

    def count(self, action: Action) -> int:
        return sum(1 for i in self.items if i.action is action)

    def with_action(self, index: int, action: Action) -> ImportPlan:
        """The plan with one item's action changed (a new contact cannot be merged)."""
        item = self.items[index]
        if action is Action.MERGE and not item.is_match:
            return self
        items = list(self.items)
        items[index] = item._replace(action=action)
        return replace(self, items=tuple(items))

    def with_action_for_matches(self, action: Action) -> ImportPlan:
        """The plan with every matching contact's action set to `action`."""
        return replace(
            self,
            items=tuple(i._replace(action=action) if i.is_match else i for i in self.items),
        )


Key = tuple[str, Hashable]  # ("email", "anna@example.com"), ("person", (name, company))
_REASONS = {
    "uid": "same vCard UID",
    "email": "same email",
    "linkedin": "same LinkedIn link",
    "person": "same name and company",
}


def _keys(contact: ImportedContact) -> list[Key]:
    """The keys a contact is matched on, in the order they are tried."""
    keys: list[Key] = [("uid", contact.uid)] if contact.uid else []
    for channel in contact.channels:
        if channel.kind == "email" and (key := email_key(channel.value)):
            keys.append(("email", key))
    if contact.linkedin_url and (key := linkedin_key(contact.linkedin_url)):
        keys.append(("linkedin", key))
    if contact.company and (
        person := person_key(contact.first_name, contact.last_name, contact.company)
    ):
        keys.append(("person", person))
    return keys


def build_plan(result: ReadResult, index: ExistingIndex) -> ImportPlan:
    """Match every contact read against the database and against earlier rows of the file.

    Matches default to merge, new contacts to add. Rows that repeat an earlier row of the
    same file are combined with it, so one person never becomes two contacts.
    """
    lookups: dict[str, dict[Any, int]] = {
        "uid": index.by_uid,
        "email": index.by_email,
        "linkedin": index.by_linkedin,
        "person": index.by_person,
    }
    items: list[PlanItem] = []
    seen: dict[Key, int] = {}  # key -> position in items
    add, remember = Action.ADD, seen.setdefault
    for contact in result.contacts:
        keys = _keys(contact)
        earlier = None
        for key in keys:
            if key in seen:
                earlier = seen[key]
                break
        if earlier is not None:
            item = items[earlier]
            merged = item.contact.combined_with(contact)
            items[earlier] = item._replace(
                contact=merged, combined_lines=(*item.combined_lines, contact.line)
            )
            for key in _keys(merged):
                seen.setdefault(key, earlier)
            continue
        item = PlanItem(contact, add)
        for kind, value in keys:
            match_id = lookups[kind].get(value)
            if match_id is not None:
                existing = index.contact(match_id)
                item = PlanItem(
                    contact,
                    Action.MERGE,
                    match_id,
                    existing.name,
                    _REASONS[kind],
                    _job_change(result.format, contact, existing.title, existing.company),
                )
                break
        position = len(items)
        for key in keys:
            remember(key, position)
        items.append(item)
    return ImportPlan(result.format, tuple(items), result.problems)


def _job_change(
    fmt: str, contact: ImportedContact, old_title: str, old_company: str
) -> JobChange | None:
    """A LinkedIn export is the person's own current job: a difference is a job change."""
    if fmt != "linkedin" or not (contact.title or contact.company):
        return None
    same_title = plain(contact.title) == plain(old_title)
    same_company = company_key(contact.company) == company_key(old_company)
    if same_title and same_company:
        return None
    return JobChange(old_title, old_company, contact.title, contact.company)
