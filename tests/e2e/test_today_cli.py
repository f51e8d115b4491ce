"""`main.py today` and `main.py log` as processes, on the sample data and the real clock."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from crm.calendar.followups import follow_ups_of_contact
from crm.contacts.history import list_history
from crm.contacts.names import find_contacts_by_name
from crm.samples.data import load_sample_data
from crm.store.paths import ENV_VAR, DataPaths
from crm.store.schema import open_database

REPO = Path(__file__).resolve().parents[2]


def rapport(paths: DataPaths, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in (ENV_VAR, "DISPLAY")}
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), "--data-dir", str(paths.root), *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def sample(data_paths: DataPaths) -> DataPaths:
    db = open_database(data_paths).database  # the real clock, as the command uses
    try:
        load_sample_data(db)
    finally:
        db.dispose()
    return data_paths


def test_today_json_lists_every_kind_with_contact_due_and_title(sample: DataPaths) -> None:
    done = rapport(sample, "today", "--json")
    assert done.returncode == 0, done.stderr
    items = json.loads(done.stdout)
    kinds = {i["kind"] for i in items}
    assert {"follow_up", "meeting", "deadline", "interview", "keep_in_touch", "nudge"} <= kinds
    assert {"not_now", "goal"} <= kinds
    for item in items:
        assert {"kind", "contact", "due", "title"} <= set(item)
        assert len(item["due"]) == 10 and item["due"][4] == "-"
    assert any(i["kind"] == "nudge" and i["contact"] == "Anna Lee" for i in items)


def test_today_as_text_has_the_sections(sample: DataPaths) -> None:
    done = rapport(sample, "today")
    assert done.returncode == 0, done.stderr
    for heading in ("Follow-ups", "Applications", "Keep in touch", "Not replied yet", "This week"):
        assert f"\n{heading}\n" in done.stdout
    assert done.stdout.count("\nApplications\n") == 1  # deadlines and interviews together
    assert "Interview for Analytics Engineer at Northwind Analytics — Marcus Johnson" in done.stdout
    assert "new people contacted this week" in done.stdout


def test_a_reply_logged_by_accent_free_name_closes_the_nudge(sample: DataPaths) -> None:
    done = rapport(
        sample,
        "log",
        "lukasz",
        "--kind",
        "email",
        "--direction",
        "in",
        "--summary",
        "Happy to talk next week",
    )
    assert done.returncode == 0, done.stderr
    assert "Łukasz Nowak" in done.stdout
    db = open_database(sample).database
    try:
        ((lukasz, _),) = find_contacts_by_name(db, "ŁUKASZ nowak")
        assert [f.title for f in follow_ups_of_contact(db, lukasz) if not f.done] == []
        history = [h.summary for h in list_history(db, lukasz)]
        assert "Happy to talk next week" in history
        assert "Closed “Nudge Łukasz if no reply”: they replied" in history
    finally:
        db.dispose()
    today = json.loads(rapport(sample, "today", "--json").stdout)
    assert not any(i["contact"] == "Łukasz Nowak" and i["kind"] == "nudge" for i in today)


def test_several_matches_list_the_candidates_and_exit_2(sample: DataPaths) -> None:
    done = rapport(sample, "log", "ha", "--kind", "call")
    assert done.returncode == 2
    assert "several contacts match" in done.stderr
    assert "Hannah Becker (id" in done.stderr and "Hana Nováková" in done.stderr


def test_unknown_name_and_future_time_are_refused(sample: DataPaths) -> None:
    unknown = rapport(sample, "log", "Nobody Here", "--kind", "note")
    assert unknown.returncode == 1 and "no contact is called" in unknown.stderr
    future = rapport(sample, "log", "Anna Lee", "--kind", "call", "--at", "2999-01-01T10:00")
    assert future.returncode == 1 and "later than now" in future.stderr
