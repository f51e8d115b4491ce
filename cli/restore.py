"""`main.py restore FILE`: replace the data file by a checked backup, keeping the old one."""

from __future__ import annotations

import argparse
from pathlib import Path

from crm.store.paths import DataPaths

NAME = "restore"
HELP = "restore the data file from a backup (the file it replaces is kept as a backup)"
WRITES = True  # runs holding the folder's lock (see main.COMMANDS)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", type=Path, help="the backup to restore")


def run(args: argparse.Namespace, paths: DataPaths) -> int:
    from crm.store.integrity import check_backup
    from crm.store.restoring import restore_backup

    backup = Path(args.file).expanduser().resolve()
    check_backup(backup)
    result = restore_backup(paths, backup)
    print(f"Restored {result.restored}")
    print(f"  into {paths.database}")
    if result.kept is not None:
        print(f"The data it replaced was kept in {result.kept}")
    return 0
