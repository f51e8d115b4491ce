"""Keep-in-touch cadence, follow-ups that know why they exist, message templates.

Revision ID: 0003_cadence_followup_lifecycle
Revises: 0001
Create Date: 2026-12-03

Every column added is nullable or has a server default, so SQLite adds it in place
(ALTER TABLE ADD COLUMN): no table is rebuilt and every row is kept as it was.
"""

from __future__ import annotations

import json
from importlib import resources

import sqlalchemy as sa
from alembic import op

revision = "0003_cadence_followup_lifecycle"
down_revision = "0002_search_trigger_columns"
branch_labels = None
depends_on = None

# The stage rules that now know their reason (matched by the default names; a user who
# renamed a stage keeps a plain rule, which still works as before).
KEEP_IN_TOUCH_DAYS = 90
NUDGE_TITLE = "Nudge if no reply"
NUDGE_BUSINESS_DAYS = 5


# Partial indexes for the Today page and the dashboard, which aggregate over every
# interaction (50,000 of them in the benchmark): the first outreach of each person, the
# last time in touch, replies, stage moves. Their WHERE clauses are repeated word for word
# in the queries (crm.today.*), as SQLite needs to use a partial index.
OUTREACH = "kind IN ('email', 'message', 'call') AND (direction IS NULL OR direction = 'out')"
IN_TOUCH = "kind IN ('email', 'call', 'message', 'note', 'meeting')"
# The filtered columns are in each index too, so SQLite answers from the index alone.
INDEXES = [
    "CREATE INDEX ix_interactions_outreach ON interactions "
    f"(contact_id, occurred_at, kind, direction) WHERE {OUTREACH}",
    "CREATE INDEX ix_interactions_outreach_when ON interactions "
    f"(occurred_at, contact_id, kind, direction) WHERE {OUTREACH}",
    "CREATE INDEX ix_interactions_in_touch ON interactions "
    f"(contact_id, occurred_at, kind) WHERE {IN_TOUCH}",
    "CREATE INDEX ix_interactions_replies ON interactions (contact_id, direction) "
    "WHERE direction = 'in'",
    "CREATE INDEX ix_interactions_stage_moves ON interactions (contact_id, summary, kind) "
    "WHERE kind = 'stage'",
]


def upgrade() -> None:
    with op.batch_alter_table("contacts") as batch:
        # NULL: the default from tags or stage; 0: no keep-in-touch reminder.
        batch.add_column(sa.Column("cadence_days", sa.Integer(), nullable=True))
    with op.batch_alter_table("stages") as batch:
        batch.add_column(sa.Column("cadence_days", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("followup_reason", sa.String(20), nullable=True))
    with op.batch_alter_table("tags") as batch:
        batch.add_column(sa.Column("cadence_days", sa.Integer(), nullable=True))
    with op.batch_alter_table("interactions") as batch:
        batch.add_column(sa.Column("direction", sa.String(3), nullable=True))
    with op.batch_alter_table("follow_ups") as batch:
        batch.add_column(sa.Column("reason", sa.String(20), nullable=True))
        batch.add_column(sa.Column("origin", sa.String(40), nullable=True))
        batch.add_column(sa.Column("closed_reason", sa.String(200), nullable=True))
        batch.add_column(sa.Column("closed_by", sa.String(40), nullable=True))
        batch.add_column(sa.Column("closed_entry_id", sa.Integer(), nullable=True))
        batch.create_index("ix_follow_ups_origin", ["origin"], unique=False)
        batch.create_index("ix_follow_ups_closed_by", ["closed_by"], unique=False)
    for statement in INDEXES:
        op.execute(statement)
    op.create_table(
        "message_templates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("subject", sa.String(500), nullable=False, server_default=""),
        sa.Column("body", sa.Text(), nullable=False, server_default=""),
        sa.Column("position", sa.Integer(), nullable=False, server_default="0"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message_templates")),
        sa.UniqueConstraint("name", name=op.f("uq_message_templates_name")),
    )
    _seed()


def _seed() -> None:
    op.execute(
        f"UPDATE stages SET cadence_days = {KEEP_IN_TOUCH_DAYS} WHERE name = 'Keep in touch'"
    )
    op.execute(
        f"UPDATE stages SET followup_title = '{NUDGE_TITLE}', "
        f"followup_days = {NUDGE_BUSINESS_DAYS}, followup_reason = 'nudge' "
        f"WHERE name = 'Reached out' AND coalesce(followup_title, '{NUDGE_TITLE}') = "
        f"'{NUDGE_TITLE}'"
    )
    op.execute(
        "UPDATE stages SET followup_reason = 'thanks' "
        "WHERE name = 'Met' AND followup_title = 'Send a thank-you note'"
    )
    # Follow-ups made before they knew their reason learn it from their title.
    op.execute("UPDATE follow_ups SET reason = 'thanks' WHERE title = 'Send a thank-you note'")
    op.execute(
        "UPDATE follow_ups SET reason = 'nudge' WHERE reason IS NULL "
        "AND title LIKE 'Nudge % if no reply'"
    )
    op.execute(
        "UPDATE follow_ups SET reason = 'nudge2' WHERE reason IS NULL "
        "AND title LIKE 'Try % once more%'"
    )
    _close_stale_nudges()
    templates = sa.table(
        "message_templates",
        sa.column("kind", sa.String),
        sa.column("name", sa.String),
        sa.column("subject", sa.String),
        sa.column("body", sa.Text),
        sa.column("position", sa.Integer),
    )
    seeds = json.loads(
        resources.files("resources").joinpath("message_templates.json").read_text("utf-8")
    )
    op.bulk_insert(
        templates,
        [
            {
                "kind": t["kind"],
                "name": t["name"],
                "subject": t["subject"],
                "body": t["body"],
                "position": i,
            }
            for i, t in enumerate(seeds)
        ],
    )


def _close_stale_nudges() -> None:
    """Open nudges of people who have moved past the nudging stage (a meeting was set, they
    replied) are stale: close them as the app now does, with a history entry each."""
    stale = (
        "SELECT f.id, f.contact_id, f.title, s.name FROM follow_ups f "
        "JOIN contacts c ON c.id = f.contact_id JOIN stages s ON s.id = c.stage_id "
        "WHERE f.done_at IS NULL AND f.reason IN ('nudge', 'nudge2') "
        "AND (s.followup_reason IS NULL OR s.followup_reason != 'nudge')"
    )
    bind = op.get_bind()
    now = bind.exec_driver_sql("SELECT strftime('%Y-%m-%d %H:%M:%f000', 'now')").scalar()
    for follow_up_id, contact_id, title, stage in bind.exec_driver_sql(stale).fetchall():
        why = f"moved on to {stage}"
        entry = bind.exec_driver_sql(
            "INSERT INTO interactions (contact_id, kind, occurred_at, summary, body) "
            "VALUES (?, 'followup', ?, ?, '')",
            (contact_id, now, f"Closed “{title}”: {why}"),
        ).lastrowid
        bind.exec_driver_sql(
            "UPDATE follow_ups SET done_at = ?, closed_reason = ?, closed_by = 'upgrade', "
            "closed_entry_id = ? WHERE id = ?",
            (now, why, entry, follow_up_id),
        )


def downgrade() -> None:
    raise RuntimeError("Rapport never downgrades a data file; restore a backup instead.")
