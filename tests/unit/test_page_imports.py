"""Pages never import each other's modules: what they share lives in ui/common/ (or goes
through the hub). A new import of another page's module fails here."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
UI = REPO / "ui"
PAGES = sorted(p.name for p in UI.iterdir() if (p / "__init__.py").exists() and p.name != "common")

# Imports still crossing pages, each for a reason; remove a line when its import goes.
KNOWN = {
    # Opening another page's dialog on demand (lazily, so that page loads on first use).
    ("ui/calendar/actions.py", "ui.prep.answers"),
    ("ui/calendar/actions.py", "ui.prep.dialog"),
    ("ui/calendar/schedule.py", "ui.prep.answers"),
    ("ui/companies/page.py", "ui.calendar.schedule"),
    ("ui/contacts/actions.py", "ui.calendar.schedule"),
    ("ui/contacts/actions.py", "ui.prep.dialog"),
    ("ui/contacts/context_menu.py", "ui.calendar.schedule"),
    ("ui/contacts/progress.py", "ui.calendar.schedule"),
    ("ui/contacts/timeline.py", "ui.prep.answers"),
    ("ui/importing/actions.py", "ui.duplicates.dialog"),
    ("ui/pipeline/page.py", "ui.calendar.schedule"),
    ("ui/pipeline/page.py", "ui.prep.dialog"),
    ("ui/today/page.py", "ui.companies.jobs_dialog"),
    # In modules another change is rewriting at the same time; to move into ui/common/.
    ("ui/calendar/schedule.py", "ui.today.early_done"),
    ("ui/contacts/detail.py", "ui.today.cadence_field"),
    ("ui/today/page.py", "ui.calendar.commands"),
    ("ui/today/page.py", "ui.pipeline.commands"),
    ("ui/today/page.py", "ui.prep.dialog"),
}


def _imported(path: Path) -> set[str]:
    """Every module `path` imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def _crossing() -> set[tuple[str, str]]:
    crossing = set()
    for page in PAGES:
        for path in (UI / page).rglob("*.py"):
            for module in _imported(path):
                parts = module.split(".")
                if len(parts) > 1 and parts[0] == "ui" and parts[1] in PAGES and parts[1] != page:
                    crossing.add((path.relative_to(REPO).as_posix(), module))
    return crossing


def test_no_page_imports_another_pages_module() -> None:
    new = sorted(_crossing() - KNOWN)
    assert not new, f"share it through ui/common/ or the hub instead: {new}"


def test_the_list_of_known_crossings_holds_only_what_is_still_there() -> None:
    gone = sorted(KNOWN - _crossing())
    assert not gone, f"these imports are gone: remove them from KNOWN: {gone}"


def test_the_pages_are_found() -> None:
    assert {"contacts", "pipeline", "calendar", "prep", "today"} <= set(PAGES)
