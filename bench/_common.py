"""Helpers the benchmarks share: generated data folders, medians and percentiles, peak memory."""

from __future__ import annotations

import json
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path

from crm.store.paths import DataPaths

REPO = Path(__file__).resolve().parent.parent
MIB = 1024 * 1024


def data_folder(contacts: int, *, seed: int = 1, fresh: bool = False) -> DataPaths:
    """A data folder with `contacts` generated contacts, kept between runs in the temp folder.

    Generating 100,000 contacts takes a while; the folder is reused while it still holds
    exactly that many (pass `fresh` to rebuild it).
    """
    root = Path(tempfile.gettempdir()) / f"rapport-bench-{contacts}-{seed}"
    paths = DataPaths(root)
    if not fresh and _contact_count(paths.database) == contacts:
        return paths
    shutil.rmtree(root, ignore_errors=True)
    from crm.samples.data import generate_contacts
    from crm.store.schema import open_database

    database = open_database(paths.ensure()).database
    try:
        generate_contacts(database, contacts, seed)
    finally:
        database.dispose()
    return paths


def _contact_count(database: Path) -> int | None:
    if not database.exists():
        return None
    try:
        with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as conn:
            return int(conn.execute("SELECT count(*) FROM contacts").fetchone()[0])
    except sqlite3.Error:
        return None


def peak_rss_mib() -> float:
    """This process's peak resident memory so far.

    Linux keeps ru_maxrss across fork and exec, so a child started by a big parent would
    report the parent's peak; VmHWM in /proc belongs to the new program alone.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB, bytes on macOS
    return peak / MIB if sys.platform == "darwin" else peak / 1024


def percentile(values: Sequence[float], fraction: float) -> float:
    """The value below which `fraction` of `values` lie (nearest rank, no interpolation)."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[rank]


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def run_child(module: str, args: Sequence[str], env: dict[str, str] | None = None) -> dict:
    """Run `python -m module args` in a fresh interpreter; it prints one JSON object last.

    Bytecode is cached (outside the source tree) as on a user's machine, even where the
    environment says not to write it: compiling every module on each start is not what
    a user pays.
    """
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPYCACHEPREFIX": str(Path(tempfile.gettempdir()) / "rapport-bench-pycache"),
        **(env or {}),
    }
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    done = subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"{module} {' '.join(args)} failed:\n{done.stderr}")
    result: dict = json.loads(lines[-1])
    return result


def print_table(title: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """A plain text table, right-aligned figures."""
    cells = [list(header), *[[_cell(v) for v in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    print(f"\n{title}")
    for n, row in enumerate(cells):
        first = row[0].ljust(widths[0])
        rest = "  ".join(cell.rjust(w) for cell, w in zip(row[1:], widths[1:], strict=True))
        print(f"  {first}  {rest}")
        if n == 0:
            print("  " + "-" * (sum(widths) + 2 * (len(widths) - 1)))


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)
