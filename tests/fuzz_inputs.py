"""Hostile import files made from a number: mutations of real exports and known bad shapes.

The fuzz test (tests/unit/test_import_fuzz.py) and the fuzz benchmark (bench/fuzz_import.py)
share these: input `n` is always the same bytes, so a failure is reproduced by its number.
"""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

from crm.calendar.ics import import_ics
from crm.calendar.scheduling import delete_meeting
from crm.errors import IcsError, ImportRefused
from crm.importing import import_file, undo_import
from crm.store.db import Database
from tests.unit.test_import_apply import dump as contact_tables

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
FIXTURES = REPO / "tests" / "fixtures" / "import"
ICS_SEED = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Other//EN\r\n"
    "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nBEGIN:STANDARD\r\nDTSTART:19701025T030000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n"
    "END:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\n"
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n"
    "END:DAYLIGHT\r\nEND:VTIMEZONE\r\n"
    "BEGIN:VEVENT\r\nUID:a1\r\nSUMMARY:Coffee with Anna\r\n"
    "DTSTART;TZID=Europe/Berlin:20260312T090000\r\nDURATION:PT45M\r\n"
    "ATTENDEE;CN=Anna:mailto:anna@example.org\r\nLOCATION:Café\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:a2\r\nSUMMARY:Call\r\nDTSTART:20260313T150000Z\r\n"
    "DTEND:20260313T153000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
).encode()
RUNS = [b",", b";", b"\t", b"=\r\n", b"\r\n ", b"x", b"\r", b"\\", b'"', b"BEGIN:VCARD\r\n"]
CODECS = [b"UTF-7", b"unicode_escape", b"rot13", b"base64", b"zlib", b"utf-16", b"\x00x", b""]
RULES = [b"SECONDLY", b"MINUTELY", b"HOURLY", b"DAILY", b"WEEKLY", b"MONTHLY", b"YEARLY"]


def seeds() -> list[tuple[str, bytes]]:
    """(suffix, bytes) of every real export the tests have, the shared corpus included."""
    files = sorted(FIXTURES.glob("*.*")) + sorted((CORPUS / "vcard").glob("*.vcf"))
    found = [(path.suffix, path.read_bytes()) for path in files]
    return [*found, (".ics", ICS_SEED)]


_SEEDS: list[tuple[str, bytes]] = []


def make_input(n: int) -> tuple[str, bytes]:
    """Input number `n`: (file suffix, bytes)."""
    if not _SEEDS:
        _SEEDS.extend(seeds())
    rng = random.Random(n * 1_000_003 + 17)
    suffix, data = rng.choice(_SEEDS)
    shape = n % 10
    if shape < 6:
        return suffix, _mutated(rng, bytearray(data))
    if shape == 6:
        return suffix, _long_run(rng, bytearray(data))
    if shape == 7:
        return ".vcf", _charset_card(rng)
    if shape == 8:
        return ".ics", _zone_calendar(rng)
    return ".csv", _wide_csv(rng)


def _mutated(rng: random.Random, data: bytearray) -> bytes:
    for _ in range(rng.randint(1, 8)):
        where = rng.randint(0, len(data))
        kind = rng.choice(("replace", "insert", "cut", "line"))
        chunk = bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 8)))
        if kind == "replace":
            data[where : where + len(chunk)] = chunk
        elif kind == "insert":
            data[where:where] = chunk
        elif kind == "cut":
            del data[where : where + rng.randint(1, 200)]
        elif len(data) < 200_000:  # a line of the file repeated (the file stays small)
            start = data.rfind(b"\n", 0, where) + 1
            end = data.find(b"\n", where)
            line = bytes(data[start : end + 1 if end >= 0 else len(data)])
            data[start:start] = line * min(rng.randint(2, 30), 1 + 100_000 // len(line or b"x"))
    return bytes(data)


def _long_run(rng: random.Random, data: bytearray) -> bytes:
    where = rng.randint(0, len(data))
    unit = rng.choice(RUNS)
    run = unit * (rng.choice((1000, 5000, 20_000, 150_000)) // len(unit))  # at most 150 KB
    data[where:where] = run
    return bytes(data)


def _charset_card(rng: random.Random) -> bytes:
    codec = rng.choice(CODECS)
    value = rng.choice([b"+2AA-", b"\\ud800", b"=C3=A9", b"QW5uYQ==", b"=FF=FE", b"x" * 300])
    note = b"=\r\n".join([b"ab"] * rng.choice((1, 100, 30_000)))
    return (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=" + codec + b";ENCODING=QUOTED-PRINTABLE:"
        b"Lee;"
        + value
        + b";;;\r\nNOTE;ENCODING=QUOTED-PRINTABLE;CHARSET="
        + codec
        + b":"
        + note
        + b"\r\nEMAIL:anna@example.com\r\nEND:VCARD\r\n"
    )


def _zone_calendar(rng: random.Random) -> bytes:
    rule = (
        b"RRULE:FREQ=" + rng.choice(RULES) + b";COUNT=" + str(rng.choice((1, 999_999_999))).encode()
    )
    if rng.random() < 0.3:
        rule += b";BYHOUR=1,2,3;BYMINUTE=1,2,3,4"
    start = rng.choice([b"20260312T090000", b"99991231T235959", b"00010101T000000"])
    extra = rng.choice(
        [
            b"DURATION:PT1H",
            b"DURATION:P999999W",
            b"DURATION:P99999999999D",
            b"DTEND:20260312T100000",
            b"",
        ]
    )
    tzids = b"TZID:S\r\nTZID:T\r\n" if rng.random() < 0.2 else b"TZID:S\r\n"
    value = b";VALUE=PERIOD" if rng.random() < 0.1 else b""
    return (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VTIMEZONE\r\n"
        + tzids
        + b"BEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
        + rule
        + b"\r\n"
        b"TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
        b"BEGIN:VEVENT\r\nUID:z\r\nSUMMARY:Zone\r\nDTSTART;TZID=S"
        + value
        + b":"
        + start
        + b"\r\n"
        + extra
        + b"\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )


def _wide_csv(rng: random.Random) -> bytes:
    delimiter = rng.choice([b",", b";", b"\t"])
    width = rng.choice((10, 499, 501, 5000, 300_000))
    header = b"First Name" + delimiter + b"Notes" + delimiter * width
    rows = [b"Anna" + delimiter + b'"a, b; c"', b"Ben" + delimiter * rng.choice((1, 600))]
    prefix = b"BEGIN:VCAR\r\n" if rng.random() < 0.2 else b""
    return prefix + b"\n".join([header, *rows]) + b"\n"


def dump(db: Database) -> list[object]:
    """Every row of the tables an import writes (the search index included), and meetings."""
    conn = sqlite3.connect(db.path)
    try:
        meetings = [
            conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
            for table in ("meetings", "meeting_attendees")
        ]
    finally:
        conn.close()
    return [*contact_tables(db), *meetings]


def run_input(db: Database, folder: Path, n: int) -> str:
    """Import input `n` and take it back: "imported" or "refused"; raises what escapes.

    AssertionError when a refused import changed the database, or when taking an import
    back left it different.
    """
    suffix, data = make_input(n)
    path = folder / f"input{suffix}"
    path.write_bytes(data)
    before = dump(db)
    try:
        if suffix == ".ics":
            summary = import_ics(db, path)
            for meeting_id in summary.meeting_ids:
                delete_meeting(db, meeting_id)
        else:
            _plan, outcome, _changes = import_file(db, path)
            undo_import(db, outcome)
    except (ImportRefused, IcsError):
        assert dump(db) == before, f"input {n} was refused but the database changed"
        return "refused"
    if suffix != ".ics":  # deleting meetings leaves no trace to compare; contacts do
        assert dump(db) == before, f"input {n}: undoing its import left the database changed"
    return "imported"
