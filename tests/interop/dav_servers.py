"""Real CardDAV/CalDAV servers for the sync tests: Radicale and Xandikos on 127.0.0.1.

Each server runs as its own process on a free port with a temporary folder, and is
stopped when the test ends.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import niquests

from crm.store.db import Database
from crm.sync.accounts import add_account
from crm.sync.state import AccountInfo

SERVERS = ("radicale", "xandikos")


@dataclass(frozen=True)
class DavServer:
    kind: str
    root: str  # http://127.0.0.1:PORT/
    addressbook: str  # an address book's URL, created empty
    folder: Path
    calendar: str = ""  # a calendar's URL, created empty
    password: str = "x"  # the tester's (any is accepted unless the server was given one)

    def put_raw(self, name: str, text: str) -> niquests.Response:
        """Write a card as a third client would (no Rapport involved)."""
        return _put(f"{self.addressbook}{name}", text, "text/vcard; charset=utf-8", self.password)

    def put_calendar_raw(self, name: str, text: str) -> niquests.Response:
        """Write an event or a task into the calendar as a phone would."""
        return _put(f"{self.calendar}{name}", text, "text/calendar; charset=utf-8", self.password)

    def add_account(
        self, db: Database, name: str = "home", *, calendar: bool = True
    ) -> AccountInfo:
        """A sync account in `db` for the test user here (with the calendar unless told not)."""
        return add_account(
            db,
            name,
            url=self.root,
            username="tester",
            addressbook_url=self.addressbook,
            calendar_url=self.calendar if calendar else "",
        )

    def plant(self, name: str, text: str) -> None:
        """Put a card in place even where the server would refuse it over HTTP (Radicale
        refuses a second card with a UID it holds; older servers and bugs leave them)."""
        if self.kind == "radicale":
            book = self.folder / "store" / "collection-root" / "tester" / "contacts"
            (book / name).write_text(text, encoding="utf-8")
        else:
            assert self.put_raw(name, text).status_code in (201, 204)


def _put(url: str, text: str, content_type: str, password: str) -> niquests.Response:
    return niquests.put(
        url, data=text.encode(), auth=("tester", password), headers={"Content-Type": content_type}
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _command(kind: str, port: int, folder: Path, password: str | None) -> list[str]:
    if kind == "radicale":
        auth = ["--auth-type", "none"]
        if password is not None:  # the tester's password checked, as a real server does
            users = folder / "users"
            users.write_text(f"tester:{password}\n")
            auth = ["--auth-type", "htpasswd", "--auth-htpasswd-filename", str(users)]
            auth += ["--auth-htpasswd-encryption", "plain", "--auth-delay", "0"]
        return [
            sys.executable,
            "-m",
            "radicale",
            "--config",
            "",
            "--server-hosts",
            f"127.0.0.1:{port}",
            *auth,
            "--storage-filesystem-folder",
            str(folder / "store"),
            "--rights-type",
            "owner_only",
            "--logging-level",
            "warning",
        ]
    return [
        sys.executable,
        "-m",
        "xandikos.web",
        "-d",
        str(folder / "store"),
        "--defaults",
        "--current-user-principal",
        "/tester/",
        "-l",
        "127.0.0.1",
        "-p",
        str(port),
        "--state-dir",
        str(folder / "state"),
        "--no-detect-systemd",
    ]


def _wait(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped: {process.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
        try:
            niquests.request("OPTIONS", url, timeout=1)
            return
        except niquests.exceptions.ConnectionError:
            time.sleep(0.1)
    raise RuntimeError("the server did not start in 30 s")


_ADDRESSBOOK = (
    '<?xml version="1.0"?><d:mkcol xmlns:d="DAV:" '
    'xmlns:c="urn:ietf:params:xml:ns:carddav"><d:set><d:prop><d:resourcetype>'
    "<d:collection/><c:addressbook/></d:resourcetype><d:displayname>Contacts"
    "</d:displayname></d:prop></d:set></d:mkcol>"
)
_CALENDAR = (
    '<?xml version="1.0"?><c:mkcalendar xmlns:d="DAV:" '
    'xmlns:c="urn:ietf:params:xml:ns:caldav"><d:set><d:prop>'
    "<d:displayname>Calendar</d:displayname></d:prop></d:set></c:mkcalendar>"
)


def _make_collection(
    kind: str, root: str, path: str, xandikos_path: str, method: str, body: str, password: str
) -> str:
    """The tester's collection's URL, made with `method` (xandikos makes its own)."""
    if kind == "xandikos":
        return f"{root}tester/{xandikos_path}"
    url = f"{root}tester/{path}"
    response = niquests.request(
        method,
        url,
        data=body,
        auth=("tester", password),
        headers={"Content-Type": "application/xml"},
    )
    assert response.status_code == 201, response.text
    return url


@contextmanager
def dav_server(kind: str, folder: Path, *, password: str | None = None) -> Iterator[DavServer]:
    """A server on a free port; any password is accepted unless `password` is given
    (Radicale only)."""
    port = free_port()
    folder.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen(
        _command(kind, port, folder, password), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        root = f"http://127.0.0.1:{port}/"
        _wait(root, process)
        word = password or "x"
        book = _make_collection(
            kind, root, "contacts/", "contacts/addressbook/", "MKCOL", _ADDRESSBOOK, word
        )
        calendar = _make_collection(
            kind, root, "calendar/", "calendars/calendar/", "MKCALENDAR", _CALENDAR, word
        )
        yield DavServer(kind, root, book, folder, calendar, word)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
