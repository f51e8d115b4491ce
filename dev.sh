#!/usr/bin/env bash
# Rapport's one entry point for a fresh machine:
#   ./dev.sh app [ARGS...]   set everything up, then run the app (ARGS go to main.py)
#   ./dev.sh test [ARGS...]  set everything up, then run ruff, mypy and the whole pytest suite
#   ./dev.sh bundle          set everything up, then build the desktop bundle into dist/rapport/
# A second run only checks that everything is in place and changes nothing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# Qt's system libraries (offscreen and X11), a virtual screen and tools the tests use.
SYSTEM_PACKAGES=(
  libegl1 libgl1 libxkbcommon0 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3 fonts-dejavu-core fonts-droid-fallback fonts-noto-color-emoji
  libx11-xcb1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
  libxcb-render-util0 libxcb-randr0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-xfixes0 libxcb-xkb1
)
TEST_PACKAGES=(xvfb xauth xdotool poppler-utils binutils dbus-daemon)
VENV=.venv

missing_packages() {
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || echo "$pkg"
  done
}

ensure_system_packages() {
  command -v dpkg-query >/dev/null 2>&1 || return 0 # not Debian/Ubuntu: the user knows their system
  local missing
  missing=$(missing_packages "$@" | tr '\n' ' ')
  [ -z "${missing// /}" ] && return 0
  if [ "$(id -u)" = 0 ]; then
    echo "Installing system packages: $missing"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  else
    echo "Rapport needs these system packages. Install them, then run this command again:" >&2
    echo "  sudo apt-get install -y $missing" >&2
    exit 1
  fi
}

ensure_venv() {
  local python=${PYTHON:-python3}
  if [ ! -x "$VENV/bin/python" ]; then
    "$python" -m venv "$VENV" || {
      echo "Could not create a virtual environment; on Debian/Ubuntu: sudo apt-get install python3-venv" >&2
      exit 1
    }
  fi
  local stamp="$VENV/.installed" want
  want=$(sha256sum pyproject.toml | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q -e ".[dev]"
    echo "$want" >"$stamp"
  fi
}

cmd=${1:-}
shift || true
case "$cmd" in
  app)
    ensure_system_packages "${SYSTEM_PACKAGES[@]}"
    ensure_venv
    exec "$VENV/bin/python" main.py "$@"
    ;;
  test)
    ensure_system_packages "${SYSTEM_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
    ensure_venv
    "$VENV/bin/ruff" check .
    "$VENV/bin/ruff" format --check .
    "$VENV/bin/mypy"
    QT_QPA_PLATFORM=offscreen exec "$VENV/bin/python" -m pytest "$@"
    ;;
  bundle)
    ensure_system_packages "${SYSTEM_PACKAGES[@]}" binutils # PyInstaller strips with binutils
    ensure_venv
    exec "$VENV/bin/python" packaging/build.py "$@"
    ;;
  *)
    echo "usage: ./dev.sh app [ARGS...] | ./dev.sh test [PYTEST ARGS...] | ./dev.sh bundle [--dist DIR]" >&2
    exit 2
    ;;
esac
