"""Stage management: add, edit, reorder and delete stages, and put them back."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest

from crm.contacts.service import ContactFields, create_contact, get_contact
from crm.pipeline.board import load_board
from crm.pipeline.stages import (
    StageFields,
    add_stage,
    contact_count,
    delete_stage,
    get_stage,
    list_stages,
    reorder_stages,
    restore_stage,
    stage_order,
    update_stage,
)
from crm.store.clock import fixed_clock
from crm.store.db import Database
from tests.conftest import NOW

DEFAULTS = ["To contact", "Reached out", "Scheduled", "Met", "Thanked", "Keep in touch", "Not now"]


def names(db: Database) -> list[str]:
    return [s.name for s in list_stages(db)]


def by_name(db: Database) -> dict[str, int]:
    return {s.name: s.id for s in list_stages(db)}


def test_defaults_fit_informational_interviews(db: Database) -> None:
    stages = {s.name: s for s in list_stages(db)}
    assert names(db) == DEFAULTS
    assert (stages["Met"].followup_title, stages["Met"].followup_days) == (
        "Send a thank-you note",
        1,
    )
    assert (stages["Thanked"].followup_title, stages["Thanked"].followup_days) == ("Check in", 30)
    assert stages["Not now"].is_closed
    assert not stages["To contact"].is_closed


def test_add_stage_at_a_position(db: Database) -> None:
    new_id, changes = add_stage(db, StageFields("  Referred   on ", "#112233"), position=2)
    assert changes.stages
    assert names(db)[:4] == ["To contact", "Reached out", "Referred on", "Scheduled"]
    assert get_stage(db, new_id).color == "#112233"
    last, _ = add_stage(db, StageFields("Offer"))
    assert names(db)[-1] == "Offer"
    assert stage_order(db)[-1] == last


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (StageFields(""), "needs a name"),
        (StageFields("met"), "already a stage"),
        (StageFields("New", color="red"), "not a colour"),
        (StageFields("New", followup_title="Call"), "both a title and a number"),
        (StageFields("New", followup_title="Call", followup_days=-1), "between 0 and"),
    ],
)
def test_invalid_stages_are_refused_with_a_clear_message(
    db: Database, fields: StageFields, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        add_stage(db, fields)
    assert names(db) == DEFAULTS


def test_update_renames_recolours_and_sets_rule_and_closed(db: Database) -> None:
    stage = by_name(db)["Keep in touch"]
    update_stage(db, stage, StageFields("Stay close", "#ABCDEF", True, "Say hi", 90))
    row = get_stage(db, stage)
    assert (row.name, row.color, row.is_closed) == ("Stay close", "#abcdef", True)
    assert (row.followup_title, row.followup_days) == ("Say hi", 90)
    # renaming a stage to its own name in another case is fine
    update_stage(db, stage, StageFields("STAY close", "#abcdef"))
    assert get_stage(db, stage).followup_title is None


def test_reorder_stages(db: Database) -> None:
    order = list(stage_order(db))
    order.reverse()
    reorder_stages(db, order)
    assert names(db) == list(reversed(DEFAULTS))
    with pytest.raises(ValueError):
        reorder_stages(db, order[:-1])


def test_delete_moves_contacts_and_restore_puts_everything_back(db: Database) -> None:
    stages = by_name(db)
    met = stages["Met"]
    anna, _ = create_contact(db, ContactFields("Anna"), stage_id=met)
    ben, _ = create_contact(db, ContactFields("Ben"), stage_id=met)
    kept, _ = create_contact(db, ContactFields("Kim"), stage_id=stages["Thanked"])
    before = get_stage(db, met)

    snapshot, changes = delete_stage(db, met, stages["Thanked"])
    assert changes.stages and changes.contacts == {anna, ben}
    assert "Met" not in names(db)
    assert list(load_board(db).columns[stages["Thanked"]].ids) == [kept, anna, ben]
    assert get_contact(db, anna).stage_name == "Thanked"

    restore_stage(db, snapshot)
    assert names(db) == DEFAULTS
    assert get_stage(db, met) == before
    assert list(load_board(db).columns[met].ids) == [anna, ben]
    assert contact_count(db, met) == 2
    assert get_contact(db, anna).stage_name == "Met"


def test_delete_refuses_itself_as_receiver(db: Database) -> None:
    met = by_name(db)["Met"]
    with pytest.raises(ValueError):
        delete_stage(db, met, met)
    assert "Met" in names(db)


def test_stage_entered_time_restored(db: Database) -> None:
    met = by_name(db)["Met"]
    anna, _ = create_contact(db, ContactFields("Anna"), stage_id=met)
    later = Database(db.path, clock=fixed_clock(NOW + timedelta(days=5)))
    try:
        snapshot, _ = delete_stage(later, met, by_name(db)["Thanked"])
        moved = get_contact(db, anna)
        restore_stage(later, snapshot)
    finally:
        later.dispose()
    assert moved.stage_name == "Thanked"
    conn = sqlite3.connect(db.path, isolation_level=None)
    entered = conn.execute("SELECT stage_entered_at FROM contacts WHERE id = ?", (anna,)).fetchone()
    conn.close()
    assert entered[0].startswith(NOW.strftime("%Y-%m-%d %H:%M:%S"))
