"""The domain package never imports Qt, and stays laid out by feature like `ui/`."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import crm

REPO = Path(__file__).resolve().parents[2]


def crm_modules() -> list[str]:
    return sorted(info.name for info in pkgutil.walk_packages(crm.__path__, prefix="crm."))


def test_the_crm_package_is_found_whole() -> None:
    modules = crm_modules()
    assert {
        "crm.store.db",
        "crm.store.schema",
        "crm.store.backups",
        "crm.store.integrity",
    } <= set(modules)
    assert any(name.startswith("crm.store.migrations.versions.") for name in modules)


def test_no_crm_module_imports_pyside6() -> None:
    script = (
        "import importlib, sys\n"
        f"for name in {crm_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "    if 'PySide6' in sys.modules:\n"
        "        print(name); sys.exit(1)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, f"{result.stdout.strip()} imports PySide6 {result.stderr}"


def test_crm_is_laid_out_by_feature() -> None:
    top_modules = sorted(p.name for p in (REPO / "crm").glob("*.py"))
    assert len(top_modules) <= 10, top_modules


MAX_LINES = 400


def test_no_module_of_the_domain_or_the_command_line_is_over_400_lines() -> None:
    # Migrations are written once and never change; ui/ is held to this as it is split.
    files = [REPO / "main.py", *(REPO / "cli").rglob("*.py"), *(REPO / "crm").rglob("*.py")]
    long = {
        str(path.relative_to(REPO)): count
        for path in files
        if "migrations" not in path.parts
        and (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}, f"split these into modules named for what they hold: {long}"
