"""`main.py check`: run the integrity checks on the data file and print a short report."""

from __future__ import annotations

import argparse

from crm.errors import DatabaseError
from crm.store.paths import DataPaths

NAME = "check"
HELP = "check the data file for damage (exit status 1 when something is wrong)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command takes no options; the data folder comes from --data-dir."""


def run(args: argparse.Namespace, paths: DataPaths) -> int:
    from crm.store.integrity import check_database

    if not paths.database.exists():
        raise DatabaseError(f"There is no data file in {paths.root} yet.")
    report = check_database(paths.database)
    print("\n".join(report.lines()))
    return 0 if report.ok else 1
