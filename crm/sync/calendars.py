"""Finding and creating the calendar to sync, with the caldav library (RFC 4791)."""

from __future__ import annotations

from typing import Any

from crm.errors import SyncAuthError, SyncError
from crm.sync.webdav import Collection


def _client(url: str, username: str, password: str, trusted_certificate: str) -> Any:
    import caldav

    return caldav.DAVClient(  # type: ignore[operator]  # the package types it as object
        url=url if "://" in url else f"https://{url}",
        username=username or None,
        password=password or None,
        ssl_verify_cert=not trusted_certificate,
        timeout=30,
    )


def _plain(exc: Exception) -> SyncError:
    from caldav.lib import error

    if isinstance(exc, error.AuthorizationError):
        return SyncAuthError("The server refused the user name or password.")
    return SyncError(f"The server's calendars could not be listed ({exc.__class__.__name__}).")


def find_calendars(
    url: str, username: str, password: str, *, trusted_certificate: str = ""
) -> list[Collection]:
    """The calendars of the user that hold events."""
    from caldav.lib import error

    client = _client(url, username, password, trusted_certificate)
    try:
        principal = client.principal()
        found = []
        for calendar in principal.calendars():
            try:
                components = calendar.get_supported_components()
            except error.DAVError:
                components = ["VEVENT"]
            if "VEVENT" in components:
                name = calendar.get_display_name() or "Calendar"
                found.append(Collection(str(calendar.url), str(name)))
        return found
    except (error.DAVError, OSError) as exc:
        raise _plain(exc) from exc
    finally:
        client.close()


def create_calendar(
    url: str, username: str, password: str, name: str, *, trusted_certificate: str = ""
) -> Collection:
    from caldav.lib import error

    client = _client(url, username, password, trusted_certificate)
    try:
        calendar = client.principal().make_calendar(
            # Tasks too: the account may carry the follow-ups as tasks (VTODO).
            name=name,
            supported_calendar_component_set=["VEVENT", "VTODO"],
        )
        return Collection(str(calendar.url), name)
    except (error.DAVError, OSError) as exc:
        raise _plain(exc) from exc
    finally:
        client.close()
