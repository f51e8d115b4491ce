"""Sync accounts: the server, the user name and the chosen collections; passwords kept
in the system keyring (or given by RAPPORT_SYNC_PASSWORD), never in the data file."""

from __future__ import annotations

import os
from datetime import datetime

from sqlalchemy import delete, func, select

from crm.errors import NotFoundError, SyncError
from crm.store.db import Database
from crm.store.lookups import must_get
from crm.store.models import Setting
from crm.store.sync_models import SyncAccount, SyncConflict, SyncItem
from crm.sync.state import AccountInfo, account_info

KEYRING_SERVICE = "Rapport sync"
PASSWORD_VARIABLE = "RAPPORT_SYNC_PASSWORD"


def ago(when: datetime, now: datetime) -> str:
    """How long since a sync, as the status line and `sync status` say it: "5 min ago"."""
    minutes = int((now - when).total_seconds() // 60)
    if minutes < 1:
        return "just now"
    if minutes < 60:
        return f"{minutes} min ago"
    hours = minutes // 60
    return f"{hours} h ago" if hours < 48 else f"{hours // 24} days ago"


def _keyring_user(account_name: str, username: str) -> str:
    return f"{account_name}:{username}"


def stored_password(account_name: str, username: str) -> str | None:
    """The password from the environment or the keyring; None when neither has it."""
    if (given := os.environ.get(PASSWORD_VARIABLE)) is not None:
        return given
    try:
        import keyring
        from keyring.errors import KeyringError

        return keyring.get_password(KEYRING_SERVICE, _keyring_user(account_name, username))
    except (ImportError, KeyringError, RuntimeError):
        return None


def keep_password(account_name: str, username: str, password: str) -> bool:
    """Save the password in the system keyring; False when there is no keyring (then
    Rapport asks for it each session)."""
    try:
        import keyring
        from keyring.errors import KeyringError

        keyring.set_password(KEYRING_SERVICE, _keyring_user(account_name, username), password)
    except (ImportError, KeyringError, RuntimeError):
        return False
    return True


def forget_password(account_name: str, username: str) -> None:
    try:
        import keyring
        from keyring.errors import KeyringError

        keyring.delete_password(KEYRING_SERVICE, _keyring_user(account_name, username))
    except (ImportError, KeyringError, RuntimeError):
        pass


def add_account(
    db: Database,
    name: str,
    *,
    url: str,
    username: str,
    addressbook_url: str,
    calendar_url: str = "",
    vcard_version: str = "3.0",
    trusted_certificate: str = "",
) -> AccountInfo:
    name = " ".join(name.split())
    if not name:
        raise SyncError("An account needs a name.")
    with db.session() as session:
        taken = session.scalar(select(SyncAccount.id).where(SyncAccount.name == name))
        if taken is not None:
            raise SyncError(f"There is already a sync account called {name}.")
        account = SyncAccount(
            name=name,
            url=url,
            username=username,
            addressbook_url=addressbook_url,
            calendar_url=calendar_url,
            vcard_version=vcard_version,
            trusted_certificate=trusted_certificate,
            created_at=db.now(),
        )
        session.add(account)
        session.flush()
        return account_info(account)


def list_accounts(db: Database) -> list[AccountInfo]:
    with db.read() as session:
        return [
            account_info(a) for a in session.scalars(select(SyncAccount).order_by(SyncAccount.name))
        ]


def find_account(db: Database, name: str | None) -> AccountInfo:
    """The account called `name` (case-insensitive), or the only one when `name` is None."""
    accounts = list_accounts(db)
    if name is None:
        if len(accounts) == 1:
            return accounts[0]
        if not accounts:
            raise NotFoundError("There is no sync account; add one with `sync add`.")
        names = ", ".join(a.name for a in accounts)
        raise NotFoundError(f"Several sync accounts ({names}): name the one to sync.")
    for account in accounts:
        if account.name.casefold() == name.casefold():
            return account
    raise NotFoundError(f"There is no sync account called {name}.")


def _tasks_key(account_id: int) -> str:
    return f"sync.{account_id}.follow_ups_as_tasks"


def follow_ups_as_tasks(db: Database, account_id: int) -> bool:
    """Whether the account's calendar also carries the follow-ups, as tasks (VTODO)."""
    with db.read() as session:
        row = session.get(Setting, _tasks_key(account_id))
        return row is not None and row.value == "on"


def set_follow_ups_as_tasks(db: Database, account_id: int, on: bool) -> None:
    with db.session() as session:
        row = session.get(Setting, _tasks_key(account_id))
        if on and row is None:
            session.add(Setting(key=_tasks_key(account_id), value="on"))
        elif not on and row is not None:
            session.delete(row)


def remove_account(db: Database, account_id: int) -> None:
    """Forget an account and its sync state; contacts and meetings stay as they are."""
    with db.session() as session:
        session.execute(delete(SyncAccount).where(SyncAccount.id == account_id))
        session.execute(delete(Setting).where(Setting.key == _tasks_key(account_id)))


def account_counts(db: Database, account_id: int) -> tuple[dict[str, int], int]:
    """({kind: synced items}, open conflicts) of an account."""
    with db.read() as session:
        items = dict(
            session.execute(
                select(SyncItem.kind, func.count())
                .where(SyncItem.account_id == account_id)
                .group_by(SyncItem.kind)
            ).all()
        )
        conflicts = session.scalar(
            select(func.count())
            .select_from(SyncConflict)
            .where(SyncConflict.account_id == account_id)
        )
    return {str(k): int(v) for k, v in items.items()}, int(conflicts or 0)


def trust_certificate(db: Database, account_id: int, fingerprint: str) -> AccountInfo:
    """Remember that the user chose to trust this certificate for the account."""
    with db.session() as session:
        account = must_get(session, SyncAccount, account_id, "That sync account was removed.")
        account.trusted_certificate = fingerprint
        session.flush()
        return account_info(account)
