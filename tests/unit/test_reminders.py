"""Reminders while Rapport is closed: what is due read from a snapshot, the notification's
text, and the XDG autostart entry."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from crm.calendar.followups import add_follow_up
from crm.contacts.service import ContactFields, create_contact
from crm.store.clock import fixed_clock
from crm.store.db import Database
from crm.today.day import FOLLOW_UP, MEETING, TodayItem
from crm.today.reminders import (
    autostart_command,
    autostart_file,
    disable_autostart,
    enable_autostart,
    items_due,
    reminder_text,
)
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
    path = enable_autostart(command, env)
    assert path == tmp_path / "config" / "autostart" / "rapport-reminders.desktop"
    text = path.read_text("utf-8")
    assert "[Desktop Entry]\nType=Application\n" in text and "NoDisplay=true" in text
    assert autostart_command(env) == command
    # Quoted, with " and $ escaped, and then every backslash escaped (the spec's two layers).
    exec_line = r'Exec=/usr/bin/python3 "/opt/my apps/main.py" --data-dir "/data/\\"x\\"\\$"'
    assert f"{exec_line} reminders\n" in text
    disable_autostart(env)
    assert autostart_command(env) is None and not path.exists()
    assert autostart_file({"HOME": "/home/u"}) == Path(
        "/home/u/.config/autostart/rapport-reminders.desktop"
    )
