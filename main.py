"""Rapport's entry point: the desktop app, or one command-line command."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from importlib import import_module
from types import ModuleType

from crm.errors import DatabaseError
from crm.store.paths import DataPaths, data_paths
from crm.version import __version__

# Command modules and their one-line help. Only the chosen command's module is imported
# (it adds its own options), so `main.py` with no command starts the GUI without any of them.
# Each module has NAME, HELP, add_arguments(parser) and run(args, paths) -> int; a test
# checks that the help below matches the module's HELP. A module that sets WRITES = True
# writes the data file: it runs holding the folder's lock, the same lock the window takes.
COMMANDS: dict[str, tuple[str, str]] = {
    "sample-data": (
        "cli.sample_data",
        "fill an empty data folder with about 40 realistic sample contacts, meetings and "
        "follow-ups",
    ),
    "check": (
        "cli.check",
        "check the data file for damage (exit status 1 when something is wrong)",
    ),
    "backup": (
        "cli.backup",
        "write a consistent copy of the data file into the backups folder and print its path",
    ),
    "restore": (
        "cli.restore",
        "restore the data file from a backup (the file it replaces is kept as a backup)",
    ),
    "prep": ("cli.prep", "write the one-page prep sheet for a meeting or a contact as a PDF"),
    "import": (
        "cli.import_",
        "import contacts from a vCard or CSV file (LinkedIn, Google, Outlook), or meetings "
        "from .ics",
    ),
    "today": (
        "cli.today",
        "print what to do today: follow-ups, meetings, keep-in-touch, nudges and the week's goal",
    ),
    "log": (
        "cli.log",
        "log an email, call, message, note or meeting with a contact (their reply: --direction in)",
    ),
    "reminders": (
        "cli.reminders",
        "show desktop notifications of what is due while Rapport is closed (the login helper)",
    ),
    "export": (
        "cli.export",
        "export contacts (--vcard, --csv), everything (--json) or meetings (--ics)",
    ),
    "sync": (
        "cli.sync",
        "sync contacts with a CardDAV server (Nextcloud, Radicale, Fastmail, iCloud...)",
    ),
}


def chosen_command(argv: list[str]) -> str | None:
    """The command named on the command line, found without importing any command module."""
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--data-dir")
    pre.add_argument("--demo", action="store_true")
    _, rest = pre.parse_known_args(argv)
    return next((word for word in rest if word in COMMANDS), None)


def build_parser(chosen: str | None = None) -> argparse.ArgumentParser:
    """The parser: every command listed, only the chosen one's options added (and imported)."""
    parser = argparse.ArgumentParser(
        prog="rapport",
        description="Rapport: a private, offline CRM for informational interviews.",
    )
    parser.add_argument("--version", action="version", version=f"rapport {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="data folder (default: $RAPPORT_DATA_DIR or the per-user data folder)",
    )
    parser.add_argument(
        "--demo", action="store_true", help="open the app on a fresh folder of sample data"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in COMMANDS.items():
        command_parser = sub.add_parser(name, help=help_text, description=help_text)
        if name == chosen:
            import_module(module_name).add_arguments(command_parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(chosen_command(argv)).parse_args(argv)
    paths: DataPaths = data_paths(args.data_dir)
    try:
        if args.command:
            return run_command(import_module(COMMANDS[args.command][0]), args, paths)
        from ui.launch import run_gui

        return run_gui(paths, demo=args.demo)
    except DatabaseError as exc:
        print(f"rapport: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def run_command(module: ModuleType, args: argparse.Namespace, paths: DataPaths) -> int:
    """Run a command, under the folder's lock if it writes; a full disk, a read-only folder
    or a file busy in another program end it with one line, not a traceback."""
    from crm.store.disk_errors import explain_database_error

    try:
        writes = getattr(module, "WRITES", False)
        if callable(writes):  # a command whose actions differ (`sync status` only reads)
            writes = writes(args)
        if not writes:
            return int(module.run(args, paths))
        from crm.store.folder_lock import hold_folder

        with hold_folder(paths.ensure()):
            return int(module.run(args, paths))
    except Exception as exc:
        if not isinstance(exc, _database_errors()):
            raise
        explained = explain_database_error(exc, paths.root)
        if explained is None:
            raise
        raise explained from exc


def _database_errors() -> tuple[type[BaseException], ...]:
    """The errors a full disk, a read-only folder or a busy file can raise: the system's,
    SQLite's, and SQLAlchemy's if the command loaded it. Not imported for this: a command
    that never loads SQLAlchemy (an import) cannot get its errors, and it costs ~0.3 s."""
    alchemy = sys.modules.get("sqlalchemy.exc")
    if alchemy is None:
        return (OSError, sqlite3.Error)
    return (OSError, sqlite3.Error, alchemy.SQLAlchemyError)


if __name__ == "__main__":
    if getattr(sys, "frozen", False):
        # In the bundle a sync's child process is this executable started again: PyInstaller's
        # runtime hook makes freeze_support run the child's work and exit, before any of the
        # app starts. From source the child starts Python itself and imports this module
        # under another name (`__mp_main__`), which runs nothing.
        import multiprocessing

        multiprocessing.freeze_support()
    sys.exit(main())
