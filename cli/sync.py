"""`main.py sync`: add, run, show and remove CardDAV sync accounts."""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import datetime

from crm.store.paths import DataPaths

NAME = "sync"
HELP = "sync contacts with a CardDAV server (Nextcloud, Radicale, Fastmail, iCloud...)"


def WRITES(args: argparse.Namespace) -> bool:
    """Every action but `status` writes, and so runs holding the folder's lock."""
    return bool(args.sync_command != "status")


# Exit status of a sync that waits for the user's agreement (a first sync against a full
# address book, or deletions of many contacts): nothing was changed on either side.
WAITING = 3


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="sync_command", metavar="ACTION", required=True)
    add = sub.add_parser(
        "add", help="add an account (password: $RAPPORT_SYNC_PASSWORD, the keyring or a prompt)"
    )
    add.add_argument("name", metavar="NAME", help="a name for the account")
    add.add_argument(
        "--url", required=True, help="the server: a domain, a user's URL or an address book's URL"
    )
    add.add_argument("--username", required=True, help="the user name on the server")
    add.add_argument(
        "--addressbook", metavar="NAME_OR_URL", help="which address book, when there are several"
    )
    add.add_argument(
        "--calendar",
        metavar="NAME_OR_URL",
        help="which calendar for meetings (default: the only one, or a new one called Rapport)",
    )
    add.add_argument("--no-calendar", action="store_true", help="sync contacts only, not meetings")
    add.add_argument(
        "--follow-ups-as-tasks",
        action="store_true",
        help="the calendar also carries the follow-ups, as tasks (VTODO)",
    )
    add.add_argument(
        "--trust-certificate",
        metavar="SHA256",
        default="",
        help="trust this self-signed certificate (its SHA-256, as printed when refused)",
    )
    run = sub.add_parser("run", help="sync now and print what changed")
    run.add_argument("name", metavar="NAME", nargs="?", help="the account (default: the only one)")
    run.add_argument("--dry-run", action="store_true", help="say what would change; change nothing")
    run.add_argument("--yes", action="store_true", help="agree to a first sync's matches")
    run.add_argument(
        "--list", action="store_true", help="list what changed, item by item and from which side"
    )
    run.add_argument(
        "--allow-deletions", action="store_true", help="agree to deleting many contacts at once"
    )
    sub.add_parser("status", help="list the accounts, when each last synced and open conflicts")
    remove = sub.add_parser("remove", help="forget an account (contacts stay)")
    remove.add_argument("name", metavar="NAME")


def run(args: argparse.Namespace, paths: DataPaths) -> int:
    from crm.errors import NotFoundError, SyncError
    from crm.store.schema import open_database

    database = open_database(paths).database
    try:
        action = {"add": _add, "run": _run, "status": _status, "remove": _remove}
        return action[args.sync_command](database, args)
    except (SyncError, NotFoundError) as exc:
        print(f"rapport: {exc}", file=sys.stderr)
        return 1
    finally:
        database.dispose()


def _password(name: str, username: str) -> str:
    from crm.errors import SyncError
    from crm.sync.accounts import stored_password

    password = stored_password(name, username)
    if password is not None:
        return password
    if not sys.stdin.isatty():
        raise SyncError(
            "No password: set RAPPORT_SYNC_PASSWORD, keep it in the system keyring, or run "
            "this command in a terminal to be asked."
        )
    return getpass.getpass(f"Password for {username}: ")


def _add(database: object, args: argparse.Namespace) -> int:
    import os

    from crm.errors import SyncError
    from crm.sync.accounts import (
        PASSWORD_VARIABLE,
        add_account,
        keep_password,
        set_follow_ups_as_tasks,
    )
    from crm.sync.webdav import CardDavClient

    password = _password(args.name, args.username)
    client = CardDavClient(
        args.url, args.username, password, trusted_certificate=args.trust_certificate
    )
    try:
        books = client.addressbooks()
        if not books:
            books = [client.create_addressbook("Contacts")]
        if args.addressbook:
            chosen = [b for b in books if args.addressbook in (b.name, b.href)]
        else:
            chosen = books if len(books) == 1 else []
        if not chosen:
            listing = "; ".join(f"{b.name} ({b.href})" for b in books)
            raise SyncError(f"Choose an address book with --addressbook: {listing}")
        book = chosen[0]
        version = "4.0" if client.supports_vcard4(book.href) else "3.0"
    finally:
        client.close()
    calendar = "" if args.no_calendar else _calendar(args, password)
    account = add_account(
        database,  # type: ignore[arg-type]
        args.name,
        url=args.url,
        username=args.username,
        addressbook_url=book.href,
        calendar_url=calendar,
        vcard_version=version,
        trusted_certificate=args.trust_certificate,
    )
    if os.environ.get(PASSWORD_VARIABLE) is None and not keep_password(
        account.name, args.username, password
    ):
        print("No system keyring is available: Rapport will ask for the password each time.")
    print(f"Added {account.name}: address book {book.name} ({book.href}), vCard {version}")
    if calendar:
        print(f"Meetings sync with the calendar {calendar}")
        if args.follow_ups_as_tasks:
            set_follow_ups_as_tasks(database, account.id, True)  # type: ignore[arg-type]
            print("Follow-ups sync as tasks in that calendar")
    return 0


def _calendar(args: argparse.Namespace, password: str) -> str:
    """The calendar's URL: the one named, the only one, or a new one called Rapport."""
    from crm.errors import SyncError
    from crm.sync.calendars import create_calendar, find_calendars

    found = find_calendars(
        args.url, args.username, password, trusted_certificate=args.trust_certificate
    )
    if args.calendar:
        chosen = [c for c in found if args.calendar in (c.name, c.href)]
        if not chosen:
            listing = "; ".join(f"{c.name} ({c.href})" for c in found) or "none"
            raise SyncError(f"No calendar {args.calendar}. Calendars: {listing}")
        return chosen[0].href
    if len(found) == 1:
        return found[0].href
    if not found:
        return create_calendar(
            args.url,
            args.username,
            password,
            "Rapport",
            trusted_certificate=args.trust_certificate,
        ).href
    listing = "; ".join(f"{c.name} ({c.href})" for c in found)
    raise SyncError(f"Choose a calendar with --calendar (or --no-calendar): {listing}")


def _run(database: object, args: argparse.Namespace) -> int:
    from crm.sync.accounts import find_account
    from crm.sync.run import sync_account
    from crm.sync.webdav import CardDavClient

    account = find_account(database, args.name)  # type: ignore[arg-type]
    password = _password(account.name, account.username)
    client = CardDavClient(
        account.addressbook_url or account.url,
        account.username,
        password,
        trusted_certificate=account.trusted_certificate,
    )
    try:
        report = sync_account(
            database,  # type: ignore[arg-type]
            account,
            client,
            dry_run=args.dry_run,
            accept_first_sync=args.yes,
            allow_deletions=args.allow_deletions,
        )
    finally:
        client.close()
    if report.needs_review:
        print(f"First sync of {account.name}: {report.review()}.")
        print("Nothing was changed. Run `sync run --yes` to go ahead.")
        return WAITING
    if report.held_deletions:
        print(
            f"This sync would delete {report.held_deletions} contacts. Nothing was changed. "
            "Check the address book, then run `sync run --allow-deletions` to go ahead."
        )
        return WAITING
    prefix = "Would have: " if args.dry_run else ""
    print(f"{prefix}{report.counts()}")
    if len(report.parts) > 1:
        for label, part in report.parts:
            print(f"  {label}: {part.counts()}")
    if args.list:
        for line in report.log:
            print(f"  {line.text()}")
    for failure in report.failed:
        print(f"not synced this time: {failure}", file=sys.stderr)
    return 0


def _ago(when: datetime | None, now: datetime) -> str:
    from crm.sync.accounts import ago

    return "never synced" if when is None else f"synced {ago(when, now)}"


def _status(database: object, args: argparse.Namespace) -> int:
    from crm.sync.accounts import account_counts, list_accounts

    accounts = list_accounts(database)  # type: ignore[arg-type]
    if not accounts:
        print("No sync accounts. Add one with `sync add NAME --url URL --username USER`.")
        return 0
    now = database.now()  # type: ignore[attr-defined]
    for account in accounts:
        items, conflicts = account_counts(database, account.id)  # type: ignore[arg-type]
        line = f"{account.name}: {account.addressbook_url}"
        if account.calendar_url:
            line += f" and {account.calendar_url}"
        line += f" · {_ago(account.last_synced_at, now)}"
        contacts, meetings = items.get("contact", 0), items.get("event", 0)
        line += f" · {contacts} contacts"
        if account.calendar_url:
            line += f" and {meetings} meetings"
        tasks = items.get("todo", 0)
        if tasks:
            line += f" and {tasks} follow-ups"
        line += " synced"
        if account.last_result:
            line += f" · last: {account.last_result}"
        if conflicts:
            line += f" · {conflicts} conflicts to resolve"
        print(line)
    return 0


def _remove(database: object, args: argparse.Namespace) -> int:
    from crm.sync.accounts import find_account, forget_password, remove_account

    account = find_account(database, args.name)  # type: ignore[arg-type]
    remove_account(database, account.id)  # type: ignore[arg-type]
    forget_password(account.name, account.username)
    print(f"Removed {account.name}; contacts stay as they are.")
    return 0
