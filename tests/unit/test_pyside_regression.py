"""The dependency trap of DESIGN.md: PySide6 6.12.0 on Python 3.11 aborts after a few
thousand Qt calls that return None. The installed pair must survive 50,000."""

from __future__ import annotations

import os
import subprocess
import sys

CALLS = """
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
for i in range(50_000 // 3 + 1):
    label.setText("x")
    label.resize(10 + i % 7, 10)
    label.setObjectName("n")
print("survived")
"""


def test_fifty_thousand_qt_calls_returning_none_do_not_abort() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", CALLS], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "survived"
