"""`main.py backup`: write a consistent copy of the data file into the backups folder."""

from __future__ import annotations

import argparse

from crm.errors import DatabaseError
from crm.store.paths import DataPaths

NAME = "backup"
HELP = "write a consistent copy of the data file into the backups folder and print its path"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command takes no options; the data folder comes from --data-dir."""


def run(args: argparse.Namespace, paths: DataPaths) -> int:
    from crm.store.backups import backup_now
    from crm.store.schema import check_sqlite_file

    if not paths.database.exists() or paths.database.stat().st_size == 0:
        raise DatabaseError(f"There is no data file to back up in {paths.root}.")
    # A copy of a damaged file would later pass for a good backup.
    check_sqlite_file(paths.database)
    print(backup_now(paths, paths.database, "manual"))
    return 0
