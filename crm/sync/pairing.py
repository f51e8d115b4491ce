"""Matching server cards with Rapport contacts that neither side has synced yet.

The first sync against a full address book must not duplicate everyone: a card and a
contact are the same person when they share the UID, else an email or phone number
(normalised), else the same name, and only when that match is unambiguous.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping

from crm.sync.cards import CardFields, channel_key


def _name(fields: CardFields) -> str:
    return " ".join(f"{fields.first_name} {fields.last_name}".casefold().split())


def _contact_keys(fields: CardFields) -> set[Hashable]:
    return {channel_key(c) for c in fields.channels if c[0] in ("email", "phone")}


def pair(
    remote: Mapping[str, CardFields], local: Mapping[int, tuple[str, CardFields]]
) -> dict[str, int]:
    """{remote UID: local contact id} for the cards that match exactly one contact."""
    pairs: dict[str, int] = {}
    taken: set[int] = set()
    by_uid = {uid: cid for cid, (uid, _) in local.items()}
    for uid in remote:
        if (cid := by_uid.get(uid)) is not None:
            pairs[uid] = cid
            taken.add(cid)
    for index in (_contact_keys, lambda f: {_name(f)} if _name(f) else set()):
        owners: dict[Hashable, set[int]] = defaultdict(set)
        for cid, (_, fields) in local.items():
            if cid not in taken:
                for key in index(fields):
                    owners[key].add(cid)
        claimed: dict[int, list[str]] = defaultdict(list)
        for uid, fields in remote.items():
            if uid in pairs:
                continue
            found = {cid for key in index(fields) for cid in owners.get(key, ())}
            if len(found) == 1:
                claimed[found.pop()].append(uid)
        for cid, uids in claimed.items():
            if len(uids) == 1:
                pairs[uids[0]] = cid
                taken.add(cid)
    return pairs
