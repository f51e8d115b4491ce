"""Benchmark: the pipeline board at 5,000 cards, opened and moved through the real widgets.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m bench.board [--cards 5000] [--moves 300]

Figures (milliseconds and ratios against a baseline measured in the same run):

- baseline: one synchronous repaint of a shown, empty QListView of the board's size.
- open (Ctrl+2): the whole main window on the data file, shown on its first page, with
  its idle warm-up done (what the app does half a second after start-up: the board is
  built and its first screen painted behind the page in view); then Ctrl+2 pressed and
  the events it causes processed, painting included. A new window for each sample.
- switch back (Ctrl+2): the same window, from the Contacts page to the board again.
- built on demand: a new Pipeline page with no warm-up, built as it is shown: board
  query, model, one column view per stage, shown and painted. This is what Ctrl+2 costs
  when pressed before the warm-up has run.
- drop, in the whole main window (every page installed and following the hub): one
  card moved to the next stage as a drop does it (undo command, transaction with
  history entry and follow-up rule, hub signal, both column models updated in place,
  the card selected where it landed), then both columns repainted synchronously.
  Before each, untimed, the card is selected in its focused column, as the mouse press
  that starts a drag leaves it.
- Ctrl+Right: the same, landing at the end of the next column, which scrolls there.
- service only: `move_contacts` alone, for the share of the database in a move.

The data file lives in a temporary folder with the app's pragmas (WAL, synchronous=FULL),
so a move includes the fsync of its commit.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QListView, QWidget

from crm.pipeline.card_moves import move_contacts
from crm.pipeline.stages import list_stages
from crm.store.clock import fixed_clock
from crm.store.db import Database
from crm.store.paths import DataPaths
from crm.store.schema import open_database
from ui.app import create_main_window, ensure_app
from ui.context import AppContext
from ui.hub import Hub
from ui.main_window import MainWindow
from ui.pipeline.page import PipelinePage

NOW = datetime(2026, 3, 10, 14, 30)
SIZE = (1500, 900)
FIRST = ["Anna", "Ben", "Cleo", "Dmitri", "Eve", "Farida", "Guo", "Hana", "Ines", "Jonas"]
LAST = ["Lee", "Okafor", "Schmidt", "Nakamura", "Rossi", "Haddad", "Novak", "García"]
TAGS = ["python", "alumni", "referral", "design", "remote", "berlin", "data", "hiring"]


def fill(db: Database, cards: int) -> None:
    """`cards` contacts spread over the stages, with companies, tags and follow-ups."""
    rng = random.Random(7)
    stages = [s.id for s in list_stages(db)]
    stamp = NOW.strftime("%Y-%m-%d %H:%M:%S.%f")
    conn = sqlite3.connect(db.path, isolation_level=None)
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO companies (name, website, industry, location, notes, created_at, "
        "updated_at) VALUES (?, '', '', '', '', ?, ?)",
        [(f"Company {i}", stamp, stamp) for i in range(300)],
    )
    conn.executemany("INSERT INTO tags (name) VALUES (?)", [(t,) for t in TAGS])
    rows = []
    for i in range(cards):
        entered = (NOW - timedelta(days=rng.randint(0, 90))).strftime("%Y-%m-%d %H:%M:%S.%f")
        rows.append(
            (
                f"uid-{i}",
                rng.choice(FIRST),
                rng.choice(LAST),
                "Senior Engineer" if i % 3 else "Product Designer, Platform",
                rng.randint(1, 300),
                stages[i % len(stages)],
                float(i),
                entered,
                stamp,
                stamp,
            )
        )
    conn.executemany(
        "INSERT INTO contacts (uid, first_name, last_name, title, company_id, location, "
        "linkedin_url, source, stage_id, stage_position, stage_entered_at, birthday, notes, "
        "archived, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, '', '', '', ?, ?, ?, '', '', 0, ?, ?)",
        rows,
    )
    conn.executemany(
        "INSERT INTO contact_tags (contact_id, tag_id) VALUES (?, ?)",
        [(c, t) for c in range(1, cards + 1) for t in range(1, 9) if (c * t) % 5 == 0],
    )
    conn.executemany(
        "INSERT INTO follow_ups (contact_id, title, due_date, created_at) VALUES (?, ?, ?, ?)",
        [(c, "Check in", f"2026-03-{1 + c % 28:02d}", stamp) for c in range(1, cards + 1, 4)],
    )
    conn.execute("COMMIT")
    conn.close()


CPU: list[float] = []  # GUI-thread CPU time of each timed call, beside its wall time


def timed(action: Callable[[], object]) -> float:
    start, cpu = time.perf_counter(), time.thread_time()
    action()
    CPU.append((time.thread_time() - cpu) * 1000.0)
    return (time.perf_counter() - start) * 1000.0


def summary(name: str, samples: list[float], baseline: float, cpu: list[float]) -> str:
    ordered = sorted(samples)
    p50 = statistics.median(ordered)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    cpu50 = statistics.median(cpu)
    return (
        f"{name:<28} p50 {p50:7.2f} ms ({p50 / baseline:5.1f} ×)   "
        f"p95 {p95:7.2f} ms ({p95 / baseline:5.1f} ×)   "
        f"CPU p50 {cpu50:6.2f} ms ({cpu50 / baseline:5.1f} ×)   n={len(samples)}"
    )


def measure_baseline(app: QApplication, runs: int) -> list[float]:
    view = QListView()
    view.resize(*SIZE)
    view.show()
    app.processEvents()
    samples = [timed(view.repaint) for _ in range(runs)]
    view.close()
    return samples


def open_page(ctx: AppContext, app: QApplication) -> PipelinePage:
    page = PipelinePage(ctx)
    page.resize(*SIZE)
    page.show()  # builds the board on first show
    page.repaint()
    app.processEvents()
    return page


def _open_into(pages: list[PipelinePage], ctx: AppContext, app: QApplication) -> None:
    pages.append(open_page(ctx, app))


def press(window: MainWindow, app: QApplication, key: str) -> None:
    QTest.keySequence(window, QKeySequence(key))
    app.processEvents()


def measure_first_open(folder: Path, app: QApplication, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        window = create_main_window(folder, clock=fixed_clock(NOW))
        window.resize(*SIZE)
        window.show()
        window.activateWindow()
        app.processEvents()
        warm_up = window.start_warm_up(0)
        while not warm_up.done:
            app.processEvents()
        samples.append(timed(partial(press, window, app, "Ctrl+2")))
        assert window.current_page_id() == "pipeline"
        window.close()
        window.ctx.db.dispose()
        window.deleteLater()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.processEvents()
    return samples


def measure_switch(window: MainWindow, app: QApplication, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        press(window, app, "Ctrl+1")
        samples.append(timed(partial(press, window, app, "Ctrl+2")))
    return samples


def measure_open(ctx: AppContext, app: QApplication, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        opened: list[PipelinePage] = []
        samples.append(timed(partial(_open_into, opened, ctx, app)))
        opened[0].close()
        opened[0].deleteLater()
        # processEvents() leaves deferred deletes alone; a page kept alive would keep
        # following the hub and make every later move pay for its model too.
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.processEvents()
    return samples


def measure_moves(
    window: MainWindow, app: QApplication, moves: int, *, to_end: bool = False
) -> list[float]:
    """Moves on the Pipeline page of the whole window, as the user makes them: every other
    page is installed and follows the hub, hidden behind the board."""
    page = window.show_page("pipeline")
    assert isinstance(page, PipelinePage)
    page.ensure_board()
    app.processEvents()
    assert page.model is not None and page.board is not None
    model, board = page.model, page.board
    stages = model.stages()
    rng = random.Random(3)
    samples = []
    for n in range(moves):
        # Between the first four columns, all in view: a drag from one to the next.
        source, target = stages[n % 3], stages[n % 3 + 1]
        ids = model.ids_in(source.id)
        contact_id = ids[rng.randrange(min(len(ids), 8))]  # a card in view
        source_view = board.column(source.id).cards  # type: ignore[union-attr]
        target_view = board.column(target.id).cards  # type: ignore[union-attr]
        # A drop lands among the visible cards; Ctrl+Right appends (the column scrolls).
        before = None if to_end else model.ids_in(target.id)[2 + n % 4]
        # What the mouse press that starts a drag (or the click before Ctrl+Right) has
        # already done, untimed: the card selected and its column focused.
        board.select_cards(source.id, [contact_id])
        app.processEvents()
        move = partial(_move, page, app, contact_id, target.id, before, source_view)
        samples.append(timed(move))
        target_view.scrollToTop()
        app.processEvents()
    return samples


def _move(
    page: PipelinePage,
    app: QApplication,
    contact_id: int,
    stage_id: int,
    before: int | None,
    source: QWidget,
) -> None:
    page.move_cards([contact_id], stage_id, before)  # selects and shows the moved card
    source.repaint()
    app.processEvents()  # paints the target column (and anything else left dirty)


def measure_service(db: Database, moves: int) -> list[float]:
    stages = [s.id for s in list_stages(db)]
    conn = sqlite3.connect(db.path, isolation_level=None)
    ids = [r[0] for r in conn.execute("SELECT id FROM contacts LIMIT ?", (moves,))]
    conn.close()
    return [
        timed(partial(move_contacts, db, [cid], stages[n % len(stages)]))
        for n, cid in enumerate(ids)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=5000)
    parser.add_argument("--moves", type=int, default=300)
    parser.add_argument("--opens", type=int, default=20)
    parser.add_argument("--windows", type=int, default=10)
    args = parser.parse_args()

    app = ensure_app()
    with tempfile.TemporaryDirectory(prefix="rapport-bench-") as folder:
        paths = DataPaths(Path(folder)).ensure()
        db = open_database(paths, clock=fixed_clock(NOW)).database
        fill(db, args.cards)
        ctx = AppContext(paths=paths, db=db, hub=Hub(), undo_stack=QUndoStack())
        measure_open(ctx, app, 2)  # warm caches: first font and icon loads are one-offs
        baseline_samples = measure_baseline(app, 50)
        baseline = statistics.median(baseline_samples)
        CPU.clear()
        opens = measure_open(ctx, app, args.opens)
        cpu_opens = CPU[:]
        CPU.clear()
        first_opens = measure_first_open(paths.root, app, args.windows)
        cpu_first_opens = CPU[:]
        window = create_main_window(paths.root, clock=fixed_clock(NOW))
        window.resize(*SIZE)
        window.show()
        window.activateWindow()
        app.processEvents()
        measure_switch(window, app, 3)  # the first switches are the warm-up here
        CPU.clear()
        switches = measure_switch(window, app, args.opens)
        cpu_switches = CPU[:]
        CPU.clear()
        moves = measure_moves(window, app, args.moves)
        cpu_moves = CPU[:]
        CPU.clear()
        appends = measure_moves(window, app, args.moves // 2, to_end=True)
        cpu_appends = CPU[:]
        window.close()
        window.ctx.db.dispose()
        CPU.clear()
        service = measure_service(db, args.moves)
        cpu_service = CPU[:]
        db.dispose()

    print(f"pipeline board, {args.cards:,} cards, {SIZE[0]}×{SIZE[1]} offscreen")
    print(f"{'baseline: empty QListView paint':<28} p50 {baseline:7.2f} ms (  1.0 ×)")
    print(summary("open board (Ctrl+2)", first_opens, baseline, cpu_first_opens))
    print(summary("switch back (Ctrl+2)", switches, baseline, cpu_switches))
    print(summary("built on demand", opens, baseline, cpu_opens))
    print(summary("drop between columns", moves, baseline, cpu_moves))
    print(summary("Ctrl+Right (to column end)", appends, baseline, cpu_appends))
    print(summary("move service only", service, baseline, cpu_service))


if __name__ == "__main__":
    main()
