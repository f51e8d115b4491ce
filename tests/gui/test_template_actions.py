"""Importing message templates from files is one undoable step; a broken file imports
nothing and says why."""

from __future__ import annotations

from pathlib import Path

from crm.today.templates import list_templates
from ui.main_window import MainWindow
from ui.today.template_actions import ImportTemplatesCommand


def imported(main_window: MainWindow, file: Path, text: str) -> ImportTemplatesCommand:
    """File ▸ Import templates of one file holding `text`: the step on the undo stack."""
    file.write_text(text, "utf-8")
    command = ImportTemplatesCommand(main_window.ctx, [file])
    main_window.ctx.undo_stack.push(command)
    return command


def test_import_and_undo(main_window: MainWindow, tmp_path: Path) -> None:
    ctx = main_window.ctx
    command = imported(
        main_window, tmp_path / "Coffee.txt", "Subject: Coffee?\n\nHi {{ first_name }}\n"
    )
    assert not command.error and "Coffee" in {t.name for t in list_templates(ctx.db)}
    main_window.undo_action.trigger()
    assert "Coffee" not in {t.name for t in list_templates(ctx.db)}
    assert len(list_templates(ctx.db)) == 4


def test_a_broken_file_imports_nothing(main_window: MainWindow, tmp_path: Path) -> None:
    ctx = main_window.ctx
    command = imported(main_window, tmp_path / "Broken.txt", "Subject: {{ oops\n\nHi\n")
    assert "Broken" in command.error
    assert ctx.undo_stack.count() == 0 and len(list_templates(ctx.db)) == 4
