"""Benchmark: search as you type over 100,000 contacts, key press to repainted table.

    python -m bench.search_typing [--contacts 10000 30000 100000] [--repeat 1] [--cold]

The real main window is built on a generated data folder and shown (offscreen) the way
the launcher builds it (the first page, then the other pages and their warm-up, after
which start-up's objects are set aside from the cycle collector, `ui.launch`); keys
are typed into `contactSearch` with QTest.keyClick, one at a time: words, a space and
a second word, then Backspace until the field is empty again, so one-letter prefixes
(the largest result sets) are part of the mix. Each sample is the time from the key
press until the **last** paint of `contactsView` within the next 500 ms (events are
processed for those 500 ms, so a list replaced later by a timer counts at its replacement),
or, when nothing was due to repaint, a synchronous `viewport().repaint()`.

The search keeps the name order in memory once built (seconds after start-up or a
change); `--cold` also types while a build has read only its head and each contact's
place (the first half second of it at 100,000 contacts), and with none of it.

The baseline types the same keys into a bare QLineEdit beside a QTableView over an
empty model, in a window of the same size, measured the same way. Figures: p50/p95 in
milliseconds and the ratio of Rapport's to the baseline's.
"""

from __future__ import annotations

import argparse
import gc
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bench._common import data_folder, median, percentile, print_table

if TYPE_CHECKING:
    from ui.contacts.page import ContactsPage

WINDOW_SIZE = (1240, 780)
WORDS = (
    "anna lee",
    "garcia",
    "schmidt data",
    "okafor",
    "acme analytics",
    "ines",
    "berlin",
    "nova health",
    "moreau",
    "sao paulo",
    "kim",
    "consultant",
    "yusuf demir",
    "zephyr",
    "lindqvist",
)


def keystrokes(repeat: int) -> Iterator[str]:
    """Each word typed letter by letter, then erased with Backspace ("" stands for it)."""
    for _ in range(repeat):
        for word in WORDS:
            yield from word
            yield from [""] * len(word)


SETTLE_S = 0.5  # how long after a key its paints still count


class PaintCounter(QObject):
    """Counts the Paint events a widget receives and notes when the last one ended."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.count = 0
        self.last = 0.0
        self.last_cpu = 0.0  # the process's CPU time when the last paint ended
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
            # The paint runs after this filter returns: a zero timer fires once it is done.
            self.last = -1.0
            QTimer.singleShot(0, self._stamp)
        return False

    def _stamp(self) -> None:
        self.last = time.perf_counter()
        self.last_cpu = time.process_time()

    def settle(self, app: QApplication) -> None:
        """Process events for SETTLE_S; a paint still open at the end is stamped now."""
        until = time.perf_counter() + SETTLE_S
        while time.perf_counter() < until:
            app.processEvents()
            time.sleep(0.002)
        if self.last < 0:
            self._stamp()


@dataclass
class Samples:
    """Per keystroke, in milliseconds: wall-clock total, the key's own handling (search
    and model), and the process's CPU time for the whole (steadier on a busy machine);
    and how many times the table painted."""

    total: list[float] = field(default_factory=list)
    key: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    paints: list[int] = field(default_factory=list)


def type_and_time(
    app: QApplication, search: QLineEdit, view: QTableView, keys: list[str]
) -> Samples:
    """Time each key press until the table's last paint within SETTLE_S after it."""
    samples = Samples()
    paints = PaintCounter(view.viewport())
    search.setFocus()
    for key in keys:
        before = paints.count
        started, cpu = time.perf_counter(), time.process_time()
        if key:
            QTest.keyClicks(search, key)
        else:
            QTest.keyClick(search, Qt.Key.Key_Backspace)
        handled = time.perf_counter()
        app.processEvents()  # the posted layout and the update the search asked for
        if paints.count == before:  # nothing was due (same result): paint anyway
            view.viewport().repaint()
        paints.last, paints.last_cpu = time.perf_counter(), time.process_time()
        paints.settle(app)  # a later replacement of the list counts at its last paint
        samples.total.append((paints.last - started) * 1000)
        samples.key.append((handled - started) * 1000)
        samples.cpu.append((paints.last_cpu - cpu) * 1000)
        samples.paints.append(max(paints.count - before, 1))
    return samples


def baseline(app: QApplication, keys: list[str]) -> Samples:
    window = QWidget()
    layout = QVBoxLayout(window)
    search = QLineEdit()
    view = QTableView()
    view.setModel(QStringListModel([], view))
    layout.addWidget(search)
    layout.addWidget(view, 1)
    window.resize(*WINDOW_SIZE)
    window.show()
    app.processEvents()
    try:
        return type_and_time(app, search, view, keys)
    finally:
        window.close()


# How much of the in-memory name order the search keeps is there while typing: all of it
# (as from a few seconds after start or after data changed), what a build reads first
# (the head of the order and each contact's place, while it reads the rest), or none
# (SQLite answers every search).
HELD, HEAD, NONE = "held", "head", "none"


def rapport(
    app: QApplication, contacts: int, fresh: bool, keys: list[str], *, copy: str = HELD
) -> Samples:
    """Typing into the real window, with as much of the name order as `copy` says (the
    keeper builds none of it on its own but for HELD)."""
    from ui.app import create_main_window
    from ui.contacts.page import ContactsPage
    from ui.launch import install_the_rest

    paths = data_folder(contacts, fresh=fresh)
    # As `ui.launch` builds it: the first page shown, then the rest and their warm-up,
    # which ends by setting start-up's objects aside from the cycle collector (gc.freeze);
    # a window built whole and never frozen has its collections walk all of them.
    window = create_main_window(paths.root, first_page_only=True)
    search = window.findChild(QLineEdit, "contactSearch")
    view = window.findChild(QTableView, "contactsView")
    page = window.findChild(ContactsPage)
    if search is None or view is None or page is None:
        raise SystemExit("the window has no contactSearch or contactsView")
    page.name_order.enabled = copy == HELD  # before the keeper's first chance to build it
    window.resize(*WINDOW_SIZE)
    window.show()
    app.processEvents()
    warm_up = install_the_rest(window)
    deadline = time.perf_counter() + 300
    while not warm_up.done:
        if time.perf_counter() > deadline:
            raise SystemExit("the warm-up did not finish within 5 minutes")
        app.processEvents()
        time.sleep(0.005)
    try:
        type_and_time(app, search, view, keys[:40])  # warm-up: first queries fill caches
        search.clear()
        if copy == HELD:
            wait_for_name_order(app, page)
        building = read_head(page) if copy == HEAD else None
        samples = type_and_time(app, search, view, keys)
        if building is not None and page.model.first_page().name_order().is_current():
            raise SystemExit("the name order was built whole while typing with its head")
        return samples
    finally:
        window.close()
        window.ctx.db.dispose()
        # Gone before the next case: frozen, the window would never be collected, and
        # its pages' timers would run during the next one's keys.
        window.deleteLater()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.unfreeze()
        gc.collect()


def wait_for_name_order(app: QApplication, page: ContactsPage) -> None:
    order = page.model.first_page().name_order()
    deadline = time.perf_counter() + 300
    while not order.is_current():
        if time.perf_counter() > deadline:
            raise SystemExit("the name order was not built within 5 minutes")
        app.processEvents()
        time.sleep(0.005)


def read_head(page: ContactsPage) -> Iterator[None]:
    """A build of the name order that has read its head and each contact's place, and
    waits (returned, to keep)."""
    order = page.model.first_page().name_order()
    steps = order.build()
    while order.ranks() is None:  # the head read, and each place
        next(steps)
    return steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    parser.add_argument("--repeat", type=int, default=1, help="times through the word list")
    parser.add_argument("--fresh", action="store_true", help="regenerate the data folder")
    parser.add_argument(
        "--cold",
        action="store_true",
        help="also type while the name order is built (its head read) and before",
    )
    args = parser.parse_args()
    keys = list(keystrokes(args.repeat))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no screen needed, none disturbed
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    for contacts in args.contacts:
        print(f"Preparing a data folder with {contacts:,} contacts…")
        data_folder(contacts, fresh=args.fresh)
        # The baseline again beside each size: the machine drifts over minutes.
        cases = [("bare QLineEdit + QTableView", baseline(app, keys))]
        cases.append(("Rapport contacts page", rapport(app, contacts, False, keys)))
        if args.cold:
            head = rapport(app, contacts, False, keys, copy=HEAD)
            cases.append(("Rapport, name order's head read", head))
            cold = rapport(app, contacts, False, keys, copy=NONE)
            cases.append(("Rapport, name order not built", cold))
        report(contacts, cases)


def report(contacts: int, cases: list[tuple[str, Samples]]) -> None:
    base = cases[0][1]
    rows = []
    for name, samples in cases:
        rows.append(
            [
                name,
                len(samples.total),
                median(samples.total),
                percentile(samples.total, 0.95),
                max(samples.total),
                median(samples.total) / median(base.total),
                percentile(samples.total, 0.95) / percentile(base.total, 0.95),
                median(samples.key),
                median(samples.cpu),
                percentile(samples.cpu, 0.95),
                sum(samples.paints) / len(samples.paints),
            ]
        )
    print_table(
        f"Search as you type, {contacts:,} contacts (milliseconds, key press to the last "
        "paint within 500 ms)",
        [
            "case",
            "keys",
            "p50",
            "p95",
            "max",
            "p50 ×",
            "p95 ×",
            "key p50",
            "cpu p50",
            "cpu p95",
            "paints",
        ],
        rows,
    )
    print(
        "  key: the key press alone (search, model reset); the rest is layout and painting.\n"
        "  cpu: the process's CPU time from the key to the last paint, steadier than wall\n"
        "  time when the machine is busy. paints: the table's paints per key (mean)."
    )


if __name__ == "__main__":
    main()
