"""Everything in the database as one JSON document, for backup or moving elsewhere."""

from __future__ import annotations

import base64
import json
from typing import Any

from crm.store.db import Database
from crm.store.models import Base

FORMAT = "rapport-export"
FORMAT_VERSION = 1


def dump_everything(db: Database) -> dict[str, Any]:
    """Every row of every table, keyed by table name, with the schema revision."""
    with db.connection() as conn:
        conn.execute("BEGIN")  # one consistent snapshot across tables
        tables: dict[str, list[dict[str, Any]]] = {}
        for table in Base.metadata.sorted_tables:
            cursor = conn.execute(f'SELECT * FROM "{table.name}" ORDER BY rowid')
            names = [d[0] for d in cursor.description]
            tables[table.name] = [dict(zip(names, row, strict=True)) for row in cursor]
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        conn.execute("ROLLBACK")
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema_revision": revision[0] if revision else None,
        "exported_at": db.now().isoformat(),
        "tables": tables,
    }


def plain_value(value: object) -> object:
    # Attached files (a CV) are bytes: base64 keeps them whole; dates and the rest as text.
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return str(value)


def everything_json(db: Database) -> str:
    return json.dumps(dump_everything(db), ensure_ascii=False, indent=1, default=plain_value) + "\n"
