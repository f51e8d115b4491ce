"""The dashboard's referrals: per company, a small tree of who introduced whom, with the
applications a contact referred hanging under that contact.

Target employers come first, in their ranked order, then other companies with an
introduction, by name. A company's tree holds the people working there who were introduced
(with the chain of introducers above them, wherever those work) and its referred
applications; people with no introduction are left out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from crm.store.db import Database

PERSON = "person"
APPLICATION = "application"
MAX_CHAIN = 6  # introducers followed upwards (and a guard against a loop in the data)
MAX_TREES = 12  # more than the dashboard's panel has room for


@dataclass(frozen=True)
class TreeLine:
    depth: int  # 0 for a root
    kind: str  # PERSON or APPLICATION
    text: str


@dataclass(frozen=True)
class ReferralTree:
    company: str
    target_rank: int | None  # 1 for the top target; None for a company not targeted
    lines: tuple[TreeLine, ...]  # depth first, as drawn

    @property
    def title(self) -> str:
        return (
            self.company
            if self.target_rank is None
            else f"{self.company} · target #{self.target_rank}"
        )


def _name(first: str, last: str) -> str:
    return " ".join(p for p in (first, last) if p) or "(no name)"


def referral_trees(db: Database, limit: int = MAX_TREES) -> tuple[ReferralTree, ...]:
    """The first `limit` trees: target employers by rank, then other companies by name."""
    with db.connection() as conn:
        edges = conn.execute(
            "SELECT id, first_name, last_name, company_id, referred_by_id FROM contacts "
            "WHERE referred_by_id IS NOT NULL"
        ).fetchall()
        referred_apps = conn.execute(
            "SELECT a.id, a.company_id, a.title, a.status, ac.contact_id FROM applications a "
            "JOIN application_contacts ac ON ac.application_id = a.id "
            "AND ac.role = 'referred_by' ORDER BY a.title, a.id"
        ).fetchall()
        people = {int(r[0]): (_name(r[1], r[2]), r[3], r[4]) for r in edges}
        wanted = {int(r[4]) for r in edges} | {int(r[4]) for r in referred_apps}
        # Introducers further up (each level one query; chains are a few people long).
        for _ in range(MAX_CHAIN):
            missing = sorted(wanted - people.keys())
            if not missing:
                break
            marks = ", ".join("?" * len(missing))
            for cid, first, last, company, parent in conn.execute(
                f"SELECT id, first_name, last_name, company_id, referred_by_id FROM contacts "
                f"WHERE id IN ({marks})",
                missing,
            ):
                people[int(cid)] = (_name(first, last), company, parent)
                if parent is not None:
                    wanted.add(int(parent))
            wanted -= set(missing) - people.keys()  # an introducer since deleted
        companies = {
            int(cid): str(name)
            for cid, name in conn.execute(
                "SELECT id, name FROM companies "
                "WHERE id IN (SELECT company_id FROM contacts WHERE referred_by_id IS NOT NULL "
                "UNION SELECT a.company_id FROM applications a JOIN application_contacts ac "
                "ON ac.application_id = a.id AND ac.role = 'referred_by')"
            )
        }
        ranks = {
            int(cid): n
            for n, (cid,) in enumerate(
                conn.execute("SELECT id FROM companies WHERE is_target ORDER BY target_rank, name"),
                start=1,
            )
        }
    introduced: dict[int, list[int]] = defaultdict(list)  # company -> people introduced there
    for cid, (_n, company, _p) in people.items():
        if company is not None and people[cid][2] is not None and company in companies:
            introduced[int(company)].append(cid)
    apps: dict[int, list[tuple[int, str, int]]] = defaultdict(list)
    for app_id, company, title, status, referrer in referred_apps:
        apps[int(company)].append((int(referrer), f"Application: {title} ({status})", app_id))
    order = sorted(
        companies,
        key=lambda c: (c not in ranks, ranks.get(c, 0), companies[c].casefold()),
    )
    trees: list[ReferralTree] = []
    for cid in order:
        if len(trees) >= limit:
            break
        lines = _lines(people, introduced[cid], apps[cid])
        if lines:
            trees.append(ReferralTree(companies[cid], ranks.get(cid), lines))
    return tuple(trees)


def _lines(
    people: dict[int, tuple[str, object, object]],
    introduced: list[int],
    apps: list[tuple[int, str, int]],
) -> tuple[TreeLine, ...]:
    children: dict[int, set[int]] = defaultdict(set)
    nodes: set[int] = set()
    for cid in introduced:
        child = cid
        nodes.add(child)
        for _ in range(MAX_CHAIN):  # up the chain of introducers
            parent = people[child][2]
            if parent is None or int(str(parent)) not in people:
                break
            children[int(str(parent))].add(child)
            if int(str(parent)) in nodes:  # its own chain is drawn already
                break
            child = int(str(parent))
            nodes.add(child)
    app_lines: dict[int, list[str]] = defaultdict(list)
    for referrer, text, _id in apps:
        if referrer in people:
            nodes.add(referrer)
            app_lines[referrer].append(text)
    has_parent = {c for kids in children.values() for c in kids}
    roots = sorted(nodes - has_parent, key=lambda c: people[c][0].casefold())
    out: list[TreeLine] = []
    seen: set[int] = set()

    def walk(cid: int, depth: int) -> None:
        if cid in seen:  # a loop of introductions: each person drawn once
            return
        seen.add(cid)
        out.append(TreeLine(depth, PERSON, people[cid][0]))
        for kid in sorted(children[cid], key=lambda c: people[c][0].casefold()):
            walk(kid, depth + 1)
        out.extend(TreeLine(depth + 1, APPLICATION, text) for text in app_lines[cid])

    for root in roots:
        walk(root, 0)
    for cid in sorted(nodes - seen, key=lambda c: people[c][0].casefold()):
        walk(cid, 0)  # a loop of introductions has no root: start it at a name
    return tuple(out)
