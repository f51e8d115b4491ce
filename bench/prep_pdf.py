"""Benchmark: a prep sheet rendered to a one-page PDF, against an empty one-page PDF.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m bench.prep_pdf [--runs 30]

Figures (medians in milliseconds, and ratios against a baseline measured in the same run):

- baseline: an empty one-page PDF: QPdfWriter opened on a file, one QPainter begun and ended.
- small sheet: a contact with 5 interactions and 5 questions (fits at the first layout).
- big sheet: 200 interactions, 15 questions, long notes, 6 follow-ups and earlier answers
  (the renderer searches for the budget that fits: about four layouts).
- gather: `build_prep_sheet` alone for the big sheet (the database share).

The budget is 150 ms for the whole render of a sheet to PDF; the first render in a process
also pays for loading fonts and the template, so it is reported apart.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from bench._common import median, print_table
from crm.prep.questions import meeting_questions, record_answers
from crm.prep.sheet import build_prep_sheet
from crm.store.clock import fixed_clock
from crm.store.paths import DataPaths
from crm.store.schema import open_database
from tests.prep_data import add_interactions, add_person, person_with_long_history, prepared_meeting


def timed(action: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return times


def empty_pdf(path: Path) -> None:
    from PySide6.QtGui import QPainter, QPdfWriter

    from ui.prep.render import default_page_layout

    writer = QPdfWriter(str(path))
    writer.setPageLayout(default_page_layout())
    painter = QPainter(writer)
    painter.end()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    from PySide6.QtGui import QGuiApplication

    from ui.prep.render import write_pdf

    app = QGuiApplication.instance() or QGuiApplication([])
    folder = Path(tempfile.mkdtemp(prefix="rapport-bench-prep-"))
    db = open_database(
        DataPaths(folder / "data").ensure(), clock=fixed_clock(datetime(2026, 3, 10, 14, 30))
    ).database
    small_id = prepared_meeting(db, add_person(db, "Sam", "Small"), questions=5)
    add_interactions(db, add_person(db, "Sam", "Other"), 5)
    anna = person_with_long_history(db, "Long notes about the person. " * 100)
    earlier = prepared_meeting(
        db, add_person(db, "Bruno", "Díaz"), questions=4, start_at=datetime(2026, 2, 1, 9)
    )
    record_answers(
        db,
        earlier,
        {
            q.id: f"Answer {i} given in February"
            for i, q in enumerate(meeting_questions(db, earlier))
        },
    )
    big_id = prepared_meeting(db, anna, questions=15)
    small = build_prep_sheet(db, meeting_id=small_id)
    big = build_prep_sheet(db, meeting_id=big_id)
    out = folder / "sheet.pdf"

    first = timed(lambda: write_pdf(big, out), 1)[0]
    baseline = median(timed(lambda: empty_pdf(out), args.runs))
    small_ms = median(timed(lambda: write_pdf(small, out), args.runs))
    big_ms = median(timed(lambda: write_pdf(big, out), args.runs))
    gather = median(timed(lambda: build_prep_sheet(db, meeting_id=big_id), args.runs))
    db.dispose()
    app.processEvents()

    print_table(
        f"Prep sheet to PDF (median of {args.runs} runs)",
        ("what", "ms", "× empty PDF"),
        [
            ("empty one-page PDF (baseline)", f"{baseline:.1f}", "1.0"),
            ("small sheet", f"{small_ms:.1f}", f"{small_ms / baseline:.1f}"),
            (
                "big sheet (200 interactions, 15 questions)",
                f"{big_ms:.1f}",
                f"{big_ms / baseline:.1f}",
            ),
            ("first render in the process (big)", f"{first:.1f}", f"{first / baseline:.1f}"),
            ("gather the big sheet from the database", f"{gather:.1f}", f"{gather / baseline:.1f}"),
        ],
    )
    verdict = "within" if big_ms + gather < 150 else "OVER"
    print(
        f"\nbig sheet, gathered and rendered: {big_ms + gather:.0f} ms "
        f"({verdict} the 150 ms budget)"
    )


if __name__ == "__main__":
    main()
