"""Message templates: placeholders filled from the contact, a sandbox that reaches nothing
else, the outreach word limit, plain-file export and import, and the mailto: link."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest

from crm.calendar.holding import mark_done
from crm.calendar.meetings import MeetingFields
from crm.calendar.scheduling import create_meeting
from crm.contacts.service import Channel, ContactFields, create_contact
from crm.store.db import Database
from crm.today.mailto import mailto_url
from crm.today.preferences import MY_NAME_KEY, set_setting
from crm.today.templates import (
    MessageTemplateRow,
    compose,
    count_words,
    export_templates,
    import_templates,
    list_templates,
    render,
    too_long,
)
from tests.conftest import NOW

UTC_ZONE = ZoneInfo("UTC")


def people(db: Database) -> tuple[int, int]:
    yusuf, _ = create_contact(db, ContactFields("Yusuf", "Demir"))
    anna, _ = create_contact(
        db,
        ContactFields("Anna", "Lee", company="Northwind", source="at PyData", referred_by_id=yusuf),
        channels=[Channel("phone", "555"), Channel("email", "anna@example.com")],
    )
    return yusuf, anna


def test_every_placeholder_is_filled_from_the_contact(db: Database) -> None:
    _, anna = people(db)
    set_setting(db, MY_NAME_KEY, "Sam Rivera")
    start = NOW - timedelta(days=2)
    meeting, _, _ = create_meeting(
        db,
        MeetingFields("CV review", start, start + timedelta(minutes=30), attendee_ids=(anna,)),
        tz=UTC_ZONE,
    )
    mark_done(db, meeting, "", tz=UTC_ZONE)
    template = MessageTemplateRow(
        None,
        "own",
        "All",
        "{{ first_name }} at {{ company }}",
        "{{ how_we_met }}|{{ referred_by }}|{{ last_meeting_date }}|{{ last_meeting_topic }}"
        "|{{ my_name }}",
    )
    from crm.today.templates import contact_fields

    fields, email = contact_fields(db, anna, UTC_ZONE)
    assert render(template, fields) == (
        "Anna at Northwind",
        "at PyData|Yusuf Demir|8 March|CV review|Sam Rivera",
    )
    assert email == "anna@example.com"
    message = compose(db, anna, "thanks", UTC_ZONE)
    assert message.subject == "Thank you: CV review" and "on 8 March" in message.body


@pytest.mark.parametrize(
    "body",
    [
        "{{ first_name.__class__.__mro__ }}",
        "{{ ''.__class__.__subclasses__() }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ unknown_field }}",
    ],
)
def test_a_template_reaches_nothing_but_its_fields(db: Database, body: str) -> None:
    template = MessageTemplateRow(None, "own", "Evil", "Hi", body)
    with pytest.raises(ValueError, match="cannot be filled"):
        render(template, {"first_name": "Anna"})


def test_outreach_above_100_words_is_too_long() -> None:
    assert count_words("one two\nthree") == 3
    assert too_long("outreach", "word " * 101) and not too_long("outreach", "word " * 100)
    assert not too_long("thanks", "word " * 300)


def test_templates_go_out_and_come_back_as_plain_files(db: Database, tmp_path: Path) -> None:
    files = export_templates(db, tmp_path / "templates")
    assert sorted(p.name for p in files) == [
        "Keep in touch.txt",
        "Nudge.txt",
        "Outreach.txt",
        "Thank-you note.txt",
    ]
    text = (tmp_path / "templates" / "Nudge.txt").read_text("utf-8")
    assert text.startswith("Kind: nudge\nSubject: ")
    own = tmp_path / "Coffee follow-up.txt"
    own.write_text("Subject: Coffee, {{ first_name }}?\n\nHi {{ first_name }}!\n", "utf-8")
    edited = tmp_path / "templates" / "Nudge.txt"
    edited.write_text("Kind: nudge\nSubject: Shorter\n\nJust checking in.\n", "utf-8")
    names, _ = import_templates(db, [own, edited])
    assert names == ["Coffee follow-up", "Nudge"]
    by_name = {t.name: t for t in list_templates(db)}
    assert by_name["Coffee follow-up"].kind == "own"
    assert by_name["Nudge"].subject == "Shorter" and by_name["Nudge"].body == "Just checking in."
    assert len(by_name) == 5


def test_a_broken_template_file_is_refused_and_nothing_changes(
    db: Database, tmp_path: Path
) -> None:
    good = tmp_path / "Good.txt"
    good.write_text("Subject: Hi\n\nHello\n", "utf-8")
    broken = tmp_path / "Broken.txt"
    broken.write_text("Subject: {{ first_name \n\nHello\n", "utf-8")
    with pytest.raises(ValueError, match="Broken"):
        import_templates(db, [good, broken])
    assert "Good" not in {t.name for t in list_templates(db)}


def test_mailto_percent_encodes_subject_and_body_with_crlf() -> None:
    url = mailto_url("ann+x@example.com", "Q&A: 20 min?", "Hi Ann,\n\nAre you free?")
    parts = urlsplit(url)
    assert parts.scheme == "mailto" and parts.path == "ann%2Bx@example.com"
    assert " " not in url and "\n" not in url
    assert parse_qs(parts.query) == {
        "subject": ["Q&A: 20 min?"],
        "body": ["Hi Ann,\r\n\r\nAre you free?"],
    }
