"""Initial schema: contacts, companies, pipeline stages, meetings, questions, follow-ups, search.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import json
from importlib import resources

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# The defaults fit informational interviewing; users rename, reorder and recolour them.
DEFAULT_STAGES = [
    ("To contact", "#64748b", False, None, None),
    ("Reached out", "#2563eb", False, None, None),
    ("Scheduled", "#7c3aed", False, None, None),
    ("Met", "#059669", False, "Send a thank-you note", 1),
    ("Thanked", "#0d9488", False, "Check in", 30),
    ("Keep in touch", "#d97706", False, None, None),
    ("Not now", "#9ca3af", True, None, None),
]

FTS_ROW = """
    INSERT INTO contact_fts(rowid, name, company, title, channels, notes)
    VALUES (
        {row}.id,
        {row}.first_name || ' ' || {row}.last_name,
        coalesce((SELECT name FROM companies WHERE id = {row}.company_id), ''),
        {row}.title,
        coalesce((SELECT group_concat(value, ' ') FROM contact_channels
                  WHERE contact_id = {row}.id), ''),
        {row}.notes
    );
"""

CHANNELS_OF = (
    "coalesce((SELECT group_concat(value, ' ') FROM contact_channels WHERE contact_id = {cid}), '')"
)

FTS_STATEMENTS = [
    # prefix='1 2 3' makes 1-3 letter prefix queries index lookups (see DESIGN.md).
    "CREATE VIRTUAL TABLE contact_fts USING fts5("
    "name, company, title, channels, notes, "
    "tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')",
    "CREATE TRIGGER contacts_fts_ai AFTER INSERT ON contacts BEGIN"
    + FTS_ROW.format(row="new")
    + "END",
    "CREATE TRIGGER contacts_fts_au AFTER UPDATE ON contacts BEGIN "
    "DELETE FROM contact_fts WHERE rowid = old.id;" + FTS_ROW.format(row="new") + "END",
    "CREATE TRIGGER contacts_fts_ad AFTER DELETE ON contacts BEGIN "
    "DELETE FROM contact_fts WHERE rowid = old.id; END",
    "CREATE TRIGGER channels_fts_ai AFTER INSERT ON contact_channels BEGIN "
    "UPDATE contact_fts SET channels = "
    + CHANNELS_OF.format(cid="new.contact_id")
    + " WHERE rowid = new.contact_id; END",
    "CREATE TRIGGER channels_fts_au AFTER UPDATE ON contact_channels BEGIN "
    "UPDATE contact_fts SET channels = "
    + CHANNELS_OF.format(cid="old.contact_id")
    + " WHERE rowid = old.contact_id; "
    "UPDATE contact_fts SET channels = "
    + CHANNELS_OF.format(cid="new.contact_id")
    + " WHERE rowid = new.contact_id; END",
    "CREATE TRIGGER channels_fts_ad AFTER DELETE ON contact_channels BEGIN "
    "UPDATE contact_fts SET channels = "
    + CHANNELS_OF.format(cid="old.contact_id")
    + " WHERE rowid = old.contact_id; END",
    "CREATE TRIGGER companies_fts_au AFTER UPDATE OF name ON companies BEGIN "
    "UPDATE contact_fts SET company = new.name "
    "WHERE rowid IN (SELECT id FROM contacts WHERE company_id = new.id); END",
]


def upgrade() -> None:
    op.create_table(
        "companies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200, collation="NOCASE"), nullable=False),
        sa.Column("website", sa.String(length=500), nullable=False),
        sa.Column("industry", sa.String(length=200), nullable=False),
        sa.Column("location", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_companies")),
        sa.UniqueConstraint("name", name=op.f("uq_companies_name")),
    )
    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=300), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("start_at", sa.DateTime(), nullable=False),
        sa.Column("end_at", sa.DateTime(), nullable=False),
        sa.Column("location", sa.String(length=500), nullable=False),
        sa.Column("goal", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings")),
        sa.UniqueConstraint("uid", name=op.f("uq_meetings_uid")),
    )
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meetings_start_at"), ["start_at"], unique=False)

    op.create_table(
        "questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("category", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_questions")),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )
    op.create_table(
        "stages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100, collation="NOCASE"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("color", sa.String(length=9), nullable=False),
        sa.Column("is_closed", sa.Boolean(), nullable=False),
        sa.Column("followup_title", sa.String(length=200), nullable=True),
        sa.Column("followup_days", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stages")),
        sa.UniqueConstraint("name", name=op.f("uq_stages_name")),
    )
    op.create_table(
        "tags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100, collation="NOCASE"), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tags")),
        sa.UniqueConstraint("name", name=op.f("uq_tags_name")),
    )
    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=200), nullable=False),
        sa.Column("first_name", sa.String(length=200), nullable=False),
        sa.Column("last_name", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("company_id", sa.Integer(), nullable=True),
        sa.Column("location", sa.String(length=200), nullable=False),
        sa.Column("linkedin_url", sa.String(length=500), nullable=False),
        sa.Column("source", sa.String(length=500), nullable=False),
        sa.Column("referred_by_id", sa.Integer(), nullable=True),
        sa.Column("stage_id", sa.Integer(), nullable=False),
        sa.Column("stage_position", sa.Float(), nullable=False),
        sa.Column("stage_entered_at", sa.DateTime(), nullable=False),
        sa.Column("birthday", sa.String(length=40), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["companies.id"],
            name=op.f("fk_contacts_company_id_companies"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["referred_by_id"],
            ["contacts.id"],
            name=op.f("fk_contacts_referred_by_id_contacts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["stage_id"],
            ["stages.id"],
            name=op.f("fk_contacts_stage_id_stages"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contacts")),
        sa.UniqueConstraint("uid", name=op.f("uq_contacts_uid")),
    )
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contacts_company_id"), ["company_id"], unique=False)
        batch_op.create_index("ix_contacts_sort_name", ["last_name", "first_name"], unique=False)
        batch_op.create_index(
            "ix_contacts_stage_position", ["stage_id", "stage_position"], unique=False
        )

    op.create_table(
        "meeting_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_meeting_questions_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["questions.id"],
            name=op.f("fk_meeting_questions_question_id_questions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_questions")),
    )
    with op.batch_alter_table("meeting_questions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_questions_meeting_id"), ["meeting_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_meeting_questions_question_id"), ["question_id"], unique=False
        )

    op.create_table(
        "contact_channels",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("label", sa.String(length=50), nullable=False),
        sa.Column("value", sa.String(length=500), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_contact_channels_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_channels")),
    )
    with op.batch_alter_table("contact_channels", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contact_channels_contact_id"), ["contact_id"], unique=False
        )
        batch_op.create_index("ix_contact_channels_value", ["value"], unique=False)

    op.create_table(
        "contact_tags",
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_contact_tags_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tag_id"], ["tags.id"], name=op.f("fk_contact_tags_tag_id_tags"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("contact_id", "tag_id", name=op.f("pk_contact_tags")),
    )
    op.create_table(
        "follow_ups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_follow_ups_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_follow_ups_meeting_id_meetings"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_ups")),
    )
    with op.batch_alter_table("follow_ups", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_follow_ups_contact_id"), ["contact_id"], unique=False)
        batch_op.create_index("ix_follow_ups_open_due", ["done_at", "due_date"], unique=False)

    op.create_table(
        "interactions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("summary", sa.String(length=500), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_interactions_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_interactions_meeting_id_meetings"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interactions")),
    )
    with op.batch_alter_table("interactions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_interactions_contact_when", ["contact_id", "occurred_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_interactions_meeting_id"), ["meeting_id"], unique=False
        )

    op.create_table(
        "meeting_attendees",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_meeting_attendees_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_meeting_attendees_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("meeting_id", "contact_id", name=op.f("pk_meeting_attendees")),
    )
    with op.batch_alter_table("meeting_attendees", schema=None) as batch_op:
        batch_op.create_index("ix_meeting_attendees_contact", ["contact_id"], unique=False)

    for statement in FTS_STATEMENTS:
        op.execute(statement)
    _seed()


def _seed() -> None:
    stages = sa.table(
        "stages",
        sa.column("name", sa.String),
        sa.column("position", sa.Integer),
        sa.column("color", sa.String),
        sa.column("is_closed", sa.Boolean),
        sa.column("followup_title", sa.String),
        sa.column("followup_days", sa.Integer),
    )
    op.bulk_insert(
        stages,
        [
            {
                "name": name,
                "position": position,
                "color": color,
                "is_closed": closed,
                "followup_title": title,
                "followup_days": days,
            }
            for position, (name, color, closed, title, days) in enumerate(DEFAULT_STAGES)
        ],
    )
    questions = sa.table(
        "questions",
        sa.column("text", sa.Text),
        sa.column("category", sa.String),
        sa.column("position", sa.Integer),
        sa.column("retired", sa.Boolean),
    )
    bank = json.loads(resources.files("resources").joinpath("questions.json").read_text("utf-8"))
    op.bulk_insert(
        questions,
        [
            {"text": q["text"], "category": q["category"], "position": i, "retired": False}
            for i, q in enumerate(bank)
        ],
    )


def downgrade() -> None:
    raise RuntimeError("Rapport never downgrades a data file; restore a backup instead.")
