"""What one sync changed, item by item and from which side, for the user to review.

The counts ("uploaded 3, downloaded 1") say how much; these lines say what: "Anna Lee —
changed here, from the server", "Coffee with Ben — sent to the server".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from crm.sync.kinds import Kind
    from crm.sync.plan import Plan

FROM_SERVER = "from the server"
TO_SERVER = "to the server"


@dataclass(frozen=True, slots=True)
class SyncLine:
    what: str  # "contact", "meeting" or "follow-up"
    name: str  # the contact's name, the meeting's or follow-up's title
    side: str  # FROM_SERVER (changed here) or TO_SERVER (changed there)
    action: str  # "added", "changed", "deleted"

    def text(self) -> str:
        where = "here, from the server" if self.side == FROM_SERVER else "on the server"
        return f"{self.name} ({self.what}) — {self.action} {where}"


def plan_lines(kind: Kind, plan: Plan, local: Mapping[int, tuple[str, Any]]) -> list[SyncLine]:
    """The lines of a plan as it is carried out: Rapport's side, then the server's."""
    what = kind.item
    lines = []
    for write in plan.local:
        if write.fields is None:
            known = local.get(write.local_id) if write.local_id is not None else None
            name = kind.describe(known[1]) if known is not None else "an item"
            lines.append(SyncLine(what, name, FROM_SERVER, "deleted"))
        else:
            action = "added" if write.local_id is None else "changed"
            lines.append(SyncLine(what, kind.describe(write.fields), FROM_SERVER, action))
    for push in plan.pushes:
        if push.text is None:
            base = push.base.base_text if push.base is not None else ""
            fields = kind.read(base)[1] if base else None
            name = kind.describe(fields) if fields is not None else "an item"
            lines.append(SyncLine(what, name, TO_SERVER, "deleted"))
        else:
            action = "added" if push.base is None else "changed"
            lines.append(SyncLine(what, kind.describe(push.fields), TO_SERVER, action))
    return lines
