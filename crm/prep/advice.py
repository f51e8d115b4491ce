"""Advice: what people answered to the same question across meetings, grouped when they agree.

Answers are compared normalised (case, accents, punctuation) and grouped only when nearly
identical, so "One page." and "one page - they skim" count together while "two pages" does
not; each group is shown in the words a person wrote. A question whose answers all differ
is an open question: it is read as a list, not as a vote.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from rapidfuzz import fuzz
from sqlalchemy import select

from crm.contacts.service import display_name
from crm.folding import fold
from crm.prep.questions import answer_key
from crm.store.db import Database
from crm.store.models import Meeting, MeetingQuestion, Question

# How alike two normalised gists must be to count as the same answer (rapidfuzz ratio,
# 0–100). High on purpose: "one page" and "one-page" agree; "two pages" and "one page"
# (about 70) must not.
SAME_ANSWER = 90
_PHRASE_END = re.compile(r"[.,;:!?\n(—–]| - ")


@dataclass(frozen=True)
class AdviceAnswer:
    meeting_id: int
    meeting_title: str
    met_at: datetime  # naive UTC
    people: str  # attendees' names
    companies: str
    answer: str
    gist: str  # the answer's first phrase, normalised, used to group like answers


@dataclass(frozen=True)
class AdviceTopic:
    """One question and everything people said to it, grouped by what they said."""

    key: str
    text: str
    category: str
    answers: tuple[AdviceAnswer, ...]  # newest first
    tally: tuple[tuple[str, int], ...]  # (what they said, as written; how many), most first

    @property
    def count(self) -> int:
        return len(self.answers)

    @property
    def is_open(self) -> bool:
        """Several answers and no two alike: a question to read, not to count."""
        return self.count > 1 and all(n == 1 for _text, n in self.tally)


def advice_tally(db: Database) -> list[AdviceTopic]:
    """Answers to the same question across meetings, most answered questions first."""
    with db.read() as session:
        query = (
            select(MeetingQuestion, Meeting, Question.category)
            .join(Meeting, Meeting.id == MeetingQuestion.meeting_id)
            .outerjoin(Question, Question.id == MeetingQuestion.question_id)
            .where(MeetingQuestion.answer != "")
            .order_by(Meeting.start_at.desc(), MeetingQuestion.position)
        )
        grouped: dict[str, list[AdviceAnswer]] = defaultdict(list)
        texts: dict[str, tuple[str, str]] = {}
        people_cache: dict[int, tuple[str, str]] = {}
        for mq, meeting, category in session.execute(query):
            key = answer_key(mq.question_id, mq.text)
            texts.setdefault(key, (mq.text, category or ""))
            if meeting.id not in people_cache:
                people_cache[meeting.id] = _people(meeting)
            people, companies = people_cache[meeting.id]
            grouped[key].append(
                AdviceAnswer(
                    meeting_id=meeting.id,
                    meeting_title=meeting.title,
                    met_at=meeting.start_at,
                    people=people,
                    companies=companies,
                    answer=mq.answer,
                    gist=gist(mq.answer),
                )
            )
    topics = []
    for key, answers in grouped.items():
        text, category = texts[key]
        topics.append(AdviceTopic(key, text, category, tuple(answers), tally(answers)))
    topics.sort(key=lambda t: (-t.count, t.text.lower()))
    return topics


def tally(answers: list[AdviceAnswer]) -> tuple[tuple[str, int], ...]:
    """Groups of answers that say the same, most said first, each in the words of the
    newest answer of its group (answers come newest first)."""
    groups: list[list[AdviceAnswer]] = []
    for answer in answers:
        same = next((g for g in groups if g[0].gist == answer.gist), None)
        if same is None:
            same = next((g for g in groups if _agree(g[0].gist, answer.gist)), None)
        if same is None:
            groups.append([answer])
        else:
            same.append(answer)
    counted = [(first_phrase(g[0].answer), len(g)) for g in groups]
    # A stable sort: equal counts keep the newest first.
    return tuple(sorted(counted, key=lambda pair: -pair[1]))


def _agree(a: str, b: str) -> bool:
    return bool(a) and bool(b) and fuzz.ratio(a, b) >= SAME_ANSWER


def first_phrase(answer: str) -> str:
    """An answer's first phrase as the person wrote it: "One page. Recruiters skim." ->
    "One page"."""
    text = " ".join(answer.split())
    first = _PHRASE_END.split(text, maxsplit=1)[0].strip(" -'\"")
    return first or text[:60]


def gist(answer: str) -> str:
    """An answer's first phrase normalised for comparing: lower case, no accents or
    punctuation. "One page. Recruiters skim." and "one page - they skim" both give "one page".
    """
    first = _PHRASE_END.split(answer.strip(), maxsplit=1)[0]
    words = re.findall(r"[\w'+#-]+", fold(first))
    return " ".join(words[:8]) or fold(answer)[:40]


def _people(meeting: Meeting) -> tuple[str, str]:
    names = [display_name(c.first_name, c.last_name) for c in meeting.attendees]
    companies = sorted({c.company.name for c in meeting.attendees if c.company})
    return ", ".join(names), ", ".join(companies)
