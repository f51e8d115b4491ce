"""Sample data: a realistic network of about 40 people to explore Rapport with."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from crm.changes import Changes
from crm.errors import NotEmptyError
from crm.samples.bulk import generate_contacts
from crm.samples.story import (
    Spec,
    StageInfo,
    Story,
    StoryContext,
    meeting_times,
    read_sample_spec,
    tell,
)
from crm.samples.targets import company_row, insert_targets
from crm.store.db import Database
from crm.store.models import (
    Company,
    Contact,
    ContactChannel,
    FollowUp,
    Interaction,
    Meeting,
    MeetingQuestion,
    Question,
    Stage,
    Tag,
    contact_tags,
    meeting_attendees,
    new_uid,
)

CONTACTS = cast(Table, Contact.__table__)
COMPANIES = cast(Table, Company.__table__)
CHANNELS = cast(Table, ContactChannel.__table__)
TAGS = cast(Table, Tag.__table__)
MEETINGS = cast(Table, Meeting.__table__)
MEETING_QUESTIONS = cast(Table, MeetingQuestion.__table__)
INTERACTIONS = cast(Table, Interaction.__table__)
FOLLOW_UPS = cast(Table, FollowUp.__table__)


__all__ = ["NotEmptyError", "count_contacts", "generate_contacts", "load_sample_data"]


def count_contacts(db: Database) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(CONTACTS)) or 0)


def load_sample_data(db: Database) -> Changes:
    """Fill a data file that has no contacts with the sample network, in one transaction.

    Everything is placed in time around `db.now()`: meetings in the coming two weeks,
    meetings held in the past with their answers, follow-ups due (some overdue) and done.
    Raises NotEmptyError when the file already has contacts.
    """
    spec = read_sample_spec()
    now = db.now()
    with db.session() as session:
        count = session.scalar(select(func.count()).select_from(CONTACTS)) or 0
        if count:
            raise NotEmptyError(count)
        ctx = _context(session, now, spec["questions"])
        stories = _stories(spec, ctx)
        company_ids = _ensure_named(
            session, COMPANIES, [company_row(c, now) for c in spec["companies"]]
        )
        companies_by_key = {c["key"]: company_ids[c["name"].lower()] for c in spec["companies"]}
        contact_ids = _insert_contacts(session, spec["people"], stories, companies_by_key)
        _insert_people_details(session, stories, contact_ids)
        meeting_ids = _insert_meetings(session, stories, contact_ids)
        _insert_history(session, stories, contact_ids, meeting_ids)
        for tag, days in spec.get("tag_cadences", {}).items():  # keep-in-touch by tag
            session.execute(update(Tag).where(Tag.name == tag).values(cadence_days=days))
        insert_targets(session, spec["targets"], dict(companies_by_key), contact_ids, now)
    return Changes(
        contacts=frozenset(contact_ids.values()),
        companies=True,
        meetings=frozenset(meeting_ids.values()),
        follow_ups=True,
        tags=True,
        everything=True,
    )


def _context(session: Session, now: datetime, questions: dict[str, str]) -> StoryContext:
    stages = [
        (
            StageInfo(s.id, s.name, s.followup_title, s.followup_days, s.followup_reason),
            s.is_closed,
        )
        for s in session.scalars(select(Stage).order_by(Stage.position, Stage.id))
    ]
    open_stages = tuple(info for info, closed in stages if not closed)
    if not open_stages:
        raise LookupError("There are no open pipeline stages to put sample contacts in.")
    closed = next((info for info, is_closed in stages if is_closed), open_stages[-1])
    bank = {
        text: qid
        for qid, text in session.execute(
            select(Question.id, Question.text).where(Question.retired.is_(False))
        )
    }
    return StoryContext(now, open_stages, closed, bank, questions)


def _stories(spec: Spec, ctx: StoryContext) -> list[Story]:
    companies = {c["key"]: c for c in spec["companies"]}
    booked_for: dict[str, datetime] = {}
    for person in spec["people"]:
        times = meeting_times(person, ctx)
        if times is not None:
            for key in [person["key"], *person["meeting"].get("with", [])]:
                booked_for[key] = times[0]
    return [
        tell(person, i, ctx, companies[person["company"]], booked_for.get(person["key"]))
        for i, person in enumerate(spec["people"])
    ]


def _ensure_named(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> dict[str, int]:
    """Ids by lower-case name for `rows` of a table with a unique NOCASE name, reusing rows."""
    wanted = {row["name"].lower() for row in rows}
    ids = {
        name.lower(): row_id
        for row_id, name in session.execute(
            select(table.c.id, table.c.name).where(func.lower(table.c.name).in_(wanted))
        )
    }
    missing = [row for row in rows if row["name"].lower() not in ids]
    if missing:
        statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        new_ids = session.execute(statement, missing).scalars().all()
        ids.update(
            (row["name"].lower(), new_id) for row, new_id in zip(missing, new_ids, strict=True)
        )
    return ids


def _insert_contacts(
    session: Session, people: Iterable[Spec], stories: Sequence[Story], companies: dict[str, int]
) -> dict[str, int]:
    positions: dict[int, float] = {}
    rows = []
    for person, story in zip(people, stories, strict=True):
        stage_id = story.contact["stage_id"]
        positions[stage_id] = positions.get(stage_id, 0.0) + 1.0
        rows.append(
            {
                **story.contact,
                "uid": new_uid(),
                "company_id": companies[person["company"]],
                "referred_by_id": None,
                "stage_position": positions[stage_id],
                "birthday": "",
                "archived": False,
            }
        )
    statement = insert(CONTACTS).returning(CONTACTS.c.id, sort_by_parameter_order=True)
    new_ids = session.execute(statement, rows).scalars().all()
    ids = {story.key: new_id for story, new_id in zip(stories, new_ids, strict=True)}
    referrals = [{"cid": ids[s.key], "ref": ids[s.referred_by]} for s in stories if s.referred_by]
    if referrals:
        session.connection().execute(
            update(CONTACTS)
            .where(CONTACTS.c.id == bindparam("cid"))
            .values(referred_by_id=bindparam("ref")),
            referrals,
        )
    return ids


def _insert_people_details(session: Session, stories: Sequence[Story], ids: dict[str, int]) -> None:
    channels = [{**ch, "contact_id": ids[s.key]} for s in stories for ch in s.channels]
    session.execute(insert(CHANNELS), channels)
    tag_ids = _ensure_named(
        session,
        TAGS,
        [{"name": name} for name in dict.fromkeys(t for s in stories for t in s.tags)],
    )
    links = [
        {"contact_id": ids[s.key], "tag_id": tag_ids[t.lower()]} for s in stories for t in s.tags
    ]
    if links:
        session.execute(insert(contact_tags), links)


def _insert_meetings(
    session: Session, stories: Sequence[Story], ids: dict[str, int]
) -> dict[str, int]:
    plans = [s.meeting for s in stories if s.meeting is not None]
    if not plans:
        return {}
    rows = [{**plan.row, "uid": new_uid()} for plan in plans]
    statement = insert(MEETINGS).returning(MEETINGS.c.id, sort_by_parameter_order=True)
    new_ids = session.execute(statement, rows).scalars().all()
    meeting_ids = {plan.host: mid for plan, mid in zip(plans, new_ids, strict=True)}
    attendees = [
        {"meeting_id": meeting_ids[p.host], "contact_id": ids[key]}
        for p in plans
        for key in p.attendees
    ]
    session.execute(insert(meeting_attendees), attendees)
    questions = [
        {
            "meeting_id": meeting_ids[p.host],
            "question_id": qid,
            "text": text,
            "position": i,
            "answer": answer,
        }
        for p in plans
        for i, (qid, text, answer) in enumerate(p.questions)
    ]
    if questions:
        session.execute(insert(MEETING_QUESTIONS), questions)
    return meeting_ids


def _insert_history(
    session: Session,
    stories: Sequence[Story],
    ids: dict[str, int],
    meeting_ids: dict[str, int],
) -> None:
    def linked(story: Story, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        meeting_id = meeting_ids.get(story.key)
        return [
            {
                **{k: v for k, v in row.items() if k != "meeting"},
                "contact_id": ids[story.key],
                "meeting_id": meeting_id if row["meeting"] else None,
            }
            for row in rows
        ]

    interactions = [row for s in stories for row in linked(s, s.interactions)]
    session.execute(insert(INTERACTIONS), interactions)
    follow_ups = [row for s in stories for row in linked(s, s.follow_ups)]
    if follow_ups:
        session.execute(insert(FOLLOW_UPS), follow_ups)
