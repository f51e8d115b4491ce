"""Board services: which cards show where, moving and reordering them, and undoing moves."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta

import pytest

from crm.contacts.history import list_history
from crm.contacts.service import ContactFields, create_contact, update_contact
from crm.pipeline.board import BoardFilter, card_rows, filter_choices, load_board, locate_cards
from crm.pipeline.card_moves import move_contacts, undo_move
from crm.pipeline.stages import StageFields, list_stages, update_stage
from crm.store.clock import fixed_clock
from crm.store.db import Database, write_transaction
from tests.conftest import NOW

TODAY = NOW.date()


def stage_ids(db: Database) -> dict[str, int]:
    return {s.name: s.id for s in list_stages(db)}


def add(db: Database, first: str, stage: str = "To contact", **kw: object) -> int:
    tags = kw.pop("tags", ())
    fields = ContactFields(first_name=first, last_name="Lee", **kw)  # type: ignore[arg-type]
    new_id, _ = create_contact(db, fields, tags=tags, stage_id=stage_ids(db)[stage])  # type: ignore[arg-type]
    return new_id


def held_a_meeting(db: Database, contact_id: int) -> None:
    """A meeting the contact attended, already held (a thank-you note only follows one)."""
    with db.connection() as conn, write_transaction(conn):
        conn.execute(
            "INSERT INTO meetings(uid, title, start_at, end_at, location, goal, notes, status,"
            " created_at, updated_at) VALUES ('m1', 'Coffee', '2026-03-09 10:00:00',"
            " '2026-03-09 10:30:00', '', '', '', 'done', '2026-03-01', '2026-03-01')"
        )
        conn.execute("INSERT INTO meeting_attendees VALUES (1, ?)", (contact_id,))


def column(db: Database, stage: str, flt: BoardFilter | None = None) -> list[int]:
    return list(load_board(db, flt).columns[stage_ids(db)[stage]].ids)


def follow_ups(db: Database, contact_id: int) -> list[tuple[str, str]]:
    conn = sqlite3.connect(db.path, isolation_level=None)
    try:
        return conn.execute(
            "SELECT title, due_date FROM follow_ups WHERE contact_id = ? ORDER BY id",
            (contact_id,),
        ).fetchall()
    finally:
        conn.close()


def test_board_lists_every_stage_in_card_order_without_archived(db: Database) -> None:
    anna, ben, cleo = add(db, "Anna"), add(db, "Ben"), add(db, "Cleo")
    update_contact(db, ben, archived=True)
    board = load_board(db)
    assert set(board.columns) == set(stage_ids(db).values())
    assert column(db, "To contact") == [anna, cleo]
    assert column(db, "Met") == []


def test_move_to_another_stage_logs_history_and_restarts_days(db: Database) -> None:
    anna = add(db, "Anna", "Reached out")
    stages = stage_ids(db)
    result, changes = move_contacts(db, [anna], stages["Scheduled"])
    assert column(db, "Scheduled") == [anna]
    assert column(db, "Reached out") == []
    assert anna in changes.contacts
    history = list_history(db, anna)
    assert [(h.kind, h.summary) for h in history] == [("stage", "Reached out → Scheduled")]
    card = card_rows(db, [anna])[anna]
    assert card.entered_at == NOW
    assert card.days_in_stage(NOW + timedelta(days=3, hours=1)) == 3
    assert result.cards[0].interaction_id == history[0].id


def test_entering_met_creates_the_thank_you_follow_up_and_undo_removes_it(db: Database) -> None:
    anna = add(db, "Anna", "Scheduled")
    held_a_meeting(db, anna)
    before = card_rows(db, [anna])[anna]
    result, changes = move_contacts(db, [anna], stage_ids(db)["Met"], today=TODAY)
    assert changes.follow_ups
    assert follow_ups(db, anna) == [("Send a thank-you note", str(TODAY + timedelta(days=1)))]
    assert card_rows(db, [anna])[anna].next_follow_up == TODAY + timedelta(days=1)

    undo_move(db, result)
    assert follow_ups(db, anna) == []
    assert list_history(db, anna) == []
    assert column(db, "Scheduled") == [anna]
    assert card_rows(db, [anna])[anna] == before


def test_entering_thanked_creates_a_check_in_in_thirty_days(db: Database) -> None:
    anna = add(db, "Anna", "Met")
    move_contacts(db, [anna], stage_ids(db)["Thanked"], today=TODAY)
    assert follow_ups(db, anna) == [("Check in", str(TODAY + timedelta(days=30)))]


def test_a_stage_without_rule_creates_no_follow_up(db: Database) -> None:
    anna = add(db, "Anna")
    move_contacts(db, [anna], stage_ids(db)["Scheduled"])
    assert follow_ups(db, anna) == []


def test_edited_rule_applies_to_later_moves(db: Database) -> None:
    anna = add(db, "Anna")
    stages = stage_ids(db)
    update_stage(db, stages["Scheduled"], StageFields("Scheduled", "#7c3aed", False, "Confirm", 7))
    move_contacts(db, [anna], stages["Scheduled"], today=TODAY)
    assert follow_ups(db, anna) == [("Confirm", str(TODAY + timedelta(days=7)))]


def test_reorder_within_a_column_keeps_days_and_history(db: Database) -> None:
    anna, ben, cleo = add(db, "Anna"), add(db, "Ben"), add(db, "Cleo")
    stage = stage_ids(db)["To contact"]
    move_contacts(db, [cleo], stage, before=anna)
    assert column(db, "To contact") == [cleo, anna, ben]
    move_contacts(db, [cleo], stage, before=None)
    assert column(db, "To contact") == [anna, ben, cleo]
    assert list_history(db, cleo) == []
    assert follow_ups(db, cleo) == []


def test_several_cards_land_together_in_the_given_order(db: Database) -> None:
    anna, ben = add(db, "Anna"), add(db, "Ben")
    xena, yann = add(db, "Xena", "Met"), add(db, "Yann", "Met")
    met = stage_ids(db)["Met"]
    result, _ = move_contacts(db, [ben, anna], met, before=yann, today=TODAY)
    assert column(db, "Met") == [xena, ben, anna, yann]
    assert len(result.cards) == 2
    undo_move(db, result)
    assert column(db, "Met") == [xena, yann]
    assert column(db, "To contact") == [anna, ben]


def test_a_drop_between_cards_of_equal_position_lands_between_them(db: Database) -> None:
    # Equal positions happen (two cards given the same place by an older import); the
    # board then orders them by id, and a drop must respect that order too.
    anna, ben, cleo, dora = (add(db, name) for name in ("Anna", "Ben", "Cleo", "Dora"))
    conn = sqlite3.connect(db.path, isolation_level=None)
    conn.execute("UPDATE contacts SET stage_position = 5 WHERE id IN (?, ?, ?)", (anna, ben, cleo))
    conn.close()
    stage = stage_ids(db)["To contact"]
    move_contacts(db, [dora], stage, before=cleo)
    assert column(db, "To contact") == [anna, ben, dora, cleo]
    move_contacts(db, [dora], stage, before=ben)
    assert column(db, "To contact") == [anna, dora, ben, cleo]


def test_many_drops_in_one_place_renumber_and_undo_restores(db: Database) -> None:
    ids = [add(db, f"P{i}") for i in range(4)]
    stage = stage_ids(db)["To contact"]
    results = []
    # Dropping alternately just above the second card halves the same gap each time.
    for i in range(60):
        mover = ids[2 + i % 2]
        results.append(move_contacts(db, [mover], stage, before=ids[1])[0])
    assert any(r.renumbered for r in results)
    assert column(db, "To contact")[0] == ids[0]
    assert column(db, "To contact")[-1] == ids[1]
    for result in reversed(results):
        undo_move(db, result)
    assert column(db, "To contact") == ids


def test_moving_into_an_unknown_stage_changes_nothing(db: Database) -> None:
    anna = add(db, "Anna")
    with pytest.raises(LookupError):
        move_contacts(db, [anna], 9999)
    assert column(db, "To contact") == [anna]
    assert list_history(db, anna) == []


def test_card_rows_show_company_title_tags_and_next_open_follow_up(db: Database) -> None:
    anna = add(db, "Anna", company="Acme", title="Engineer", tags=["python", "alumni"])
    conn = sqlite3.connect(db.path, isolation_level=None)
    conn.executemany(
        "INSERT INTO follow_ups (contact_id, title, due_date, created_at, done_at) "
        "VALUES (?, ?, ?, ?, ?)",
        [
            (anna, "done", "2026-01-01", "2026-01-01 00:00:00.000000", "2026-01-02 00:00:00"),
            (anna, "later", "2026-04-01", "2026-01-01 00:00:00.000000", None),
            (anna, "sooner", "2026-03-01", "2026-01-01 00:00:00.000000", None),
        ],
    )
    conn.close()
    card = card_rows(db, [anna])[anna]
    assert (card.name, card.company, card.title) == ("Anna Lee", "Acme", "Engineer")
    assert card.tags == ("alumni", "python")
    assert card.next_follow_up == date(2026, 3, 1)


def test_filters_by_text_tag_and_company(db: Database) -> None:
    anna = add(db, "Anna", company="Acme", tags=["python"])
    ben = add(db, "Ben", company="Globex", title="Recruiter")
    tags, companies = filter_choices(db)
    tag = dict((n, i) for i, n in tags)["python"]
    acme = dict((n, i) for i, n in companies)["Acme"]
    assert column(db, "To contact", BoardFilter(text="recr")) == [ben]
    assert column(db, "To contact", BoardFilter(text="glo")) == [ben]
    assert column(db, "To contact", BoardFilter(tag_id=tag)) == [anna]
    assert column(db, "To contact", BoardFilter(company_id=acme)) == [anna]
    assert column(db, "To contact", BoardFilter(text="an", company_id=acme)) == [anna]
    assert BoardFilter(text="  ").is_empty


def test_locate_tells_where_cards_belong_now(db: Database) -> None:
    anna, ben = add(db, "Anna"), add(db, "Ben")
    update_contact(db, ben, archived=True)
    met = stage_ids(db)["Met"]
    move_contacts(db, [anna], met)
    where = locate_cards(db, [anna, ben, 12345])
    assert where[anna] == (met, pytest.approx(1.0))
    assert where[ben] is None
    assert where[12345] is None
    assert locate_cards(db, [anna], BoardFilter(text="zzz"))[anna] is None


def test_redo_after_undo_moves_again_at_the_new_time(db: Database) -> None:
    anna = add(db, "Anna", "Scheduled")
    held_a_meeting(db, anna)
    met = stage_ids(db)["Met"]
    result, _ = move_contacts(db, [anna], met, today=TODAY)
    undo_move(db, result)
    later = Database(db.path, clock=fixed_clock(datetime(2026, 3, 11, 9, 0)))
    try:
        move_contacts(later, [anna], met, today=date(2026, 3, 11))
    finally:
        later.dispose()
    assert column(db, "Met") == [anna]
    assert [h.summary for h in list_history(db, anna)] == ["Scheduled → Met"]
    assert follow_ups(db, anna) == [("Send a thank-you note", "2026-03-12")]
