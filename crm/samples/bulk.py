"""Many generated contacts in one go, for benchmarks and tests that need a big address book."""

from __future__ import annotations

import random
import sqlite3
from datetime import datetime, timedelta
from functools import cache
from typing import Any, cast

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session

from crm.samples.story import ascii_handle, read_sample_spec
from crm.store.db import Database
from crm.store.models import Company, Contact, ContactChannel, Stage
from crm.store.search_index import search_index_suspended

CONTACTS = cast(Table, Contact.__table__)
COMPANIES = cast(Table, Company.__table__)
CHANNELS = cast(Table, ContactChannel.__table__)


def generate_contacts(db: Database, n: int, seed: int = 0) -> range:
    """Insert `n` generated contacts with companies and channels (Core executemany, one
    transaction); returns their ids. The same seed gives the same people."""
    rng = random.Random(seed)
    words: dict[str, list[str]] = read_sample_spec()["generator"]
    first_names, last_names = words["first_names"], words["last_names"]
    titles, cities = words["titles"], words["cities"]
    now = db.now()
    with db.session() as session:
        stage_ids = list(session.scalars(select(Stage.id).order_by(Stage.position)))
        first_id = (session.scalar(select(func.max(CONTACTS.c.id))) or 0) + 1
        company_ids = _companies(session, max(1, n // 40), now, words)
        domains = {cid: f"{name.lower().replace(' ', '')}.example" for cid, name in company_ids}
        positions = dict.fromkeys(stage_ids, 0.0)
        contacts: list[dict[str, Any]] = []
        channels: list[dict[str, Any]] = []
        for contact_id in range(first_id, first_id + n):
            first, last = rng.choice(first_names), rng.choice(last_names)
            company_id = rng.choice(company_ids)[0]
            stage_id = rng.choice(stage_ids)
            positions[stage_id] += 1.0
            created = now - timedelta(days=rng.randint(0, 700), minutes=rng.randint(0, 1440))
            contacts.append(
                {
                    "id": contact_id,
                    "uid": f"generated-{seed}-{contact_id}",
                    "first_name": first,
                    "last_name": last,
                    "title": rng.choice(titles),
                    "company_id": company_id,
                    "location": rng.choice(cities),
                    "linkedin_url": "",
                    "source": "",
                    "referred_by_id": None,
                    "stage_id": stage_id,
                    "stage_position": positions[stage_id],
                    "stage_entered_at": created,
                    "birthday": "",
                    "notes": "",
                    "archived": False,
                    "created_at": created,
                    "updated_at": created,
                }
            )
            email = f"{_handle(first, last)}{contact_id}@{domains[company_id]}"
            channels.append(_channel(contact_id, "email", "work", email, 0))
            if rng.random() < 0.4:
                phone = f"+1 555 01{rng.randint(0, 99):02d} {rng.randint(0, 9999):04d}"
                channels.append(_channel(contact_id, "phone", "mobile", phone, 1))
        # Bulk rows are indexed in one statement, not by the per-row triggers (about 6x).
        raw = session.connection().connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        with search_index_suspended(raw, (), fresh=range(first_id, first_id + n)):
            session.execute(insert(CONTACTS), contacts)
            session.execute(insert(CHANNELS), channels)
    return range(first_id, first_id + n)


# The search row of contacts inserted in bulk, written as the contacts_fts_ai trigger would.
def _companies(
    session: Session, count: int, now: datetime, words: dict[str, list[str]]
) -> list[tuple[int, str]]:
    """`count` companies with made-up names ("Acme Analytics"), reusing any that exist."""
    existing = {
        name.lower(): cid for cid, name in session.execute(select(COMPANIES.c.id, COMPANIES.c.name))
    }
    first_id = (session.scalar(select(func.max(COMPANIES.c.id))) or 0) + 1
    first, second = words["company_words"], words["company_kinds"]
    result: list[tuple[int, str]] = []
    rows: list[dict[str, Any]] = []
    for i in range(count):
        name = f"{first[i % len(first)]} {second[i // len(first) % len(second)]}"
        if i >= len(first) * len(second):
            name += f" {i // (len(first) * len(second)) + 1}"
        if name.lower() in existing:
            result.append((existing[name.lower()], name))
            continue
        company_id = first_id + len(rows)
        rows.append(
            {
                "id": company_id,
                "name": name,
                "website": "",
                "industry": "",
                "location": "",
                "notes": "",
                "created_at": now,
                "updated_at": now,
            }
        )
        result.append((company_id, name))
    if rows:
        session.execute(insert(COMPANIES), rows)
    return result


@cache
def _handle(first: str, last: str) -> str:
    return ascii_handle(first, last)


def _channel(contact_id: int, kind: str, label: str, value: str, position: int) -> dict[str, Any]:
    return {
        "contact_id": contact_id,
        "kind": kind,
        "label": label,
        "value": value,
        "position": position,
    }
