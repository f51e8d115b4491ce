"""Rapport on a full disk and in a read-only folder, as real processes on real mounts.

Run inside a private mount namespace (`unshare -rm python -m tests.disk_trouble MODE DIR`,
see tests/unit/test_disk_trouble.py), where mounting a small tmpfs or a read-only bind
mount needs no privileges and disappears with the process. Prints one JSON object: what
each command returned and said, and what the data file held afterwards.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CARDS = 1500


def rapport(folder: Path, *args: str, gui: bool = False) -> dict[str, object]:
    environment = {k: v for k, v in os.environ.items() if k != "RAPPORT_DATA_DIR"}
    environment["QT_QPA_PLATFORM"] = "offscreen"
    command = [sys.executable, str(REPO / "main.py"), "--data-dir", str(folder), *args]
    done = subprocess.run(
        command, cwd=REPO, env=environment, capture_output=True, text=True, timeout=120
    )
    return {"code": done.returncode, "err": done.stderr.strip(), "out": done.stdout.strip()}


def contacts(folder: Path) -> int:
    conn = sqlite3.connect(f"file:{folder / 'rapport.sqlite3'}?mode=ro&immutable=1", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM contacts").fetchone()[0])
    finally:
        conn.close()


def mount(*args: str) -> None:
    subprocess.run(["mount", *args], check=True, capture_output=True)


def seed(folder: Path) -> None:
    from crm.contacts.service import ContactFields, create_contact
    from crm.store.paths import DataPaths
    from crm.store.schema import open_database

    database = open_database(DataPaths(folder)).database
    for first in ("Anna", "Ravi", "Mei"):
        create_contact(database, ContactFields(first, "Lee"))
    database.dispose()


def cards(path: Path, count: int) -> Path:
    notes = "Met at the meetup; talked about hiring. " * 4
    path.write_text(
        "".join(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i}\r\nN:{i};Person;;;\r\n"
            f"NOTE:{notes}\r\nEND:VCARD\r\n"
            for i in range(count)
        )
    )
    return path


def fill(path: Path) -> Path:
    """Write `path` until the disk is full."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while os.write(fd, b"\0" * 4096):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)
    return path


def full(base: Path) -> dict[str, object]:
    disk = base / "disk"
    disk.mkdir()
    mount("-t", "tmpfs", "-o", "size=6m", "tmpfs", str(disk))
    folder = disk / "data"
    seed(folder)
    big = cards(base / "big.vcf", CARDS)
    filler = fill(disk / "filler")
    os.truncate(filler, max(0, filler.stat().st_size - 256 * 1024))  # free a little
    result: dict[str, object] = {"import": rapport(folder, "import", str(big))}
    result["check_while_full"] = rapport(folder, "check")
    result["contacts_while_full"] = contacts(folder)
    last_bytes = fill(disk / "filler-2")
    result["window_while_full"] = rapport(folder)
    last_bytes.unlink()
    filler.unlink()  # space is back
    result["check"] = rapport(folder, "check")
    result["contacts"] = contacts(folder)
    result["import_again"] = rapport(folder, "import", str(big))
    result["contacts_after"] = contacts(folder)
    return result


def read_only(base: Path) -> dict[str, object]:
    folder = base / "data"
    seed(folder)
    (folder / "backups").rmdir()
    small = cards(base / "small.vcf", 2)
    mount("--bind", str(folder), str(folder))
    mount("-o", "remount,bind,ro", str(folder))
    return {
        "import": rapport(folder, "import", str(small)),
        "backup": rapport(folder, "backup"),
        "check": rapport(folder, "check"),
        "export": rapport(folder, "export", "--csv", str(base / "out.csv")),
        "window": rapport(folder),
        "contacts": contacts(folder),
    }


def main() -> int:
    mode, base = sys.argv[1], Path(sys.argv[2])
    result = full(base) if mode == "full" else read_only(base)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
