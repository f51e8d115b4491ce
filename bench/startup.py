"""Benchmark: cold start of Rapport on 10,000 and 100,000 contacts against an empty window.

    .venv/bin/python -m bench.startup [--runs 5] [--sizes 10000 30000 100000] [--fresh]

Every run is a fresh interpreter (`python -m bench.startup --child ...`), started by
this script, which notes the time just before starting it. The runs of all cases are
interleaved so a busy machine slows them alike. Figures are medians:

- window painted: process start until the first frame of the window has been painted
  (an application event filter sees the first Paint of a widget of the window, then a
  zero timer fires once that frame is done).
- contacts painted: until the contacts table (`contactsView`) has painted with rows.
- CPU time: the same two moments in the child's own CPU time (user + system since it
  started), which a busy machine disturbs much less than wall-clock time.
- peak memory: the child's peak resident memory (VmHWM) when the contacts have painted
  (the window, for the baseline); the peak at exit, after the work the app leaves for
  after its first frame, is printed beside it.

The baseline is an empty PySide6 QMainWindow of the same size, shown the same way; the
ratios are against it. The app runs exactly as `main.py --data-dir DIR` does; the
child only wraps `ui.launch.create_main_window` to watch the window it returns.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from typing import Any

from bench._common import data_folder, median, peak_rss_mib, print_table, run_child

MODULE = "bench.startup"
WINDOW_SIZE = (1240, 780)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    parser.add_argument("--fresh", action="store_true", help="regenerate the data folders")
    parser.add_argument("--child", choices=["empty", "app"], help=argparse.SUPPRESS)
    parser.add_argument("--started", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "empty":
        child_empty(args.started)
    elif args.child == "app":
        child_app(args.started, args.data_dir)
    else:
        parent(args.runs, args.sizes, args.fresh)


# -- the parent: prepare, run children, report ------------------------------------------


def parent(runs: int, sizes: list[int], fresh: bool) -> None:
    print(f"Preparing data folders for {', '.join(f'{n:,}' for n in sizes)} contacts…")
    folders = {n: data_folder(n, fresh=fresh) for n in sizes}
    cases: list[tuple[str, list[str]]] = [("empty QMainWindow", ["--child", "empty"])]
    cases += [
        (f"Rapport, {n:,} contacts", ["--child", "app", "--data-dir", str(folders[n].root)])
        for n in sizes
    ]
    results: dict[str, list[dict[str, float]]] = {name: [] for name, _ in cases}
    for _name, extra in cases:  # one warm-up each: the first run fills the file cache
        _run(extra)
    for i in range(runs):
        print(f"Run {i + 1} of {runs}…")
        for name, extra in cases:
            results[name].append(_run(extra))
    _report(results)


def _run(extra: list[str]) -> dict[str, float]:
    return run_child(MODULE, [*extra, "--started", repr(time.monotonic())])


def _report(results: dict[str, list[dict[str, float]]]) -> None:
    def med(name: str, key: str) -> float:
        values = [r[key] for r in results[name] if key in r]
        return median(values) if values else float("nan")

    base = next(iter(results))
    header = ["case", "window", "ratio", "contacts", "ratio"]
    for unit, suffix in (("wall-clock time", "_s"), ("CPU time of the process", "_cpu")):
        base_paint = med(base, "window" + suffix)
        rows = []
        for name in results:
            window, contacts = med(name, "window" + suffix), med(name, "contacts" + suffix)
            shown = contacts == contacts  # NaN for the baseline, which has no table
            rows.append(
                [
                    name,
                    f"{window * 1000:.0f} ms",
                    f"{window / base_paint:.2f} ×",
                    f"{contacts * 1000:.0f} ms" if shown else "",
                    f"{contacts / base_paint:.2f} ×" if shown else "",
                ]
            )
        print_table(
            f"Start to first paint, {unit} (medians of {len(results[base])} runs; "
            "ratios against the empty window)",
            header,
            rows,
        )
    base_mem = med(base, "peak_mib")
    print_table(
        "Peak memory (VmHWM) from start to the contacts painted (the empty window: painted)",
        ["case", "peak", "ratio", "over the empty window", "peak at exit"],
        [
            [
                name,
                f"{med(name, 'peak_mib'):.0f} MiB",
                f"{med(name, 'peak_mib') / base_mem:.2f} ×",
                f"{med(name, 'peak_mib') - base_mem:+.0f} MiB",
                f"{med(name, 'exit_peak_mib'):.0f} MiB",
            ]
            for name in results
        ],
    )


# -- the children: measure one start and print it as JSON -------------------------------


class _PaintWatch:
    """Notes when the first frame of `window`, and of the contacts table with rows, is done.

    A frame is done when the event that painted it (the window's first expose, or an
    update request) has been handled: widgets paint inside that one dispatch and the
    backing store is flushed at its end. `FrameApp.notify` sees that moment. (A zero
    timer started at the paint is not it: the app queues its own after-the-first-frame
    work the same way, and that timer ran first, so the deferred work was counted.)
    """

    def __init__(self, started: float, on_done: Callable[[], None]) -> None:
        self.started = started
        self.times: dict[str, float] = {}
        self.window: Any = None
        self.table: Any = None
        self._on_done = on_done
        self._pending: list[str] = []

    def painted(self, widget: Any) -> None:
        if self.window is None or widget.window() is not self.window:
            return
        if "window_s" not in self.times and "window_s" not in self._pending:
            self._pending.append("window_s")
        table = self.table
        if (
            table is not None
            and widget is table.viewport()
            and table.model().rowCount() > 0
            and "contacts_s" not in self.times
            and "contacts_s" not in self._pending
        ):
            self._pending.append("contacts_s")

    def frame_done(self) -> None:
        pending, self._pending = self._pending, []
        if not pending:
            return
        now, cpu, peak = time.monotonic() - self.started, time.process_time(), peak_rss_mib()
        for key in pending:
            self.times[key] = now
            self.times[key.replace("_s", "_cpu")] = cpu
            self.times["peak_mib"] = peak  # up to the last moment measured
        wanted = {"window_s", "contacts_s"} if self.table is not None else {"window_s"}
        if wanted <= self.times.keys():
            self._on_done()


def _frame_app() -> Any:
    """A QApplication that tells the watch when a dispatch that painted has returned."""
    import sys

    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QWidget

    paint = QEvent.Type.Paint

    class FrameApp(QApplication):
        watch: _PaintWatch | None = None
        depth = 0

        def notify(self, receiver: QObject, event: QEvent) -> bool:
            watch = self.watch
            if watch is not None and event.type() == paint and isinstance(receiver, QWidget):
                watch.painted(receiver)
            self.depth += 1
            try:
                return super().notify(receiver, event)
            finally:
                self.depth -= 1
                if self.depth == 0 and watch is not None:
                    watch.frame_done()

    return FrameApp(sys.argv[:1])


def child_empty(started: float) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMainWindow

    app = _frame_app()
    watch = _PaintWatch(started, lambda: QTimer.singleShot(0, app.quit))
    window = QMainWindow()
    window.resize(*WINDOW_SIZE)
    watch.window = window
    app.watch = watch
    window.show()
    app.exec()
    _print(watch)


def child_app(started: float, data_dir: str) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QTableView

    import main as rapport_main
    import ui.app
    import ui.launch

    app: Any = _frame_app()
    ui.app.set_up_app(app)  # the app's own set-up, on the watching object
    original = ui.launch.create_main_window
    watches: list[_PaintWatch] = []

    def watched(*args: Any, **kwargs: Any) -> Any:
        window = original(*args, **kwargs)
        watch = _PaintWatch(started, lambda: QTimer.singleShot(0, window.close))
        watch.window = window
        watch.table = window.findChild(QTableView, "contactsView")
        window.resize(*WINDOW_SIZE)  # the same size as the baseline, whatever was saved
        watches.append(watch)
        app.watch = watch
        return window

    ui.launch.create_main_window = watched  # type: ignore[assignment]
    code = rapport_main.main(["--data-dir", data_dir])
    if code != 0 or not watches:
        raise SystemExit(f"the app exited with {code}")
    _print(watches[0])


def _print(watch: _PaintWatch) -> None:
    result = {k: v for k, v in watch.times.items() if k.endswith(("_s", "_cpu", "_mib"))}
    result["exit_peak_mib"] = peak_rss_mib()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
