"""Settings kept with the data (the `settings` table of keys and text values): read,
written, and read as a whole number with a default."""

from __future__ import annotations

from crm.store.db import Database
from crm.store.models import Setting


def get_setting(db: Database, key: str) -> str | None:
    with db.read() as session:
        row = session.get(Setting, key)
        return None if row is None else row.value


def put_setting(db: Database, key: str, value: str | None) -> str | None:
    """Set (None: remove) a setting; returns the old value so an undo can put it back."""
    with db.session() as session:
        row = session.get(Setting, key)
        old = None if row is None else row.value
        if value is None:
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(Setting(key=key, value=value))
        else:
            row.value = value
    return old


def whole_number_setting(db: Database, key: str, default: int) -> int:
    """The setting as a number of at least 0; `default` when unset or not a number."""
    value = get_setting(db, key)
    try:
        return max(0, int(value)) if value is not None else default
    except ValueError:
        return default
