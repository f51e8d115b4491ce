"""`main.py reminders [--once]`: the reminder helper (started at login when reminders are
on): desktop notifications of what is due, read-only on the data file."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from crm.store.paths import DataPaths

NAME = "reminders"
HELP = "show desktop notifications of what is due while Rapport is closed (the login helper)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--once", action="store_true", help="check once, notify if something is due, and exit"
    )


def _print(summary: str, body: str) -> None:
    print(f"{summary}\n{body}", file=sys.stderr)


def run(args: argparse.Namespace, paths: DataPaths) -> int:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon

    from ui.today.reminder_helper import ReminderHelper

    app = QApplication.instance() or QApplication(["rapport-reminders"])
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)
    helper = ReminderHelper(paths, _print)
    tray = QSystemTrayIcon(QIcon.fromTheme("rapport")) if _tray_available() else None
    notify = _desktop_notify(helper.clicked.emit)
    if notify is not None:
        helper.notify = notify
    elif tray is not None:
        helper.notify = lambda summary, body: tray.showMessage(summary, body)
    if args.once:
        print(f"{helper.check()} due")
        return 0
    if tray is not None:
        menu = QMenu()
        menu.addAction("Open Rapport", helper.open_rapport)
        menu.addAction("Check now", helper.check)
        menu.addAction("Quit reminders", app.quit)
        tray.setContextMenu(menu)
        tray.activated.connect(lambda _reason: helper.open_rapport())
        tray.setToolTip("Rapport reminders")
        tray.show()
    helper.start()
    return int(app.exec())


def _tray_available() -> bool:
    from PySide6.QtWidgets import QSystemTrayIcon

    return bool(QSystemTrayIcon.isSystemTrayAvailable())


def _desktop_notify(on_click: Callable[[], object]) -> Callable[[str, str], object] | None:
    """Notifications over the session bus, or None where there is none."""
    try:
        from ui.today.desktop_notify import DesktopNotifier

        notifier = DesktopNotifier(on_click)
    except Exception:  # no session bus (a bare server), or no jeepney off Linux
        return None
    return notifier.notify
