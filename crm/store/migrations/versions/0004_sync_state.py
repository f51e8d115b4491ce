"""Sync with CardDAV/CalDAV servers: accounts, per-item sync state and conflicts.

Revision ID: 0004
Revises: 0002_search_trigger_columns
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003_cadence_followup_lifecycle"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(100, collation="NOCASE"), nullable=False),
        sa.Column("url", sa.String(1000), nullable=False),
        sa.Column("username", sa.String(300), nullable=False),
        sa.Column("addressbook_url", sa.String(1000), nullable=False),
        sa.Column("calendar_url", sa.String(1000), nullable=False),
        sa.Column("vcard_version", sa.String(5), nullable=False),
        sa.Column("sync_token", sa.Text(), nullable=False),
        sa.Column("calendar_token", sa.Text(), nullable=False),
        sa.Column("trusted_certificate", sa.String(100), nullable=False),
        sa.Column("last_synced_at", sa.DateTime(), nullable=True),
        sa.Column("last_result", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_accounts")),
        sa.UniqueConstraint("name", name=op.f("uq_sync_accounts_name")),
    )
    op.create_table(
        "sync_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("local_id", sa.Integer(), nullable=True),
        sa.Column("uid", sa.String(500), nullable=False),
        sa.Column("href", sa.String(1000), nullable=False),
        sa.Column("etag", sa.String(300), nullable=False),
        sa.Column("local_hash", sa.String(64), nullable=False),
        sa.Column("remote_hash", sa.String(64), nullable=False),
        sa.Column("base_text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["sync_accounts.id"],
            name=op.f("fk_sync_items_account_id_sync_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_items")),
    )
    op.create_index(
        "ix_sync_items_account_uid", "sync_items", ["account_id", "kind", "uid"], unique=True
    )
    op.create_index("ix_sync_items_account_local", "sync_items", ["account_id", "kind", "local_id"])
    op.create_table(
        "sync_conflicts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("local_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(50), nullable=False),
        sa.Column("mine", sa.Text(), nullable=False),
        sa.Column("theirs", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["sync_accounts.id"],
            name=op.f("fk_sync_conflicts_account_id_sync_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflicts")),
    )


def downgrade() -> None:
    raise RuntimeError("Rapport never downgrades a data file; restore a backup instead.")
