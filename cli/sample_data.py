"""`main.py sample-data`: fill an empty data folder with the sample network of contacts."""

from __future__ import annotations

import argparse
import sys

from crm.store.paths import DataPaths

NAME = "sample-data"
HELP = "fill an empty data folder with about 40 realistic sample contacts, meetings and follow-ups"
WRITES = True  # runs holding the folder's lock (see main.COMMANDS)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.set_defaults(command=NAME)


def run(args: argparse.Namespace, paths: DataPaths) -> int:
    from crm.errors import NotEmptyError
    from crm.samples.data import load_sample_data
    from crm.store.schema import open_database

    database = open_database(paths).database
    try:
        changes = load_sample_data(database)
    except NotEmptyError as exc:
        people = "contact" if exc.count == 1 else "contacts"
        print(
            f"rapport: {paths.root} already has {exc.count} {people}; sample data only goes "
            "into an empty data folder (choose another one with --data-dir).",
            file=sys.stderr,
        )
        return 1
    finally:
        database.dispose()
    print(
        f"Added {len(changes.contacts)} sample contacts and {len(changes.meetings)} meetings "
        f"to {paths.database}"
    )
    return 0
