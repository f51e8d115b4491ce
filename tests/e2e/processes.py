"""Rapport as a real process: a command run to its end, the app started, waited for and stopped.

Every end-to-end test starts `main.py` (or the bundle) the same way: from the repository, with
the user's environment minus the data-folder variable, text output captured, and never left
running when the test ends.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import pytest

from crm.store.paths import ENV_VAR

REPO = Path(__file__).resolve().parents[2]
MAIN = (sys.executable, str(REPO / "main.py"))
STARTUP_TIMEOUT = 60.0

T = TypeVar("T")


def user_environment(*, unset: Iterable[str] = (), **values: str) -> dict[str, str]:
    """This process's environment without the data-folder variable and `unset`, plus `values`."""
    dropped = {ENV_VAR, *unset}
    env = {key: value for key, value in os.environ.items() if key not in dropped}
    env.update(values)
    return env


def finished(
    command: Sequence[str], *, env: Mapping[str, str], cwd: Path = REPO, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """`command` run to its end, its output captured as text; the caller checks its exit code."""
    return subprocess.run(
        list(command), cwd=cwd, env=dict(env), capture_output=True, text=True, timeout=timeout
    )


def rapport(
    *args: str, env: Mapping[str, str] | None = None, unset: Iterable[str] = ()
) -> subprocess.CompletedProcess[str]:
    """`main.py args` run to its end in the user's environment changed by `env` and `unset`."""
    return finished([*MAIN, *args], env=user_environment(unset=unset, **(env or {})))


def start(
    command: Sequence[str], *, env: Mapping[str, str], cwd: Path = REPO
) -> subprocess.Popen[str]:
    """`command` started, its output and error output piped as text."""
    return subprocess.Popen(
        list(command),
        cwd=cwd,
        env=dict(env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def start_rapport(*args: str, env: Mapping[str, str]) -> subprocess.Popen[str]:
    """The app, `main.py args`, started from the repository."""
    return start([*MAIN, *args], env=env)


@contextmanager
def reaped(app: subprocess.Popen[str]) -> Iterator[subprocess.Popen[str]]:
    """`app` for the block; killed if the block leaves it running, its pipes drained either way."""
    try:
        yield app
    finally:
        if app.poll() is None:
            app.kill()
        app.communicate()


def stop(app: subprocess.Popen[str]) -> tuple[int, str]:
    """Ask the app to quit as the desktop does at log-out; its exit code and error output."""
    app.send_signal(signal.SIGTERM)
    _out, err = app.communicate(timeout=30)
    return app.returncode, err


def wait_while_running(
    app: subprocess.Popen[str], ready: Callable[[], T | None], failure: str
) -> T:
    """What `ready` returns once it is something, asked while `app` runs; a test failure
    with `app`'s error output if it ends first, with `failure` if it takes too long."""
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        assert app.poll() is None, app.communicate()[1]
        found = ready()
        if found:
            return found
        time.sleep(0.05)
    pytest.fail(failure)
