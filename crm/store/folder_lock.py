"""The data folder's lock, shared by the window and every writing command-line command.

The window takes it with Qt's QLockFile; commands cannot import Qt, so this module writes
the same lock file the same way: created exclusively, holding the owner's pid, program,
host, machine and boot ids (QLockFile's lines), and kept under flock and fcntl locks for
as long as the owner runs. Either side sees the other's lock as held, and either side may
remove a lock whose owner is gone (no process holds its OS locks any more).
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from crm.errors import FolderInUseError
from crm.store.disk_errors import explain_os_error
from crm.store.paths import DataPaths

IN_USE = "Rapport is open on this folder"
FRESH_SECONDS = 10.0


def _first_line(path: str) -> str:
    try:
        with open(path, encoding="ascii", errors="replace") as handle:
            return handle.readline().strip()
    except OSError:
        return ""


def _program_name() -> str:
    """What QLockFile writes as the application name: the file name of the executable."""
    try:
        target = os.readlink(f"/proc/{os.getpid()}/exe")
    except OSError:
        target = sys.executable
    return os.path.basename(target.removesuffix(" (deleted)"))


def _host_name() -> str:
    """gethostname(), which on POSIX systems is the node name uname gives; asked of uname
    there, since the socket module costs a command that writes (an import) about 5 ms."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    import socket

    return socket.gethostname()


def lock_contents() -> bytes:
    """The lines QLockFile (Qt 6) writes: pid, program, host, machine id, boot id."""
    machine = _first_line("/etc/machine-id") or _first_line("/var/lib/dbus/machine-id")
    boot = _first_line("/proc/sys/kernel/random/boot_id")
    lines = [str(os.getpid()), _program_name(), _host_name(), machine, boot]
    return ("\n".join(lines) + "\n").encode()


def _os_locks(fd: int) -> bool:
    """Take the flock and fcntl locks QLockFile takes; False when someone holds them."""
    try:
        import fcntl
    except ImportError:  # not POSIX: the exclusive creation of the file is the lock
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove_if_stale(lock: Path) -> bool:
    """Remove a lock file whose owner is gone; True when it was removed."""
    try:
        fd = os.open(lock, os.O_RDWR)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    try:
        if not _os_locks(fd):
            return False  # its owner is alive and holds it
        # Every live owner holds the OS locks, except in the instant between creating
        # the file and locking it: a young file of a live process is left alone.
        first = os.pread(fd, 32, 0).split(b"\n", 1)[0]
        young = time.time() - os.fstat(fd).st_mtime < FRESH_SECONDS
        if young and (not first.isdigit() or _pid_alive(int(first))):
            return False
        # Still the file we looked at (not one created meanwhile by someone else)?
        if os.fstat(fd).st_ino != os.stat(lock).st_ino:
            return False
        os.unlink(lock)
        return True
    except FileNotFoundError:
        return True
    finally:
        os.close(fd)


class FolderLock:
    """The lock of one data folder, held from `acquire` to `release`."""

    def __init__(self, paths: DataPaths) -> None:
        self.path = paths.lock_file
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock, or raise FolderInUseError (another Rapport holds it) or
        DatabaseError (the folder is read-only, the disk is full)."""
        for _attempt in range(2):
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                if _remove_if_stale(self.path):
                    continue
                raise FolderInUseError(f"{IN_USE} ({self.path.parent}); close it first") from None
            except OSError as exc:
                raise explain_os_error(exc, self.path) from exc
            try:
                os.write(fd, lock_contents())
                if not _os_locks(fd):  # someone removed our file and took theirs
                    raise FolderInUseError(f"{IN_USE} ({self.path.parent}); close it first")
            except OSError as exc:
                os.close(fd)
                with contextlib.suppress(OSError):
                    os.unlink(self.path)
                raise explain_os_error(exc, self.path) from exc
            self._fd = fd
            return
        raise FolderInUseError(f"{IN_USE} ({self.path.parent}); close it first")

    def release(self) -> None:
        if self._fd is None:
            return
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path)
        os.close(self._fd)
        self._fd = None


def probe_folder(paths: DataPaths) -> None:
    """Raise DatabaseError saying why nothing can be written in the folder (read-only,
    full disk), if that is so."""
    probe = paths.root / f".rapport-probe-{os.getpid()}"
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, lock_contents())
            os.fsync(fd)
        finally:
            os.close(fd)
            os.unlink(probe)
    except OSError as exc:
        raise explain_os_error(exc, probe) from exc


@contextlib.contextmanager
def hold_folder(paths: DataPaths) -> Iterator[FolderLock]:
    """Hold the folder's lock for the body (a whole import, a restore)."""
    lock = FolderLock(paths)
    lock.acquire()
    try:
        yield lock
    finally:
        lock.release()


def folder_in_use(paths: DataPaths) -> bool:
    """Whether a running Rapport (window or command) holds the folder's lock."""
    lock = paths.lock_file
    try:
        fd = os.open(lock, os.O_RDONLY)
    except FileNotFoundError:
        return False
    except OSError as exc:
        return exc.errno not in (errno.ENOENT,)
    try:
        import fcntl
    except ImportError:  # not POSIX: trust the file, a running app removes it on exit
        os.close(fd)
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)
