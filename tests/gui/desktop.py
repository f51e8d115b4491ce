"""The desktop's URL handlers (mail app, dialler, browser, files) stood in for by a recorder."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices


class OpenedUrls(QObject):
    """Receives every URL the app asks the desktop to open, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)

    def texts(self) -> list[str]:
        return [url.toString() for url in self.urls]


@contextmanager
def opened_urls(*schemes: str) -> Iterator[OpenedUrls]:
    """While inside, URLs of `schemes` go to the returned recorder instead of the desktop."""
    recorder = OpenedUrls()
    for scheme in schemes:
        # Qt quirk: PySide's stub asks bytes for the slot's name, the binding takes only str.
        QDesktopServices.setUrlHandler(scheme, recorder, "open")  # type: ignore[arg-type]
    try:
        yield recorder
    finally:
        for scheme in schemes:
            QDesktopServices.unsetUrlHandler(scheme)
