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

from crm.changes import Changes
from crm.errors import NotFoundError
from crm.store.db import Database, write_transaction
from crm.store.localtime import to_local
from crm.store.stored_time import read_datetime
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


def list_templates(db: Database) -> list[MessageTemplateRow]:
    with db.connection() as conn:
        rows = conn.execute(
            "SELECT id, kind, name, subject, body FROM message_templates ORDER BY position, id"
        ).fetchall()
    return [MessageTemplateRow(*r) for r in rows]


def template_for_kind(db: Database, kind: str) -> MessageTemplateRow:
    found = [t for t in list_templates(db) if t.kind == kind]
    if not found:
        raise NotFoundError(f"There is no {kind} template.")
    return found[0]


def contact_fields(db: Database, contact_id: int, tz: tzinfo) -> tuple[dict[str, str], str]:
    """The placeholders' values for a contact, and their preferred (first) email."""
    with db.connection() as conn:
        row = conn.execute(
            "SELECT c.first_name, c.last_name, coalesce(co.name, ''), c.source, "
            "coalesce(r.first_name || ' ' || r.last_name, ''), "
            "(SELECT value FROM contact_channels WHERE contact_id = c.id AND kind = 'email' "
            " ORDER BY position LIMIT 1) "
            "FROM contacts c LEFT JOIN companies co ON co.id = c.company_id "
            "LEFT JOIN contacts r ON r.id = c.referred_by_id WHERE c.id = ?",
            (contact_id,),
        ).fetchone()
        if row is None:
            raise NotFoundError(f"Contact {contact_id} no longer exists.")
        meeting = conn.execute(
            "SELECT m.start_at, m.title FROM meetings m JOIN meeting_attendees a "
            "ON a.meeting_id = m.id WHERE a.contact_id = ? AND m.status = 'done' "
            "ORDER BY m.start_at DESC LIMIT 1",
            (contact_id,),
        ).fetchone()
    first, last, company, source, referred, email = row
    when, topic = "", ""
    if meeting is not None:
        local = to_local(read_datetime(meeting[0]), tz)
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
    with db.connection() as conn, write_transaction(conn):
        top = conn.execute("SELECT coalesce(max(position), 0) FROM message_templates").fetchone()
        for n, row in enumerate(rows, start=1):
            conn.execute(
                "INSERT INTO message_templates (kind, name, subject, body, position) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET kind = excluded.kind, "
                "subject = excluded.subject, body = excluded.body",
                (row.kind, row.name, row.subject, row.body, int(top[0]) + n),
            )
    return [r.name for r in rows], Changes(follow_ups=True)


def snapshot_templates(db: Database) -> list[tuple[object, ...]]:
    """Every template row as stored, so an undo of an import can put them back."""
    with db.connection() as conn:
        return list(
            conn.execute("SELECT id, kind, name, subject, body, position FROM message_templates")
        )


def restore_templates(db: Database, rows: list[tuple[object, ...]]) -> Changes:
    """Make the templates exactly `rows` again (one transaction)."""
    with db.connection() as conn, write_transaction(conn):
        conn.execute("DELETE FROM message_templates")
        conn.executemany(
            "INSERT INTO message_templates (id, kind, name, subject, body, position) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
    return Changes(follow_ups=True)
