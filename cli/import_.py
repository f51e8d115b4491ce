"""`main.py import FILE`: contacts from vCard or CSV files, meetings from .ics files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from crm.store.opening import OpeningDatabase
from crm.store.paths import DataPaths
from crm.wording import plural, plural_word

if TYPE_CHECKING:
    from crm.importing import ImportOutcome, ImportPlan
    from crm.store.db import Database

NAME = "import"
HELP = "import contacts from a vCard or CSV file (LinkedIn, Google, Outlook), or meetings from .ics"
WRITES = True  # runs holding the folder's lock (see main.COMMANDS)
FORMATS = ("auto", "vcard", "linkedin", "google", "outlook", "csv")
SHOWN_PROBLEMS = 20


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the file to import")
    parser.add_argument(
        "--format", choices=FORMATS, default="auto", help="the file's format (default: detect it)"
    )
    parser.add_argument(
        "--stage", metavar="NAME", help="pipeline stage for new contacts (default: the first)"
    )
    parser.add_argument(
        "--strict", action="store_true", help="refuse the whole file if any row cannot be read"
    )


def run(args: argparse.Namespace, paths: DataPaths) -> int:
    path = Path(args.file)
    if path.suffix.lower() == ".ics":
        from crm.store.schema import open_database

        database = open_database(paths).database
        try:
            return _import_ics(database, path)
        finally:
            database.dispose()
    return _import_contacts(OpeningDatabase(paths), path, args)


def _import_contacts(opening: OpeningDatabase, path: Path, args: argparse.Namespace) -> int:
    """Read the file while the data file is opened (and checked), then import it."""
    from crm.errors import ImportRefused, NotFoundError

    try:
        plan, outcome = _read_and_import(opening, path, args)
    except (ImportRefused, NotFoundError) as exc:
        print(f"rapport: {path.name}: {exc}", file=sys.stderr)
        return 1
    print(
        f"{path.name} ({plan.format}): {outcome.added} added, {outcome.merged} merged, "
        f"{outcome.skipped} skipped, {len(plan.problems)} could not be read."
    )
    if outcome.job_changes:
        print(f"{plural(outcome.job_changes, 'job change')} noted in the contacts' history.")
    if plan.combined_count:
        print(f"{plural(plan.combined_count, 'row')} repeated a contact earlier in the file.")
    print(f"Imported contacts are tagged “{outcome.tag}”.")
    for problem in plan.problems[:SHOWN_PROBLEMS]:
        print(f"  {problem}")
    if len(plan.problems) > SHOWN_PROBLEMS:
        print(f"  … and {len(plan.problems) - SHOWN_PROBLEMS} more")
    if plan.warnings:
        has = plural_word(len(plan.warnings), "has", "have")
        print(f"{plural(len(plan.warnings), 'row')} {has} values that look wrong, kept as written:")
        for warning in plan.warnings[:SHOWN_PROBLEMS]:
            print(f"  {warning}")
        if len(plan.warnings) > SHOWN_PROBLEMS:
            print(f"  … and {len(plan.warnings) - SHOWN_PROBLEMS} more")
    return 0


def _read_and_import(
    opening: OpeningDatabase, path: Path, args: argparse.Namespace
) -> tuple[ImportPlan, ImportOutcome]:
    from crm.importing import import_read, read_import_file, stage_id_by_name

    try:
        read = read_import_file(path, args.format)
    except BaseException:
        # The data file's trouble is told first, as when it was opened before the file was read.
        opening.database().dispose()
        raise
    database = opening.database()
    try:
        stage_id = stage_id_by_name(database, args.stage)
        plan, outcome, _ = import_read(database, read, stage_id=stage_id, strict=args.strict)
    finally:
        database.dispose()
    return plan, outcome


def _import_ics(database: Database, path: Path) -> int:
    from crm.calendar.ics import import_ics
    from crm.errors import IcsError

    try:
        summary = import_ics(database, path)
    except IcsError as exc:
        print(f"rapport: {path.name}: {exc}", file=sys.stderr)
        return 1
    print(
        f"{path.name}: {plural(summary.created, 'meeting')} added, "
        f"{summary.already_present} already present, {len(summary.skipped)} skipped."
    )
    for reason in summary.skipped[:SHOWN_PROBLEMS]:
        print(f"  {reason}")
    return 0
