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
_BOTH_CASES = {*_LETTER_MAP, *(letter.upper() for letter in _LETTER_MAP)}
_WORD = re.compile(r"\w+", re.UNICODE)

# What the search index folds before its tokenizer (unicode61, which folds case and the
# accents that decompose) sees the text: those letters in both cases, and ß. Migration
# 0006 writes the same table into the index's triggers as nested replace() calls; a
# change here needs a migration that rewrites them and rebuilds the index.
INDEX_LETTERS = {
    **{c: _LETTER_MAP[c.lower()] for c in sorted(_BOTH_CASES) if not c.isascii()},
    "ß": "ss",
    "ẞ": "ss",
}
_INDEX_TABLE = str.maketrans(INDEX_LETTERS)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """`text` lower-cased, without accents, single-spaced: " Łukasz  NOWAK" -> "lukasz nowak"."""
    if text.isascii():
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LETTERS))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.split())


def index_text(text: str) -> str:
    """`text` as the search index holds it, and as a query must be to find it: "Łukasz"
    -> "lukasz" (the tokenizer folds the rest)."""
    if text.isascii():  # nothing to replace (most text): skip making a copy
        return text
    return text.translate(_INDEX_TABLE)


def sql_index_text(expression: str) -> str:
    """SQL computing `index_text` of `expression`, in plain SQLite (no function of ours)."""
    for letter, plain in INDEX_LETTERS.items():
        expression = f"replace({expression}, '{letter}', '{plain}')"
    return expression


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
