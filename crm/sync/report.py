"""What a sync did (counts per collection, the changes it made here, the steps undo puts
back), or what it waits for the user to agree to."""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field, replace

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
    packed_steps: bytes = b""  # `steps` as pickled bytes, see `with_steps_packed`

    def with_steps_packed(self) -> SyncReport:
        """This report with its undo steps as bytes, to cross from the sync's process.

        A first sync that brought thousands of contacts holds a snapshot of each for
        undo: unpickling those objects on the window's side holds its interpreter for
        tens of milliseconds (40 ms for 5,000 contacts), a visible freeze. As bytes they
        cross in a copy, and become objects only when the user undoes the sync.
        """
        if not self.steps:
            return self
        packed = pickle.dumps(self.steps, pickle.HIGHEST_PROTOCOL)
        parts = [(label, replace(part, steps=[])) for label, part in self.parts]
        return replace(self, steps=[], parts=parts, packed_steps=packed)

    @property
    def has_steps(self) -> bool:
        return bool(self.steps or self.packed_steps)

    def undo_steps(self) -> list[LocalStep]:
        """What undo of the sync puts back (unpacked once, when first asked)."""
        if self.packed_steps:
            self.steps, self.packed_steps = pickle.loads(self.packed_steps), b""
        return self.steps

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
