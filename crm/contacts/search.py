"""Full-text search over contacts: SQLite FTS5 prefix matching ("ann goo" finds Anna), the
relevance tiers of a search, and an exact in-Python twin of the FTS5 test for walking rows.

The twin exists for speed: a one-letter prefix matches a third of 100,000 contacts, and
sorting all those ids costs 30-70 ms, while the first page in table order is found by
testing a few hundred rows of the name order held in memory (crm.contacts.name_order).
Testing one row through FTS5 (`rowid = ? AND MATCH`) costs about 100 µs; the twin costs
a few. It is
exact because its folding is read from SQLite's own tokenizer (`calibrate`), character
by character; a row holding a character outside the calibrated range is tested by FTS5.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from crm.folding import index_text

_TOKEN = re.compile(r"\w+", re.UNICODE)

# The index's columns (migration 0001) and each one's relevance tier: name matches come
# first, then company and title, then channels (emails, phones, links) and notes.
COLUMNS = ("name", "company", "title", "channels", "notes")
COLUMN_TIER = (0, 1, 1, 2, 2)
TIERS = 3
TOKENIZE = "unicode61 remove_diacritics 2"


def _words(text: str) -> list[str]:
    # Folded as the index holds its text (migration 0006): "Łukasz" is found as "lukasz".
    return _TOKEN.findall(index_text(text))


def fts_query(text: str) -> str | None:
    """An FTS5 MATCH expression where every word typed is a prefix; None when nothing to match.

    Words are quoted, so operators and punctuation typed by the user are taken literally.
    """
    tokens = _words(text)
    if not tokens:
        return None
    return " AND ".join(f'"{token}"*' for token in tokens)


def tier_query(text: str, tier: int) -> str | None:
    """The MATCH expression of rows whose every word is found in columns of at most `tier`
    (0: the name; 1: name, company or title; 2: anywhere)."""
    tokens = _words(text)
    if not tokens:
        return None
    columns = " ".join(c for c, t in zip(COLUMNS, COLUMN_TIER, strict=True) if t <= tier)
    return " AND ".join(f'{{{columns}}} : "{token}"*' for token in tokens)


MATCH_SQL = "SELECT rowid FROM contact_fts WHERE contact_fts MATCH ?"


# -- the in-Python twin -----------------------------------------------------------------

# Latin, Greek and Cyrillic with their diacritics: what names here are written in. Other
# characters are left to FTS5 itself, row by row.
CALIBRATED = range(1, 0x0530)
_COLUMN = "\0"


@dataclass(frozen=True)
class Folding:
    """SQLite's unicode61 tokenizer as a translation table (separators become spaces)."""

    table: dict[int, str]
    outside: re.Pattern[str]  # any character the table does not cover

    def fold_row(self, texts: Sequence[str]) -> str | None:
        """A row's columns folded into one string, each led by a space and the columns
        apart by NUL (which no phrase holds); None when a character is not covered.

        Runs of separators stay runs of spaces: a one-word phrase " ann" found in it
        starts a token all the same, and the rare phrase of several words is looked for
        column by column with `fold` (single spaces)."""
        joined = " \0 ".join(texts)
        if self.outside.search(joined) or joined.count(_COLUMN) != len(texts) - 1:
            return None
        return " " + joined.translate(self.table)

    def fold(self, text: str) -> str | None:
        """The tokens of `text` folded, joined by single spaces and led by one; None when
        `text` holds a character the table does not cover."""
        if self.outside.search(text):
            return None
        return " " + " ".join(text.translate(self.table).split())


def calibrate(conn: sqlite3.Connection) -> Folding:
    """Read how the tokenizer treats each calibrated character, from SQLite itself.

    Each character goes between two letters, "a?b", the groups one document apart by
    spaces: one token back means the character is part of words (and folds to what
    stands between the letters), the two tokens "a" and "b" mean it separates words. A
    character read any other way is left to FTS5.
    """
    conn.execute(f"CREATE VIRTUAL TABLE temp.rapport_fold USING fts5(t, tokenize='{TOKENIZE}')")
    conn.execute(
        "CREATE VIRTUAL TABLE temp.rapport_fold_terms USING fts5vocab(temp, rapport_fold, instance)"
    )
    try:
        text = " ".join(f"a{chr(cp)}b" for cp in CALIBRATED)
        conn.execute("INSERT INTO temp.rapport_fold(rowid, t) VALUES (1, ?)", (text,))
        tokens = [
            r[0] for r in conn.execute("SELECT term FROM temp.rapport_fold_terms ORDER BY offset")
        ]
    finally:
        conn.execute("DROP TABLE temp.rapport_fold_terms")
        conn.execute("DROP TABLE temp.rapport_fold")
    table: dict[int, str] = {}
    at = 0
    for cp in CALIBRATED:
        if at + 1 < len(tokens) and tokens[at] == "a" and tokens[at + 1] == "b":
            table[cp] = " "
            at += 2
        elif (
            at < len(tokens)
            and len(tokens[at]) >= 2
            and tokens[at][0] == "a"
            and tokens[at][-1] == "b"
        ):
            table[cp] = tokens[at][1:-1]
            at += 1
        else:
            table = {}  # out of step: trust nothing, FTS5 judges every row
            break
    # Folded text must stay splittable on spaces: a character folding to one is left out.
    table = {cp: v for cp, v in table.items() if v == " " or " " not in v}
    covered = "".join(re.escape(chr(cp)) for cp in sorted(table))
    # NUL passes: `fold_row` puts it between columns (and counts it).
    return Folding(table, re.compile(f"[^\\0{covered}]" if covered else r"[^\0]"))


@dataclass(frozen=True)
class Words:
    """A search as the twin tests it: each word typed, folded into a phrase prefix."""

    phrases: tuple[str, ...]  # " anna", " o neil" (a word the tokenizer splits is a phrase)

    def row_tier(self, row: str, texts: Sequence[str], folding: Folding) -> int | None:
        """The relevance tier of a row (`row` from `Folding.fold_row`, `texts` its
        columns); None when it does not match.

        A word counts where it is found best; the row ranks as its weakest word.
        """
        for phrase in self.phrases:
            if phrase not in row:  # most rows of a walk end here
                if " " not in phrase[1:]:
                    return None
                break
        worst = 0
        columns: list[str] | None = None
        for phrase in self.phrases:
            if " " in phrase[1:]:
                columns = columns or [folding.fold(t) or "" for t in texts]
                found = [COLUMN_TIER[i] for i, c in enumerate(columns) if phrase in c]
            else:
                found = _tiers_holding(row, phrase)
            if not found:
                return None
            worst = max(worst, min(found))
        return worst


def _tiers_holding(row: str, phrase: str) -> list[int]:
    tiers = []
    at = row.find(phrase)
    while at >= 0:
        tiers.append(COLUMN_TIER[row.count(_COLUMN, 0, at)])
        at = row.find(phrase, at + 1)
    return tiers


def twin_words(text: str, folding: Folding) -> Words | None:
    """The search as the twin tests it; None when only FTS5 itself can judge it (a word
    with characters outside the calibration, or one that folds to nothing)."""
    phrases = []
    for token in _words(text):
        folded = folding.fold(token)
        if folded is None or folded == " ":
            return None
        phrases.append(folded)
    return Words(tuple(phrases)) if phrases else None


# -- what matched ---------------------------------------------------------------------

_HINT_LABELS = ("", "company", "title", "email, phone or link", "notes")
_CONTENT_SQL = (
    "SELECT id, c0, c1, c2, c3, c4 FROM contact_fts_content "
    "WHERE id IN (SELECT value FROM json_each(?))"
)


def match_hints(
    conn: sqlite3.Connection, query: str, ids: Sequence[int], folding: Folding
) -> dict[int, str]:
    """For contacts found only through their notes or their emails, phones and links:
    where, as the list shows it ("notes: …met Anna Lee at…"). A word found in a name,
    company or title shows in its own column, so those rows get none."""
    if not ids or fts_query(query) is None:
        return {}
    words = twin_words(query, folding)
    ids_json = "[" + ",".join(str(int(i)) for i in ids) + "]"
    hints: dict[int, str] = {}
    for contact_id, *texts in conn.execute(_CONTENT_SQL, (ids_json,)):
        column = _hint_column(conn, query, words, folding, contact_id, texts)
        if column is None:
            continue
        if column == len(COLUMNS) - 1:  # notes are long: the words in their context
            text = _snippet(conn, query, contact_id, column)
        else:
            text = " ".join(texts[column].split())
        hints[contact_id] = f"{_HINT_LABELS[column]}: {text}"
    return hints


def _hint_column(
    conn: sqlite3.Connection,
    query: str,
    words: Words | None,
    folding: Folding,
    contact_id: int,
    texts: Sequence[str],
) -> int | None:
    """The column that ranks the row (the weakest word's best column); None for a name."""
    row = folding.fold_row(texts)
    if words is not None and row is not None:
        tier = words.row_tier(row, texts, folding)
        if tier != TIERS - 1:  # a company or title found shows in its own column
            return None
        weak = [p for p in words.phrases if not _found_below(row, p, tier, texts, folding)]
        for column, column_tier in enumerate(COLUMN_TIER):
            if column_tier == tier:
                folded = folding.fold(texts[column]) or ""
                if any(p in folded for p in weak):
                    return column
        return None
    for column, name in enumerate(COLUMNS):
        if COLUMN_TIER[column] == 1:
            continue
        match = " OR ".join(f'{{{name}}} : "{t}"*' for t in _words(query))
        hit = conn.execute(f"{MATCH_SQL} AND rowid = ?", (match, contact_id)).fetchone()
        if hit is not None:
            return column or None
    return None


def _found_below(row: str, phrase: str, tier: int, texts: Sequence[str], folding: Folding) -> bool:
    if " " in phrase[1:]:
        return any(
            phrase in (folding.fold(t) or "")
            for t, column_tier in zip(texts, COLUMN_TIER, strict=True)
            if column_tier < tier
        )
    return any(t < tier for t in _tiers_holding(row, phrase))


def _snippet(conn: sqlite3.Connection, query: str, contact_id: int, column: int) -> str:
    row = conn.execute(
        "SELECT snippet(contact_fts, ?, '', '', '…', 5) FROM contact_fts "
        "WHERE contact_fts MATCH ? AND rowid = ?",
        (column, fts_query(query), contact_id),
    ).fetchone()
    return " ".join(str(row[0]).split()) if row else ""
