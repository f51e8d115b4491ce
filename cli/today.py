"""`main.py today [--json]`: print what is due today (the Today page as text or JSON)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import TYPE_CHECKING

from crm.store.paths import DataPaths
from crm.wording import weekday_name

if TYPE_CHECKING:
    from crm.today.day import TodayItem

NAME = "today"
HELP = "print what to do today: follow-ups, meetings, keep-in-touch, nudges and the week's goal"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="a JSON array, one object per item")


def run(args: argparse.Namespace, paths: DataPaths) -> int:
    from crm.store.localtime import local_today, local_zone
    from crm.store.schema import open_database
    from crm.today.day import SECTIONS, today_items

    if not paths.database.exists():
        print(f"rapport today: there is no data file in {paths.root} yet.", file=sys.stderr)
        return 1
    db = open_database(paths).database
    try:
        tz = local_zone()
        today = local_today(db.now(), tz)
        items = today_items(db, today, tz)
    finally:
        db.dispose()
    if args.json:
        print(json.dumps([i.as_json() for i in items], ensure_ascii=False, indent=2))
        return 0
    section = None
    for item in items:
        if SECTIONS[item.kind] != section:  # deadlines and interviews share one heading
            section = SECTIONS[item.kind]
            print(f"\n{section}")
        print(f"  {_when(item, today)}  {item.title}{_who(item)}")
    return 0


def _when(item: TodayItem, today: date) -> str:
    from crm.today.day import GOAL, MEETING

    if item.kind == GOAL:
        return " " * 10
    if item.kind == MEETING and item.at is not None:
        return f"{weekday_name(item.at, short=True)} {item.at:%H:%M}"
    if item.due == today:
        return "today     "
    return item.due.isoformat()


def _who(item: TodayItem) -> str:
    from crm.today.day import FOLLOW_UP, MEETING, NUDGE
    from crm.today.jobs_day import INTERVIEW

    if item.kind in (FOLLOW_UP, MEETING, NUDGE, INTERVIEW) and item.contact:
        return f" — {item.contact}"
    return ""
