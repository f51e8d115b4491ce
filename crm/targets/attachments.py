"""Files sent with an application (CV, cover letter): kept in the data file, copied under the
data folder for the system viewer, with names that cannot point outside it."""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING, cast

from sqlalchemy import Table, insert, select

from crm.changes import Changes
from crm.errors import NotFoundError
from crm.store.job_models import Application, ApplicationFile
from crm.store.lookups import must_get
from crm.store.paths import make_private_dir, make_private_file

if TYPE_CHECKING:
    from crm.store.db import Database

ATTACHMENTS = "attachments"
MAX_NAME = 120
MAX_BYTES = 20 * 1024 * 1024  # a CV is a few hundred kB; refuse a video picked by mistake
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
FILES_CHANGED = Changes(companies=True)


def safe_name(name: str) -> str:
    """A plain file name from whatever the user's file was called.

    Only the last part of a POSIX or Windows path is kept; control and reserved
    characters become "_", leading dots go (no hidden files, no ".."), the length is capped.
    """
    base = PureWindowsPath(PurePosixPath(name).name).name
    base = unicodedata.normalize("NFC", base)
    base = _UNSAFE.sub("_", base).strip().lstrip(".").strip()
    if len(base) > MAX_NAME:
        stem, dot, ext = base.rpartition(".")
        keep_ext = dot and len(ext) < 10
        base = stem[: MAX_NAME - len(ext) - 1] + dot + ext if keep_ext else base[:MAX_NAME]
    return base or "file"


def attachments_dir(db: Database) -> Path:
    return db.path.parent / ATTACHMENTS


def _folder(db: Database, application_id: int) -> Path:
    return attachments_dir(db) / str(int(application_id))


def file_path(db: Database, application_id: int, file_id: int, name: str) -> Path:
    """Where the viewer's copy of an attachment lives; always inside the data folder."""
    path = _folder(db, application_id) / f"{int(file_id)}-{safe_name(name)}"
    root = attachments_dir(db).resolve()
    if not path.resolve().is_relative_to(root):  # a symlinked folder could point away
        raise ValueError("An attachment must stay inside the data folder.")
    return path


def attach_file(db: Database, application_id: int, source: Path, kind: str) -> tuple[int, Changes]:
    """Copy `source` into the application; returns the attachment's id."""
    size = source.stat().st_size
    if size > MAX_BYTES:
        raise ValueError(f"{source.name} is larger than {MAX_BYTES // (1024 * 1024)} MB.")
    content = source.read_bytes()
    name = safe_name(source.name)
    with db.session() as session:
        must_get(session, Application, application_id)
        row = ApplicationFile(
            application_id=application_id,
            kind=kind,
            name=name,
            content=content,
            added_at=db.now(),
        )
        session.add(row)
        session.flush()
        file_id = row.id
    _write_copy(db, application_id, file_id, name, content)
    return file_id, FILES_CHANGED


def _write_copy(db: Database, application_id: int, file_id: int, name: str, data: bytes) -> Path:
    make_private_dir(attachments_dir(db))
    make_private_dir(_folder(db, application_id))
    path = file_path(db, application_id, file_id, name)
    path.write_bytes(data)
    make_private_file(path)
    return path


def viewer_copy(db: Database, file_id: int) -> Path:
    """The attachment as a file to open (written again from the data file if missing,
    for instance after a restore or on another machine)."""
    with db.read() as session:
        row = must_get(session, ApplicationFile, file_id, "The attachment no longer exists.")
        path = file_path(db, row.application_id, row.id, row.name)
        if not path.exists() or path.stat().st_size != len(row.content):
            _write_copy(db, row.application_id, row.id, row.name, row.content)
    return path


def remove_copies(db: Database, application_id: int) -> None:
    """Delete the viewer copies of an application's files (its rows go with it)."""
    folder = _folder(db, application_id)
    if folder.is_dir() and folder.resolve().is_relative_to(attachments_dir(db).resolve()):
        shutil.rmtree(folder)


def write_copies(db: Database, application_id: int) -> None:
    """Write the viewer copies of an application's files again (after undoing a delete)."""
    with db.read() as session:
        rows = session.execute(
            select(ApplicationFile.id, ApplicationFile.name, ApplicationFile.content).where(
                ApplicationFile.application_id == application_id
            )
        ).all()
    for file_id, name, content in rows:
        _write_copy(db, application_id, file_id, name, content)


def remove_file(db: Database, file_id: int) -> tuple[dict[str, object], Changes]:
    """Remove one attachment (its viewer copy too); returns its row for `restore_file`."""
    table = cast(Table, ApplicationFile.__table__)
    with db.session() as session:
        row = session.execute(select(table).where(table.c.id == file_id)).mappings().first()
        if row is None:
            raise NotFoundError("The attachment no longer exists.")
        kept = dict(row)
        session.execute(table.delete().where(table.c.id == file_id))
    path = file_path(db, int(kept["application_id"]), file_id, str(kept["name"]))
    path.unlink(missing_ok=True)
    return kept, FILES_CHANGED


def restore_file(db: Database, kept: dict[str, object]) -> Changes:
    """Put back an attachment `remove_file` took (same id)."""
    with db.session() as session:
        session.execute(insert(ApplicationFile), [dict(kept)])
    write_copies(db, int(str(kept["application_id"])))
    return FILES_CHANGED
