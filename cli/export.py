"""`main.py export`: write contacts as vCard or CSV, everything as JSON, meetings as .ics."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crm.store.paths import DataPaths
from crm.wording import plural

NAME = "export"
# main.COMMANDS repeats this line (the list is read without importing each command).
HELP = "export contacts (--vcard, --csv), everything (--json) or meetings (--ics)"
KINDS = ("vcard", "csv", "json", "ics", "applications_csv")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--vcard", metavar="FILE", help="write all contacts as vCards")
    parser.add_argument(
        "--vcard-version", choices=("4.0", "3.0"), default="4.0", help="vCard version (4.0)"
    )
    parser.add_argument("--csv", metavar="FILE", help="write all contacts as CSV")
    parser.add_argument("--json", metavar="FILE", help="write every table as one JSON file")
    parser.add_argument("--ics", metavar="FILE", help="write all meetings as an iCalendar file")
    parser.add_argument(
        "--applications-csv", metavar="FILE", help="write all job applications as CSV"
    )


def run(args: argparse.Namespace, paths: DataPaths) -> int:
    from crm.errors import DatabaseError

    targets = [(kind, getattr(args, kind)) for kind in KINDS]
    targets = [(kind, value) for kind, value in targets if value]
    if not targets:
        print(
            "rapport: export: give --vcard, --csv, --json, --ics or --applications-csv FILE.",
            file=sys.stderr,
        )
        return 2
    if not paths.database.exists():
        raise DatabaseError(f"There is no data file in {paths.root} yet.")
    from crm.calendar.ics import export_ics
    from crm.errors import ExportError, IcsError
    from crm.exporting import (
        export_applications_csv,
        export_csv,
        export_json,
        export_vcards,
    )
    from crm.store.schema import open_database

    database = open_database(paths).database
    try:
        for kind, value in targets:
            path = Path(value)
            try:
                if kind == "vcard":
                    count = export_vcards(database, path, version=args.vcard_version)
                    print(
                        f"Wrote {plural(count, 'contact')} to {path} (vCard {args.vcard_version})."
                    )
                elif kind == "csv":
                    print(f"Wrote {plural(export_csv(database, path), 'contact')} to {path} (CSV).")
                elif kind == "json":
                    count = export_json(database, path)
                    print(f"Wrote everything ({plural(count, 'contact')}) to {path} (JSON).")
                elif kind == "applications_csv":
                    count = export_applications_csv(database, path)
                    print(f"Wrote {plural(count, 'application')} to {path} (CSV).")
                else:
                    print(f"Wrote {plural(export_ics(database, path), 'meeting')} to {path}.")
            except (ExportError, IcsError, OSError) as exc:
                print(f"rapport: export: {exc}", file=sys.stderr)
                return 1
    finally:
        database.dispose()
    return 0
