"""Builds the desktop bundle for the OS it runs on: `dist/rapport/` (and `Rapport.app` on macOS).

Usage: `./dev.sh bundle [--dist DIR] [--work DIR]`, or with the project's virtual environment
active, `python packaging/build.py`. Set RAPPORT_DEBUG_BUNDLE=1 for a console build whose
tracebacks are visible.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "rapport.spec"


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def executable_in(bundle: Path) -> Path:
    return bundle / ("rapport.exe" if sys.platform == "win32" else "rapport")


def build(dist: Path, work: Path) -> Path:
    """Run PyInstaller on the spec; returns the bundle folder."""
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        str(SPEC),
        "--noconfirm",
        "--log-level=WARN",
        f"--distpath={dist}",
        f"--workpath={work}",
    ]
    # The analysis imports Qt in helper processes; they need no screen.
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    result = subprocess.run(command, cwd=ROOT, env=env, check=False)
    if result.returncode != 0:
        raise SystemExit(f"build: PyInstaller failed (exit {result.returncode})")
    bundle = dist / "rapport"
    if not executable_in(bundle).is_file():
        raise SystemExit(f"build: PyInstaller finished but {executable_in(bundle)} is missing")
    return bundle


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    parser.add_argument(
        "--work", type=Path, default=ROOT / "build" / "pyinstaller", help="scratch folder"
    )
    args = parser.parse_args(argv)
    bundle = build(args.dist.resolve(), args.work.resolve())
    size_mib = folder_size(bundle) / 2**20
    print(f"build: {bundle} ({size_mib:.1f} MiB); run {executable_in(bundle)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
