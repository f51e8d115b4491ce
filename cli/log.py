"""`main.py log NAME --kind … [--direction out|in] [--summary TEXT] [--at ISO]`: log an
interaction, with the same effects on cadence and follow-ups as in the app."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime

from crm.store.paths import DataPaths

NAME = "log"
HELP = "log an email, call, message, note or meeting with a contact (their reply: --direction in)"
KINDS = ("email", "call", "message", "note", "meeting")
EXIT_AMBIGUOUS = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", metavar="NAME", help="the contact, matched like the search field")
    parser.add_argument("--kind", required=True, choices=KINDS)
    parser.add_argument(
        "--direction", choices=("out", "in"), help="out: you reached out; in: from them"
    )
    parser.add_argument("--summary", default="", metavar="TEXT", help="one line for the history")
    parser.add_argument(
        "--at", metavar="ISO-DATETIME", help="when it happened (local time; default now)"
    )


def _fail(message: str, status: int = 1) -> int:
    print(f"rapport log: {message}", file=sys.stderr)
    return status


def run(args: argparse.Namespace, paths: DataPaths) -> int:
    from crm.contacts.names import find_contacts_by_name
    from crm.errors import NotFoundError
    from crm.store.localtime import local_zone, to_utc
    from crm.store.schema import open_database
    from crm.today.log import log_contact

    if not paths.database.exists():
        return _fail(f"there is no data file in {paths.root} yet.")
    tz = local_zone()
    at = None
    if args.at:
        try:
            given = datetime.fromisoformat(args.at)
        except ValueError:
            return _fail(f"“{args.at}” is not an ISO date and time (e.g. 2026-03-10T14:30).")
        if given.tzinfo is not None:
            at = given.astimezone(UTC).replace(tzinfo=None)
        else:
            at = to_utc(given, tz)
    db = open_database(paths).database
    try:
        found = find_contacts_by_name(db, args.name)
        if not found:
            return _fail(f"no contact is called “{args.name}”.")
        if len(found) > 1:
            print(f"rapport log: several contacts match “{args.name}”:", file=sys.stderr)
            for cid, name in found:
                print(f"  {name} (id {cid})", file=sys.stderr)
            return EXIT_AMBIGUOUS
        contact_id, name = found[0]
        summary = args.summary or _default_summary(args.kind, args.direction, name)
        try:
            log_contact(db, contact_id, args.kind, direction=args.direction, summary=summary, at=at)
        except (ValueError, NotFoundError) as exc:
            return _fail(str(exc).rstrip("."))
    finally:
        db.dispose()
    print(f"Logged {args.kind} with {name}: {summary}")
    return 0


def _default_summary(kind: str, direction: str | None, name: str) -> str:
    first = name.split()[0] if name else name
    if direction == "in":
        return f"{first} replied ({kind})"
    return f"{kind.capitalize()} with {first}"
