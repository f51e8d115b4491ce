"""CSV text as rows with their line numbers, and finding the header row."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from crm.errors import ImportRefused
from crm.importing.records import ReadProblem

csv.field_size_limit(1024 * 1024)

# LinkedIn puts a few "Notes:" lines before the header; look this far for it.
HEADER_SEARCH_ROWS = 30


class Row(NamedTuple):  # one per line of the file: quicker to make than a frozen dataclass
    line: int  # where the row starts
    values: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    header_line: int
    rows: tuple[Row, ...]
    problems: tuple[ReadProblem, ...] = ()


def sniff_delimiter(text: str) -> str:
    """Comma unless the first lines are clearly separated by semicolons or tabs."""
    sample = "\n".join(text[:65536].splitlines()[:HEADER_SEARCH_ROWS])
    counts = {d: sample.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


def read_rows(text: str, limit: int | None = None) -> tuple[list[Row], list[ReadProblem]]:
    """Every record of the CSV text with the line it starts on; a broken tail is reported.

    With `limit`, only the first `limit` non-empty records are read (format detection).
    """
    text = text.lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    rows: list[Row] = []
    problems: list[ReadProblem] = []
    start = 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(ReadProblem(start, f"the file cannot be read from here on ({exc})"))
            break
        stripped = tuple(map(str.strip, values))
        if any(stripped):
            rows.append(Row(start, stripped))
            if limit is not None and len(rows) >= limit:
                break
        start = reader.line_num + 1
    return rows, problems


def find_table(text: str, is_header: Callable[[tuple[str, ...]], bool]) -> Table:
    """The rows after the first row `is_header` accepts (within the first few rows)."""
    rows, problems = read_rows(text)
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if is_header(row.values):
            return Table(row.values, row.line, tuple(rows[index + 1 :]), tuple(problems))
    raise ImportRefused("No column headers Rapport recognises were found in the file.")


def first_row_table(text: str) -> Table:
    """The rows after the first non-empty row, taken as the header."""
    rows, problems = read_rows(text)
    if not rows:
        raise ImportRefused("The file has no rows.")
    return Table(rows[0].values, rows[0].line, tuple(rows[1:]), tuple(problems))
