"""Make the README's screenshot: the real app, offscreen, on the sample data, at 1280 × 800.

    .venv/bin/python scripts/screenshot.py [--page contacts] [--contact "Marcus Johnson"]
                                           [--output docs/screenshot.png]

The sample data is loaded into a temporary folder with a fixed date and time zone, so
the picture changes only when the UI does. Run it again whenever the UI changes.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QApplication, QTableView

from crm.samples.data import load_sample_data
from crm.store.clock import fixed_clock
from crm.store.paths import DataPaths
from crm.store.schema import open_database
from ui.app import create_main_window, ensure_app
from ui.main_window import MainWindow

REPO = Path(__file__).resolve().parent.parent

NOW = datetime(2026, 3, 10, 14, 30)  # a Tuesday afternoon, UTC
SIZE = (1280, 800)


def settle(app: QApplication, rounds: int = 5) -> None:
    """Let queued layouts, lazy loads and repaints finish."""
    for _ in range(rounds):
        app.processEvents()
        time.sleep(0.02)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", default="contacts", help="page id to show (default contacts)")
    parser.add_argument(
        "--contact", default="Marcus Johnson", help="contact to open in the detail panel"
    )
    parser.add_argument("--output", type=Path, default=REPO / "docs" / "screenshot.png")
    args = parser.parse_args()

    # Before the QApplication exists: no screen needed, and the same day everywhere.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["TZ"] = "UTC"
    time.tzset()
    app = ensure_app()
    clock = fixed_clock(NOW)
    with tempfile.TemporaryDirectory(prefix="rapport-screenshot-") as folder:
        paths = DataPaths(Path(folder)).ensure()
        database = open_database(paths, clock=clock).database
        load_sample_data(database)
        database.dispose()

        window = create_main_window(paths.root, clock=clock)
        window.resize(*SIZE)
        window.show()
        settle(app)
        if args.contact:
            _open_contact(window, args.contact)
        window.show_page(args.page)
        settle(app)
        args.output.parent.mkdir(parents=True, exist_ok=True)
        if not window.grab().save(str(args.output)):
            print(f"screenshot: could not write {args.output}", file=sys.stderr)
            return 1
        window.close()
        window.ctx.db.dispose()
    print(args.output)
    return 0


def _open_contact(window: MainWindow, name: str) -> None:
    """Select `name` in the contacts table, the way a click would, so its detail shows."""
    table = window.findChild(QTableView, "contactsView")
    if table is None:
        return
    model = table.model()
    for row in range(model.rowCount()):
        if model.index(row, 0).data() == name:
            table.setCurrentIndex(model.index(row, 0))
            table.scrollTo(model.index(row, 0))
            return
    print(f"screenshot: no contact called {name!r}; none opened", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
