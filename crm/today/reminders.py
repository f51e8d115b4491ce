"""Reminders while Rapport is closed: what is due, read from a snapshot of the data file
(opened read-only: the helper never writes and never takes the app's lock), the text of
the notification, and the XDG autostart entry that starts the helper at login."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Mapping, Sequence
from datetime import date, tzinfo
from pathlib import Path

from crm.store.backups import read_only_uri
from crm.store.clock import Clock
from crm.store.db import Database
from crm.store.localtime import local_today
from crm.today.day import FOLLOW_UP, KEEP_IN_TOUCH, MEETING, NUDGE, TodayItem, today_items

AUTOSTART_NAME = "rapport-reminders.desktop"
SHOWN = 3  # items named in a notification's body


def items_due(data_file: Path, clock: Clock, tz: tzinfo) -> tuple[date, list[TodayItem]]:
    """The local day and what is due on it, from a copy made with SQLite's backup API
    (a reader like any other: the app keeps writing meanwhile)."""
    source = sqlite3.connect(read_only_uri(data_file), uri=True)
    with tempfile.TemporaryDirectory(prefix="rapport-reminders-") as folder:
        copy = Path(folder) / "snapshot.sqlite3"
        target = sqlite3.connect(copy)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        db = Database(copy, clock=clock)
        try:
            today = local_today(db.now(), tz)
            items = today_items(db, today, tz)
        finally:
            db.dispose()
    return today, [i for i in items if is_due(i, today)]


def is_due(item: TodayItem, today: date) -> bool:
    if item.kind == MEETING:
        return item.due == today
    return item.kind in (FOLLOW_UP, NUDGE, KEEP_IN_TOUCH) and item.due <= today


def reminder_text(items: Sequence[TodayItem]) -> tuple[str, str]:
    """(summary, body) of the notification for `items` (not empty)."""
    count = len(items)
    summary = f"Rapport: {count} thing{'s' * (count != 1)} to do today"
    lines = [f"• {i.title}" + (f" ({i.contact})" if i.kind == MEETING else "") for i in items]
    if count > SHOWN:
        lines = [*lines[:SHOWN], f"and {count - SHOWN} more"]
    return summary, "\n".join(lines)


# -- autostart ---------------------------------------------------------------------------


def autostart_file(env: Mapping[str, str] = os.environ) -> Path:
    """Where the XDG autostart entry lives ($XDG_CONFIG_HOME/autostart)."""
    config = env.get("XDG_CONFIG_HOME") or str(Path(env.get("HOME", "~")).expanduser() / ".config")
    return Path(config) / "autostart" / AUTOSTART_NAME


_RESERVED = '\\"`$'


def _exec_line(command: Sequence[str]) -> str:
    """The Exec value of a desktop entry: arguments quoted with \\ " ` $ escaped inside, then
    the string escape of every backslash (the spec's two layers)."""

    def quote(arg: str) -> str:
        if arg and all(c.isalnum() or c in "/._-+=:@," for c in arg):
            return arg
        return '"' + "".join("\\" + c if c in _RESERVED else c for c in arg) + '"'

    return " ".join(quote(a) for a in command).replace("\\", "\\\\")


def _parse_exec(value: str) -> list[str]:
    """The arguments of an Exec value written by _exec_line (or by hand, likewise)."""
    text = value.replace("\\\\", "\\")
    args: list[str] = []
    current: list[str] | None = None
    quoted = False
    chars = iter(text)
    for c in chars:
        if quoted:
            if c == "\\":
                current_char = next(chars, "")
                assert current is not None
                current.append(current_char)
            elif c == '"':
                quoted = False
            else:
                assert current is not None
                current.append(c)
        elif c == '"':
            quoted, current = True, current if current is not None else []
        elif c.isspace():
            if current is not None:
                args.append("".join(current))
                current = None
        else:
            current = (current or []) + [c]
    if current is not None:
        args.append("".join(current))
    return args


def enable_autostart(command: Sequence[str], env: Mapping[str, str] = os.environ) -> Path:
    """Write the autostart entry that runs `command` at login; returns its path."""
    path = autostart_file(env)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=Rapport reminders\n"
        "Comment=Desktop notifications for what is due in Rapport\n"
        f"Exec={_exec_line(command)}\n"
        "Icon=rapport\n"
        "NoDisplay=true\n"
        "X-GNOME-Autostart-enabled=true\n",
        encoding="utf-8",
    )
    return path


def disable_autostart(env: Mapping[str, str] = os.environ) -> None:
    autostart_file(env).unlink(missing_ok=True)


def autostart_command(env: Mapping[str, str] = os.environ) -> list[str] | None:
    """The command of the autostart entry, or None when reminders are off."""
    path = autostart_file(env)
    if not path.exists():
        return None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("Exec="):
            return _parse_exec(line[len("Exec=") :])
    return None
