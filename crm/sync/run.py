"""One sync of an account's collection: read the server's changes, plan, write both sides.

The network is never waited on inside a write transaction: the server is read first,
Rapport's side is written in one transaction, then the server is written, and the state
of what was pushed is kept in a last short transaction. A sync stopped anywhere in
between is repeated safely: the next one sees equal values on both sides.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypedDict, Unpack

from crm.errors import SyncError
from crm.store.db import Database
from crm.store.sync_models import SyncAccount
from crm.sync.accounts import follow_ups_as_tasks
from crm.sync.kinds import Kind, contacts_kind, events_kind, todos_kind
from crm.sync.plan import (
    DELETE_GUARD_MIN_ITEMS,
    DELETE_SHARE,
    Plan,
    Push,
    Remote,
    new_href,
    plan_sync,
)
from crm.sync.report import SyncReport
from crm.sync.review import plan_lines
from crm.sync.state import AccountInfo, Item, add_conflicts, forget_items, load_items, save_items
from crm.sync.undo import LocalStep
from crm.sync.webdav import CardDavClient, Delta, PreconditionFailed, TokenRefused

Progress = Callable[[int, int, str], None]


def _delta(client: CardDavClient, book: str, token: str, items: list[Item]) -> Delta:
    """The server's changes since `token`, or a full listing when there is none or the
    server refuses it (compared with what was synced last)."""
    if token:
        try:
            return client.changes_since(book, token)
        except TokenRefused:
            pass
    return client.list_etags(book)


def _read_server(
    kind: Kind, client: CardDavClient, book: str, token: str, items: list[Item]
) -> tuple[dict[str, Remote], list[Remote], set[str], Delta]:
    by_href = {i.href: i for i in items}
    by_uid = {i.uid: i for i in items}
    delta = _delta(client, book, token if items else "", items)
    removed = set(delta.removed)
    if delta.complete:
        removed |= {i.href for i in items} - delta.changed.keys()
    wanted = [h for h, e in delta.changed.items() if h not in by_href or by_href[h].etag != e]
    remotes: dict[str, Remote] = {}
    duplicates: list[Remote] = []
    for href, (etag, text) in sorted(client.fetch(book, wanted, kind.collection.multiget).items()):
        uid, fields = kind.read(text)
        if fields is None:
            continue  # another kind's resource in the same collection (a task, an event)
        remote = Remote(href, etag, text, uid, fields)
        owner = by_uid.get(uid)
        clash = owner is not None and owner.href != href and owner.href not in removed
        if not uid or uid in remotes or clash:
            duplicates.append(remote)  # the UID is not this card's alone: it gets its own
        else:
            remotes[uid] = remote
    return remotes, duplicates, removed, delta


def _give_own_uids(
    kind: Kind, client: CardDavClient, book: str, duplicates: list[Remote]
) -> list[Remote]:
    """Cards that share a UID (or have none) get a fresh one, written back to the server.

    Some servers refuse to change the UID of a stored card (Radicale answers 409): the
    card is then written anew under the fresh UID and the old copy deleted.
    """
    fixed = []
    for remote in duplicates:
        uid = f"urn:uuid:{uuid.uuid4()}"
        text = _with_uid(remote.text, uid)
        href = remote.href
        try:
            try:
                etag = client.put(href, text, remote.etag or None, kind.collection.content_type)
            except PreconditionFailed:
                continue  # changed meanwhile: the next sync sees it again
            except SyncError:
                href = new_href(book, kind.collection.suffix)
                etag = client.put(href, text, None, kind.collection.content_type)
                client.delete(remote.href, remote.etag)
        except SyncError:
            continue  # left as it is; the next sync tries again
        fixed.append(Remote(href, etag, text, uid, remote.fields))
    return fixed


def _with_uid(text: str, uid: str) -> str:
    lines = [
        ln for ln in text.replace("\r\n", "\n").split("\n") if not ln.upper().startswith("UID")
    ]
    end = next(i for i, ln in enumerate(lines) if ln.upper().startswith("VERSION"))
    lines.insert(end + 1, f"UID:{uid}")
    return "\r\n".join(ln for ln in lines if ln) + "\r\n"


def _held(plan: Plan, items: list[Item], delta: Delta, local_count: int) -> int:
    """How many deletions wait for the user's agreement (0: none held)."""
    if not items or not plan.deletions:
        return 0
    emptied = (delta.complete and not delta.changed) or local_count == 0
    many = len(items) >= DELETE_GUARD_MIN_ITEMS and plan.deletions > DELETE_SHARE * len(items)
    return plan.deletions if emptied or many else 0


class SyncOptions(TypedDict, total=False):
    """How a sync runs, each off when not given; `sync_collection` says what they do."""

    dry_run: bool
    accept_first_sync: bool
    allow_deletions: bool
    progress: Progress | None


def sync_account(
    db: Database, account: AccountInfo, client: CardDavClient, **options: Unpack[SyncOptions]
) -> SyncReport:
    """Sync the account's address book, then its calendar when it has one chosen."""
    report = sync_contacts(db, account, client, **options)
    if not account.calendar_url or report.waiting:
        return report
    report = report + sync_events(db, account, client, **options)
    if not report.waiting and follow_ups_as_tasks(db, account.id):
        report = report + sync_collection(db, account, client, todos_kind(), "", **options)
    if not options.get("dry_run") and not report.waiting:
        with db.session() as session:
            stored = session.get(SyncAccount, account.id)
            if stored is not None:
                stored.last_result = report.counts()
    return report


def sync_contacts(
    db: Database, account: AccountInfo, client: CardDavClient, **options: Unpack[SyncOptions]
) -> SyncReport:
    """Sync the account's address book with Rapport's contacts, both ways."""
    return sync_collection(db, account, client, contacts_kind(), account.sync_token, **options)


def sync_events(
    db: Database, account: AccountInfo, client: CardDavClient, **options: Unpack[SyncOptions]
) -> SyncReport:
    """Sync the account's calendar with Rapport's meetings, both ways."""
    return sync_collection(db, account, client, events_kind(), account.calendar_token, **options)


def sync_collection(
    db: Database,
    account: AccountInfo,
    client: CardDavClient,
    kind: Kind,
    token: str,
    *,
    dry_run: bool = False,
    accept_first_sync: bool = False,
    allow_deletions: bool = False,
    progress: Progress | None = None,
) -> SyncReport:
    """Sync one collection of the account (its address book or its calendar).

    `progress(done, total, what)` is called before Rapport's side is written and before
    each write to the server, for a long first sync; each call falls between two
    transactions, so a progress that raises (SyncStopped: the window closed) stops the
    sync where the next one repeats it safely.
    """
    book = kind.collection.url(account)
    if not book:
        raise SyncError(f"The account {account.name} has no {kind.collection.multiget} chosen.")
    with db.read() as session:
        items = load_items(session, account.id, kind.name)
        local = kind.local_items(session)
    remotes, duplicates, removed, delta = _read_server(kind, client, book, token, items)
    report = SyncReport(here=len(local))
    report.on_server = len(delta.changed) if delta.complete else len(items)
    if duplicates and not dry_run:
        for remote in _give_own_uids(kind, client, book, duplicates):
            remotes[remote.uid] = remote
    plan = plan_sync(kind, items, remotes, removed, local, book, account.vcard_version)
    report.matched, report.new_here, report.new_there = plan.matched, plan.new_here, plan.new_there
    report.needs_review = not items and bool(remotes) and not accept_first_sync
    report.held_deletions = 0 if allow_deletions else _held(plan, items, delta, len(local))
    _count(report, plan)
    label = kind.label
    report.log = plan_lines(kind, plan, local)
    if dry_run or report.waiting:
        report.parts = [(label, replace(report))]
        return report
    if progress is not None:
        progress(0, len(plan.pushes), label)
    changed, step = _write_local(kind, db, account.id, plan)
    pushed, forget = _push(kind, db, account.id, client, plan, report, progress)
    _finish(kind, db, account.id, pushed, forget, delta.token, report)
    report.changes = kind.changes(changed)
    report.steps = [step] if changed else []
    report.parts = [(label, replace(report))]
    return report


def _count(report: SyncReport, plan: Plan) -> None:
    created = sum(w.local_id is None and w.fields is not None for w in plan.local)
    report.downloaded = created + plan.updated
    report.merged = plan.merged
    report.conflicts = plan.conflicts
    report.deleted_here = sum(w.fields is None for w in plan.local)
    report.uploaded = sum(p.text is not None for p in plan.pushes)
    report.deleted_there = sum(p.text is None for p in plan.pushes)


def _write_local(
    kind: Kind, db: Database, account_id: int, plan: Plan
) -> tuple[set[int], LocalStep]:
    """Rapport's side of the plan in one transaction; returns the records it touched and
    their rows before and after, for undo."""
    now = db.now()
    touched: set[int] = set()
    with db.session() as session:
        existing = [w.local_id for w in plan.local if w.local_id is not None]
        before = kind.snapshot(session, existing)
        forget_items(session, plan.forget)
        items: list[Item] = list(plan.keep)
        for write in plan.local:
            if write.fields is None:
                kind.delete_local(session, [write.local_id])  # type: ignore[list-item]
                touched.add(write.local_id)  # type: ignore[arg-type]
                continue
            if write.local_id is None:
                cid = kind.create_local(session, write.uid, write.fields, now)
            else:
                cid = write.local_id
                kind.update_local(session, cid, write.fields, now)
            touched.add(cid)
            if write.conflicts:
                add_conflicts(session, account_id, cid, write.conflicts, now, kind.name)
            if write.item is not None:
                items.append(replace(write.item, local_id=cid))
        save_items(session, account_id, items, kind.name)
        session.flush()
        after = kind.snapshot(session, [w for w in sorted(touched) if _exists(kind, session, w)])
        # New contacts pushed below need their ids; created ones got theirs just now.
        ids = {i.uid: i.local_id for i in items}
        plan.pushes[:] = [_with_local_id(p, ids) for p in plan.pushes]
    return touched, LocalStep(kind.name, sorted(touched), before, after)


def _exists(kind: Kind, session: Any, local_id: int) -> bool:
    from crm.store.models import Contact, FollowUp, Meeting

    model = {"contact": Contact, "event": Meeting, "todo": FollowUp}[kind.name]
    return session.get(model, local_id) is not None


def _with_local_id(push: Push, ids: dict[str, int | None]) -> Push:
    if push.local_id is not None or push.uid not in ids:
        return push
    return replace(push, local_id=ids[push.uid])


def _push(
    kind: Kind,
    db: Database,
    account_id: int,
    client: CardDavClient,
    plan: Plan,
    report: SyncReport,
    progress: Progress | None = None,
) -> tuple[list[Item], list[int]]:
    """The server's side of the plan; returns the state to keep and the state to drop."""
    kept: list[Item] = []
    forget: list[int] = []
    what = kind.label
    for done, push in enumerate(plan.pushes):
        if progress is not None:
            progress(done, len(plan.pushes), what)
        try:
            outcome = _push_one(kind, db, account_id, client, push)
        except PreconditionFailed:
            report.failed.append(push.uid)  # changed again meanwhile: next sync
            continue
        except SyncError as exc:
            report.failed.append(f"{push.uid}: {exc}")
            continue
        if outcome is None:
            if push.base is not None and push.base.id is not None:
                forget.append(push.base.id)
        else:
            kept.append(outcome)
    return kept, forget


def _push_one(
    kind: Kind, db: Database, account_id: int, client: CardDavClient, push: Push
) -> Item | None:
    if push.text is None:
        try:
            client.delete(push.href, push.etag or "")
        except PreconditionFailed:
            return _refetched_after_delete(kind, db, client, push)
        return None
    try:
        etag = client.put(push.href, push.text, push.etag, kind.collection.content_type)
        text, fields = push.text, push.fields
    except PreconditionFailed:
        etag, text, fields = _merge_again(kind, db, account_id, client, push)
    digest = fields.digest()  # type: ignore[union-attr]
    base_id = push.base.id if push.base is not None else None
    return Item(base_id, push.local_id, push.uid, push.href, etag, digest, digest, text)


def _merge_again(
    kind: Kind, db: Database, account_id: int, client: CardDavClient, push: Push
) -> tuple[str, str, Any]:
    """412: the card changed on the server since it was read. Fetch it, merge again with
    the same base, write Rapport's side, and try once more."""
    fetched = client.get(push.href)
    if fetched is None:
        etag = client.put(push.href, push.text or "", None, kind.collection.content_type)
        return etag, push.text or "", push.fields  # type: ignore[return-value]
    etag, text = fetched
    base_text = push.base.base_text if push.base is not None else ""
    base = kind.read(base_text)[1] if base_text else None
    theirs = kind.read(text)[1]
    merged, conflicts = kind.merge(base, push.fields, theirs)
    if push.local_id is not None and (merged != push.fields or conflicts):
        now = db.now()
        with db.session() as session:
            kind.update_local(session, push.local_id, merged, now)
            add_conflicts(session, account_id, push.local_id, conflicts, now, kind.name)
    new_text = kind.apply(text, push.uid, merged, "3.0")
    return client.put(push.href, new_text, etag, kind.collection.content_type), new_text, merged


def _refetched_after_delete(
    kind: Kind, db: Database, client: CardDavClient, push: Push
) -> Item | None:
    """A delete refused because the card changed there: the change wins, it comes back."""
    fetched = client.get(push.href)
    if fetched is None:
        return None
    etag, text = fetched
    uid, fields = kind.read(text)
    with db.session() as session:
        cid = kind.create_local(session, uid or push.uid, fields, db.now())
    digest = fields.digest()
    return Item(None, cid, uid or push.uid, push.href, etag, digest, digest, text)


def _finish(
    kind: Kind,
    db: Database,
    account_id: int,
    pushed: list[Item],
    forget: list[int],
    token: str,
    report: SyncReport,
) -> None:
    with db.session() as session:
        save_items(session, account_id, pushed, kind.name)
        forget_items(session, forget)
        account = session.get(SyncAccount, account_id)
        if account is not None:
            # A token from before this sync's own writes would hide a card that is made
            # here and then deleted elsewhere (a server may leave out of a delta what
            # came and went after the token): after writing, the next sync lists all.
            wrote = bool(pushed or forget)
            kept = "" if wrote or report.failed else token
            if kind.name == "contact":
                account.sync_token = kept
            elif kind.name == "event":
                account.calendar_token = kept
            # Tasks share the calendar with the events and list it whole (no token of their own).
            account.last_synced_at = db.now()
            account.last_result = report.counts()
