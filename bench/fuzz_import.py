"""Fuzz every importer with 10,000 hostile files: nothing escapes, hangs or eats the memory.

    .venv/bin/python -m bench.fuzz_import [--inputs 10000] [--start 0]

Input n is made by tests/fuzz_inputs.py from its number (mutated real exports, long runs
of separators and folds, odd charsets, time zones that never end, very wide CSV files).
A worker process imports each one into a real database and takes the import back; the
parent gives each input 10 seconds, kills the worker on a hang and starts a new one.
Printed: inputs tried, uncaught exceptions, hangs, database changes on a refused import,
and the worker's peak memory (resident set), which must stay under 300 MiB.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import sys
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path

HANG_SECONDS = 10.0
STARTUP_SECONDS = 300.0  # a new worker on a busy machine; not part of any input's time
MEMORY_LIMIT_MIB = 300


def _worker(conn: Connection) -> None:
    from crm.store.paths import DataPaths
    from crm.store.schema import open_database
    from tests.fuzz_inputs import run_input

    shm = Path("/dev/shm")  # no disk writes to wait for: the fuzzing is about correctness
    folder = Path(tempfile.mkdtemp(prefix="rapport-fuzz-", dir=shm if shm.is_dir() else None))
    db = open_database(DataPaths(folder / "data").ensure()).database
    conn.send("ready")  # start-up (spawn, imports, a new file) is not counted against an input
    while True:
        n = conn.recv()
        if n is None:
            return
        try:
            status = run_input(db, folder, n)
        except AssertionError as exc:
            status = f"changed: {exc}"
        except Exception as exc:  # what the fuzzing is looking for
            status = f"uncaught: {type(exc).__name__}: {str(exc)[:200]}"
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
        conn.send((status, peak))


class _Worker:
    def __init__(self, context: mp.context.SpawnContext) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker, args=(child,), daemon=True)
        self.process.start()
        if not self.conn.poll(STARTUP_SECONDS) or self.conn.recv() != "ready":
            raise RuntimeError("the fuzzing worker did not start")

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--start", type=int, default=0)
    args = parser.parse_args()
    context = mp.get_context("spawn")
    worker = _Worker(context)
    counts = {"imported": 0, "refused": 0}
    uncaught: list[str] = []
    changed: list[str] = []
    hangs: list[int] = []
    peak_mib = 0.0
    started = time.monotonic()
    for n in range(args.start, args.start + args.inputs):
        worker.conn.send(n)
        if not worker.conn.poll(HANG_SECONDS):
            hangs.append(n)
            worker.stop()
            worker = _Worker(context)
            continue
        status, peak = worker.conn.recv()
        peak_mib = max(peak_mib, peak)
        if status.startswith("uncaught"):
            uncaught.append(f"input {n}: {status}")
        elif status.startswith("changed"):
            changed.append(f"input {n}: {status}")
        else:
            counts[status] += 1
    worker.conn.send(None)
    worker.process.join(10)
    worker.stop()
    tried = args.inputs
    print(f"inputs tried:                        {tried}")
    print(f"  imported (then taken back):        {counts['imported']}")
    print(f"  refused with a clear sentence:     {counts['refused']}")
    print(f"uncaught exceptions:                 {len(uncaught)}")
    print(f"hangs over {HANG_SECONDS:.0f} s:                      {len(hangs)}")
    print(f"database changed by a refusal/undo:  {len(changed)}")
    print(f"worker peak memory:                  {peak_mib:.0f} MiB (limit {MEMORY_LIMIT_MIB})")
    print(f"wall time:                           {time.monotonic() - started:.0f} s")
    for line in (uncaught + changed)[:20] + [f"hang: input {n}" for n in hangs[:20]]:
        print("  " + line)
    failed = uncaught or hangs or changed or peak_mib >= MEMORY_LIMIT_MIB
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
