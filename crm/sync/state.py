"""What a sync remembers per account: the items last agreed on, and open conflicts."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import datetime

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from crm.store.plain_rows import plain_row
from crm.store.sync_models import SyncAccount, SyncConflict, SyncItem
from crm.sync.merge import Conflict


@dataclass(frozen=True, slots=True)
class Item:
    """One item as last synced (plain data; `id` None for one not stored yet)."""

    id: int | None
    local_id: int | None
    uid: str
    href: str
    etag: str
    local_hash: str
    remote_hash: str
    base_text: str


_SAVED = tuple(f.name for f in fields(Item) if f.name != "id")


@dataclass(frozen=True)
class AccountInfo:
    id: int
    name: str
    url: str
    username: str
    addressbook_url: str
    calendar_url: str
    calendar_token: str
    vcard_version: str
    sync_token: str
    trusted_certificate: str
    last_synced_at: datetime | None
    last_result: str


def account_info(account: SyncAccount) -> AccountInfo:
    return AccountInfo(
        account.id,
        account.name,
        account.url,
        account.username,
        account.addressbook_url,
        account.calendar_url,
        account.calendar_token,
        account.vcard_version,
        account.sync_token,
        account.trusted_certificate,
        account.last_synced_at,
        account.last_result,
    )


def load_items(session: Session, account_id: int, kind: str = "contact") -> list[Item]:
    rows = session.scalars(
        select(SyncItem).where(SyncItem.account_id == account_id, SyncItem.kind == kind)
    )
    return [plain_row(Item, r) for r in rows]


def save_items(
    session: Session, account_id: int, items: Iterable[Item], kind: str = "contact"
) -> None:
    """Insert or update items (by id, or by UID for new ones), in two bulk statements.

    A first sync stores thousands of items; one query and one flush each kept the sync's
    transaction open for seconds and built an ORM object per item.
    """
    stored = session.execute(
        select(SyncItem.id, SyncItem.uid).where(
            SyncItem.account_id == account_id, SyncItem.kind == kind
        )
    ).all()
    ids = {row.id for row in stored}
    by_uid = {row.uid: row.id for row in stored}
    updates: dict[int, dict[str, object]] = {}
    inserts: dict[str, dict[str, object]] = {}
    for item in items:
        values: dict[str, object] = {name: getattr(item, name) for name in _SAVED}
        row_id = item.id if item.id in ids else by_uid.get(item.uid)
        if row_id is not None:
            updates[row_id] = {"id": row_id, **values}
        else:  # a later item with the same UID replaces an earlier one, as an update would
            inserts[item.uid] = {"account_id": account_id, "kind": kind, **values}
    if updates:
        session.execute(update(SyncItem), list(updates.values()))
    if inserts:
        session.execute(insert(SyncItem), list(inserts.values()))


def forget_items(session: Session, item_ids: Iterable[int]) -> None:
    ids = list(item_ids)
    if ids:
        session.execute(delete(SyncItem).where(SyncItem.id.in_(ids)))


def add_conflicts(
    session: Session,
    account_id: int,
    local_id: int,
    conflicts: Iterable[Conflict],
    now: datetime,
    kind: str = "contact",
) -> int:
    """Keep both values of each conflict (replacing an older one of the same field)."""
    count = 0
    for conflict in conflicts:
        session.execute(
            delete(SyncConflict).where(
                SyncConflict.account_id == account_id,
                SyncConflict.kind == kind,
                SyncConflict.local_id == local_id,
                SyncConflict.field == conflict.field,
            )
        )
        session.add(
            SyncConflict(
                account_id=account_id,
                kind=kind,
                local_id=local_id,
                field=conflict.field,
                mine=json.dumps(conflict.mine),
                theirs=json.dumps(conflict.theirs),
                created_at=now,
            )
        )
        count += 1
    return count
