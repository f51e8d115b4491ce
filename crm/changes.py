"""The record of what a service call changed, so each view refreshes only what it shows."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Changes:
    """What kinds of data one user action changed. Combine with `|`."""

    contacts: frozenset[int] = field(default_factory=frozenset)
    companies: bool = False
    stages: bool = False
    meetings: frozenset[int] = field(default_factory=frozenset)
    follow_ups: bool = False
    questions: bool = False
    tags: bool = False
    everything: bool = False  # a restore or an import: reload all views

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            contacts=self.contacts | other.contacts,
            companies=self.companies or other.companies,
            stages=self.stages or other.stages,
            meetings=self.meetings | other.meetings,
            follow_ups=self.follow_ups or other.follow_ups,
            questions=self.questions or other.questions,
            tags=self.tags or other.tags,
            everything=self.everything or other.everything,
        )

    def __bool__(self) -> bool:
        return bool(
            self.contacts
            or self.companies
            or self.stages
            or self.meetings
            or self.follow_ups
            or self.questions
            or self.tags
            or self.everything
        )


def contacts_changed(*ids: int) -> Changes:
    return Changes(contacts=frozenset(ids))


EVERYTHING = Changes(everything=True)
