"""The reminder helper as a process under Xvfb, on a private session bus with a stand-in
notification server: it sends the Notify request for what is due, and leaves the data file
and the app's lock alone."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from jeepney import HeaderFields, MessageType, new_method_return
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection

from crm.samples.data import load_sample_data
from crm.store.paths import ENV_VAR, DataPaths
from crm.store.schema import open_database
from tests.e2e.xserver import xvfb_display

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def session_bus() -> Iterator[str]:
    """A private D-Bus session bus; yields its address."""
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert daemon.stdout is not None
    address = daemon.stdout.readline().strip()
    try:
        yield address
    finally:
        daemon.terminate()
        daemon.wait(timeout=10)


class NotificationServer(threading.Thread):
    """Owns org.freedesktop.Notifications and records each Notify call's arguments."""

    def __init__(self, address: str) -> None:
        super().__init__(daemon=True)
        self.address = address
        self.calls: list[tuple[object, ...]] = []
        self.ready = threading.Event()
        self.stop = threading.Event()

    def run(self) -> None:
        with open_dbus_connection(bus=self.address) as conn:
            conn.send_and_get_reply(message_bus.RequestName("org.freedesktop.Notifications"))
            self.ready.set()
            while not self.stop.is_set():
                try:
                    message = conn.receive(timeout=0.2)
                except TimeoutError:
                    continue
                header = message.header
                if (
                    header.message_type == MessageType.method_call
                    and header.fields.get(HeaderFields.member) == "Notify"
                ):
                    self.calls.append(tuple(message.body))
                    conn.send_message(new_method_return(message, "u", (42,)))


def fingerprint(paths: DataPaths) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(paths.root.glob("rapport.sqlite3*"))
    }


def test_the_helper_sends_a_notification_of_what_is_due(
    data_paths: DataPaths, session_bus: str
) -> None:
    db = open_database(data_paths).database  # the real clock, as the helper uses
    try:
        load_sample_data(db)
    finally:
        db.dispose()
    before = fingerprint(data_paths)
    server = NotificationServer(session_bus)
    server.start()
    assert server.ready.wait(10)
    with xvfb_display() as display:
        env = {k: v for k, v in os.environ.items() if k not in (ENV_VAR, "QT_QPA_PLATFORM")}
        env.update(DISPLAY=display, DBUS_SESSION_BUS_ADDRESS=session_bus)
        done = subprocess.run(
            [
                sys.executable,
                str(REPO / "main.py"),
                "--data-dir",
                str(data_paths.root),
                "reminders",
                "--once",
            ],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
    server.stop.set()
    server.join(5)
    assert done.returncode == 0, done.stderr
    assert len(server.calls) == 1
    app, replaces, icon, summary, body, actions, _hints, _timeout = server.calls[0]
    assert (app, replaces, icon) == ("Rapport", 0, "rapport")
    assert str(summary).startswith("Rapport: ") and str(summary).endswith("to do today")
    assert "•" in str(body)
    assert actions == ["default", "Open Rapport"]  # a click opens Rapport
    assert fingerprint(data_paths) == before
    assert not data_paths.lock_file.exists()
