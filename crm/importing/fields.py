"""Reading field values as exporters write them: names, labels, dates, LinkedIn links."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

_BDAY_FULL = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})(?:T.*)?$")
_BDAY_NO_YEAR = re.compile(r"^--(\d{2})-?(\d{2})$")
_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")
# The X-ABLabel of the URL that holds a contact's LinkedIn profile in Rapport's vCards.
LINKEDIN_LABEL = "LinkedIn"
# Apple stores a birthday without a year as 1604-MM-DD with X-APPLE-OMIT-YEAR=1604.
OMITTED_YEAR = "1604"
_LINKEDIN = re.compile(r"^(?:https?://)?(?:[a-z]{2,3}\.)?linkedin\.com/(in|pub)/([^/?#\s]+)", re.I)
# The spelling linkedin_url writes, which LinkedIn's own export uses too.
_CANONICAL_LINKEDIN = re.compile(r"https://www\.linkedin\.com/((?:in|pub)/[^/?#\s]+)")

_IGNORED_TYPES = frozenset(
    {"internet", "pref", "voice", "x400", "msg", "postal", "parcel", "dom", "intl"}
)
_TYPE_LABELS = {"cell": "mobile", "iphone": "mobile", "main": "main", "fax": "fax"}
_APPLE_LABEL = re.compile(r"^_\$!<(.*)>!\$_$")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def birthday(text: str) -> str:
    """A birthday as "YYYY-MM-DD", "--MM-DD" without a year, or the text as given."""
    text = text.strip()
    if not text or text in ("0/0/00", "0/0/0000"):
        return ""
    if m := _BDAY_FULL.match(text):
        year, month, day = m.groups()
        if _valid(2000 if year == OMITTED_YEAR else int(year), int(month), int(day)):
            return f"--{month}-{day}" if year == OMITTED_YEAR else f"{year}-{month}-{day}"
    if (m := _BDAY_NO_YEAR.match(text)) and _valid(2000, int(m[1]), int(m[2])):
        return f"--{m[1]}-{m[2]}"
    if m := _US_DATE.match(text):
        month, day, year = (int(g) for g in m.groups())
        if year < 100:
            year += 1900 if year > 30 else 2000
        if _valid(year, month, day):
            return f"{year:04d}-{month:02d}-{day:02d}"
    return text[:40]


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


# English month names, as LinkedIn and spreadsheets write them whatever the reader's locale:
# strptime's %b would read them in the locale of the process ("Mär", "Okt" under German).
_MONTHS = {
    name: number
    for number, full in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ),
        1,
    )
    for name in (full, full[:3], "sept" if full == "september" else full[:3])
}
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[ -]([A-Za-z]+)\.?[ -](\d{4}|\d{2})")
_MONTH_DAY_YEAR = re.compile(r"([A-Za-z]+)\.? (\d{1,2}),? (\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


@lru_cache(maxsize=4096)  # a LinkedIn export repeats each date many times
def parse_date(text: str) -> date | None:
    """A date as LinkedIn and spreadsheets write it ("12 Mar 2024", "03/12/24"), or None."""
    text = " ".join(text.split())
    if not text:
        return None
    year = month = day = 0
    if m := _DAY_MONTH_YEAR.fullmatch(text):
        day, month, year = int(m[1]), _MONTHS.get(m[2].lower(), 0), int(m[3])
        if len(m[3]) == 2:  # "12-Mar-24", as strptime's %y reads it
            year += 1900 if year >= 69 else 2000
    elif m := _MONTH_DAY_YEAR.fullmatch(text):
        month, day, year = _MONTHS.get(m[1].lower(), 0), int(m[2]), int(m[3])
    elif m := _ISO_DATE.fullmatch(text):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := _US_DATE.match(text):
        month, day, year = (int(g) for g in m.groups())
        year += 2000 if year < 100 else 0
    return date(year, month, day) if month and _valid(year, month, day) else None


def linkedin_key(url: str) -> str:
    """The profile part of a LinkedIn link ("in/anna-lee"), lower-case; "" if not one."""
    # Reading, matching and indexing the contacts already stored each ask for the key of
    # every link, and nearly all links are spelled the way linkedin_url spells them: their
    # key is their tail, found faster by this pattern than by the general one.
    if (m := _CANONICAL_LINKEDIN.fullmatch(url)) and (key := m[1]).lower() == key:
        return key
    m = _LINKEDIN.match(url.strip())
    return f"{m[1].lower()}/{m[2].lower()}" if m else ""


def linkedin_url(url: str) -> str:
    """A LinkedIn profile link in one canonical spelling, or "" when `url` is not one."""
    key = linkedin_key(url)
    return f"https://www.linkedin.com/{key}" if key else ""


def split_full_name(full: str) -> tuple[str, str]:
    """(first, last) from a displayed name: "Lee, Anna" and "Anna Lee" both give Anna, Lee."""
    full = " ".join(full.split())
    if full.count(",") == 1:
        last, first = (part.strip() for part in full.split(","))
        if first and last and " " not in last:
            return first, last
    if " " not in full:
        return full, ""
    first, last = full.rsplit(" ", 1)
    return first, last


def label_from_types(types: list[str]) -> str:
    """A channel label ("work", "mobile", "home fax") from vCard TYPE values."""
    words: list[str] = []
    for raw in types:
        for word in raw.split(","):
            word = word.strip().lower()
            if not word or word in _IGNORED_TYPES or word.startswith("x-"):
                continue
            word = _TYPE_LABELS.get(word, word)
            if word not in words:
                words.append(word)
    if "fax" in words:  # "work fax" reads better than "fax work"
        words = [w for w in words if w != "fax"] + ["fax"]
    return " ".join(words)[:50]


def apple_label(text: str) -> str:
    """An X-ABLabel as a user reads it: "_$!<HomePage>!$_" becomes "home page"."""
    text = text.strip()
    if m := _APPLE_LABEL.match(text):
        return _CAMEL.sub(" ", m[1]).lower()
    return text[:50]
