"""Words that agree with a number: "1 answer", "2 answers", "due 1 day later".

English needs only one and many; the helper takes both forms so that a phrase whose plural
is not "+s" ("1 person", "2 people") is written in full where it is used.
"""

from __future__ import annotations


def plural_word(count: int, one: str, many: str | None = None) -> str:
    """`one` for a count of 1 (or -1), otherwise `many` (by default `one` + "s")."""
    return one if abs(count) == 1 else (many if many is not None else f"{one}s")


def plural(count: int, one: str, many: str | None = None) -> str:
    """The count and the word in the form that agrees with it: "1 answer", "3 answers"."""
    return f"{count:,} {plural_word(count, one, many)}"
