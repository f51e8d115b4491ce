"""Reading an import file: detecting its format and handing it to the right reader."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from crm.errors import ImportRefused
from crm.importing.csv_formats import detect_csv, read_csv
from crm.importing.csv_mapping import Target
from crm.importing.records import FORMAT_NAMES, ReadResult
from crm.importing.textfile import read_text
from crm.store.gc_paused import collection_paused

FORMATS = ("auto", *FORMAT_NAMES)
# Any line ending counts (old Macs end lines with CR alone).
_VCARD = re.compile(r"(?:^|[\r\n])[ \t]*BEGIN:VCARD[ \t]*(?:[\r\n]|$)", re.I)


def detect_format(text: str) -> str:
    """ "vcard", "linkedin", "google", "outlook" or "csv" (an unknown layout)."""
    if _VCARD.search(text[:65536]):
        return "vcard"
    return detect_csv(text)


def read_import_text(
    text: str, fmt: str = "auto", mapping: Sequence[Target | None] | None = None
) -> ReadResult:
    """What the text holds, read as `fmt`; ImportRefused when nothing at all can be read."""
    with collection_paused():
        return _read(text, fmt, mapping)


def _read(text: str, fmt: str, mapping: Sequence[Target | None] | None) -> ReadResult:
    if fmt not in FORMATS:
        raise ImportRefused(f"Unknown format “{fmt}”; use one of {', '.join(FORMATS)}.")
    if fmt == "auto":
        fmt = detect_format(text)
    if fmt == "vcard":
        if not _VCARD.search(text):
            raise ImportRefused("The file holds no vCards (no BEGIN:VCARD line).")
        from crm.importing.vcard_reader import read_vcards  # vobject: only for vCards

        result = read_vcards(text)
    else:
        result = read_csv(text, fmt, mapping)
    if not result.contacts:
        first = f" ({result.problems[0]})" if result.problems else ""
        raise ImportRefused(f"No contact in the file could be read{first}.")
    return result


def read_import_file(
    path: Path, fmt: str = "auto", mapping: Sequence[Target | None] | None = None
) -> ReadResult:
    """Read `path` as `fmt` ("auto" detects it); ImportRefused with one clear sentence."""
    return read_import_text(read_text(path), fmt, mapping)
