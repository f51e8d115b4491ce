"""The question bank, the questions chosen for a meeting, recorded answers and the advice tally."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from crm.contacts.history import list_history
from crm.prep import advice
from crm.prep.advice import AdviceAnswer, advice_tally, gist
from crm.prep.questions import (
    ChosenQuestion,
    add_question,
    edit_question,
    list_categories,
    list_questions,
    meeting_questions,
    record_answers,
    restore_meeting_questions,
    set_meeting_questions,
    set_retired,
)
from crm.store.db import Database
from tests.prep_data import add_person, prepared_meeting


def test_bank_is_seeded_with_the_questions_a_job_seeker_needs(db: Database) -> None:
    texts = " ".join(q.text.lower() for q in list_questions(db))
    for idea in ("skills", "one-page cv", "accomplishments", "typical day", "who else"):
        assert idea in texts
    assert "Your application" in list_categories(db)


def test_filter_by_category_and_search_words(db: Database) -> None:
    role = list_questions(db, category="the role")
    assert role and all(q.category == "The role" for q in role)
    found = list_questions(db, search="typical DAY")
    assert [q.text for q in found] == ["What does a typical day or week look like for you?"]
    assert list_questions(db, search="100%_nothing") == []


def test_add_edit_categorise_and_retire(db: Database) -> None:
    new_id, changes = add_question(db, "  What would  you read first? ", "Reading")
    assert changes.questions
    added = list_questions(db)[-1]
    assert (added.id, added.text, added.category) == (
        new_id,
        "What would you read first?",
        "Reading",
    )
    assert "Reading" in list_categories(db)

    before, _ = edit_question(db, new_id, category="Your application")
    assert before.category == "Reading"
    assert "Reading" not in list_categories(db)
    assert new_id in [q.id for q in list_questions(db, category="Your application")]

    set_retired(db, new_id, True)
    assert new_id not in [q.id for q in list_questions(db)]
    retired = [q for q in list_questions(db, include_retired=True) if q.id == new_id]
    assert retired and retired[0].retired
    set_retired(db, new_id, False)
    assert new_id in [q.id for q in list_questions(db)]


def test_a_question_needs_words(db: Database) -> None:
    with pytest.raises(ValueError):
        add_question(db, "   ")


def test_choosing_and_reordering_keeps_answers(db: Database) -> None:
    meeting_id = prepared_meeting(db, add_person(db), questions=3)
    rows = meeting_questions(db, meeting_id)
    record_answers(db, meeting_id, {rows[1].id: "One page."})
    reordered = [ChosenQuestion(r.text, r.question_id) for r in reversed(rows)]
    before, changes = set_meeting_questions(db, meeting_id, reordered)
    assert changes.meetings == {meeting_id}
    after = meeting_questions(db, meeting_id)
    assert [r.text for r in after] == [r.text for r in reversed(rows)]
    assert [r.answer for r in after] == ["", "One page.", ""]

    restore_meeting_questions(db, meeting_id, before)
    assert [(r.text, r.answer) for r in meeting_questions(db, meeting_id)] == [
        (r.text, "One page." if i == 1 else "") for i, r in enumerate(rows)
    ]


def test_answers_become_one_history_entry_per_meeting(db: Database) -> None:
    contact_id = add_person(db)
    meeting_id = prepared_meeting(db, contact_id, questions=2)
    first, second = meeting_questions(db, meeting_id)

    before, changes = record_answers(db, meeting_id, {first.id: "A typical day is meetings."})
    assert before == {first.id: "", second.id: ""}
    assert contact_id in changes.contacts
    entries = [e for e in list_history(db, contact_id) if e.kind == "answers"]
    assert len(entries) == 1
    assert entries[0].meeting_id == meeting_id
    assert "A typical day is meetings." in entries[0].body
    assert first.text in entries[0].body

    record_answers(db, meeting_id, {second.id: "Via a referral."})
    entries = [e for e in list_history(db, contact_id) if e.kind == "answers"]
    assert len(entries) == 1
    assert "Via a referral." in entries[0].body and "(2 of 2 questions)" in entries[0].summary

    # Undo is recording the answers as they were: the entry goes when nothing is left.
    record_answers(db, meeting_id, {first.id: "", second.id: ""})
    assert not [e for e in list_history(db, contact_id) if e.kind == "answers"]


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("One page. Recruiters skim.", "one page"),
        ("one page - they skim", "one page"),
        ("ONE PAGE!", "one page"),
        ("Two pages, but only with ten years of experience", "two pages"),
        ("Python; SQL; dbt", "python"),
    ],
)
def test_gist_is_the_first_phrase(answer: str, expected: str) -> None:
    assert gist(answer) == expected


def test_advice_tallies_answers_to_the_same_question_across_meetings(db: Database) -> None:
    said = ["One page. Recruiters skim.", "one page - they skim", "Two pages is fine."]
    for i, answer in enumerate(said):
        contact_id = add_person(db, "Person", f"Number {i}", company=f"Company {i}")
        meeting_id = prepared_meeting(
            db, contact_id, questions=2, start_at=datetime(2026, 1, 5) + timedelta(days=7 * i)
        )
        cv_question = meeting_questions(db, meeting_id)[1]
        assert "one-page CV" in cv_question.text
        record_answers(db, meeting_id, {cv_question.id: answer})

    topics = advice_tally(db)
    assert len(topics) == 1
    topic = topics[0]
    assert topic.count == 3
    # Grouped by what they said, shown as the newest of them wrote it.
    assert topic.tally == (("one page", 2), ("Two pages is fine", 1))
    assert not topic.is_open
    # Newest meeting first, each with who said it.
    assert topic.answers[0].answer == "Two pages is fine."
    assert topic.answers[0].people == "Person Number 2"
    assert topic.answers[0].companies == "Company 2"


def test_a_reworded_bank_question_still_tallies_as_one(db: Database) -> None:
    first = prepared_meeting(db, add_person(db, "Ann", "One"), questions=1)
    row = meeting_questions(db, first)[0]
    record_answers(db, first, {row.id: "Skills first"})
    assert row.question_id is not None
    edit_question(db, row.question_id, text="Which skills go first on a CV?")
    second = prepared_meeting(db, add_person(db, "Bo", "Two"), questions=1)
    row2 = meeting_questions(db, second)[0]
    assert row2.text == "Which skills go first on a CV?"
    record_answers(db, second, {row2.id: "Skills first, then projects"})
    topics = advice_tally(db)
    assert [t.count for t in topics] == [2]
    assert topics[0].tally == (("Skills first", 2),)


@pytest.mark.parametrize(
    ("said", "tally"),
    [
        # Near-identical answers agree, whatever their case, accents and punctuation.
        (["One-page CV.", "one page cv", "One page CV!"], [("One-page CV", 3)]),
        (["Café culture", "cafe culture"], [("Café culture", 2)]),
        # Answers that share words but say different things stay apart.
        (["One page", "Two pages"], [("One page", 1), ("Two pages", 1)]),
        (["Anna Lee on her team", "Ben on his team"], None),
    ],
)
def test_only_answers_that_really_agree_are_grouped(
    said: list[str], tally: list[tuple[str, int]] | None
) -> None:
    met = datetime(2026, 3, 1)
    answers = [
        AdviceAnswer(i, "Chat", met, "P", "", text, gist(text)) for i, text in enumerate(said)
    ]
    result = list(advice.tally(answers))
    if tally is not None:
        assert result == tally
    else:
        assert [n for _text, n in result] == [1] * len(said)


def test_an_open_question_is_a_list_not_a_vote(db: Database) -> None:
    said = ["Anna Lee on her team", "Ask Ben in sales", "Maybe the CFO"]
    for i, answer in enumerate(said):
        meeting_id = prepared_meeting(
            db, add_person(db, "P", str(i)), questions=1, start_at=datetime(2026, 1, 5 + i)
        )
        record_answers(db, meeting_id, {meeting_questions(db, meeting_id)[0].id: answer})
    [topic] = advice_tally(db)
    assert topic.is_open
    assert {text for text, _n in topic.tally} == set(said)  # as written, not lower-cased
