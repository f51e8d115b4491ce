"""Message templates: outreach, nudge, thank-you, keep-in-touch and the user's own, filled
with a contact's fields in a sandboxed Jinja2 environment (a template reaches nothing but
those fields), and kept as plain text files for export and import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path

from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment
from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import aliased

from crm.changes import Changes
from crm.contacts.emails import first_email
from crm.errors import NotFoundError
from crm.store.db import Database
from crm.store.localtime import to_local
from crm.store.models import Company, Contact, Meeting, MessageTemplate, meeting_attendees
from crm.today.preferences import MY_NAME_KEY, get_setting
from crm.wording import day_and_month

KINDS = ("outreach", "nudge", "thanks", "keep_in_touch", "own")
FIELDS = (
    "first_name",
    "company",
    "how_we_met",
    "referred_by",
    "last_meeting_date",
    "last_meeting_topic",
    "my_name",
)
OUTREACH_WORD_LIMIT = 100  # short notes get answers
FILE_SUFFIX = ".txt"
_WORD = re.compile(r"\S+")
_ENV = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)


@dataclass(frozen=True)
class MessageTemplateRow:
    id: int | None
    kind: str
    name: str
    subject: str
    body: str


@dataclass(frozen=True)
class Message:
    subject: str
    body: str
    to: str  # the contact's preferred email ("" when none)


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def too_long(kind: str, body: str) -> bool:
    """An outreach note above the limit: the compose window warns (it does not block)."""
    return kind == "outreach" and count_words(body) > OUTREACH_WORD_LIMIT


_COLUMNS = (
    MessageTemplate.id,
    MessageTemplate.kind,
    MessageTemplate.name,
    MessageTemplate.subject,
    MessageTemplate.body,
)


def list_templates(db: Database) -> list[MessageTemplateRow]:
    query = select(*_COLUMNS).order_by(MessageTemplate.position, MessageTemplate.id)
    with db.read() as session:
        return [MessageTemplateRow(*r) for r in session.execute(query)]


def template_for_kind(db: Database, kind: str) -> MessageTemplateRow:
    found = [t for t in list_templates(db) if t.kind == kind]
    if not found:
        raise NotFoundError(f"There is no {kind} template.")
    return found[0]


def contact_fields(db: Database, contact_id: int, tz: tzinfo) -> tuple[dict[str, str], str]:
    """The placeholders' values for a contact, and their preferred (first) email."""
    referrer = aliased(Contact)
    person = (
        select(
            Contact.first_name,
            Contact.last_name,
            func.coalesce(Company.name, ""),
            Contact.source,
            func.coalesce(referrer.first_name + " " + referrer.last_name, ""),
            first_email(),
        )
        .outerjoin(Company, Company.id == Contact.company_id)
        .outerjoin(referrer, referrer.id == Contact.referred_by_id)
        .where(Contact.id == contact_id)
    )
    last_held = (
        select(Meeting.start_at, Meeting.title)
        .join(meeting_attendees, meeting_attendees.c.meeting_id == Meeting.id)
        .where(meeting_attendees.c.contact_id == contact_id, Meeting.status == "done")
        .order_by(Meeting.start_at.desc())
        .limit(1)
    )
    with db.read() as session:
        row = session.execute(person).first()
        if row is None:
            raise NotFoundError(f"Contact {contact_id} no longer exists.")
        meeting = session.execute(last_held).first()
    first, last, company, source, referred, email = row
    when, topic = "", ""
    if meeting is not None:
        local = to_local(meeting[0], tz)
        when, topic = day_and_month(local), str(meeting[1])
    fields = {
        "first_name": first or last,
        "company": company,
        "how_we_met": source,
        "referred_by": referred.strip(),
        "last_meeting_date": when,
        "last_meeting_topic": topic,
        "my_name": get_setting(db, MY_NAME_KEY) or "",
    }
    return fields, email or ""


def render(template: MessageTemplateRow, fields: dict[str, str]) -> tuple[str, str]:
    """(subject, body) with the placeholders filled; ValueError names a broken template."""
    try:
        subject = _ENV.from_string(template.subject).render(**fields)
        body = _ENV.from_string(template.body).render(**fields)
    except TemplateError as exc:
        raise ValueError(f"The template “{template.name}” cannot be filled: {exc}") from exc
    return " ".join(subject.split()), body


def compose(db: Database, contact_id: int, kind: str, tz: tzinfo) -> Message:
    """The message a template of `kind` makes for a contact."""
    fields, email = contact_fields(db, contact_id, tz)
    subject, body = render(template_for_kind(db, kind), fields)
    return Message(subject, body, email)


# -- files -----------------------------------------------------------------------------------


def to_text(template: MessageTemplateRow) -> str:
    """A template as a plain text file: two header lines, a blank line, the body."""
    return f"Kind: {template.kind}\nSubject: {template.subject}\n\n{template.body}\n"


def from_text(name: str, text: str) -> MessageTemplateRow:
    head, sep, body = text.replace("\r\n", "\n").partition("\n\n")
    headers = dict(
        (k.strip().lower(), v.strip())
        for k, _, v in (line.partition(":") for line in head.split("\n"))
    )
    if not sep or "subject" not in headers:
        raise ValueError(f"{name}: a template file starts with “Subject: …” and a blank line.")
    kind = headers.get("kind", "own")
    if kind not in KINDS:
        kind = "own"
    try:  # refuse a template that cannot be filled later
        _ENV.parse(headers["subject"])
        _ENV.parse(body)
    except TemplateError as exc:
        raise ValueError(f"{name}: {exc}") from exc
    return MessageTemplateRow(None, kind, name, headers["subject"], body.rstrip("\n"))


def export_templates(db: Database, folder: Path) -> list[Path]:
    """Write every template into `folder` as "<name>.txt"; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for template in list_templates(db):
        safe = re.sub(r"[^\w .-]", "_", template.name).strip() or f"template-{template.id}"
        path = folder / f"{safe}{FILE_SUFFIX}"
        path.write_text(to_text(template), encoding="utf-8")
        written.append(path)
    return written


def import_templates(db: Database, paths: list[Path]) -> tuple[list[str], Changes]:
    """Add (or replace, by name) templates from text files; all or nothing. Returns names."""
    try:
        rows = [from_text(p.stem, p.read_text(encoding="utf-8")) for p in paths]
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"A template file cannot be read: {exc}") from exc
    with db.session() as session:
        top = session.scalar(select(func.coalesce(func.max(MessageTemplate.position), 0))) or 0
        for n, row in enumerate(rows, start=1):
            same = session.scalars(
                select(MessageTemplate).where(MessageTemplate.name == row.name)
            ).first()
            if same is None:
                same = MessageTemplate(name=row.name, position=top + n)
                session.add(same)
            same.kind, same.subject, same.body = row.kind, row.subject, row.body
    return [r.name for r in rows], Changes(follow_ups=True)


def snapshot_templates(db: Database) -> list[tuple[object, ...]]:
    """Every template row as stored, so an undo of an import can put them back."""
    with db.read() as session:
        return [tuple(r) for r in session.execute(select(*_COLUMNS, MessageTemplate.position))]


def restore_templates(db: Database, rows: list[tuple[object, ...]]) -> Changes:
    """Make the templates exactly `rows` again (one transaction)."""
    names = ("id", "kind", "name", "subject", "body", "position")
    with db.session() as session:
        session.execute(delete(MessageTemplate))
        if rows:
            session.execute(
                insert(MessageTemplate), [dict(zip(names, r, strict=True)) for r in rows]
            )
    return Changes(follow_ups=True)
