"""The sample network's stories: each sample person's history, meeting and follow-ups in time."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from importlib import resources
from typing import Any

from crm.calendar.meetings import default_title
from crm.contacts.service import display_name
from crm.prep.questions import ANSWERS_KIND, answers_text
from crm.wording import day_and_month

Spec = dict[str, Any]
SAMPLE_FILE = "sample_data.json"

# Letters that NFKD does not split into a base letter and an accent.
_ASCII = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "ss", "æ": "ae", "'": ""})


def read_sample_spec() -> Spec:
    """The sample network and the generator's word lists, from the resources package."""
    text = resources.files("resources").joinpath(SAMPLE_FILE).read_text("utf-8")
    spec: Spec = json.loads(text)
    return spec


@dataclass(frozen=True)
class StageInfo:
    id: int
    name: str
    rule_title: str | None
    rule_days: int | None
    rule_reason: str | None = None


@dataclass(frozen=True)
class StoryContext:
    """What a story needs from the database: the time, the stages and the question bank."""

    now: datetime
    open_stages: tuple[StageInfo, ...]  # by position
    closed_stage: StageInfo
    bank: dict[str, int]  # question text -> id
    questions: dict[str, str]  # handle in the sample file -> question text

    @property
    def today(self) -> date:
        return self.now.date()

    def at(self, days: int, hhmm: str) -> datetime:
        """`days` from today (negative: ago) at hh:mm, moved off the weekend away from today."""
        day = self.today + timedelta(days=days)
        step = 1 if days > 0 else -1
        while day.weekday() >= 5 and days != 0:
            day += timedelta(days=step)
        hour, minute = (int(part) for part in hhmm.split(":"))
        return datetime.combine(day, time(hour, minute))


@dataclass
class MeetingPlan:
    host: str  # the person key whose story holds the meeting
    row: dict[str, Any]
    attendees: list[str]
    questions: list[tuple[int | None, str, str]]  # (bank id, text, answer)


@dataclass
class Story:
    """One sample person, as rows ready for Core inserts (ids filled in by the loader)."""

    key: str
    contact: dict[str, Any]
    referred_by: str | None
    channels: list[dict[str, Any]]
    tags: list[str]
    meeting: MeetingPlan | None = None
    # Rows whose "meeting" flag (popped by the loader) links them to this story's meeting.
    interactions: list[dict[str, Any]] = field(default_factory=list)
    follow_ups: list[dict[str, Any]] = field(default_factory=list)

    def log(
        self, when: datetime, kind: str, summary: str, body: str = "", meeting: bool = False
    ) -> None:
        self.interactions.append(
            {
                "kind": kind,
                "occurred_at": when,
                "summary": summary,
                "body": body,
                "meeting": meeting,
            }
        )

    def follow_up(
        self,
        title: str,
        due: date,
        created: datetime,
        done: datetime | None = None,
        meeting: bool = False,
        reason: str | None = None,
    ) -> None:
        self.follow_ups.append(
            {
                "title": title,
                "due_date": due,
                "done_at": done,
                "created_at": created,
                "meeting": meeting,
                "reason": reason,
            }
        )


def ascii_handle(first: str, last: str) -> str:
    """ "Zoë", "Ødegaard" -> "zoe.odegaard", for sample email addresses."""
    text = unicodedata.normalize("NFKD", f"{first}.{last}".translate(_ASCII))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return "".join(c for c in text.lower().replace(" ", "") if c.isascii())


def meeting_times(person: Spec, ctx: StoryContext) -> tuple[datetime, datetime] | None:
    plan = person.get("meeting")
    if not plan:
        return None
    days = plan["in_days"] if "in_days" in plan else -plan["days_ago"]
    start = ctx.at(days, plan["time"])
    return start, start + timedelta(minutes=plan["minutes"])


def booking_time(person: Spec, ctx: StoryContext) -> datetime:
    """When the call was agreed by email (people past Reached out)."""
    return ctx.at(-int(person.get("outreach", 0)), "10:00") + timedelta(days=4, hours=1, minutes=5)


def build_meeting(person: Spec, ctx: StoryContext) -> MeetingPlan | None:
    plan = person.get("meeting")
    times = meeting_times(person, ctx)
    if not plan or times is None:
        return None
    start, end = times
    done = start < ctx.now
    answers: dict[str, str] = plan.get("answers", {})
    handles = list(dict.fromkeys([*answers, *plan.get("questions", [])]))
    questions = [
        (ctx.bank.get(ctx.questions[h]), ctx.questions[h], answers.get(h, "")) for h in handles
    ]
    name = display_name(person["first"], person["last"])
    row = {
        "title": plan.get("title") or default_title([name]),
        "start_at": start,
        "end_at": end,
        "location": plan["location"],
        "goal": plan["goal"],
        "notes": plan.get("notes", ""),
        "status": "done" if done else "planned",
        "created_at": booking_time(person, ctx),
        "updated_at": end + timedelta(minutes=20) if done else booking_time(person, ctx),
    }
    return MeetingPlan(person["key"], row, [person["key"], *plan.get("with", [])], questions)


def stages_of(person: Spec, ctx: StoryContext) -> list[StageInfo]:
    """The stages the person went through, first to current (clamped to the stages there are)."""
    last = len(ctx.open_stages) - 1
    if person["stage"] == "closed":
        return [ctx.open_stages[0], ctx.open_stages[min(1, last)], ctx.closed_stage]
    return [ctx.open_stages[min(i, last)] for i in range(int(person["stage"]) + 1)]


def tell(
    person: Spec, index: int, ctx: StoryContext, company: Spec, booked_for: datetime | None
) -> Story:
    """The person's story up to now; `booked_for` is the start of the meeting they attend."""
    first = person["first"]
    handle = person.get("email") or ascii_handle(first, person["last"])
    story = Story(
        key=person["key"],
        contact={
            "first_name": first,
            "last_name": person["last"],
            "title": person["title"],
            "location": person["location"],
            "linkedin_url": f"https://www.linkedin.com/in/{handle.replace('.', '-')}",
            "source": person["source"],
            "notes": person.get("notes", ""),
        },
        referred_by=person.get("referred_by"),
        channels=_channels(person, handle, company),
        tags=list(person.get("tags", [])),
        meeting=build_meeting(person, ctx),
    )
    path = stages_of(person, ctx)
    moves = _timeline(story, person, index, ctx, booked_for)
    _stage_entries(story, path, moves)
    times = [e["occurred_at"] for e in story.interactions]
    created = min(times)
    story.contact.update(
        created_at=created - timedelta(hours=1),
        updated_at=max(times),
        stage_id=path[-1].id,
        stage_entered_at=moves[-1] if moves else created,
    )
    return story


def _channels(person: Spec, handle: str, company: Spec) -> list[dict[str, Any]]:
    channels = [("email", "work", f"{handle}@{company['domain']}")]
    if person.get("phone"):
        label = "mobile" if person["phone"].startswith("+1 ") else "work"
        channels.append(("phone", label, person["phone"]))
    if person["stage"] == 5:  # people we keep in touch with gave a personal address
        channels.append(("email", "home", f"{handle}@mail.example"))
    return [
        {"kind": kind, "label": label, "value": value, "position": i}
        for i, (kind, label, value) in enumerate(channels)
    ]


def _timeline(
    story: Story, person: Spec, index: int, ctx: StoryContext, booked_for: datetime | None
) -> list[datetime]:
    """Log the person's history; returns when they entered each stage after the first."""
    first, topic = person["first"], person["topic"]
    step = 1 if person["stage"] == "closed" else int(person["stage"])
    if step == 0:
        found = ctx.at(-(2 + index % 6), "21:10")
        story.log(
            found, "note", f"Found {first}: {person['source']}", f"I'd like to learn about {topic}."
        )
        return []
    outreach = ctx.at(-int(person["outreach"]), "10:00")
    story.log(
        outreach - timedelta(hours=12, minutes=50),
        "note",
        f"Found {first}: {person['source']}",
        f"I'd like to learn about {topic}.",
    )
    story.log(outreach, "email", f"Asked {first} for a 30-minute call", _ask(first, topic))
    moves = [outreach]
    if person["stage"] == "closed":
        replied = outreach + timedelta(days=3, hours=6, minutes=20)
        story.log(replied, "email", f"{first} replied: not now", person["reply"])
        moves.append(replied + timedelta(minutes=10))
        again = ctx.today + timedelta(days=45 + (index % 3) * 30)
        story.follow_up(f"Reconnect with {first}", again, replied)
        return moves
    if step == 1:
        _nudges(story, first, outreach, ctx)
        return moves
    replied = outreach + timedelta(days=2, hours=5, minutes=40)
    story.log(
        replied,
        "email",
        f"{first} replied: happy to talk",
        "Happy to help! Send me a couple of times that work for you.",
    )
    booked = booking_time(person, ctx)
    when = booked_for or booked + timedelta(days=7)
    story.log(
        booked,
        "email",
        f"Booked a call for {day_and_month(when, weekday=True, short=True)}",
        "Confirmed the time and sent a calendar invitation.",
    )
    moves.append(booked)
    if step == 2:
        if story.meeting is not None:
            prep_due = when.date() - timedelta(days=1)
            story.follow_up(f"Prepare questions for {first}", prep_due, booked, meeting=True)
        return moves
    return moves + _after_meeting(story, first, topic, step, index, ctx)


def _after_meeting(
    story: Story, first: str, topic: str, step: int, index: int, ctx: StoryContext
) -> list[datetime]:
    assert story.meeting is not None, "people past Scheduled have a meeting in the sample file"
    row = story.meeting.row
    story.log(row["start_at"], "meeting", row["title"], row["notes"], meeting=True)
    pairs = [(text, answer) for _, text, answer in story.meeting.questions]
    answered = sum(1 for _, answer in pairs if answer)
    if answered:
        summary = f"Answers from “{row['title']}” ({answered} of {len(pairs)} questions)"
        story.log(row["end_at"], ANSWERS_KIND, summary, answers_text(pairs), meeting=True)
    moves = [row["end_at"] + timedelta(minutes=20)]
    if step == 3:
        return moves
    thanked = datetime.combine(row["start_at"].date() + timedelta(days=1), time(9, 30))
    story.log(
        thanked,
        "email",
        "Sent a thank-you note",
        f"Thanked {first} for the conversation about {topic} and said what I will try first.",
    )
    moves.append(thanked + timedelta(minutes=5))
    if step == 4:
        return moves
    called = datetime.combine(thanked.date() + timedelta(days=30), time(17, 0))
    story.log(
        called,
        "call",
        "Caught up by phone",
        f"Gave {first} an update on my search; they asked me to keep them posted.",
    )
    moves.append(called + timedelta(minutes=10))
    shared = called + timedelta(days=21)
    if shared < ctx.now - timedelta(days=1):
        story.log(shared, "message", f"Shared an article about {topic}")
    due = ctx.today + timedelta(days=(-4, -1, 3, 9, 15, 21)[index % 6])
    story.follow_up(f"Send {first} an update on my search", due, called)
    return moves


def _nudges(story: Story, first: str, outreach: datetime, ctx: StoryContext) -> None:
    due = outreach.date() + timedelta(days=7)
    title = f"Nudge {first} if no reply"
    if (ctx.today - outreach.date()).days < 12:
        story.follow_up(title, due, outreach, reason="nudge")  # overdue after a week
        return
    reminded = datetime.combine(due, time(9, 45))
    story.log(
        reminded,
        "email",
        "Sent a short reminder",
        "A gentle nudge in case my note got buried.",
    )
    story.follow_up(title, due, outreach, done=reminded, reason="nudge")
    last_due = due + timedelta(days=7)
    last = datetime.combine(last_due, time(9, 40))
    once_more = f"Try {first} once more, then let go"
    if last < ctx.now - timedelta(days=7):
        # Sent long enough ago, still no answer: Today suggests moving them to Not now.
        story.log(last, "email", "Sent one last reminder", "Tried once more, briefly.")
        story.follow_up(once_more, last_due, reminded, done=last, reason="nudge2")
    else:
        story.follow_up(once_more, last_due, reminded, reason="nudge2")


def _stage_entries(story: Story, path: list[StageInfo], moves: list[datetime]) -> None:
    """A history entry per stage change, and each stage's follow-up rule (done once left)."""
    for i, when in enumerate(moves):
        before, after = path[i], path[i + 1]
        if before.id != after.id:
            story.log(when, "stage", f"{before.name} → {after.name}")
        # The story tells its own nudges (see _nudges); other rules follow the stage's.
        if after.rule_title and after.rule_days is not None and after.rule_reason != "nudge":
            left = moves[i + 1] if i + 1 < len(moves) else None
            due = when.date() + timedelta(days=after.rule_days)
            story.follow_up(
                after.rule_title, due, when, done=left, meeting=i == 2, reason=after.rule_reason
            )


def _ask(first: str, topic: str) -> str:
    return (
        f"Hi {first},\n\nI'm exploring my next step and would love to learn about {topic}. "
        "Would you have 30 minutes for a call in the coming weeks? I'm not asking about "
        "openings, only for your perspective.\n\nThank you for considering it."
    )
