"""Finding contacts by a name typed on the command line, matched like the search field:
case and accents folded, Unicode-aware ("lukasz" finds Łukasz, "zoe ode" finds Zoë Ødegaard).

SQLite's lower() and LIKE fold only ASCII, so names are folded here in Python.
"""

from __future__ import annotations

import re
import unicodedata

from crm.contacts.service import display_name
from crm.store.db import Database

_WORD = re.compile(r"\w+", re.UNICODE)
# Letters that NFKD does not split into a base letter and an accent.
_BASE = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe"})


def fold(text: str) -> str:
    """Lower case without accents: "Łukasz Ødegaard" -> "lukasz odegaard"."""
    lowered = text.casefold().translate(_BASE)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def find_by_name(db: Database, name: str) -> list[tuple[int, str]]:
    """(id, name) of the contacts called `name`; failing an exact match, those whose name has
    a word starting with each word typed. Archived contacts are left out."""
    wanted = _WORD.findall(fold(name))
    if not wanted:
        return []
    with db.connection() as conn:
        rows = conn.execute(
            "SELECT id, first_name, last_name FROM contacts WHERE archived = 0 ORDER BY id"
        ).fetchall()
    exact: list[tuple[int, str]] = []
    partial: list[tuple[int, str]] = []
    for cid, first, last in rows:
        words = _WORD.findall(fold(f"{first} {last}"))
        if words == wanted:
            exact.append((cid, display_name(first, last)))
        elif all(any(w.startswith(t) for w in words) for t in wanted):
            partial.append((cid, display_name(first, last)))
    return exact or partial
