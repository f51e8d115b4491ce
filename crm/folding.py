"""Folding text for matching names: case and accents, the same way everywhere (Unicode-aware).

SQLite's lower() and LIKE fold only ASCII, and its FTS tokenizer strips only accents that
decompose, so "Łukasz" would never be found as "lukasz". Names are compared folded here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

# Letters that carry their mark in the letter itself: NFKD leaves them as they are.
_LETTER_MAP = {
    "ł": "l",
    "ø": "o",
    "đ": "d",
    "ð": "d",
    "ħ": "h",
    "ı": "i",
    "ŀ": "l",
    "ŧ": "t",
    "þ": "th",
    "æ": "ae",
    "œ": "oe",
}
_LETTERS = str.maketrans(_LETTER_MAP)
# Those letters (both cases) and ß: a name holding one is not found by the search index
# under its folded spelling, so name lookups check such names themselves.
_BOTH_CASES = {*_LETTER_MAP, *(letter.upper() for letter in _LETTER_MAP), "ß"}
UNFOLDED = "".join(sorted(c for c in _BOTH_CASES if not c.isascii()))
_WORD = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """`text` lower-cased, without accents, single-spaced: " Łukasz  NOWAK" -> "lukasz nowak"."""
    if text.isascii():
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LETTERS))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.split())


def words(text: str) -> list[str]:
    """The folded words of `text`, punctuation dropped."""
    return _WORD.findall(fold(text))


def same_name(a: str, b: str) -> bool:
    """Whether two names are the same once case, accents and spacing are folded."""
    return fold(a) == fold(b)


def matches_words(query: str, name: str) -> bool:
    """Whether every word of `query` starts a word of `name` (as the search field matches)."""
    wanted = words(query)
    have = words(name)
    return bool(wanted) and all(any(h.startswith(w) for h in have) for w in wanted)


def id_named(rows: Iterable[tuple[int, str]], name: str) -> int | None:
    """The id of the first (id, name) row whose name is `name` folded, or None."""
    wanted = fold(name)
    return next((row_id for row_id, row_name in rows if fold(row_name) == wanted), None)
