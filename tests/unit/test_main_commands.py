"""The command line imports only the command that was chosen, and lists every command."""

from __future__ import annotations

import subprocess
import sys
from importlib import import_module
from pathlib import Path

import main

REPO = Path(__file__).resolve().parents[2]


def test_each_listed_help_is_the_command_modules_own() -> None:
    for name, (module_name, help_text) in main.COMMANDS.items():
        module = import_module(module_name)
        assert name == module.NAME
        assert help_text == module.HELP


def test_only_the_chosen_command_module_is_imported() -> None:
    script = (
        "import sys, main\n"
        "parser = main.build_parser(main.chosen_command(['--data-dir', 'x', 'check']))\n"
        "parser.parse_args(['--data-dir', 'x', 'check'])\n"
        "print(sorted(m for m in sys.modules if m.startswith('cli.')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['cli.check']"


def test_help_lists_every_command() -> None:
    result = subprocess.run(
        [sys.executable, "main.py", "--help"], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0
    for name in main.COMMANDS:
        assert name in result.stdout
