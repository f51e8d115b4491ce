"""What a sync remembers per item: saved in bulk, found again by id or by UID."""

from __future__ import annotations

from dataclasses import replace

from crm.store.db import Database
from crm.sync.accounts import add_account
from crm.sync.state import Item, forget_items, load_items, save_items


def item(uid: str, etag: str = "1", local_id: int | None = None) -> Item:
    return Item(None, local_id, uid, f"/book/{uid}.vcf", etag, "mine", "theirs", "BEGIN:VCARD")


def stored(db: Database, account_id: int, kind: str = "contact") -> dict[str, Item]:
    with db.read() as session:
        return {i.uid: i for i in load_items(session, account_id, kind)}


def test_new_items_are_added_and_known_ones_updated_by_id_or_by_uid(db: Database) -> None:
    account = add_account(db, "Home", url="http://dav", username="me", addressbook_url="/b/")
    with db.session() as session:
        save_items(session, account.id, [item("a"), item("b"), item("c")])
    first = stored(db, account.id)
    assert sorted(first) == ["a", "b", "c"]
    with db.session() as session:
        save_items(
            session,
            account.id,
            [
                replace(first["a"], etag="2"),  # by id
                item("b", etag="3", local_id=7),  # by UID: no id yet
                item("d"),  # new
            ],
        )
    after = stored(db, account.id)
    assert sorted(after) == ["a", "b", "c", "d"]
    assert (after["a"].id, after["a"].etag) == (first["a"].id, "2")
    assert (after["b"].id, after["b"].etag, after["b"].local_id) == (first["b"].id, "3", 7)
    assert after["c"] == first["c"]


def test_the_last_of_two_new_items_with_one_uid_is_kept(db: Database) -> None:
    account = add_account(db, "Home", url="http://dav", username="me", addressbook_url="/b/")
    with db.session() as session:
        save_items(session, account.id, [item("a", etag="1"), item("a", etag="2")])
    assert stored(db, account.id)["a"].etag == "2"


def test_an_item_whose_row_was_forgotten_is_added_again(db: Database) -> None:
    account = add_account(db, "Home", url="http://dav", username="me", addressbook_url="/b/")
    with db.session() as session:
        save_items(session, account.id, [item("a")])
    old = stored(db, account.id)["a"]
    with db.session() as session:
        forget_items(session, [old.id])  # type: ignore[list-item]
        save_items(session, account.id, [replace(old, etag="9")])
    assert stored(db, account.id)["a"].etag == "9"


def test_items_of_each_kind_and_account_stay_apart(db: Database) -> None:
    home = add_account(db, "Home", url="http://dav", username="me", addressbook_url="/b/")
    work = add_account(db, "Work", url="http://dav2", username="me", addressbook_url="/c/")
    with db.session() as session:
        save_items(session, home.id, [item("a")])
        save_items(session, home.id, [item("a", etag="e")], "event")
        save_items(session, work.id, [item("a", etag="w")])
    assert stored(db, home.id)["a"].etag == "1"
    assert stored(db, home.id, "event")["a"].etag == "e"
    assert stored(db, work.id)["a"].etag == "w"
