"""An import indexes its contacts for search exactly as the schema's triggers would.

The bulk path makes the index rows in Python when the insert trigger is the one it knows;
the rows must be the trigger's to the letter (folded letters, the company's name, every
channel in order), for new contacts and for the ones merged into.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from crm.contacts.service import Channel, ContactFields, create_contact
from crm.importing import import_file
from crm.store import search_index
from crm.store.clock import Clock
from crm.store.db import Database
from crm.store.integrity import check_database
from tests.data_file import read_only

VCARDS = """BEGIN:VCARD
VERSION:3.0
N:Straße;Łukasz;;;
FN:Łukasz Straße
ORG:Øresund Æble
TITLE:Ingénieur
EMAIL;TYPE=work:lukasz@example.com
EMAIL;TYPE=home:L.Strasse@example.org
TEL;TYPE=cell:+48 600 100 200
NOTE:Met at the Þing; ask about ħ-bar
END:VCARD
BEGIN:VCARD
VERSION:3.0
N:Lee;Anna;;;
FN:Anna Lee
EMAIL:anna@example.com
TEL:+1 555 0100
ORG:Đakovo Œuvre
END:VCARD
BEGIN:VCARD
VERSION:3.0
N:Quinn;Zoë;;;
FN:Zoë Quinn
END:VCARD
"""


def index_rows(path: Path) -> list[tuple[object, ...]]:
    with read_only(path) as conn:
        return conn.execute(
            "SELECT rowid, name, company, title, channels, notes FROM contact_fts ORDER BY rowid"
        ).fetchall()


def fill(db: Database) -> None:
    """A contact the file merges into (same email), with a channel of her own."""
    create_contact(
        db,
        ContactFields("Anna", "", notes="Ærø trip"),
        channels=[Channel("email", "anna@example.com"), Channel("url", "https://ødegaard.no")],
    )


def index_rows_by_trigger_sql(
    twin_path: Path, clock: Clock, path: Path, monkeypatch: pytest.MonkeyPatch
) -> list[tuple[object, ...]]:
    """The index rows of the same import into `twin_path` (a copy of the data file taken
    before it) with the trigger's own SQL making them instead of Python."""
    monkeypatch.setattr(search_index, "_EXPRESSIONS", "not the trigger's row")
    twin = Database(twin_path, clock=clock)
    try:
        import_file(twin, path)
    finally:
        twin.dispose()
    return index_rows(twin_path)


def test_the_index_rows_an_import_makes_are_the_triggers(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(db)
    cards = tmp_path / "people.vcf"
    cards.write_text(VCARDS, encoding="utf-8")
    db.checkpoint()
    twin_path = tmp_path / "twin.sqlite3"
    shutil.copy(db.path, twin_path)

    _plan, outcome, _ = import_file(db, cards)
    assert (outcome.added, outcome.merged) == (2, 1)
    report = {f.name: f for f in check_database(db.path).findings}
    assert report["search index"].ok, report["search index"].detail

    # The same import where the trigger's own SQL makes the rows: the same index.
    assert index_rows(db.path) == index_rows_by_trigger_sql(twin_path, db.clock, cards, monkeypatch)
    rows = {r[1]: r for r in index_rows(db.path)}
    assert rows["lukasz Strasse"][2:5] == (
        "oresund aeble",
        "Ingénieur",
        "lukasz@example.com L.Strasse@example.org +48 600 100 200",
    )
    assert rows["Anna Lee"][4] == "anna@example.com https://odegaard.no +1 555 0100"


def test_a_changed_trigger_still_indexes_the_import(db: Database, tmp_path: Path) -> None:
    """A later migration may change the row the trigger writes: its SQL is used then."""
    conn = sqlite3.connect(db.path, isolation_level=None)
    (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'contacts_fts_ai'").fetchone()
    conn.execute("DROP TRIGGER contacts_fts_ai")
    conn.execute(sql.replace("new.title,", "'[' || new.title || ']',", 1))
    conn.close()
    cards = tmp_path / "people.vcf"
    cards.write_text(VCARDS, encoding="utf-8")
    import_file(db, cards)
    titles = {r[1]: r[3] for r in index_rows(db.path)}
    assert titles["lukasz Strasse"] == "[Ingénieur]"


LINKEDIN = """First Name,Last Name,URL,Email Address,Company,Position,Connected On
Anna,Lee,https://www.linkedin.com/in/anna-lee,anna@example.com,Acme,Engineer,12 Mar 2024
Ben,Okafor,https://www.linkedin.com/in/ben-okafor,ben@example.com,Globex,Designer,12 Mar 2024
Cleo,Diaz,https://www.linkedin.com/in/cleo-diaz,cleo.new@example.com,Initech,Recruiter,12 Mar 2024
"""


def test_contacts_merged_into_are_found_by_what_the_import_added(
    db: Database, tmp_path: Path
) -> None:
    """Only a merge that changes what the index holds re-indexes the contact; the index
    must still hold every contact as the triggers would, and find the new text."""
    link = "https://www.linkedin.com/in/"
    create_contact(  # the file says nothing new about her: a tag and a history entry
        db,
        ContactFields(
            "Anna", "Lee", title="Engineer", company="Acme", linkedin_url=f"{link}anna-lee"
        ),
        channels=[Channel("email", "anna@example.com")],
    )
    create_contact(  # the file fills his job
        db, ContactFields("Ben", "Okafor"), channels=[Channel("email", "ben@example.com")]
    )
    create_contact(  # the file adds an email address
        db,
        ContactFields(
            "Cleo", "Diaz", title="Recruiter", company="Initech", linkedin_url=f"{link}cleo-diaz"
        ),
    )
    connections = tmp_path / "Connections.csv"
    connections.write_text(LINKEDIN, encoding="utf-8")

    _plan, outcome, _ = import_file(db, connections)

    assert (outcome.added, outcome.merged) == (0, 3)
    report = {f.name: f for f in check_database(db.path).findings}
    assert report["search index"].ok, report["search index"].detail
    rows = {r[1]: r for r in index_rows(db.path)}
    assert rows["Ben Okafor"][2:4] == ("Globex", "Designer")
    assert rows["Cleo Diaz"][4] == "cleo.new@example.com"
    assert rows["Anna Lee"][2:5] == ("Acme", "Engineer", "anna@example.com")


def test_the_columns_that_re_index_a_contact_are_read_from_its_update_trigger(
    db: Database,
) -> None:
    with db.connection() as conn:
        listed = search_index.indexed_columns(conn)
        assert listed == {"first_name", "last_name", "company_id", "title", "notes"}
        (sql,) = conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'contacts_fts_au'"
        ).fetchone()
        conn.execute("DROP TRIGGER contacts_fts_au")
        head, body = sql.split(" ON contacts ", 1)
        conn.execute(f"{head.split(' OF ')[0]} ON contacts {body}")  # fires on any update
        assert search_index.indexed_columns(conn) is None


def test_new_contacts_are_indexed_with_their_companys_stored_name(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rows of new contacts are made from what the import wrote, not read back: a
    company the file spells otherwise is indexed by its stored name, as the trigger would."""
    create_contact(db, ContactFields("Dana", "Moss", company="ACME Corp"))
    connections = tmp_path / "Connections.csv"
    connections.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Erik,Sæther,https://www.linkedin.com/in/erik,erik@example.com,acme corp,CTO,1 Mar 2024\n"
        "Fay,Ng,https://www.linkedin.com/in/fay,,  Ørsted   A/S ,,1 Mar 2024\n"
        "Gus,Łoś,,,,Designer,\n",
        encoding="utf-8",
    )
    db.checkpoint()
    twin_path = tmp_path / "twin.sqlite3"
    shutil.copy(db.path, twin_path)

    _plan, outcome, _ = import_file(db, connections)

    assert outcome.added == 3
    report = {f.name: f for f in check_database(db.path).findings}
    assert report["search index"].ok, report["search index"].detail
    rows = {r[1]: r[2:5] for r in index_rows(db.path)}
    assert rows["Erik Saether"] == ("ACME Corp", "CTO", "erik@example.com")
    assert rows["Fay Ng"] == ("orsted A/S", "", "")
    assert rows["Gus loś"] == ("", "Designer", "")  # the tokenizer folds ś itself
    assert index_rows(db.path) == index_rows_by_trigger_sql(
        twin_path, db.clock, connections, monkeypatch
    )
