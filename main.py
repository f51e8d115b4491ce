"""Rapport's entry point: the desktop app, or one command-line command."""

from __future__ import annotations

import argparse
import sys
from importlib import import_module
from types import ModuleType

from crm.db import DatabaseError
from crm.paths import DataPaths, data_paths

# Command modules, imported only when chosen so the GUI starts without them.
# Each has NAME, HELP, add_arguments(parser) and run(args, paths) -> int.
COMMANDS: dict[str, str] = {
    "sample-data": "crm.commands.sample_data",
    "check": "crm.commands.check",
    "backup": "crm.commands.backup",
    "restore": "crm.commands.restore",
    "prep": "ui.prep.cli",
    "import": "crm.commands.import_",
    "export": "crm.commands.export",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rapport",
        description="Rapport: a private, offline CRM for informational interviews.",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="data folder (default: $RAPPORT_DATA_DIR or the per-user data folder)",
    )
    parser.add_argument(
        "--demo", action="store_true", help="open the app on a fresh folder of sample data"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module_name in COMMANDS.items():
        module = _command(module_name)
        command_parser = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(command_parser)
    return parser


def _command(module_name: str) -> ModuleType:
    return import_module(module_name)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    paths: DataPaths = data_paths(args.data_dir)
    try:
        if args.command:
            return int(_command(COMMANDS[args.command]).run(args, paths))
        from ui.launch import run_gui

        return run_gui(paths, demo=args.demo)
    except DatabaseError as exc:
        print(f"rapport: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
