"""Advocacy: how well the user is known at a company, from the contacts there and their stages."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# Someone met or thanked counts more than someone not yet contacted; stage names are the
# defaults (users may rename them: an unknown open stage counts as "in conversation").
STAGE_WEIGHTS = {
    "to contact": 1,
    "reached out": 2,
    "scheduled": 2,
    "met": 3,
    "thanked": 3,
    "keep in touch": 3,
}
OPEN_STAGE_WEIGHT = 2
ALUMNI_BONUS = 2  # a fellow alumnus answers and vouches more readily
REFERRAL_BONUS = 3  # someone there referred the user (a contact or an application)
ALUMNI_TAGS = frozenset({"alumni", "alumnus", "alumna"})
# (score at least, level 0-3): one person met is a star; three stars take several people
# along, or a referral on top.
LEVELS = ((13, 3), (5, 2), (1, 1))


@dataclass(frozen=True)
class Advocate:
    """One contact at a company, as advocacy counts them."""

    stage_name: str
    stage_closed: bool
    tags: frozenset[str] = frozenset()
    referred: bool = False  # referred the user to someone, or to an application here


def contact_weight(person: Advocate) -> int:
    if person.stage_closed:
        return 0
    weight = STAGE_WEIGHTS.get(person.stage_name.strip().lower(), OPEN_STAGE_WEIGHT)
    if person.tags & ALUMNI_TAGS:
        weight += ALUMNI_BONUS
    if person.referred:
        weight += REFERRAL_BONUS
    return weight


def advocacy_score(people: Iterable[Advocate]) -> int:
    """The sum of each contact's weight: more people, further along, score higher."""
    return sum(contact_weight(p) for p in people)


def advocacy_level(score: int) -> int:
    """0-3, shown as stars beside motivation."""
    return next((level for least, level in LEVELS if score >= least), 0)
