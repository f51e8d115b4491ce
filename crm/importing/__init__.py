"""Importing contacts from vCard, LinkedIn, Google, Outlook and other CSV files."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from crm.changes import EVERYTHING, Changes
from crm.errors import ImportCancelled, ImportRefused, NotFoundError
from crm.folding import id_named
from crm.importing.apply import ImportOutcome, Progress, apply_plan, source_tag
from crm.importing.csv_mapping import FIELDS, Target, guess_mapping
from crm.importing.existing import load_index
from crm.importing.plan import Action, ImportPlan, PlanItem, build_plan, file_keys
from crm.importing.reading import FORMATS, detect_format, read_import_file, read_import_text
from crm.importing.records import ImportedContact, ReadProblem, ReadResult
from crm.importing.undo import redo_import, undo_import
from crm.importing.validation import value_warnings
from crm.store.db import Database
from crm.store.gc_paused import collection_paused
from crm.wording import plural


def plan_import(db: Database, result: ReadResult) -> ImportPlan:
    """Match what was read against the contacts in the database."""
    with collection_paused():
        keys, wanted = file_keys(result.contacts)
        plan = build_plan(result, load_index(db, wanted), keys)
    return replace(plan, warnings=value_warnings(result.contacts))


def stage_id_by_name(db: Database, name: str | None) -> int:
    """The id of the stage called `name` (any case), or of the first stage when None."""
    with db.connection() as conn:
        if name is None:
            row = conn.execute("SELECT id FROM stages ORDER BY position LIMIT 1").fetchone()
        else:
            found = id_named(conn.execute("SELECT id, name FROM stages ORDER BY position"), name)
            row = None if found is None else (found,)
    if row is None:
        raise NotFoundError(f"There is no pipeline stage called “{name}”.")
    return int(row[0])


def import_file(
    db: Database,
    path: Path,
    fmt: str = "auto",
    *,
    stage_id: int | None = None,
    strict: bool = False,
    progress: Progress | None = None,
) -> tuple[ImportPlan, ImportOutcome, Changes]:
    """Read, match and import a file with the default choices (matches are merged)."""
    result = read_import_file(path, fmt)
    return import_read(db, result, stage_id=stage_id, strict=strict, progress=progress)


def import_read(
    db: Database,
    result: ReadResult,
    *,
    stage_id: int | None = None,
    strict: bool = False,
    progress: Progress | None = None,
) -> tuple[ImportPlan, ImportOutcome, Changes]:
    """import_file for a file already read."""
    if strict and result.problems:
        listed = "; ".join(str(p) for p in result.problems[:5])
        raise ImportRefused(f"{plural(len(result.problems), 'row')} cannot be read ({listed}).")
    plan = plan_import(db, result)
    stage = stage_id if stage_id is not None else stage_id_by_name(db, None)
    outcome = apply_plan(db, plan, stage, progress)
    return plan, outcome, EVERYTHING


__all__ = [
    "FIELDS",
    "FORMATS",
    "Action",
    "ImportCancelled",
    "ImportOutcome",
    "ImportPlan",
    "ImportRefused",
    "ImportedContact",
    "PlanItem",
    "Progress",
    "ReadProblem",
    "ReadResult",
    "Target",
    "apply_plan",
    "detect_format",
    "guess_mapping",
    "import_file",
    "import_read",
    "plan_import",
    "read_import_file",
    "read_import_text",
    "redo_import",
    "source_tag",
    "stage_id_by_name",
    "undo_import",
]
