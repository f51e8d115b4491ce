"""`main.py restore FILE`: replace the data file by a checked backup, keeping the old one."""

from __future__ import annotations

import argparse
from pathlib import Path

from crm.errors import DatabaseError
from crm.store.paths import DataPaths

NAME = "restore"
HELP = "restore the data file from a backup (the file it replaces is kept as a backup)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", type=Path, help="the backup to restore")


def run(args: argparse.Namespace, paths: DataPaths) -> int:
    from crm.store.backups import folder_in_use, restore_backup
    from crm.store.integrity import check_backup

    backup = Path(args.file).expanduser().resolve()
    check_backup(backup)
    if folder_in_use(paths):
        raise DatabaseError(
            f"Rapport is open on {paths.root}; close it first, or use File > Restore backup."
        )
    result = restore_backup(paths, backup)
    print(f"Restored {result.restored}")
    print(f"  into {paths.database}")
    if result.kept is not None:
        print(f"The data it replaced was kept in {result.kept}")
    return 0
