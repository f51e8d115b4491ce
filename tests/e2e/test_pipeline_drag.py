"""A real mouse drags a card to another column in the real window; after a restart it is there.

The app runs as its own process on a private Xvfb screen (xcb platform). It reports where
the card and the target column are on screen; xdotool presses, moves and releases the
mouse there; the test then waits for the database to show the move, closes the app, and
starts it again on the same folder to read the board.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crm.contacts.service import ContactFields, create_contact
from crm.pipeline.stages import list_stages
from crm.store.paths import DataPaths
from crm.store.schema import open_database
from tests.conftest import REPO
from tests.e2e.xserver import on_x_screen, xvfb_display

# Runs inside the app process: builds the real window, shows the Pipeline page, prints
# what the test needs as one JSON line, and quits when the test drops a "quit" file.
APP = r"""
import json, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFrame
from ui.app import create_main_window

folder, mode = Path(sys.argv[1]), sys.argv[2]
window = create_main_window(folder)
window.resize(1400, 800)
window.move(0, 0)
window.show()
window.show_page("pipeline")
app = QApplication.instance()
for _ in range(50):
    app.processEvents()

def columns():
    return [c for c in window.findChildren(QFrame, "stageColumn")]

def board():
    found = {}
    for column in columns():
        view = column.cards
        root = view.rootIndex()
        found[column.accessibleName()] = [
            view.model().index(r, 0, root).data() for r in range(view.model().rowCount(root))
        ]
    return found

def report():
    by_name = {c.accessibleName(): c for c in columns()}
    source = by_name["Reached out"].cards
    card = source.visualRect(source.model().index(0, 0, source.rootIndex()))
    grab = source.viewport().mapToGlobal(card.center())
    target = by_name["Met"].cards
    last = target.visualRect(target.model().index(0, 0, target.rootIndex()))
    drop = target.viewport().mapToGlobal(last.center())
    drop.setY(drop.y() + last.height())  # below Ben's card: Anna lands after him
    print(json.dumps({"board": board(), "grab": [grab.x(), grab.y()],
                      "drop": [drop.x(), drop.y()]}), flush=True)

def poll():
    if (folder / "quit").exists():
        window.close()
        app.quit()

if mode == "report":
    print(json.dumps({"board": board()}), flush=True)
    window.close()
    sys.exit(0)
report()
timer = QTimer()
timer.timeout.connect(poll)
timer.start(50)
app.exec()
window.ctx.db.dispose()
"""


def run_app(folder: Path, display: str, mode: str) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "PYTHONPATH": str(REPO),
    }
    return subprocess.Popen(
        [sys.executable, "-c", APP, str(folder), mode],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def first_json(process: subprocess.Popen[str]) -> dict[str, object]:
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line:
        _, err = process.communicate(timeout=30)
        raise AssertionError(f"the app printed nothing: {err}")
    data: dict[str, object] = json.loads(line)
    return data


def xdotool(display: str, *args: str) -> None:
    env = {**os.environ, "DISPLAY": display}
    subprocess.run(["xdotool", *args], env=env, check=True, timeout=10)


def stage_of(database: Path, name: str) -> str:
    conn = sqlite3.connect(database)
    try:
        row = conn.execute(
            "SELECT s.name FROM contacts c JOIN stages s ON s.id = c.stage_id "
            "WHERE c.first_name = ?",
            (name,),
        ).fetchone()
    finally:
        conn.close()
    return str(row[0])


def drag(display: str, start: list[int], end: list[int]) -> None:
    """Press on `start`, move in small steps as a hand would, release on `end`."""
    x0, y0 = start
    x1, y1 = end
    xdotool(display, "mousemove", str(x0), str(y0))
    time.sleep(0.2)
    xdotool(display, "mousedown", "1")
    time.sleep(0.2)
    steps = 12
    for i in range(1, steps + 1):
        x = x0 + (x1 - x0) * i // steps
        y = y0 + (y1 - y0) * i // steps
        xdotool(display, "mousemove", str(x), str(y))
        time.sleep(0.05)
    time.sleep(0.3)
    xdotool(display, "mouseup", "1")


@pytest.mark.slow
@on_x_screen
def test_drag_a_card_with_the_mouse_and_find_it_after_a_restart(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data").ensure()
    db = open_database(paths).database
    stages = {s.name: s.id for s in list_stages(db)}
    create_contact(db, ContactFields("Anna", "Lee"), stage_id=stages["Reached out"])
    create_contact(db, ContactFields("Ben", "Okafor"), stage_id=stages["Met"])
    db.dispose()

    with xvfb_display() as display:
        app = run_app(paths.root, display, "drag")
        try:
            shown = first_json(app)
            assert shown["board"]["Reached out"] == ["Anna Lee"]  # type: ignore[index]
            drag(display, shown["grab"], shown["drop"])  # type: ignore[arg-type]
            deadline = time.monotonic() + 10
            while stage_of(paths.database, "Anna") != "Met" and time.monotonic() < deadline:
                time.sleep(0.1)
            assert stage_of(paths.database, "Anna") == "Met"
        finally:
            (paths.root / "quit").touch()
            _, err = app.communicate(timeout=30)
        assert app.returncode == 0, err
        (paths.root / "quit").unlink()

        again = run_app(paths.root, display, "report")
        board = first_json(again)["board"]
        again.communicate(timeout=30)

    assert board["Met"] == ["Ben Okafor", "Anna Lee"]  # type: ignore[index]
    assert board["Reached out"] == []  # type: ignore[index]
