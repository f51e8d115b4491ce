"""The "How Rapport works" window: the informational-interview method in one page."""

from __future__ import annotations

from importlib.resources import files

from PySide6.QtWidgets import QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ui.common.dialogs import Dialog


def guide_html() -> str:
    """The guide's text, read the same way from source and from the bundle."""
    return files("resources").joinpath("guide.html").read_text(encoding="utf-8")


class GuideDialog(Dialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("guideDialog", "How Rapport works", parent)
        self.resize(600, 640)
        self.text = QTextBrowser()
        self.text.setObjectName("guideText")
        self.text.setOpenExternalLinks(True)
        self.text.setHtml(guide_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
