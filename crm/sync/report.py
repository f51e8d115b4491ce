"""What a sync did (counts per collection, the changes it made here, the steps undo puts
back), or what it waits for the user to agree to."""

from __future__ import annotations

from dataclasses import dataclass, field

from crm.changes import Changes
from crm.sync.review import SyncLine
from crm.sync.undo import LocalStep


@dataclass
class SyncReport:
    """What a sync did, or what it waits for the user to agree to."""

    uploaded: int = 0
    downloaded: int = 0
    merged: int = 0
    conflicts: int = 0
    deleted_here: int = 0
    deleted_there: int = 0
    on_server: int = 0
    here: int = 0
    matched: int = 0
    new_here: int = 0
    new_there: int = 0
    needs_review: bool = False  # a first sync against a full address book
    held_deletions: int = 0  # deletions waiting for the user's agreement
    failed: list[str] = field(default_factory=list)
    changes: Changes = field(default_factory=Changes)
    parts: list[tuple[str, SyncReport]] = field(default_factory=list)  # per collection
    steps: list[LocalStep] = field(default_factory=list)  # what undo of the sync puts back
    log: list[SyncLine] = field(default_factory=list)  # what changed, item by item

    @property
    def waiting(self) -> bool:
        return self.needs_review or self.held_deletions > 0

    def review(self) -> str:
        return (
            f"{self.on_server} on the server, {self.here} here: {self.matched} match, "
            f"{self.new_here} new here, {self.new_there} new there"
        )

    def __add__(self, other: SyncReport) -> SyncReport:
        """Two collections' reports as one (contacts and meetings of one account)."""
        summed = {
            name: getattr(self, name) + getattr(other, name)
            for name in (
                "uploaded",
                "downloaded",
                "merged",
                "conflicts",
                "deleted_here",
                "deleted_there",
                "on_server",
                "here",
                "matched",
                "new_here",
                "new_there",
                "held_deletions",
            )
        }
        return SyncReport(
            **summed,
            needs_review=self.needs_review or other.needs_review,
            failed=self.failed + other.failed,
            changes=self.changes | other.changes,
            parts=self.parts + other.parts,
            steps=self.steps + other.steps,
            log=self.log + other.log,
        )

    def counts(self) -> str:
        return (
            f"uploaded {self.uploaded}, downloaded {self.downloaded}, merged {self.merged}, "
            f"conflicts {self.conflicts}, deleted {self.deleted_here + self.deleted_there}"
        )
