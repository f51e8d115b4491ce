"""Benchmark: a card move that renumbers a column of 5,000 cards, with and without a
search-index trigger that fires on every update of a contact.

    .venv/bin/python -m bench.renumber [--cards 5000] [--runs 7]

Each run puts every card of one column at the same position (untimed), then times
`move_contacts` dropping one card into the middle of that column: the gap is used up,
so the service renumbers all 5,000 cards in the move's transaction (commit and fsync
included). Three schemas, runs interleaved:

- current: the data file as migrations leave it (the update trigger is limited to the
  columns the search index reads, migration 0002_search_trigger_columns).
- every update: the same file with migration 0001's trigger, which re-indexed a contact
  on any update (a move included).
- baseline: no search-index trigger on updates of contacts at all: what the renumbering
  costs by itself.

Figures: medians of wall and CPU time, ratios against the baseline.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bench._common import median, print_table
from bench.board import fill
from crm.pipeline.card_moves import move_contacts
from crm.store.db import Database
from crm.store.paths import DataPaths
from crm.store.schema import open_database

CASES = ("current", "every update", "baseline")


def prepare(folder: Path, cards: int, case: str) -> Database:
    db = open_database(DataPaths(folder / case.replace(" ", "-")).ensure()).database
    fill(db, cards)
    with db.connection() as conn:
        sql = conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'contacts_fts_au'"
        ).fetchone()[0]
        conn.execute("UPDATE contacts SET stage_id = 1")
        if case != "current":
            conn.execute("DROP TRIGGER contacts_fts_au")
        if case == "every update":
            _head, _, body = sql.partition(" ON contacts ")
            conn.execute("CREATE TRIGGER contacts_fts_au AFTER UPDATE ON contacts " + body)
    return db


def one_move(db: Database) -> tuple[float, float]:
    with db.connection() as conn:
        conn.execute("UPDATE contacts SET stage_position = 1.0")
        middle, last = conn.execute(
            "SELECT (SELECT id FROM contacts ORDER BY id LIMIT 1 OFFSET 2500), max(id) "
            "FROM contacts"
        ).fetchone()
    started, cpu = time.perf_counter(), time.process_time()
    result, _changes = move_contacts(db, [last], 1, before=middle)
    wall, used = time.perf_counter() - started, time.process_time() - cpu
    if len(result.renumbered) < 1000:
        raise SystemExit("the move did not renumber the column")
    return wall * 1000, used * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rapport-renumber-") as tmp:
        dbs = {case: prepare(Path(tmp), args.cards, case) for case in CASES}
        samples: dict[str, list[tuple[float, float]]] = {case: [] for case in CASES}
        for case in CASES:
            one_move(dbs[case])  # warm-up: caches and the first statement's parse
        for _ in range(args.runs):
            for case in CASES:
                samples[case].append(one_move(dbs[case]))
        for db in dbs.values():
            db.dispose()
    base_wall = median([w for w, _ in samples["baseline"]])
    base_cpu = median([c for _, c in samples["baseline"]])
    rows = []
    for case in CASES:
        wall = median([w for w, _ in samples[case]])
        cpu = median([c for _, c in samples[case]])
        rows.append(
            [
                case,
                f"{wall:.1f} ms",
                f"{wall / base_wall:.2f} ×",
                f"{cpu:.1f} ms",
                f"{cpu / base_cpu:.2f} ×",
            ]
        )
    print_table(
        f"A move renumbering {args.cards:,} cards (medians of {args.runs} runs)",
        ["schema", "wall", "ratio", "CPU", "ratio"],
        rows,
    )


if __name__ == "__main__":
    main()
