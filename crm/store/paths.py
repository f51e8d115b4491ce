"""Where Rapport keeps its data: the per-user folder, its database file and backups."""

from __future__ import annotations

import contextlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "Rapport"
ENV_VAR = "RAPPORT_DATA_DIR"
DB_FILENAME = "rapport.sqlite3"


@dataclass(frozen=True)
class DataPaths:
    """The files of one data folder."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / DB_FILENAME

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def lock_file(self) -> Path:
        return self.root / "rapport.lock"

    def ensure(self) -> DataPaths:
        """Create the folder (private on POSIX) and return self.

        A read-only folder without a backups folder still opens for reading: the backups
        folder is made again when the first backup is written.
        """
        try:
            make_private_dir(self.root)
        except OSError as exc:
            from crm.store.disk_errors import explain_os_error

            raise explain_os_error(exc, self.database) from exc
        with contextlib.suppress(OSError):
            make_private_dir(self.backups)
        return self


def resolve_data_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: `--data-dir`, else `$RAPPORT_DATA_DIR`, else the per-user data dir."""
    if cli_value:
        return Path(cli_value).expanduser().resolve()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def data_paths(cli_value: str | os.PathLike[str] | None = None) -> DataPaths:
    return DataPaths(resolve_data_dir(cli_value))


def make_private_dir(path: Path) -> None:
    """Create `path` readable by its owner only (0700); contacts are personal data.

    An existing folder loses what others may do with it, and keeps what its owner may: a
    folder the user made read-only stays read-only.
    """
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            path.chmod(mode & 0o700)


def make_private_file(path: Path) -> None:
    """Restrict an existing file to its owner (0600) on POSIX."""
    if os.name == "posix" and path.exists():
        path.chmod(0o600)
