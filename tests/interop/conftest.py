"""Interop fixtures: a real CardDAV/CalDAV server (each kind in turn) and two data folders
that sync with it, as two computers of the same user would."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from crm.store.db import Database
from crm.store.paths import DataPaths
from crm.store.schema import open_database
from tests.interop.dav_servers import SERVERS, DavServer, dav_server


@pytest.fixture(params=SERVERS)
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[DavServer]:
    with dav_server(request.param, tmp_path / "server") as running:
        yield running


@pytest.fixture
def with_calendar() -> bool:
    """Whether the folders' account syncs the calendar too (a test module may say yes)."""
    return False


def _folder(tmp_path: Path, name: str, server: DavServer, calendar: bool) -> Iterator[Database]:
    db = open_database(DataPaths(tmp_path / name).ensure()).database
    server.add_account(db, calendar=calendar)
    yield db
    db.dispose()


@pytest.fixture
def a(tmp_path: Path, server: DavServer, with_calendar: bool) -> Iterator[Database]:
    yield from _folder(tmp_path, "a", server, with_calendar)


@pytest.fixture
def b(tmp_path: Path, server: DavServer, with_calendar: bool) -> Iterator[Database]:
    yield from _folder(tmp_path, "b", server, with_calendar)
