"""Random and mutated vCard and CSV text: nothing escapes but a clear refusal."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from crm.errors import ImportRefused
from crm.importing import apply_plan, plan_import, read_import_text, stage_id_by_name
from crm.importing.textfile import decode_bytes
from crm.store.db import Database
from tests.unit.test_import_apply import dump

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"
SEEDS = [
    (FIXTURES / name).read_bytes()
    for name in (
        "vcard21_quoted_printable.vcf",
        "vcard30_apple.vcf",
        "vcard40_features.vcf",
        "linkedin_connections.csv",
        "google_contacts.csv",
        "outlook_contacts.csv",
    )
]


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A real file with a few bytes replaced, inserted or cut."""
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 6))):
        where = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(("replace", "insert", "cut")))
        chunk = draw(st.binary(min_size=1, max_size=8))
        if kind == "replace":
            data[where : where + len(chunk)] = chunk
        elif kind == "insert":
            data[where:where] = chunk
        else:
            del data[where : where + draw(st.integers(1, 200))]
    return bytes(data)


def read_bytes(data: bytes) -> object:
    try:
        return read_import_text(decode_bytes(data))
    except ImportRefused as exc:
        assert str(exc)  # a sentence for the user
        return None


# Found by this test once: a NUL inside a CHARSET name made Python's codec lookup raise.
NUL_IN_CHARSET = (
    b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=\x00TF-8;ENCODING=QUOTED-PRINTABLE:"
    b"M=C3=BCller;J=C3=B6rg;;;\r\nEND:VCARD\r\n"
)


@settings(max_examples=150, deadline=None)
@given(mutated())
@example(NUL_IN_CHARSET)
def test_mutated_files_never_raise_anything_but_a_refusal(data: bytes) -> None:
    read_bytes(data)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_random_text_never_raises_anything_but_a_refusal(text: str) -> None:
    read_bytes(text.encode("utf-8", "surrogatepass") if text else b"")
    read_bytes(f"BEGIN:VCARD\r\n{text}\r\nEND:VCARD\r\n".encode("utf-8", "surrogatepass"))
    read_bytes(f"First Name,Last Name,URL\n{text}".encode("utf-8", "surrogatepass"))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(mutated())
def test_importing_mutated_files_leaves_the_database_whole(db: Database, data: bytes) -> None:
    before = dump(db)
    try:
        result = read_import_text(decode_bytes(data))
    except ImportRefused:
        assert dump(db) == before  # refused: nothing changed
        return
    outcome = apply_plan(db, plan_import(db, result), stage_id_by_name(db, None))
    from crm.importing import undo_import

    undo_import(db, outcome)
    assert dump(db) == before
