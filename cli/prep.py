"""`main.py prep (--meeting ID | --contact NAME) --pdf FILE`: write a prep sheet, no window."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from crm.store.paths import DataPaths

if TYPE_CHECKING:
    from crm.prep.sheet import PrepSheet

NAME = "prep"
HELP = "write the one-page prep sheet for a meeting or a contact as a PDF"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--meeting", type=int, metavar="ID", help="the meeting's id")
    target.add_argument(
        "--contact",
        metavar="NAME",
        help="a contact's full name: their next planned meeting, or one not yet scheduled",
    )
    parser.add_argument("--pdf", required=True, metavar="FILE", help="the PDF file to write")


def _fail(message: str) -> int:
    print(f"rapport prep: {message}", file=sys.stderr)
    return 1


def run(args: argparse.Namespace, paths: DataPaths) -> int:
    from crm.contacts.names import find_contacts_by_name
    from crm.errors import NotFoundError
    from crm.prep.sheet import build_prep_sheet
    from crm.store.schema import open_database

    if not paths.database.exists():
        return _fail(f"there is no data file in {paths.root} yet.")
    target = Path(args.pdf).expanduser()
    if not target.parent.is_dir():
        return _fail(f"the folder {target.parent} does not exist.")
    db = open_database(paths).database
    try:
        if args.contact is not None:
            found = find_contacts_by_name(db, args.contact)
            if not found:
                return _fail(f"no contact is called “{args.contact}”.")
            if len(found) > 1:
                names = "; ".join(f"{name} (id {cid})" for cid, name in found[:5])
                return _fail(f"several contacts match “{args.contact}”: {names}.")
            sheet = build_prep_sheet(db, contact_id=found[0][0])
        else:
            sheet = build_prep_sheet(db, meeting_id=args.meeting)
    except NotFoundError:
        return _fail(f"there is no meeting with id {args.meeting}.")
    finally:
        db.dispose()
    return _write(sheet, target)


def _write(sheet: PrepSheet, target: Path) -> int:
    from PySide6.QtGui import QGuiApplication

    from ui.prep.render import write_pdf

    # Fonts and PDF need a QGuiApplication; "offscreen" needs no display.
    app = QGuiApplication.instance() or QGuiApplication(["rapport", "-platform", "offscreen"])
    try:
        write_pdf(sheet, target)
    except OSError as exc:
        return _fail(str(exc))
    app.processEvents()
    print(f"Wrote {target}")
    return 0
