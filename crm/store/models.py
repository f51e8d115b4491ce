"""SQLAlchemy models: people, companies, pipeline, meetings and what was learned in them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from crm.store.uids import new_uid, new_uids

# Stable constraint names, so batch migrations can find and recreate them.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


# Channel kinds and interaction kinds are plain strings so new kinds need no migration.
CHANNEL_KINDS = ("email", "phone", "url", "social")
INTERACTION_KINDS = (
    "note",
    "email",
    "call",
    "message",
    "meeting",
    "stage",
    "import",
    "answers",
    "followup",  # a follow-up closed by itself (the contact replied, a meeting was set...)
)
# Who an interaction came from: "out" (the user reached out) or "in" (their reply); NULL
# for entries from before this was recorded and for kinds without a direction.
DIRECTIONS = ("out", "in")
MEETING_STATUSES = ("planned", "done", "cancelled")


contact_tags = Table(
    "contact_tags",
    Base.metadata,
    Column("contact_id", ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
    # Deleting a tag finds its rows through this index, not by reading the whole table.
    Index("ix_contact_tags_tag", "tag_id"),
)

meeting_attendees = Table(
    "meeting_attendees",
    Base.metadata,
    Column("meeting_id", ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
    Column("contact_id", ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_meeting_attendees_contact", "contact_id"),
)


class Company(Base):
    __tablename__ = "companies"

    id: Mapped[int] = mapped_column(primary_key=True)
    # COLLATE NOCASE makes "Google" and "google" the same name for the unique index.
    name: Mapped[str] = mapped_column(String(200, collation="NOCASE"), unique=True)
    website: Mapped[str] = mapped_column(String(500), default="")
    industry: Mapped[str] = mapped_column(String(200), default="")
    location: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    # A target employer (issue 17): motivation 0-3 stars, posting yes/no/unknown, and the
    # place in the user's ranked list (REAL so a dragged row lands between two others).
    is_target: Mapped[bool] = mapped_column(Boolean, default=False)
    motivation: Mapped[int] = mapped_column(Integer, default=0)
    posting: Mapped[str] = mapped_column(String(10), default="unknown")
    careers_url: Mapped[str] = mapped_column(String(500), default="")
    target_rank: Mapped[float] = mapped_column(Float, default=0.0)

    contacts: Mapped[list[Contact]] = relationship(back_populates="company")


class Stage(Base):
    __tablename__ = "stages"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100, collation="NOCASE"), unique=True)
    position: Mapped[int] = mapped_column(Integer)
    color: Mapped[str] = mapped_column(String(9), default="#6b7280")
    is_closed: Mapped[bool] = mapped_column(Boolean, default=False)
    # Entering the stage creates a follow-up "<title>" due <days> later (both or neither).
    followup_title: Mapped[str | None] = mapped_column(String(200), default=None)
    followup_days: Mapped[int | None] = mapped_column(Integer, default=None)
    # Why the rule's follow-up exists ("nudge": counted in business days and closed when
    # the contact replies; "thanks": only after a meeting was held); NULL: a plain rule.
    followup_reason: Mapped[str | None] = mapped_column(String(20), default=None)
    # Keep-in-touch interval for contacts in this stage (NULL: none).
    cadence_days: Mapped[int | None] = mapped_column(Integer, default=None)


class Tag(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100, collation="NOCASE"), unique=True)
    cadence_days: Mapped[int | None] = mapped_column(Integer, default=None)


class Contact(Base):
    __tablename__ = "contacts"
    __table_args__ = (
        Index("ix_contacts_stage_position", "stage_id", "stage_position"),
        Index("ix_contacts_sort_name", "last_name", "first_name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(200), unique=True, default=new_uid)
    first_name: Mapped[str] = mapped_column(String(200), default="")
    last_name: Mapped[str] = mapped_column(String(200), default="")
    title: Mapped[str] = mapped_column(String(200), default="")
    company_id: Mapped[int | None] = mapped_column(
        ForeignKey("companies.id", ondelete="SET NULL"), index=True, default=None
    )
    location: Mapped[str] = mapped_column(String(200), default="")
    linkedin_url: Mapped[str] = mapped_column(String(500), default="")
    source: Mapped[str] = mapped_column(String(500), default="")  # how we met
    referred_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), default=None, index=True
    )
    stage_id: Mapped[int] = mapped_column(ForeignKey("stages.id", ondelete="RESTRICT"))
    # Order inside the stage column; REAL so a card can land between two others.
    stage_position: Mapped[float] = mapped_column(Float, default=0.0)
    stage_entered_at: Mapped[datetime] = mapped_column(DateTime)
    birthday: Mapped[str] = mapped_column(
        String(40), default=""
    )  # as given: "--03-14", "1990-01-02"
    notes: Mapped[str] = mapped_column(Text, default="")
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    # Keep-in-touch interval in days: NULL takes the tag's or the stage's, 0 means none.
    cadence_days: Mapped[int | None] = mapped_column(Integer, default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    company: Mapped[Company | None] = relationship(back_populates="contacts")
    stage: Mapped[Stage] = relationship()
    referred_by: Mapped[Contact | None] = relationship(remote_side=[id])
    channels: Mapped[list[ContactChannel]] = relationship(
        back_populates="contact",
        cascade="all, delete-orphan",
        order_by="ContactChannel.position",
        passive_deletes=True,
    )
    tags: Mapped[list[Tag]] = relationship(secondary=contact_tags, order_by="Tag.name")
    interactions: Mapped[list[Interaction]] = relationship(
        back_populates="contact", cascade="all, delete-orphan", passive_deletes=True
    )


class ContactChannel(Base):
    __tablename__ = "contact_channels"

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))  # email / phone / url / social
    label: Mapped[str] = mapped_column(String(50), default="")  # work / home / mobile ...
    value: Mapped[str] = mapped_column(String(500))
    position: Mapped[int] = mapped_column(Integer, default=0)

    contact: Mapped[Contact] = relationship(back_populates="channels")


Index("ix_contact_channels_value", ContactChannel.value)


class Meeting(Base):
    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(300), unique=True, default=new_uid)
    title: Mapped[str] = mapped_column(String(300))
    start_at: Mapped[datetime] = mapped_column(DateTime, index=True)  # naive UTC
    end_at: Mapped[datetime] = mapped_column(DateTime)  # naive UTC
    location: Mapped[str] = mapped_column(String(500), default="")  # a place or a video link
    goal: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="planned")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    attendees: Mapped[list[Contact]] = relationship(secondary=meeting_attendees)
    questions: Mapped[list[MeetingQuestion]] = relationship(
        back_populates="meeting",
        cascade="all, delete-orphan",
        order_by="MeetingQuestion.position",
        passive_deletes=True,
    )


class Interaction(Base):
    __tablename__ = "interactions"
    __table_args__ = (Index("ix_interactions_contact_when", "contact_id", "occurred_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    occurred_at: Mapped[datetime] = mapped_column(DateTime)  # naive UTC
    summary: Mapped[str] = mapped_column(String(500), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"), default=None, index=True
    )
    direction: Mapped[str | None] = mapped_column(String(3), default=None)

    contact: Mapped[Contact] = relationship(back_populates="interactions")


class Question(Base):
    __tablename__ = "questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(100), default="General")
    position: Mapped[int] = mapped_column(Integer, default=0)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)


class MeetingQuestion(Base):
    __tablename__ = "meeting_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    # The bank question it came from, if any; the text is copied so editing the bank
    # never rewrites what was asked in a past meeting.
    question_id: Mapped[int | None] = mapped_column(
        ForeignKey("questions.id", ondelete="SET NULL"), default=None, index=True
    )
    text: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)
    answer: Mapped[str] = mapped_column(Text, default="")

    meeting: Mapped[Meeting] = relationship(back_populates="questions")


class FollowUp(Base):
    __tablename__ = "follow_ups"
    __table_args__ = (Index("ix_follow_ups_open_due", "done_at", "due_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), index=True
    )
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"), default=None, index=True
    )
    title: Mapped[str] = mapped_column(String(300))
    due_date: Mapped[date] = mapped_column(Date)
    done_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # Why it exists ("nudge", "nudge2", "thanks", "keep_in_touch"; NULL: added by hand).
    reason: Mapped[str | None] = mapped_column(String(20), default=None)
    # The step that created it ("held:<meeting id>", "done:<follow-up id>"...), so the
    # undo of that step removes it.
    origin: Mapped[str | None] = mapped_column(String(40), default=None, index=True)
    # Closed by itself: why ("they replied"), by which step (undo reopens it) and the
    # history entry that says so.
    closed_reason: Mapped[str | None] = mapped_column(String(200), default=None)
    closed_by: Mapped[str | None] = mapped_column(String(40), default=None, index=True)
    closed_entry_id: Mapped[int | None] = mapped_column(Integer, default=None)


class MessageTemplate(Base):
    """A message the user sends often (outreach, nudge, thank-you...), with placeholders."""

    __tablename__ = "message_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # outreach/nudge/thanks/keep_in_touch/own
    name: Mapped[str] = mapped_column(String(200), unique=True)
    subject: Mapped[str] = mapped_column(String(500), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class Setting(Base):
    """Domain preferences kept with the data (reminder lead time, last backup...)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


# Openings and applications, keep-in-touch snoozes and sync state live in their own
# modules; importing them here registers their tables on Base.metadata for every user of
# the models (exports, integrity, tests).
from crm.store import job_models as _job_models  # noqa: E402,F401
from crm.store import sync_models as _sync_models  # noqa: E402,F401
from crm.store import touch_models as _touch_models  # noqa: E402,F401

__all__ = [
    "CHANNEL_KINDS",
    "DIRECTIONS",
    "INTERACTION_KINDS",
    "MEETING_STATUSES",
    "Base",
    "Company",
    "Contact",
    "ContactChannel",
    "FollowUp",
    "Interaction",
    "Meeting",
    "MeetingQuestion",
    "MessageTemplate",
    "Question",
    "Setting",
    "Stage",
    "Tag",
    "contact_tags",
    "meeting_attendees",
    "new_uid",
    "new_uids",
]
