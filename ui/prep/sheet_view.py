"""What the prep-sheet template is given: the sheet's data, formatted and cut to a space budget."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from crm.prep.sheet import PrepSheet
from crm.store.localtime import to_local
from ui.common.dates import date_text, long_date_text, month_text, time_text

# Fonts tried in order; Qt falls back per glyph (CJK, Arabic, Hebrew) to any installed font.
FONTS = "'DejaVu Sans', 'Segoe UI', 'Helvetica Neue', Arial, 'Noto Sans', sans-serif"
KIND_LABELS = {
    "note": "Note",
    "email": "Email",
    "call": "Call",
    "message": "Message",
    "meeting": "Meeting",
    "import": "Imported",
}


@dataclass(frozen=True)
class Budget:
    """How much of each section one attempt at the page prints."""

    history: int  # interactions listed before "and N earlier"
    learned: int  # earlier answers listed
    note_chars: int  # longest note printed before it is cut
    lines: int  # ruled lines to write on under each question
    pt: float  # body font size
    gap: int  # space before a section, in layout pixels


# From roomiest to tightest; the renderer takes the first that fits on one page.
BUDGETS = (
    Budget(history=8, learned=6, note_chars=420, lines=3, pt=10.0, gap=12),
    Budget(history=6, learned=4, note_chars=300, lines=2, pt=10.0, gap=10),
    Budget(history=5, learned=3, note_chars=220, lines=2, pt=9.5, gap=9),
    Budget(history=4, learned=3, note_chars=160, lines=1, pt=9.0, gap=8),
    Budget(history=3, learned=2, note_chars=120, lines=1, pt=8.5, gap=7),
    Budget(history=2, learned=1, note_chars=80, lines=1, pt=8.0, gap=6),
    Budget(history=1, learned=1, note_chars=60, lines=1, pt=7.5, gap=5),
)


def trim(text: str, limit: int) -> str:
    """`text` on one line, cut at a word before `limit` characters with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: max(0, limit - 1)].rsplit(" ", 1)[0] if " " in flat[:limit] else flat[:limit]
    return cut.rstrip(",.;: ") + "…"


# A printed sheet is read later than it is made: its dates are absolute, never "tomorrow".
def day(at: datetime) -> str:
    return date_text(at.date())


def long_day(at: datetime) -> str:
    return long_date_text(at.date())


def clock(at: datetime) -> str:
    return time_text(at)


def template_context(sheet: PrepSheet, budget: Budget, tz: tzinfo) -> dict[str, Any]:
    """The variables of prep_sheet.html.j2 for `sheet` cut to `budget` (plain text only)."""
    history = sheet.history[: budget.history]
    learned = sheet.learned[: budget.learned]
    return {
        "fonts": FONTS,
        "pt": budget.pt,
        "gap": budget.gap,
        "title": sheet.title,
        "unscheduled": sheet.meeting is None,
        "when": _when(sheet, tz),
        "where": sheet.meeting.location if sheet.meeting else "",
        "also": ", ".join(sheet.also_attending),
        "person": _person(sheet, budget),
        "company": _company(sheet, budget),
        "goal": trim(sheet.goal, budget.note_chars * 2),
        "history": [
            {
                "date": day(to_local(h.occurred_at, tz)),
                "text": trim(
                    " — ".join(
                        p for p in (KIND_LABELS.get(h.kind, h.kind.title()), h.summary) if p
                    ),
                    110,
                ),
            }
            for h in history
        ],
        "earlier": sheet.history_total - len(history),
        "learned": [
            {
                "question": trim(item.question, 90),
                "answer": trim(item.answer, max(60, budget.note_chars // 2)),
                "source": ", ".join(
                    p for p in (item.who, month_text(to_local(item.met_at, tz), short=True)) if p
                ),
            }
            for item in learned
        ],
        "learned_more": len(sheet.learned) - len(learned),
        "questions": list(sheet.questions),
        "lines": budget.lines,
        "line_height": round(budget.pt * 2.1),
        "q_gap": max(3, budget.gap // 2),
        "follow_ups": [
            {
                "title": f.title,
                "due": day(datetime.combine(f.due, datetime.min.time())),
                "who": f.who if sheet.also_attending else "",
            }
            for f in sheet.follow_ups
        ],
        "reminders": list(sheet.reminders),
    }


def _when(sheet: PrepSheet, tz: tzinfo) -> str:
    meeting = sheet.meeting
    if meeting is None:
        return "Date and time to be agreed"
    start, end = to_local(meeting.start_at, tz), to_local(meeting.end_at, tz)
    return f"{long_day(start)}  ·  {clock(start)}–{clock(end)} ({meeting.minutes} min)"


def _person(sheet: PrepSheet, budget: Budget) -> dict[str, Any] | None:
    p = sheet.person
    if p is None:
        return None
    role = " at ".join(x for x in (p.title, p.company) if x)
    linkedin = p.linkedin_url.removeprefix("https://").removeprefix("http://")
    facts = [
        ("Location", p.location),
        ("LinkedIn", linkedin.removeprefix("www.")),
        ("How you are connected", p.source),
        ("Referred by", p.referred_by),
        ("Email", p.email),
        ("Phone", p.phone),
    ]
    return {
        "name": p.name,
        "role": role,
        "facts": [(label, trim(value, 90)) for label, value in facts if value.strip()],
        "notes": trim(p.notes, budget.note_chars),
    }


def _company(sheet: PrepSheet, budget: Budget) -> dict[str, Any] | None:
    c = sheet.company
    if c is None:
        return None
    return {
        "name": c.name,
        "line": "  ·  ".join(x for x in (c.industry, c.location, c.website) if x),
        "notes": trim(c.notes, budget.note_chars),
        "standing": trim(c.standing, 160),
        "others": "; ".join(c.others[:5])
        + (f" and {len(c.others) - 5:,} more" if len(c.others) > 5 else ""),
    }
