"""Target employers on companies; openings, applications, their history, contacts and files.

Revision ID: 0005_targets_applications
Revises: 0001
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_targets_applications"
down_revision = "0004"
branch_labels = None
depends_on = None


def _fk(column: str, table: str, source: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{table}.id"], name=op.f(f"fk_{source}_{column}_{table}"), ondelete=ondelete
    )


def upgrade() -> None:
    # Adding columns with defaults needs no table rebuild: every company row stays as it is.
    with op.batch_alter_table("companies") as batch:
        batch.add_column(sa.Column("is_target", sa.Boolean(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("motivation", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(
            sa.Column("posting", sa.String(length=10), nullable=False, server_default="unknown")
        )
        batch.add_column(
            sa.Column("careers_url", sa.String(length=500), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("target_rank", sa.Float(), nullable=False, server_default="0"))

    op.create_table(
        "openings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("url", sa.String(length=1000), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("seen_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _fk("company_id", "companies", "openings", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_openings")),
    )
    op.create_index(op.f("ix_openings_company_id"), "openings", ["company_id"])

    op.create_table(
        "applications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=False),
        sa.Column("opening_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("applied_on", sa.Date(), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        _fk("company_id", "companies", "applications", "CASCADE"),
        _fk("opening_id", "openings", "applications", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_applications")),
    )
    op.create_index(op.f("ix_applications_company_id"), "applications", ["company_id"])
    op.create_index(op.f("ix_applications_opening_id"), "applications", ["opening_id"])

    op.create_table(
        "application_status_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        _fk("application_id", "applications", "application_status_changes", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application_status_changes")),
    )
    op.create_index(
        op.f("ix_application_status_changes_application_id"),
        "application_status_changes",
        ["application_id"],
    )

    op.create_table(
        "application_contacts",
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        _fk("application_id", "applications", "application_contacts", "CASCADE"),
        _fk("contact_id", "contacts", "application_contacts", "CASCADE"),
        sa.PrimaryKeyConstraint(
            "application_id", "contact_id", "role", name=op.f("pk_application_contacts")
        ),
    )
    op.create_index(
        op.f("ix_application_contacts_contact_id"), "application_contacts", ["contact_id"]
    )

    op.create_table(
        "application_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        _fk("application_id", "applications", "application_files", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application_files")),
    )
    op.create_index(
        op.f("ix_application_files_application_id"), "application_files", ["application_id"]
    )


def downgrade() -> None:
    for table in (
        "application_files",
        "application_contacts",
        "application_status_changes",
        "applications",
        "openings",
    ):
        op.drop_table(table)
    with op.batch_alter_table("companies") as batch:
        for column in ("target_rank", "careers_url", "posting", "motivation", "is_target"):
            batch.drop_column(column)
