"""Start-up of the desktop bundle next to `python main.py`, measured in the same run.

    .venv/bin/python -m bench.bundle_start [--bundle dist/rapport] [--runs 5]

Build the bundle first (`./dev.sh bundle`). Both programs run on the same data folder
(sample data loaded once beforehand, so no run pays for migrations). Two figures each:

- `check`: process start to exit of the `check` command (no window, no Qt).
- window: process start until its main window is mapped on a private Xvfb screen; the
  window is then closed as a window manager would, and the process must exit cleanly.

"Cold" runs first evict every file of the program from the page cache
(posix_fadvise DONTNEED), which is what a first launch after a reboot sees; "warm" is the
median of the following runs. An empty PySide6 window is the baseline DESIGN.md's
start-up budget is stated against.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from tests.e2e.xserver import close_window, find_window, xvfb_display

REPO = Path(__file__).resolve().parent.parent
EMPTY_WINDOW = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.setWindowTitle("Rapport")
window.resize(1240, 780)
window.show()
app.exec()
"""


def evict(folders: Sequence[Path]) -> None:
    """Drop these folders' files from the page cache so the next start reads the disk."""
    for folder in folders:
        for path in folder.rglob("*"):
            if not path.is_file() or path.is_symlink():
                continue
            try:
                fd = os.open(path, os.O_RDONLY)
            except OSError:
                continue
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)


def time_check(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([*command, "check"], env=env, capture_output=True, check=True)
    return time.perf_counter() - start


def time_window(command: list[str], env: dict[str, str], display: str) -> float:
    start = time.perf_counter()
    app = subprocess.Popen(command, env={**env, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"})
    window = find_window(display, app.pid, "Rapport", timeout=120)
    elapsed = time.perf_counter() - start
    if window is None:
        app.kill()
        raise SystemExit(f"bundle_start: no window from {command[0]}")
    close_window(display, window)
    if app.wait(timeout=60) != 0:
        raise SystemExit(f"bundle_start: {command[0]} exited with {app.returncode}")
    return elapsed


def cold_and_warm(
    measure: Callable[[], float], folders: Sequence[Path], runs: int
) -> tuple[float, float]:
    evict(folders)
    cold = measure()
    warm = statistics.median(measure() for _ in range(runs))
    return cold, warm


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=REPO / "dist" / "rapport")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    bundle = args.bundle.resolve()
    executable = bundle / "rapport"
    if not executable.is_file():
        raise SystemExit(f"bundle_start: no bundle in {bundle}; build it with ./dev.sh bundle")

    data = Path(tempfile.mkdtemp(prefix="rapport-bench-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RAPPORT_", "QT_QPA"))}
    env["QT_QPA_PLATFORM"] = "offscreen"
    python = [sys.executable, str(REPO / "main.py"), "--data-dir", str(data)]
    bundled = [str(executable), "--data-dir", str(data)]
    subprocess.run([*python, "sample-data"], env=env, capture_output=True, check=True)

    python_files = [
        Path(sysconfig.get_paths()["purelib"]),
        Path(sysconfig.get_paths()["stdlib"]),
        REPO / "crm",
        REPO / "ui",
        REPO / "resources",
    ]
    py = cold_and_warm(lambda: time_check(python, env), python_files, args.runs)
    bu = cold_and_warm(lambda: time_check(bundled, env), [bundle], args.runs)
    rows = [("check, cold", py[0], bu[0]), ("check, warm", py[1], bu[1])]
    with xvfb_display() as display:
        empty = [sys.executable, "-c", EMPTY_WINDOW]
        baseline = statistics.median(time_window(empty, env, display) for _ in range(args.runs))
        py = cold_and_warm(lambda: time_window(python, env, display), python_files, args.runs)
        bu = cold_and_warm(lambda: time_window(bundled, env, display), [bundle], args.runs)
        rows += [("window mapped, cold", py[0], bu[0]), ("window mapped, warm", py[1], bu[1])]

    size, count = folder_size(bundle)
    print(f"bundle: {size / 2**20:.1f} MiB in {count} files")
    print(f"empty PySide6 window (warm median): {baseline:.2f} s")
    print(f"{'':24}{'python main.py':>16}{'bundle':>10}{'bundle/python':>15}{'bundle/empty':>14}")
    for label, py_s, bu_s in rows:
        print(
            f"{label:24}{py_s:>14.2f} s{bu_s:>8.2f} s{bu_s / py_s:>15.2f}{bu_s / baseline:>14.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
