"""Kill -9 during real work loses no acknowledged action and leaves none half-applied.

Each kill point forks a worker from a driver process that runs scheduling, marking done,
their undos, notes, board moves and deletions, and kills it with SIGKILL at a random moment
(see tests/kill_points.py; bench/kill_points.py runs more points).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the driver forks its workers")
def test_two_hundred_kill_points_lose_nothing_and_half_apply_nothing(tmp_path: Path) -> None:
    # tmpfs when there is one: a kill -9 leaves the page cache intact, so the disk's fsync
    # adds time but no coverage.
    shm = Path("/dev/shm")
    base = shm if shm.is_dir() and os.access(shm, os.W_OK) else tmp_path
    with tempfile.TemporaryDirectory(dir=base, prefix="rapport-kill-") as folder:
        command = ["-m", "tests.kill_points", "--points", "200", "--seed", "18"]
        done = subprocess.run(
            [sys.executable, *command, "--folder", folder],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert done.stdout, done.stderr
    report = json.loads(done.stdout)
    assert report["problems"] == []
    assert report["failed"] == 0
    assert report["tried"] == 200
    # The kills landed during every kind of action, not only the first of each story.
    assert {"schedule", "done", "undo_done", "unschedule", "board_move"} <= set(report["in_flight"])
    assert report["acknowledged"] > 400
