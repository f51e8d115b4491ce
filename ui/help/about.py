"""The About window: version, data file, licence and the libraries Rapport is built on."""

from __future__ import annotations

import html
import platform
from importlib import import_module
from importlib.metadata import PackageNotFoundError, version

from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from crm.store.paths import DataPaths
from crm.version import __version__
from ui.common.dialogs import Dialog

LICENCE = "MIT"
# (shown name, distribution, module): the runtime dependencies in pyproject.toml.
LIBRARIES = (
    ("PySide6 (Qt for Python)", "PySide6-Essentials", "PySide6"),
    ("SQLAlchemy", "SQLAlchemy", "sqlalchemy"),
    ("Alembic", "alembic", "alembic"),
    ("platformdirs", "platformdirs", "platformdirs"),
    ("QtAwesome", "qtawesome", "qtawesome"),
    ("vobject", "vobject", "vobject"),
    ("icalendar", "icalendar", "icalendar"),
    ("Jinja2", "Jinja2", "jinja2"),
    ("RapidFuzz", "rapidfuzz", "rapidfuzz"),
)


def library_version(distribution: str, module: str) -> str:
    """The installed version; the bundle may lack package metadata, so the module is asked too."""
    try:
        return version(distribution)
    except PackageNotFoundError:
        pass
    try:
        return str(getattr(import_module(module), "__version__", ""))
    except ImportError:
        return ""


def libraries() -> list[tuple[str, str]]:
    found = [(name, library_version(dist, module)) for name, dist, module in LIBRARIES]
    return [("Python", platform.python_version()), ("Qt", qVersion()), *found]


def about_html(paths: DataPaths) -> str:
    rows = "".join(
        f"<tr><td>{html.escape(name)}</td><td>&nbsp;&nbsp;{html.escape(v or '?')}</td></tr>"
        for name, v in libraries()
    )
    return (
        f"<h2>Rapport {html.escape(__version__)}</h2>"
        "<p>A private, offline CRM for informational interviews.</p>"
        f"<p><b>Your data file</b><br>{html.escape(str(paths.database))}</p>"
        f"<p><b>Licence</b><br>{LICENCE} licence: free to use, change and share.</p>"
        f"<p><b>Built with</b></p><table>{rows}</table>"
    )


class AboutDialog(Dialog):
    def __init__(self, paths: DataPaths, parent: QWidget | None = None) -> None:
        super().__init__("aboutDialog", "About Rapport", parent)
        self.text = QLabel(about_html(paths))
        self.text.setObjectName("aboutText")
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setWordWrap(True)
        self.text.setMinimumWidth(420)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
