"""Kill -9 at many random points during real work; prints how many were tried and failed.

    python -m bench.kill_points [--points 1000] [--seed 1]

The same driver as tests/unit/test_kill_points.py (tests/kill_points.py), with more points.
A failure is an acknowledged action missing after the kill, or an action half-applied.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from tests.kill_points import run


def main() -> int:
    parser = argparse.ArgumentParser(description="kill -9 points during real work")
    parser.add_argument("--points", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--folder", type=Path, help="data folder (default: a temporary one)")
    args = parser.parse_args()
    folder = args.folder or Path(tempfile.mkdtemp(prefix="rapport-kill-"))
    started = time.perf_counter()
    report = run(args.points, args.seed, folder)
    print(f"kill points: tried {report.tried}, failed {report.failed}")
    print(f"acknowledged actions: {report.acknowledged}")
    print("killed during: " + ", ".join(f"{k} {n}" for k, n in sorted(report.in_flight.items())))
    for problem in report.problems[:10]:
        print(f"  {problem}")
    print(f"{time.perf_counter() - started:.1f} s")
    return 0 if report.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
