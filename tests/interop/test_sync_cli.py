"""`main.py sync` as a real process against a real Radicale: add, run, status, remove."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from crm.store.paths import ENV_VAR
from tests.interop.dav_servers import DavServer, dav_server

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus" / "vcard"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[DavServer]:
    with dav_server("radicale", tmp_path / "server") as running:
        yield running


def rapport(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != ENV_VAR}
    env["RAPPORT_SYNC_PASSWORD"] = "x"
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), "--data-dir", str(folder), *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )


def test_add_run_status_and_remove(tmp_path: Path, server: DavServer) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    assert rapport(a, "sample-data").returncode == 0
    added = rapport(a, "sync", "add", "Home", "--url", server.root, "--username", "tester")
    assert added.returncode == 0, added.stderr
    assert server.addressbook in added.stdout
    first = rapport(a, "sync", "run")
    assert first.returncode == 0, first.stderr
    uploaded = int(first.stdout.split("contacts: uploaded ")[1].split(",")[0])
    assert "meetings: uploaded " in first.stdout
    assert uploaded > 30
    assert (
        rapport(
            b, "sync", "add", "home", "--url", server.addressbook, "--username", "tester"
        ).returncode
        == 0
    )
    waiting = rapport(b, "sync", "run", "--dry-run")
    assert waiting.returncode == 3 and f"{uploaded} on the server, 0 here" in waiting.stdout
    pulled = rapport(b, "sync", "run", "--yes", "--list")
    assert (
        pulled.returncode == 0 and f"contacts: uploaded 0, downloaded {uploaded}," in pulled.stdout
    )
    listed = [ln for ln in pulled.stdout.splitlines() if "(contact) — added here" in ln]
    assert len(listed) == uploaded
    status = rapport(b, "sync", "status")
    assert "home:" in status.stdout and f"{uploaded} contacts and " in status.stdout
    removed = rapport(b, "sync", "remove", "HOME")
    assert removed.returncode == 0 and "contacts stay" in removed.stdout
    assert "No sync accounts" in rapport(b, "sync", "status").stdout


def test_an_unreachable_server_is_one_clear_line(tmp_path: Path) -> None:
    result = rapport(
        tmp_path / "a", "sync", "add", "Home", "--url", "http://127.0.0.1:9/", "--username", "u"
    )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "rapport: The server 127.0.0.1:9 cannot be reached. Check the address and your connection."
    )


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs the shared vCard corpus beside the repo")
def test_the_vcard_corpus_travels_through_the_server_without_loss(
    tmp_path: Path, server: DavServer
) -> None:
    from crm.errors import ImportRefused
    from crm.importing import import_file
    from crm.store.paths import DataPaths
    from crm.store.schema import open_database
    from crm.sync.local import local_cards

    a, b = tmp_path / "a", tmp_path / "b"
    database = open_database(DataPaths(a).ensure()).database
    for file in sorted(CORPUS.glob("*.vcf")):
        with contextlib.suppress(ImportRefused):
            import_file(database, file, "auto")
    database.dispose()
    for folder in (a, b):
        rapport(folder, "sync", "add", "home", "--url", server.addressbook, "--username", "tester")
    assert rapport(a, "sync", "run").returncode == 0
    assert rapport(b, "sync", "run", "--yes").returncode == 0

    def cards(folder: Path) -> Counter[object]:
        database = open_database(DataPaths(folder)).database
        try:
            with database.read() as session:
                return Counter(f for _, f in local_cards(session).values())
        finally:
            database.dispose()

    assert cards(a) == cards(b)
    assert len(cards(a)) > 0


def test_follow_ups_as_tasks_from_the_command_line(tmp_path: Path, server: DavServer) -> None:
    a = tmp_path / "a"
    assert rapport(a, "sample-data").returncode == 0
    added = rapport(
        a, "sync", "add", "Home", "--url", server.root, "--username", "tester",
        "--follow-ups-as-tasks",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "Follow-ups sync as tasks in that calendar" in added.stdout
    first = rapport(a, "sync", "run")
    assert first.returncode == 0, first.stderr
    sent = int(first.stdout.split("follow-ups: uploaded ")[1].split(",")[0])
    assert sent > 0
    status = rapport(a, "sync", "status")
    assert f"and {sent} follow-ups synced" in status.stdout
    again = rapport(a, "sync", "run", "--dry-run", "--list")
    assert again.returncode == 0 and "uploaded 0, downloaded 0" in again.stdout
    assert "— " not in again.stdout  # nothing to list when nothing changes
