"""The welcome panel shown on the Contacts page while the data file has no contacts."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Slot
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.common.prompts import inform
from ui.context import AppContext
from ui.icons import icon

INTRO = (
    "Rapport keeps track of the people you meet while looking for your next job: "
    "who they are, how you met, what you talked about and when to follow up. "
    "It works offline and keeps everything in one file on this computer."
)


class WelcomePanel(QWidget):
    """A short explanation and the first things to do: add, load samples or import."""

    def __init__(
        self, ctx: AppContext, add_contact: Callable[[], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePanel")
        self.ctx = ctx
        self._add_contact = add_contact

        title = QLabel("Welcome to Rapport")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        intro.setAlignment(Qt.AlignmentFlag.AlignCenter)
        intro.setFixedWidth(520)
        # Qt quirk: a wrapped label centred in a box layout gets one line's height unless told.
        intro.setMinimumHeight(intro.heightForWidth(520))
        hint = QLabel("Start with one person, or look around with a realistic sample.")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.add_button = self._button("add", "Add a contact", "addContactButton")
        self.add_button.setDefault(True)
        self.add_button.clicked.connect(self._add_contact)
        self.sample_button = self._button("sample", "Load sample data", "loadSampleButton")
        self.sample_button.clicked.connect(self.load_sample_data)
        self.import_button = self._button("import", "Import contacts…", "importButton")
        self.import_button.clicked.connect(self.import_contacts)

        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(title)
        layout.addSpacing(8)
        layout.addWidget(intro, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(18)
        for button in (self.add_button, self.sample_button, self.import_button):
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(10)
        layout.addWidget(hint)
        layout.addStretch(3)

    def _button(self, icon_name: str, text: str, name: str) -> QPushButton:
        button = QPushButton(icon(icon_name), text)
        button.setObjectName(name)
        button.setMinimumSize(QSize(220, 36))
        button.setIconSize(QSize(18, 18))
        return button

    @Slot()
    def load_sample_data(self) -> None:
        # Imported here: the sample set is read only when asked for, not at every start.
        from crm.errors import NotEmptyError
        from crm.samples.data import load_sample_data

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            changes = load_sample_data(self.ctx.db)
        except NotEmptyError as exc:
            QApplication.restoreOverrideCursor()
            inform(self, "Load sample data", str(exc))
            return
        QApplication.restoreOverrideCursor()
        # Loading samples is a one-off set-up step into an empty file, not an edit: it is
        # not on the undo stack (the whole file can be restored from a backup instead).
        self.ctx.hub.apply(changes)

    @Slot()
    def import_contacts(self) -> None:
        from ui.importing.start import start_import  # the importers load on first use

        start_import(self.ctx, self.window())
