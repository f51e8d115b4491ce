"""File ▸ Import…: pick a file, map unknown columns, preview what happens, import undoably."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, QThread, QThreadPool, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from crm.errors import ImportRefused
from crm.importing import (
    Action,
    ImportOutcome,
    ImportPlan,
    ReadResult,
    plan_import,
    read_import_text,
)
from crm.importing.csv_formats import read_table
from crm.importing.records import FORMAT_NAMES
from crm.pipeline.stages import list_stages
from crm.wording import plural, plural_word
from ui.common.dialogs import Dialog
from ui.common.fields import named
from ui.common.prompts import warn
from ui.common.undo import push
from ui.context import AppContext
from ui.importing.commands import ImportCommand
from ui.importing.mapping import MappingPage
from ui.importing.models import PreviewModel, ProblemsModel
from ui.importing.worker import ImportWorker

FILE_FILTER = "Contacts and calendars (*.vcf *.vcard *.csv *.ics);;All files (*)"


class ImportDialog(Dialog):
    """The import of one file, from its preview to the finished, undoable import."""

    importFinished = Signal(object)  # ImportOutcome
    importCancelled = Signal()

    def __init__(self, ctx: AppContext, path: Path, text: str, parent: QWidget | None = None):
        super().__init__("importDialog", f"Import {path.name}", parent)
        self.ctx = ctx
        self.path = path
        self.text = text
        self.read_result: ReadResult | None = None
        self.plan: ImportPlan | None = None
        self.mapping_page: MappingPage | None = None
        self._thread: QThread | None = None
        self._worker: ImportWorker | None = None

        self.format_combo = named(QComboBox(), "importFormat")
        self.format_combo.setAccessibleName("File format")
        for key, name in FORMAT_NAMES.items():
            self.format_combo.addItem(name if key != "csv" else "Other CSV", key)
        self.stage_combo = named(QComboBox(), "importStage")
        self.stage_combo.setAccessibleName("Stage for new contacts")
        for stage in list_stages(ctx.db):
            self.stage_combo.addItem(stage.name, stage.id)
        top = QHBoxLayout()
        top.addWidget(QLabel(f"<b>{html.escape(path.name)}</b>"))
        top.addStretch(1)
        top.addWidget(QLabel("Format:"))
        top.addWidget(self.format_combo)

        self.pages = QStackedWidget()
        self.preview_page = self._build_preview()
        self.pages.addWidget(self.preview_page)

        self.progress = named(QProgressBar(), "importProgress")
        self.progress.setVisible(False)
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.continue_button = self.buttons.addButton(
            "Continue", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.clicked.connect(self.start)
        self.continue_button.clicked.connect(self._mapping_done)
        self.cancel_button.clicked.connect(self.cancel)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.resize(900, 600)

    # -- building ------------------------------------------------------------------------

    def _build_preview(self) -> QWidget:
        page = QWidget()
        self.summary = named(QLabel(), "importSummary")
        self.summary.setWordWrap(True)
        self.preview = named(QTableView(), "importPreview")
        self.preview.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.preview.verticalHeader().setVisible(False)
        self.problems = named(QTableView(), "importProblems")
        self.problems.verticalHeader().setVisible(False)
        self.problems.horizontalHeader().setStretchLastSection(True)
        self.problems_label = QLabel()
        self.for_all = named(QComboBox(), "importForAll")
        self.for_all.setAccessibleName("For all matching contacts")
        for action, text in (
            (Action.MERGE, "Merge into the existing contact"),
            (Action.SKIP, "Skip"),
            (Action.ADD, "Add as new contacts"),
        ):
            self.for_all.addItem(text, action.value)
        self.for_all.currentIndexChanged.connect(self._set_for_all)
        row_buttons = QHBoxLayout()
        row_buttons.addWidget(QLabel("Matching contacts:"))
        row_buttons.addWidget(self.for_all)
        row_buttons.addSpacing(16)
        row_buttons.addWidget(QLabel("Selected rows:"))
        self.row_actions: dict[Action, QPushButton] = {}
        for action, text in (
            (Action.MERGE, "Merge"),
            (Action.SKIP, "Skip"),
            (Action.ADD, "Add as new"),
        ):
            button = named(QPushButton(text), f"importRow{action.value.title()}")
            button.clicked.connect(lambda _=False, a=action: self._set_selected(a))
            self.row_actions[action] = button
            row_buttons.addWidget(button)
        row_buttons.addStretch(1)
        row_buttons.addWidget(QLabel("Add new contacts to:"))
        row_buttons.addWidget(self.stage_combo)

        problems_box = QWidget()
        problems_layout = QVBoxLayout(problems_box)
        problems_layout.setContentsMargins(0, 0, 0, 0)
        problems_layout.addWidget(self.problems_label)
        problems_layout.addWidget(self.problems)
        split = QSplitter()
        split.setOrientation(Qt.Orientation.Vertical)
        split.addWidget(self.preview)
        split.addWidget(problems_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addLayout(row_buttons)
        layout.addWidget(split, 1)
        return page

    # -- reading -------------------------------------------------------------------------

    def load(self, fmt: str) -> None:
        """Read the text as `fmt` and show the preview (or the mapping step)."""
        index = self.format_combo.findData(fmt)
        self.format_combo.blockSignals(True)
        self.format_combo.setCurrentIndex(index)
        self.format_combo.blockSignals(False)
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        if fmt == "csv":
            self._show_mapping()
        else:
            self._read(fmt)

    @Slot()
    def _format_changed(self) -> None:
        fmt = str(self.format_combo.currentData())
        if fmt == "csv":
            self._show_mapping()
        else:
            self._read(fmt)

    def _show_mapping(self) -> None:
        try:
            table = read_table("csv", self.text)
        except ImportRefused as exc:
            self._show_error(str(exc))
            return
        if self.mapping_page is not None:
            self.pages.removeWidget(self.mapping_page)
            self.mapping_page.deleteLater()
        self.mapping_page = MappingPage(table.headers, [r.values for r in table.rows])
        self.mapping_page.changed.connect(self._update_buttons)
        self.pages.addWidget(self.mapping_page)
        self.pages.setCurrentWidget(self.mapping_page)
        self._update_buttons()

    @Slot()
    def _mapping_done(self) -> None:
        if self.mapping_page is not None:
            self._read("csv", self.mapping_page.mapping())

    def _read(self, fmt: str, mapping: list | None = None) -> None:  # type: ignore[type-arg]
        try:
            self.read_result = read_import_text(self.text, fmt, mapping)
        except ImportRefused as exc:
            self._show_error(str(exc))
            return
        self.plan = plan_import(self.ctx.db, self.read_result)
        self.preview.setModel(PreviewModel(self.plan))
        header = self.preview.horizontalHeader()
        header.setStretchLastSection(False)
        for column in range(PreviewModel.ACTION_COLUMN + 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.preview.setWordWrap(False)
        listed = sorted(self.plan.problems + self.plan.warnings, key=lambda p: p.line)
        self.problems.setModel(ProblemsModel(rows=listed))
        self.problems.setVisible(bool(listed))
        self.problems_label.setText(problems_summary(self.plan))
        self.pages.setCurrentWidget(self.preview_page)
        self._set_for_all()

    def _show_error(self, message: str) -> None:
        self.plan = None
        self.summary.setText(html.escape(message))
        self.preview.setModel(None)  # type: ignore[arg-type]
        self.problems.setModel(None)  # type: ignore[arg-type]
        self.problems_label.setText("")
        self.pages.setCurrentWidget(self.preview_page)
        self._update_buttons()

    # -- choices -------------------------------------------------------------------------

    @property
    def model(self) -> PreviewModel | None:
        model = self.preview.model()
        return model if isinstance(model, PreviewModel) else None

    @Slot()
    def _set_for_all(self) -> None:
        if self.plan is None:
            return
        self._set_plan(self.plan.with_action_for_matches(Action(self.for_all.currentData())))

    def _set_selected(self, action: Action) -> None:
        if self.plan is None:
            return
        plan = self.plan
        for index in self.preview.selectionModel().selectedRows():
            plan = plan.with_action(index.row(), action)
        self._set_plan(plan)

    def _set_plan(self, plan: ImportPlan) -> None:
        self.plan = plan
        if self.model is not None:
            self.model.set_plan(plan)
        self._update_summary()
        self._update_buttons()

    def _update_summary(self) -> None:
        if self.plan is None or self.read_result is None:
            return
        p = self.plan
        jobs = f", {p.job_change_count} with a new job" if p.job_change_count else ""
        if p.warnings:
            jobs += f", {len(p.warnings)} with values that look wrong"
        repeat = plural_word(p.combined_count, "repeats", "repeat")
        combined = (
            f" {plural(p.combined_count, 'row')} {repeat} a person already in the file"
            " and are combined."
            if p.combined_count
            else ""
        )
        self.summary.setText(
            f"Read as {html.escape(self.read_result.format_name)}: <b>{p.new_count} new</b>, "
            f"<b>{p.match_count} matching</b> existing contacts{jobs}, "
            f"<b>{len(p.problems)} cannot be read</b>.{combined}<br>"
            f"Will add {p.count(Action.ADD)}, merge {p.count(Action.MERGE)} and skip "
            f"{p.count(Action.SKIP)}."
        )

    def _update_buttons(self) -> None:
        mapping = self.pages.currentWidget() is self.mapping_page and self.mapping_page
        self.continue_button.setVisible(bool(mapping))
        self.continue_button.setEnabled(bool(mapping) and self.mapping_page.is_usable())  # type: ignore[union-attr]
        self.import_button.setVisible(not mapping)
        busy = self._thread is not None
        writes = self.plan is not None and (
            self.plan.count(Action.ADD) + self.plan.count(Action.MERGE) > 0
        )
        self.import_button.setEnabled(bool(writes) and not busy)
        self.import_button.setDefault(True)

    # -- importing -----------------------------------------------------------------------

    @Slot()
    def start(self) -> None:
        """Write the plan in a worker thread; the dialog shows progress and can cancel."""
        if self.plan is None or self._thread is not None:
            return
        self._thread = QThread(self)
        self._worker = ImportWorker(self.ctx.db, self.plan, int(self.stage_combo.currentData()))
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progress.connect(self._on_progress)
        self._worker.finished.connect(self._on_finished)
        self._worker.cancelled.connect(self._on_cancelled)
        self._worker.failed.connect(self._on_failed)
        self.progress.setRange(0, max(1, len(self.plan.items)))
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.pages.setEnabled(False)
        self._update_buttons()
        self._thread.start()

    @Slot()
    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            self.cancel_button.setEnabled(False)
        else:
            self.reject()

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(done)

    def _stop_thread(self) -> None:
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
        self._thread = None
        self._worker = None
        self.progress.setVisible(False)
        self.pages.setEnabled(True)
        self.cancel_button.setEnabled(True)
        self._update_buttons()

    @Slot(object)
    def _on_finished(self, outcome: ImportOutcome) -> None:
        self._stop_thread()
        # Off the GUI thread: the import's log is copied into the data file meanwhile.
        QThreadPool.globalInstance().start(self.ctx.db.checkpoint)
        source = self.read_result.format_name if self.read_result else "a file"
        push(self.ctx, ImportCommand(self.ctx.db, self.ctx.hub, outcome, source))
        self.ctx.show_status(
            f"Imported {outcome.added} new and merged {outcome.merged} contacts, "
            f"tagged “{outcome.tag}”. Edit ▸ Undo removes them."
        )
        self.importFinished.emit(outcome)
        self.accept()

    @Slot()
    def _on_cancelled(self) -> None:
        self._stop_thread()
        self.summary.setText("The import was cancelled; nothing was changed.")
        self.importCancelled.emit()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._stop_thread()
        warn(self, "Import failed", message)


def problems_summary(plan: ImportPlan) -> str:
    """What the list of problems below the preview holds, in a sentence."""
    skipped, odd = len(plan.problems), len(plan.warnings)
    parts = []
    if skipped:
        parts.append(f"{plural(skipped, 'row')} cannot be read and will be skipped")
    if odd:
        has = plural_word(odd, "has", "have")
        parts.append(f"{plural(odd, 'row')} {has} values that look wrong, imported as written")
    return "; ".join(parts) + ":" if parts else "Every row could be read."
