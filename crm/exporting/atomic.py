"""Writing an export file whole or not at all: a temporary file renamed into place."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from crm.errors import ExportError


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path`; on any failure the previous file (if any) is untouched."""
    path = Path(path)
    if path.is_dir():
        raise ExportError(f"{path.name} is a folder; choose a file name.")
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise ExportError(
            f"Cannot write in {path.parent.name or path.parent}: {exc.strerror}."
        ) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise ExportError(f"Cannot write {path.name}: {exc.strerror or exc}.") from exc
