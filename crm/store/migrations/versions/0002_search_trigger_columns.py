"""Search index: the contacts update trigger fires only when an indexed column changes.

Revision ID: 0002_search_trigger_columns
Revises: 0001
Create Date: 2026-12-03

Migration 0001 re-indexed a contact on every update, so a card move (stage and position
only) deleted and rewrote its full-text row: renumbering a column of 5,000 cards took
about 880 ms instead of about 25 ms. The trigger is replaced by one limited to the
columns the index reads (names, company, title, notes); channels and company names keep
their own triggers. No table is rebuilt and no row changes.
"""

from __future__ import annotations

from alembic import op

revision = "0002_search_trigger_columns"
down_revision = "0001"
branch_labels = None
depends_on = None

# The same row as 0001's FTS_ROW (kept verbatim: crm.store.search_index parses the insert
# trigger, and crm.store.integrity compares the index with this expression).
_FTS_ROW = """
    INSERT INTO contact_fts(rowid, name, company, title, channels, notes)
    VALUES (
        new.id,
        new.first_name || ' ' || new.last_name,
        coalesce((SELECT name FROM companies WHERE id = new.company_id), ''),
        new.title,
        coalesce((SELECT group_concat(value, ' ') FROM contact_channels
                  WHERE contact_id = new.id), ''),
        new.notes
    );
"""

INDEXED_COLUMNS = ("first_name", "last_name", "company_id", "title", "notes")


def upgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS contacts_fts_au")
    op.execute(
        f"CREATE TRIGGER contacts_fts_au AFTER UPDATE OF {', '.join(INDEXED_COLUMNS)} "
        "ON contacts BEGIN DELETE FROM contact_fts WHERE rowid = old.id;" + _FTS_ROW + "END"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS contacts_fts_au")
    op.execute(
        "CREATE TRIGGER contacts_fts_au AFTER UPDATE ON contacts BEGIN "
        "DELETE FROM contact_fts WHERE rowid = old.id;" + _FTS_ROW + "END"
    )
