"""The import preview: each contact read, what it matches and what will happen to it."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any, NamedTuple

from crm.importing.existing import ExistingIndex, FileKeys
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


def file_keys(contacts: Sequence[ImportedContact]) -> tuple[list[list[Key]], FileKeys]:
    """The keys of each contact, and all of them by kind (what the database is asked for)."""
    every = [_keys(contact) for contact in contacts]
    kinds: dict[str, set[Any]] = {"uid": set(), "email": set(), "linkedin": set(), "person": set()}
    for keys in every:
        for kind, value in keys:
            kinds[kind].add(value)
    wanted = FileKeys(kinds["uid"], kinds["email"], kinds["linkedin"], kinds["person"])
    return every, wanted


def build_plan(
    result: ReadResult, index: ExistingIndex, keys: Sequence[list[Key]] | None = None
) -> ImportPlan:
    """Match every contact read against the database and against earlier rows of the file.

    Matches default to merge, new contacts to add. Rows that repeat an earlier row of the
    same file are combined with it, so one person never becomes two contacts. `keys` are
    the contacts' keys when already made (file_keys), in the order of the contacts.
    """
    contacts = result.contacts
    if keys is None:
        keys = [_keys(contact) for contact in contacts]
    # The row of each key. When no key appears twice (most files: one row per person), no
    # row repeats another, and only the rows with a key in the database need more than an
    # "add": the loop that combines rows, over every key of every row, is left to others.
    row_of = {key: row for row, its_keys in enumerate(keys) for key in its_keys}
    if len(row_of) < sum(map(len, keys)):
        return _plan_with_repeats(result, index, keys)
    add = Action.ADD
    items = [PlanItem(contact, add) for contact in contacts]
    matched = (
        [("uid", v) for v in index.by_uid]
        + [("email", v) for v in index.by_email]
        + [("linkedin", v) for v in index.by_linkedin]
        + [("person", v) for v in index.by_person]
    )
    for row in sorted({row_of[key] for key in matched if key in row_of}):
        items[row] = _item(result.format, contacts[row], keys[row], index)
    return ImportPlan(result.format, tuple(items), result.problems)


def _item(fmt: str, contact: ImportedContact, keys: list[Key], index: ExistingIndex) -> PlanItem:
    """The contact as added, or merged into the contact its first key in the database finds."""
    lookups: dict[str, dict[Any, int]] = {
        "uid": index.by_uid,
        "email": index.by_email,
        "linkedin": index.by_linkedin,
        "person": index.by_person,
    }
    for kind, value in keys:
        match_id = lookups[kind].get(value)
        if match_id is not None:
            existing = index.contact(match_id)
            return PlanItem(
                contact,
                Action.MERGE,
                match_id,
                existing.name,
                _REASONS[kind],
                _job_change(fmt, contact, existing.title, existing.company),
            )
    return PlanItem(contact, Action.ADD)


def _plan_with_repeats(
    result: ReadResult, index: ExistingIndex, keys: Sequence[list[Key]]
) -> ImportPlan:
    """build_plan for a file where some rows share a key: each row is combined with the
    first earlier one that shares a key with it (or with what was combined into that one)."""
    items: list[PlanItem] = []
    seen: dict[Key, int] = {}  # key -> position in items
    remember = seen.setdefault
    for contact, its_keys in zip(result.contacts, keys, strict=True):
        earlier = None
        for key in its_keys:
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
                remember(key, earlier)
            continue
        position = len(items)
        for key in its_keys:
            remember(key, position)
        items.append(_item(result.format, contact, its_keys, index))
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
