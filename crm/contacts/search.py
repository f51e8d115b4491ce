"""Full-text search over contacts: SQLite FTS5 prefix matching ("ann goo" finds Anna)."""

from __future__ import annotations

import re

_TOKEN = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> str | None:
    """An FTS5 MATCH expression where every word typed is a prefix; None when nothing to match.

    Words are quoted, so operators and punctuation typed by the user are taken literally.
    """
    tokens = _TOKEN.findall(text)
    if not tokens:
        return None
    return " AND ".join(f'"{token}"*' for token in tokens)


MATCH_SQL = "SELECT rowid FROM contact_fts WHERE contact_fts MATCH ?"
