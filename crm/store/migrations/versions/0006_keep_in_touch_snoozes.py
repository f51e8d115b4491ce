"""Keep-in-touch snoozes (a contact's keep-in-touch line put off to a later day), and the
date of an application's next interview.

Revision ID: 0006_keep_in_touch_snoozes
Revises: 0005_targets_applications
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_keep_in_touch_snoozes"
down_revision = "0005_targets_applications"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Adding a nullable column needs no table rebuild: every application row stays.
    with op.batch_alter_table("applications") as batch:
        batch.add_column(sa.Column("interview_on", sa.Date(), nullable=True))
    # A table of its own: no existing table is rebuilt, so every row stays as it is.
    op.create_table(
        "keep_in_touch_snoozes",
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("until", sa.Date(), nullable=False),
        sa.Column("snoozed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_keep_in_touch_snoozes_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("contact_id", name=op.f("pk_keep_in_touch_snoozes")),
    )


def downgrade() -> None:
    op.drop_table("keep_in_touch_snoozes")
    with op.batch_alter_table("applications") as batch:
        batch.drop_column("interview_on")
