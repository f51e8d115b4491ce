"""Puts the Targets view beside the companies list, and "Add to targets" on that list."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QTabWidget

from crm.targets.targets import next_rank, target_fields
from ui.common.undo import macro, push
from ui.companies.target_commands import SetTargetCommand
from ui.companies.targets_view import TargetsView
from ui.context import AppContext

if TYPE_CHECKING:
    from ui.companies.page import CompaniesPage


def add_targets_tab(page: CompaniesPage, ctx: AppContext) -> TargetsView:
    """Show the page's list and the Targets view as two tabs; returns the Targets view."""
    targets = TargetsView(ctx)
    tabs = QTabWidget()
    tabs.setObjectName("companiesTabs")
    tabs.setDocumentMode(True)
    layout = page.layout()
    assert layout is not None  # the page lays out its splitter in __init__
    layout.removeWidget(page.splitter)
    tabs.addTab(page.splitter, "All companies")
    tabs.addTab(targets, "Targets")
    layout.addWidget(tabs)
    page.tabs = tabs  # type: ignore[attr-defined]

    mark = QAction("Add to &targets", page)
    mark.setToolTip("Add the selected companies to the ranked target list")

    def mark_selected() -> None:
        chosen = [c for c in page.selected() if not target_fields(ctx.db, c.id).is_target]
        if not chosen:
            return
        with macro(ctx, f"Add {len(chosen)} compan{'y' if len(chosen) == 1 else 'ies'} to targets"):
            for company in chosen:
                old = target_fields(ctx.db, company.id)
                new = replace(old, is_target=True, rank=next_rank(ctx.db))
                text = f"Add {company.name} to targets"
                push(ctx, SetTargetCommand(ctx.db, ctx.hub, text, company.id, old, new))
        tabs.setCurrentWidget(targets)
        targets.reload()
        targets.select_company(chosen[-1].id)

    mark.triggered.connect(mark_selected)
    page.view.addAction(mark)
    page.mark_target_action = mark  # type: ignore[attr-defined]
    return targets
