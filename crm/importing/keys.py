"""Normalised keys that decide whether two records are the same person."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from crm.importing.fields import linkedin_key

_WORD = re.compile(r"\w+")
# Legal suffixes that exporters add or drop ("Acme Inc." and "Acme" are one company).
_COMPANY_SUFFIXES = frozenset(
    {
        "inc",
        "llc",
        "ltd",
        "limited",
        "gmbh",
        "corp",
        "corporation",
        "co",
        "company",
        "plc",
        "sa",
        "ag",
        "bv",
        "srl",
        "sas",
        "oy",
        "ab",
        "as",
        "pty",
        "the",
    }
)


@lru_cache(maxsize=65536)  # an import asks for the same names and companies many times
def plain(text: str) -> str:
    """Lower-case words without accents or punctuation: "Renée  O'Neil" -> "renee o neil"."""
    if text.isascii():  # most names: no accents to strip, so skip the decomposition
        if text.isalnum():  # one word ("Anna", "Lee"): nothing to split or replace
            return text.lower()
        return " ".join(_WORD.findall(text.lower()))
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_WORD.findall(bare))


def name_key(first: str, last: str) -> str:
    """plain(f"{first} {last}"), from the parts: each part is met many times (cached)."""
    # One ASCII word (most parts) is plain once lower-cased: asked here, it skips the
    # memo, which a file and the stored contacts fill with every last name once.
    first = first.lower() if first.isalnum() and first.isascii() else plain(first)
    last = last.lower() if last.isalnum() and last.isascii() else plain(last)
    return f"{first} {last}" if first and last else first or last


@lru_cache(maxsize=65536)
def company_key(company: str) -> str:
    words = plain(company).split()
    while len(words) > 1 and words[-1] in _COMPANY_SUFFIXES:
        words.pop()
    if len(words) > 1 and words[0] == "the":
        words.pop(0)
    return " ".join(words)


def email_key(email: str) -> str:
    email = email.strip().lower()
    return email.removeprefix("mailto:") if "@" in email else ""


def person_key(first: str, last: str, company: str) -> tuple[str, str] | None:
    """(name, company) when both are known, else None."""
    name, org = name_key(first, last), company_key(company)
    return (name, org) if name and org else None


__all__ = ["company_key", "email_key", "linkedin_key", "name_key", "person_key", "plain"]
