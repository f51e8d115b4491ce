"""CSV text as rows with their line numbers, and finding the header row."""

from __future__ import annotations

import csv
import io
import itertools
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from crm.errors import ImportRefused
from crm.importing.records import ReadProblem

csv.field_size_limit(1024 * 1024)

# LinkedIn puts a few "Notes:" lines before the header; look this far for it.
HEADER_SEARCH_ROWS = 30
DELIMITERS = (",", ";", "\t")  # in order of preference when two split the sample alike
# Real exports have at most a few hundred columns (Outlook: 92, Google: about 90); mapping
# a header costs about 100 µs a column, so a line of 300,000 commas would stall the app.
MAX_COLUMNS = 500


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
    """The delimiter that splits the first records into the most cells of one consistent count.

    Each candidate is tried with the csv module itself, so separators inside quoted cells
    (a `;` file whose notes hold commas) do not count. csv.Sniffer is not used: its quote
    guessing is a backtracking regular expression, slow on long lines.
    """
    sample = text[:65536]
    best, best_score = ",", 0
    for delimiter in DELIMITERS:
        widths: Counter[int] = Counter()
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
        try:
            for values in itertools.islice(reader, HEADER_SEARCH_ROWS):
                if any(values):
                    widths[len(values)] += 1
        except csv.Error:
            pass  # the sample ends inside a quoted cell
        width, rows = max(widths.items(), key=lambda item: (item[1], item[0]), default=(0, 0))
        score = width * rows if width > 1 else 0
        if score > best_score:
            best, best_score = delimiter, score
    return best


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
        if len(values) > MAX_COLUMNS:
            if not rows:
                raise ImportRefused(
                    f"The first row has {len(values)} columns; Rapport reads files of up to "
                    f"{MAX_COLUMNS} columns. Is this a contacts file?"
                )
            problems.append(ReadProblem(start, f"the row has {len(values)} columns (not read)"))
        elif any(stripped := tuple(map(str.strip, values))):
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
