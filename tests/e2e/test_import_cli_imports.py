"""What `main.py import FILE` loads (a fresh interpreter): none of the ORM's machinery.

The import writes through plain sqlite3 (its column lists are checked against the models
by tests/unit/test_import_rows.py); SQLAlchemy, the models and Alembic (for a current
file) cost about half a second of a command that should take under one beyond start-up.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

from crm.store.paths import DataPaths
from crm.store.schema import open_database
from tests.e2e.processes import finished, user_environment

NEVER = ("sqlalchemy", "alembic", "crm.store.models", "crm.contacts.service", "vobject")

PROBE = """
import json, sys
import main
code = main.main(sys.argv[1:])
print(json.dumps([code, sorted(sys.modules)]))
"""

CSV = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Anna,Lee,https://www.linkedin.com/in/anna-lee,anna@example.com,Acme,Engineer,12 Mar 2024\n"
    "Ben,Okafor,https://www.linkedin.com/in/ben-okafor,,Initech,Designer,1 Feb 2023\n"
)


def test_a_linkedin_import_from_the_command_line_loads_no_orm(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data").ensure()
    open_database(paths).database.dispose()
    csv = tmp_path / "Connections.csv"
    csv.write_text(CSV, encoding="utf-8")
    done = finished(
        [sys.executable, "-c", PROBE, "--data-dir", str(paths.root), "import", str(csv)],
        env=user_environment(),
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "2 added" in done.stdout
    code, modules = json.loads(done.stdout.strip().splitlines()[-1])
    assert code == 0 and "crm.importing.apply" in modules
    loaded = sorted(m for m in modules if any(m == x or m.startswith(f"{x}.") for x in NEVER))
    assert loaded == []
    conn = sqlite3.connect(paths.database)
    names = conn.execute("SELECT first_name FROM contacts ORDER BY first_name").fetchall()
    conn.close()
    assert names == [("Anna",), ("Ben",)]
