"""The desktop bundle, built with the documented command and used as a person would use it:
command-line commands on a fresh data folder, then the window opened and closed."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from crm.contacts.listing import ids_sql
from crm.contacts.service import ContactFields, create_contact, get_contact
from crm.store.paths import DataPaths
from crm.store.schema import open_database
from crm.sync.webdav import CardDavClient
from crm.version import __version__
from tests.conftest import REPO
from tests.e2e.processes import finished, reaped, start
from tests.e2e.xserver import close_window, rapport_window, window_property, xvfb_display
from tests.interop.dav_servers import dav_server

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="POSIX build")]

BUILD_TIMEOUT_S = 420  # PyInstaller takes one to three minutes on two cores

VCARD = """\
BEGIN:VCARD
VERSION:3.0
UID:urn:uuid:2c3e8f0a-6c1d-4f57-9a53-3f0f5d7f3b11
FN:Zoë Okafor
N:Okafor;Zoë;;;
ORG:Northwind Robotics
TITLE:Staff Engineer
EMAIL;TYPE=work:zoe.okafor@northwind.example
TEL;TYPE=cell:+44 20 7946 0958
END:VCARD
"""


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The bundled executable, built by `./dev.sh bundle` into a temporary folder."""
    out = tmp_path_factory.mktemp("bundle")
    build = finished(
        [str(REPO / "dev.sh"), "bundle", "--dist", str(out / "dist"), "--work", str(out / "work")],
        env=os.environ,
        timeout=BUILD_TIMEOUT_S,
    )
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    executable = out / "dist" / "rapport" / "rapport"
    assert executable.is_file()
    yield executable
    shutil.rmtree(out, ignore_errors=True)


def bundle_env(home: Path, **extra: str) -> dict[str, str]:
    """A user's environment: nothing pointing at the source tree or its virtualenv."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "VIRTUAL_ENV", "RAPPORT_", "QT_", "PYTEST"))
    }
    env.update(HOME=str(home), LANG="C.UTF-8", **extra)
    return env


def run_bundle(
    executable: Path, data: Path, *args: str, cwd: Path
) -> subprocess.CompletedProcess[str]:
    env = bundle_env(cwd, QT_QPA_PLATFORM="offscreen")
    return finished([str(executable), "--data-dir", str(data), *args], env=env, cwd=cwd)


@pytest.mark.timeout(BUILD_TIMEOUT_S + 120)
def test_bundle_imports_checks_and_prints_a_prep_sheet(bundle: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    card = tmp_path / "zoe.vcf"
    card.write_text(VCARD, encoding="utf-8")

    printed = run_bundle(bundle, data, "--version", cwd=tmp_path)
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout.strip() == f"rapport {__version__}"

    imported = run_bundle(bundle, data, "import", str(card), cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    assert "Traceback" not in imported.stderr

    checked = run_bundle(bundle, data, "check", cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Traceback" not in checked.stderr

    # What the bundle wrote is an ordinary, current Rapport file (its migrations ran).
    database = open_database(DataPaths(data)).database
    try:
        conn = sqlite3.connect(database.path, isolation_level=None)
        try:
            sql, params = ids_sql("Okafor")
            ids = [row[0] for row in conn.execute(sql, params)]
        finally:
            conn.close()
        assert len(ids) == 1
        contact = get_contact(database, ids[0])
        assert (contact.first_name, contact.last_name) == ("Zoë", "Okafor")
        assert contact.title == "Staff Engineer"
    finally:
        database.dispose()

    pdf = tmp_path / "prep.pdf"
    prep = run_bundle(
        bundle, data, "prep", "--contact", "Zoë Okafor", "--pdf", str(pdf), cwd=tmp_path
    )
    assert prep.returncode == 0, prep.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Zoë Okafor" in text
    assert "Northwind Robotics" in text


@pytest.mark.xvfb
@pytest.mark.timeout(BUILD_TIMEOUT_S + 120)
def test_bundle_window_opens_with_its_icon_and_closes_cleanly(bundle: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    with xvfb_display() as display:
        env = bundle_env(tmp_path, DISPLAY=display, QT_QPA_PLATFORM="xcb")
        with reaped(start([str(bundle), "--data-dir", str(data)], env=env, cwd=tmp_path)) as app:
            window = rapport_window(display, app, timeout=90)
            # The window carries the app icon read from the bundled resources/icons.
            assert "Icon (16 x 16)" in window_property(display, window, "_NET_WM_ICON")
            close_window(display, window)
            _stdout, stderr = app.communicate(timeout=60)
    assert app.returncode == 0, stderr
    assert "Traceback" not in stderr
    # Closing saved the window's geometry, as closing it by hand does.
    assert (data / "ui-state.ini").is_file()
    assert (data / "rapport.sqlite3").is_file()


@pytest.mark.xvfb
@pytest.mark.timeout(BUILD_TIMEOUT_S + 180)
def test_bundle_syncs_in_its_child_process(bundle: Path, tmp_path: Path) -> None:
    """The window's sync runs in a child process, which in the bundle is the bundle's own
    executable started again (multiprocessing's freeze support): it must sync, not open
    a second app or stop at the command line's parser."""
    data = tmp_path / "data"
    database = open_database(DataPaths(data).ensure()).database
    create_contact(database, ContactFields("Zoë", "Okafor", title="Staff Engineer"))
    with dav_server("radicale", tmp_path / "server") as server:
        server.add_account(database, calendar=False)
        database.dispose()
        with xvfb_display() as display:
            env = bundle_env(
                tmp_path, DISPLAY=display, QT_QPA_PLATFORM="xcb", RAPPORT_SYNC_PASSWORD="x"
            )
            command = [str(bundle), "--data-dir", str(data)]
            with reaped(start(command, env=env, cwd=tmp_path)) as app:
                window = rapport_window(display, app, timeout=90)
                client = CardDavClient(server.root, "tester", "x")
                deadline = time.monotonic() + 90  # the sync at start begins after 3 s
                while time.monotonic() < deadline:
                    cards = client.list_etags(server.addressbook).changed
                    if cards:
                        break
                    time.sleep(0.5)
                client.close()
                close_window(display, window)
                _stdout, stderr = app.communicate(timeout=60)
    assert len(cards) == 1, stderr
    assert app.returncode == 0, stderr
    assert "Traceback" not in stderr and "usage:" not in stderr
