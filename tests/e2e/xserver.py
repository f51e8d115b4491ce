"""A private Xvfb screen for tests that run the real app as a process, and a way to close
its window the way a window manager does (WM_DELETE_WINDOW), so the app shuts down normally."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import pytest

Test = TypeVar("Test", bound=Callable[..., object])

CLIENT_MESSAGE = 33  # X11 event type
NO_EVENT_MASK = 0


class _ClientMessage(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("serial", ctypes.c_ulong),
        ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("window", ctypes.c_ulong),
        ("message_type", ctypes.c_ulong),
        ("format", ctypes.c_int),
        ("data", ctypes.c_long * 5),
    ]


class _Event(ctypes.Union):
    _fields_ = [("xclient", _ClientMessage), ("pad", ctypes.c_long * 24)]


@contextmanager
def xvfb_display() -> Iterator[str]:
    """Start Xvfb on a free display number; yields the DISPLAY value (":N")."""
    read_fd, write_fd = os.pipe()
    # -noreset: by default the server resets whenever its last client disconnects, and a
    # client connecting during that reset is refused ("could not connect to display"); the
    # xdotool polls in find_window connect and disconnect all the time.
    command = ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1600x1000x24"]
    server = subprocess.Popen(
        [*command, "-nolisten", "tcp", "-noreset"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as reader:
            number = reader.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def on_x_screen(test: Test) -> Test:
    """Mark `test` as one that starts its own Xvfb screen; skipped without Xvfb or xdotool."""
    missing = shutil.which("Xvfb") is None or shutil.which("xdotool") is None
    skipped = pytest.mark.skipif(missing, reason="needs Xvfb and xdotool")(test)
    marked: Test = pytest.mark.xvfb(skipped)
    return marked


def rapport_window(
    display: str, app: subprocess.Popen[str], timeout: float = 60.0, title: str = "Rapport"
) -> int:
    """The id of `app`'s window titled `title` once it is mapped; a test failure with the app's
    error output if none appears in time."""
    window = find_window(display, app.pid, title, timeout=timeout)
    if window is None:
        app.kill()
        pytest.fail(f"no window titled {title!r} appeared:\n{app.communicate()[1][-3000:]}")
    return window


def find_window(display: str, pid: int, title: str, timeout: float = 30.0) -> int | None:
    """Poll until process `pid` has a visible top-level window titled `title`; its id or None."""
    env = {**os.environ, "DISPLAY": display}
    command = ["xdotool", "search", "--all", "--onlyvisible", "--pid", str(pid), "--name", title]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if found.returncode == 0 and found.stdout.split():
            return int(found.stdout.split()[0])
        time.sleep(0.01)
    return None


def window_property(display: str, window: int, name: str) -> str:
    """xprop's text for one property of a window."""
    env = {**os.environ, "DISPLAY": display}
    command = ["xprop", "-id", str(window), name]
    return subprocess.run(command, env=env, capture_output=True, text=True, check=False).stdout


def close_window(display: str, window: int) -> None:
    """Ask `window` to close, as a window manager's close button does."""
    xlib = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
    xlib.XOpenDisplay.restype = ctypes.c_void_p
    xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
    xlib.XInternAtom.restype = ctypes.c_ulong
    xlib.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    xlib.XSendEvent.argtypes = [
        ctypes.c_void_p,
        ctypes.c_ulong,
        ctypes.c_int,
        ctypes.c_long,
        ctypes.POINTER(_Event),
    ]
    xlib.XFlush.argtypes = [ctypes.c_void_p]
    xlib.XCloseDisplay.argtypes = [ctypes.c_void_p]
    connection = xlib.XOpenDisplay(display.encode())
    if not connection:
        raise RuntimeError(f"cannot open X display {display}")
    try:
        event = _Event()
        event.xclient.type = CLIENT_MESSAGE
        event.xclient.window = window
        event.xclient.message_type = xlib.XInternAtom(connection, b"WM_PROTOCOLS", 0)
        event.xclient.format = 32
        event.xclient.data[0] = xlib.XInternAtom(connection, b"WM_DELETE_WINDOW", 0)
        event.xclient.data[1] = 0  # CurrentTime
        xlib.XSendEvent(connection, window, 0, NO_EVENT_MASK, ctypes.byref(event))
        xlib.XFlush(connection)
    finally:
        xlib.XCloseDisplay(connection)
