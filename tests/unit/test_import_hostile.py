"""Hostile import files: odd codecs, huge values, endless folds and columns are refused or read,
never crash, hang or eat the memory."""

from __future__ import annotations

import tracemalloc

import pytest

from crm.errors import ImportRefused
from crm.importing import apply_plan, plan_import, read_import_text, stage_id_by_name
from crm.store.db import Database
from tests.unit.test_import_apply import dump


def card(*lines: str) -> str:
    return "\r\n".join(["BEGIN:VCARD", "VERSION:2.1", *lines, "END:VCARD", ""])


@pytest.mark.parametrize(
    ("charset", "value"),
    [
        ("UTF-7", "+2AA-"),  # a lone surrogate
        ("unicode_escape", "\\ud800"),
        ("raw_unicode_escape", "\\ud800"),
        ("rot13", "Nan"),
        ("base64", "QW5uYQ=="),
        ("zlib", "x"),
        ("hex", "416e6e61"),
        ("punycode", "abc-"),
        ("idna", "xn--"),
        ("no-such-codec", "Anna"),
    ],
)
def test_a_charset_that_is_no_text_encoding_never_reaches_the_database(
    db: Database, charset: str, value: str
) -> None:
    text = card(
        f"N;CHARSET={charset};ENCODING=QUOTED-PRINTABLE:Lee;{value};;;",
        f"NOTE;CHARSET={charset};ENCODING=QUOTED-PRINTABLE:{value}",
        "EMAIL:anna@example.com",
    )
    result = read_import_text(text)
    (contact,) = result.contacts
    for field in (contact.first_name, contact.last_name, contact.notes):
        field.encode("utf-8")  # no lone surrogate
    outcome = apply_plan(db, plan_import(db, result), stage_id_by_name(db, None))
    assert outcome.added == 1


@pytest.mark.timeout(30)
def test_unfolding_many_soft_line_breaks_takes_linear_time() -> None:
    # 400,000 soft line breaks in a value under 1 MB: quadratic joining took minutes.
    note = "=\r\n".join(["ab"] * 400_000)
    result = read_import_text(card("FN:Anna Lee", f"NOTE;ENCODING=QUOTED-PRINTABLE:{note}"))
    assert result.contacts[0].notes == "ab" * 400_000
    folded = "\r\n ".join(["cd"] * 400_000)
    result = read_import_text(card("FN:Anna Lee", f"NOTE:{folded}"))
    assert result.contacts[0].notes == "cd" * 400_000


def test_a_value_over_one_megabyte_is_reported_and_its_card_left_out() -> None:
    huge = "x" * (3 * 1024 * 1024)
    text = card("FN:Too Big", f"NOTE:{huge}") + card("FN:Anna Lee")
    tracemalloc.start()
    try:
        result = read_import_text(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [c.name for c in result.contacts] == ["Anna Lee"]
    (problem,) = result.problems
    assert problem.line == 4 and "larger than 1 MB" in problem.reason
    assert peak < 40 * 1024 * 1024  # vobject needed about 150 bytes per byte of the value


def test_a_large_photo_does_not_stop_the_card() -> None:
    photo = "\r\n ".join(["QUJD" * 18] * 40_000)  # about 3 MB of base64
    result = read_import_text(card("FN:Anna Lee", f"PHOTO;ENCODING=BASE64;TYPE=JPEG:{photo}"))
    assert [c.name for c in result.contacts] == ["Anna Lee"] and result.problems == ()


@pytest.mark.timeout(60)
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_a_csv_with_too_many_columns_is_refused_in_one_sentence(
    db: Database, delimiter: str
) -> None:
    before = dump(db)
    text = "First Name" + delimiter * 300_000 + "\nAnna\n"
    with pytest.raises(ImportRefused, match="300001 columns"):
        read_import_text(text)
    damaged_vcard = "BEGIN:VCAR\r\n" + "," * 300_000 + "\r\nEND:VCARD\r\n"
    with pytest.raises(ImportRefused, match="columns"):
        read_import_text(damaged_vcard)
    assert dump(db) == before


def test_a_row_with_too_many_columns_is_reported_and_the_others_read() -> None:
    text = "First Name,Last Name\nAnna,Lee\n" + "Ben" + "," * 1000 + "\nCleo,Ode\n"
    result = read_import_text(text)
    assert [c.first_name for c in result.contacts] == ["Anna", "Cleo"]
    (problem,) = result.problems
    assert problem.line == 3 and "1001 columns" in problem.reason
