"""What the app has imported when the contacts first paint with data (a fresh interpreter).

Everything imported before the first frame is start-up the user waits for. The heavy
libraries that only other pages, dialogs or commands need must wait until after it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from crm.contacts.service import ContactFields, create_contact
from crm.store.paths import DataPaths
from crm.store.schema import open_database
from tests.e2e.processes import finished, user_environment

REPO = Path(__file__).resolve().parents[2]

# The data file is opened, checked and listed through plain sqlite3 (SQLAlchemy's engine
# and sessions are made on their first use); the first frame's icons are shipped PNGs
# (qtawesome and qtpy load on the first other icon); the contact detail panel and the
# other pages are built after the first frame.
LATER = (
    "sqlalchemy",
    "alembic",
    "qtawesome",
    "qtpy",
    "caldav",
    "niquests",
    "keyring",
    "jeepney",
    "icalendar",
    "vobject",
    "jinja2",
    "rapidfuzz",
    "ui.pipeline",
    "ui.calendar",
    "ui.prep",
    "ui.companies",
    "ui.importing",
    "ui.backups",
    "ui.contacts.detail",
    "crm.contacts.service",
    "crm.store.models",
)

PROBE = """
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QTableView
import main, ui.launch
build, seen = ui.launch.create_main_window, {}

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        table = seen["table"]
        if (event.type() == QEvent.Type.Paint and obj is table.viewport()
                and table.model().rowCount() and "modules" not in seen):
            seen["modules"] = sorted(sys.modules)
            QTimer.singleShot(0, seen["window"].close)
        return False

def watched(*args, **kwargs):
    window = build(*args, **kwargs)
    seen.update(window=window, table=window.findChild(QTableView, "contactsView"))
    seen["filter"] = FirstPaint()
    QApplication.instance().installEventFilter(seen["filter"])
    return window

ui.launch.create_main_window = watched
main.main(["--data-dir", sys.argv[1]])
print(json.dumps(seen.get("modules", [])))
"""


def test_nothing_heavy_is_imported_before_the_contacts_are_painted(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data").ensure()
    database = open_database(paths).database
    create_contact(database, ContactFields("Anna", "Lee"))
    database.dispose()
    done = finished(
        [sys.executable, "-c", PROBE, str(paths.root)],
        env=user_environment(QT_QPA_PLATFORM="offscreen"),
    )
    assert done.returncode == 0, done.stderr[-2000:]
    modules = json.loads(done.stdout.strip().splitlines()[-1])
    assert "ui.contacts.page" in modules  # the probe did see the first paint
    early = sorted(m for m in modules if any(m == x or m.startswith(f"{x}.") for x in LATER))
    assert early == []
