"""The dialog that asks which name to keep when merging companies."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from crm.companies.service import CompanyRow
from ui.common.dialogs import Dialog
from ui.dialog_keys import ok_cancel_buttons


class MergeDialog(Dialog):
    """Lists the companies being merged; the one chosen keeps its name and gets the contacts."""

    def __init__(self, companies: list[CompanyRow], parent: QWidget | None = None) -> None:
        super().__init__("mergeCompaniesDialog", "Merge companies", parent)
        self._companies = companies
        total = sum(c.contact_count for c in companies)
        intro = QLabel(
            f"These {len(companies)} companies become one, with all {total} of their contacts. "
            "Which name should it keep?"
        )
        intro.setWordWrap(True)
        self._group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        # The most used spelling is the likely right one.
        best = max(range(len(companies)), key=lambda i: companies[i].contact_count)
        for i, company in enumerate(companies):
            people = f"{company.contact_count} contact{'' if company.contact_count == 1 else 's'}"
            button = QRadioButton(f"{company.name}  ({people})")
            button.setChecked(i == best)
            self._group.addButton(button, i)
            layout.addWidget(button)
        buttons = ok_cancel_buttons(self)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setText("Merge")
        layout.addWidget(buttons)

    def kept(self) -> CompanyRow:
        return self._companies[max(self._group.checkedId(), 0)]
