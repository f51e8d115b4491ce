"""While a sync runs, the interpreter hands its lock to the window's thread quickly."""

from __future__ import annotations

import sys
import threading

import pytest

from ui.sync.lock_sharing import WHILE_SYNCING_S, window_first


def test_short_switches_while_any_sync_runs_and_the_usual_ones_after() -> None:
    usual = sys.getswitchinterval()
    inside = threading.Event()
    release = threading.Event()

    def background_sync() -> None:
        with window_first():
            inside.set()
            release.wait(5)

    worker = threading.Thread(target=background_sync)
    worker.start()
    assert inside.wait(5)
    with window_first():  # a second job at the same time
        assert sys.getswitchinterval() == pytest.approx(WHILE_SYNCING_S)
    assert sys.getswitchinterval() == pytest.approx(WHILE_SYNCING_S)  # the first still runs
    release.set()
    worker.join(5)
    assert sys.getswitchinterval() == pytest.approx(usual)
