"""Reminders while Rapport is closed: what is due read from a snapshot, the notification's
text, and the login entry of each system (XDG autostart, LaunchAgent, Startup folder)."""

from __future__ import annotations

import plistlib
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from crm.calendar.followups import add_follow_up
from crm.companies.service import list_companies
from crm.contacts.service import ContactFields, create_contact
from crm.store.clock import fixed_clock
from crm.store.db import Database
from crm.targets.applications import (
    ApplicationDates,
    ApplicationFields,
    add_application,
    set_dates,
    set_status,
)
from crm.today.autostart import (
    autostart_command,
    autostart_file,
    disable_autostart,
    enable_autostart,
)
from crm.today.day import FOLLOW_UP, MEETING, TodayItem
from crm.today.reminders import items_due, reminder_text
from tests.conftest import NOW

UTC_ZONE = ZoneInfo("UTC")


def test_only_what_is_due_today_or_overdue_is_read(db: Database) -> None:
    anna, _ = create_contact(db, ContactFields("Anna", "Lee"))
    add_follow_up(db, anna, "Overdue", NOW.date() - timedelta(days=2))
    add_follow_up(db, anna, "Today", NOW.date())
    add_follow_up(db, anna, "Later", NOW.date() + timedelta(days=3))
    today, items = items_due(db.path, fixed_clock(NOW), UTC_ZONE)
    assert today == NOW.date()
    assert [i.title for i in items] == ["Overdue", "Today"]


def test_an_interview_today_and_a_deadline_reached_are_reminded(db: Database) -> None:
    rosa, _ = create_contact(db, ContactFields("Rosa", "Diaz", company="Acme"))
    acme = next(c.id for c in list_companies(db) if c.name == "Acme")
    add_application(db, acme, ApplicationFields("Analyst", deadline=NOW.date()))
    add_application(db, acme, ApplicationFields("Later", deadline=NOW.date() + timedelta(days=3)))
    talk, _ = add_application(db, acme, ApplicationFields("Engineer"), ((rosa, "interviewer"),))
    set_status(db, talk, "Interviewing")
    set_dates(db, talk, ApplicationDates(interview_on=NOW.date()))
    _today, items = items_due(db.path, fixed_clock(NOW), UTC_ZONE)
    assert [i.title for i in items] == [
        "Apply for Analyst at Acme",
        "Interview for Engineer at Acme",
    ]


def test_the_notification_names_the_first_three() -> None:
    items = [TodayItem(FOLLOW_UP, 1, "Anna Lee", date(2026, 3, 10), f"Task {n}") for n in range(4)]
    items.append(TodayItem(MEETING, 2, "Ben Okafor", date(2026, 3, 10), "Coffee"))
    summary, body = reminder_text(items)
    assert summary == "Rapport: 5 things to do today"
    assert body.splitlines() == ["• Task 0", "• Task 1", "• Task 2", "and 2 more"]
    assert reminder_text(items[-1:]) == ("Rapport: 1 thing to do today", "• Coffee (Ben Okafor)")


def test_the_autostart_entry_is_written_quoted_and_removed(tmp_path: Path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config"), "HOME": str(tmp_path)}
    command = ["/usr/bin/python3", "/opt/my apps/main.py", "--data-dir", '/data/"x"$', "reminders"]
    path = enable_autostart(command, env, "linux")
    assert path == tmp_path / "config" / "autostart" / "rapport-reminders.desktop"
    text = path.read_text("utf-8")
    assert "[Desktop Entry]\nType=Application\n" in text and "NoDisplay=true" in text
    assert autostart_command(env, "linux") == command
    # Quoted, with " and $ escaped, and then every backslash escaped (the spec's two layers).
    exec_line = r'Exec=/usr/bin/python3 "/opt/my apps/main.py" --data-dir "/data/\\"x\\"\\$"'
    assert f"{exec_line} reminders\n" in text
    disable_autostart(env, "linux")
    assert autostart_command(env, "linux") is None and not path.exists()
    assert autostart_file({"HOME": "/home/u"}, "linux") == Path(
        "/home/u/.config/autostart/rapport-reminders.desktop"
    )


def test_on_macos_a_launch_agent_runs_the_helper_at_login(tmp_path: Path) -> None:
    env = {"HOME": str(tmp_path)}
    command = [
        "/Applications/Rapport.app/Contents/MacOS/rapport",
        "--data-dir",
        "/a b/$x",
        "reminders",
    ]
    path = enable_autostart(command, env, "darwin")
    assert path == tmp_path / "Library" / "LaunchAgents" / "io.github.rapport.reminders.plist"
    agent = plistlib.loads(path.read_bytes())
    assert agent == {
        "Label": "io.github.rapport.reminders",
        "ProgramArguments": command,  # launchd runs them as given, no shell to quote for
        "RunAtLoad": True,
        "ProcessType": "Interactive",
    }
    assert autostart_command(env, "darwin") == command
    disable_autostart(env, "darwin")
    assert autostart_command(env, "darwin") is None and not path.exists()


def test_on_windows_a_startup_folder_command_starts_the_helper(tmp_path: Path) -> None:
    env = {"APPDATA": str(tmp_path / "Roaming")}
    command = [
        r"C:\Program Files\Rapport\rapport.exe",
        "--data-dir",
        r"C:\Users\A&B\100%",
        "reminders",
    ]
    path = enable_autostart(command, env, "win32")
    startup = tmp_path / "Roaming" / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Startup"
    assert path == startup / "Rapport reminders.cmd"
    lines = path.read_bytes().decode("utf-8").split("\r\n")
    assert lines[0] == "@echo off"
    # start returns at once (the console closes); & stays quoted and % is doubled for cmd.
    assert lines[2] == (
        r'start "" "C:\Program Files\Rapport\rapport.exe" "--data-dir" "C:\Users\A&B\100%%"'
        ' "reminders"'
    )
    assert autostart_command(env, "win32") == command
    assert autostart_file({"USERPROFILE": r"C:\Users\a"}, "win32").name == "Rapport reminders.cmd"
    disable_autostart(env, "win32")
    assert autostart_command(env, "win32") is None and not path.exists()
