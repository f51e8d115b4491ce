"""The contact detail's Employer tab: target score, openings and applications at their company."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from crm.changes import Changes
from crm.targets.listing import ROLE_LABELS
from crm.targets.standing import EmployerStanding, employer_standing
from ui.common.records import still_there
from ui.context import AppContext
from ui.refresh import refresh_page


def standing_lines(s: EmployerStanding) -> list[str]:
    """The tab's text, line by line (plain text: names are never markup)."""
    lines: list[str] = []
    if s.company:
        if s.target is None:
            lines.append(f"{s.company} is not on your target list.")
        else:
            t = s.target
            lines.append(
                f"{s.company}: target #{s.position}, score {t.score} / 7 "
                f"(motivation {t.motivation}, advocacy {t.advocacy_level}, posting {t.posting})"
            )
        lines.append("")
        lines.append("Openings:" if s.openings else "No openings noted.")
        lines += [f"  • {o.title}" + (f" ({o.source})" if o.source else "") for o in s.openings]
        lines.append("")
        lines.append("Your applications there:" if s.applications else "No application there yet.")
        lines += [f"  • {a.title}: {a.status}" for a in s.applications]
    if s.involved_in:
        lines.append("")
        lines.append("Part of your applications:")
        for a in s.involved_in:
            roles = ", ".join(
                ROLE_LABELS[r].lower() for c, _n, r in a.contacts if c == s.contact_id
            )
            lines.append(f"  • {a.title} at {a.company}: {a.status} ({roles})")
    return lines


class EmployerPanel(QWidget):
    """Shows the standing at the shown contact's employer; follows target and job changes."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.contact_id: int | None = None
        self.text = QLabel()
        self.text.setObjectName("employerStanding")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.text)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 4, 4)
        layout.addWidget(scroll)
        self._refresher = refresh_page(self, ctx.hub, self.reload, _about_jobs)

    def show_contact(self, contact_id: int | None) -> None:
        self.contact_id = contact_id
        self.reload()

    def reload(self, *_changes: object) -> None:
        standing = still_there(employer_standing, self.ctx.db, self.contact_id)
        self.text.setText(
            "\n".join(standing_lines(standing))
            if standing
            else "No company: nothing to show about an employer."
        )
        self._refresher.forget()


def _about_jobs(changes: Changes) -> bool:
    return changes.companies or changes.stages or bool(changes.contacts)
