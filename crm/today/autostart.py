"""Starting the reminder helper at login, the way each desktop does it: an XDG autostart
entry on Linux and other Unix desktops, a LaunchAgent property list on macOS, a command
file in the Startup folder on Windows (the systems PyInstaller builds for).

Every function takes the environment and the platform, so tests write the files into a
temporary folder for each system.
"""

from __future__ import annotations

import os
import plistlib
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

XDG_NAME = "rapport-reminders.desktop"
LAUNCH_AGENT_LABEL = "io.github.rapport.reminders"
STARTUP_NAME = "Rapport reminders.cmd"


def _home(env: Mapping[str, str]) -> Path:
    return Path(env.get("HOME") or env.get("USERPROFILE") or Path.home())


def autostart_file(env: Mapping[str, str] = os.environ, system: str = sys.platform) -> Path:
    """Where the login entry lives on `system` (a `sys.platform` value)."""
    if system == "win32":
        # The per-user Startup folder under the roaming application data (CSIDL_STARTUP).
        roaming = env.get("APPDATA") or str(_home(env) / "AppData" / "Roaming")
        startup = Path(roaming) / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Startup"
        return startup / STARTUP_NAME
    if system == "darwin":
        return _home(env) / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist"
    config = env.get("XDG_CONFIG_HOME") or str(_home(env) / ".config")
    return Path(config) / "autostart" / XDG_NAME


def enable_autostart(
    command: Sequence[str], env: Mapping[str, str] = os.environ, system: str = sys.platform
) -> Path:
    """Write the login entry that runs `command`; returns its path."""
    path = autostart_file(env, system)
    path.parent.mkdir(parents=True, exist_ok=True)
    if system == "win32":
        path.write_text(_startup_cmd(command), encoding="utf-8", newline="\r\n")
    elif system == "darwin":
        path.write_bytes(_launch_agent(command))
    else:
        path.write_text(_desktop_entry(command), encoding="utf-8")
    return path


def disable_autostart(env: Mapping[str, str] = os.environ, system: str = sys.platform) -> None:
    autostart_file(env, system).unlink(missing_ok=True)


def autostart_command(
    env: Mapping[str, str] = os.environ, system: str = sys.platform
) -> list[str] | None:
    """The command of the login entry, or None when reminders are off."""
    path = autostart_file(env, system)
    if not path.exists():
        return None
    if system == "darwin":
        arguments = plistlib.loads(path.read_bytes()).get("ProgramArguments")
        return [str(a) for a in arguments] if isinstance(arguments, list) else None
    prefix = "start " if system == "win32" else "Exec="
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(prefix):
            if system == "win32":
                return _parse_cmd(line[len(prefix) :])
            return _parse_exec(line[len(prefix) :])
    return None


# -- macOS: a LaunchAgent ------------------------------------------------------------------


def _launch_agent(command: Sequence[str]) -> bytes:
    """launchd runs ProgramArguments as given (no shell), at login (RunAtLoad)."""
    return plistlib.dumps(
        {
            "Label": LAUNCH_AGENT_LABEL,
            "ProgramArguments": list(command),
            "RunAtLoad": True,
            "ProcessType": "Interactive",
        }
    )


# -- Windows: a command file in the Startup folder -----------------------------------------


def _startup_cmd(command: Sequence[str]) -> str:
    """`start` returns at once, so the console closes while the helper keeps running.
    Windows paths cannot hold a double quote; a % is doubled so cmd reads it as itself."""
    if any('"' in a for a in command):
        raise ValueError("A Windows command cannot hold a double quote.")
    quoted = " ".join('"' + a.replace("%", "%%") + '"' for a in command)
    note = "rem Rapport reminders: desktop notifications of what is due"
    return f'@echo off\n{note}\nstart "" {quoted}\n'


def _parse_cmd(value: str) -> list[str]:
    """The arguments of the `start` line written by _startup_cmd (its window title first)."""
    parts = value.split('"')[1::2]  # the text between each pair of quotes
    return [p.replace("%%", "%") for p in parts[1:]]


# -- Linux and other Unix desktops: an XDG autostart entry ---------------------------------

_RESERVED = '\\"`$'


def _desktop_entry(command: Sequence[str]) -> str:
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=Rapport reminders\n"
        "Comment=Desktop notifications for what is due in Rapport\n"
        f"Exec={_exec_line(command)}\n"
        "Icon=rapport\n"
        "NoDisplay=true\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


def _exec_line(command: Sequence[str]) -> str:
    """The Exec value of a desktop entry: arguments quoted with \\ " ` $ escaped inside, then
    the string escape of every backslash (the spec's two layers)."""

    def quote(arg: str) -> str:
        if arg and all(c.isalnum() or c in "/._-+=:@," for c in arg):
            return arg
        return '"' + "".join("\\" + c if c in _RESERVED else c for c in arg) + '"'

    return " ".join(quote(a) for a in command).replace("\\", "\\\\")


def _parse_exec(value: str) -> list[str]:
    """The arguments of an Exec value written by _exec_line (or by hand, likewise)."""
    text = value.replace("\\\\", "\\")
    args: list[str] = []
    current: list[str] | None = None
    quoted = False
    chars = iter(text)
    for c in chars:
        if quoted:
            if c == "\\":
                current_char = next(chars, "")
                assert current is not None
                current.append(current_char)
            elif c == '"':
                quoted = False
            else:
                assert current is not None
                current.append(c)
        elif c == '"':
            quoted, current = True, current if current is not None else []
        elif c.isspace():
            if current is not None:
                args.append("".join(current))
                current = None
        else:
            current = (current or []) + [c]
    if current is not None:
        args.append("".join(current))
    return args
