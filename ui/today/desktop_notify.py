"""Desktop notifications over D-Bus (org.freedesktop.Notifications), with jeepney.

QSystemTrayIcon.showMessage needs a tray host and offers no way to tell a click on the
notification from one on the icon; the freedesktop service is there on every Linux
desktop, and jeepney (pure Python, no C build) speaks it in a few lines.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from jeepney import DBusAddress, MatchRule, new_method_call
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import DBusConnection, open_dbus_connection

NOTIFICATIONS = DBusAddress(
    "/org/freedesktop/Notifications",
    bus_name="org.freedesktop.Notifications",
    interface="org.freedesktop.Notifications",
)
TIMEOUT_S = 5.0


class DesktopNotifier:
    """Sends notifications; `on_click` runs (on a listener thread) when one is clicked."""

    def __init__(self, on_click: Callable[[], object] | None = None) -> None:
        self.connection: DBusConnection = open_dbus_connection(bus="SESSION")
        self.sent: set[int] = set()
        self.on_click = on_click
        self._listener: threading.Thread | None = None

    def notify(self, summary: str, body: str) -> int:
        """Show a notification with an "Open Rapport" action; returns its id."""
        message = new_method_call(
            NOTIFICATIONS,
            "Notify",
            "susssasa{sv}i",
            ("Rapport", 0, "rapport", summary, body, ["default", "Open Rapport"], {}, -1),
        )
        reply = self.connection.send_and_get_reply(message, timeout=TIMEOUT_S)
        notification_id = int(reply.body[0])
        self.sent.add(notification_id)
        if self.on_click is not None and self._listener is None:
            self._listener = threading.Thread(target=self._listen, daemon=True)
            self._listener.start()
        return notification_id

    def _listen(self) -> None:
        # A connection of its own: jeepney's blocking connections are not shared by threads.
        rule = MatchRule(
            type="signal",
            interface="org.freedesktop.Notifications",
            member="ActionInvoked",
            path="/org/freedesktop/Notifications",
        )
        with open_dbus_connection(bus="SESSION") as listener:
            listener.send_and_get_reply(message_bus.AddMatch(rule), timeout=TIMEOUT_S)
            with listener.filter(rule) as queue:
                while True:
                    signal = listener.recv_until_filtered(queue)
                    notification_id = int(signal.body[0])
                    if notification_id in self.sent and self.on_click is not None:
                        self.on_click()

    def close(self) -> None:
        self.connection.close()
