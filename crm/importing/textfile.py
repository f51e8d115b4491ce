"""Reading an import file as text: size limit, binary detection and encoding guesses."""

from __future__ import annotations

import codecs
from pathlib import Path

from crm.errors import ImportRefused

# The largest real exports we know of (30,000 LinkedIn connections, LinkedIn's cap, or a
# phone's address book with photos) stay well under this; bigger files are refused
# before they are read, so a wrong pick never stalls the app.
MAX_BYTES = 32 * 1024 * 1024


def read_text(path: Path) -> str:
    """The file's text, or ImportRefused with one clear sentence."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportRefused(f"Cannot open {path.name}: {exc.strerror or exc}.") from exc
    if size > MAX_BYTES:
        raise ImportRefused(
            f"The file is {size / 1024 / 1024:.0f} MB; Rapport imports files up to "
            f"{MAX_BYTES // 1024 // 1024} MB. Export fewer contacts at a time."
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportRefused(f"Cannot read {path.name}: {exc.strerror or exc}.") from exc
    return decode_bytes(data)


def decode_bytes(data: bytes, name: str = "The file") -> str:
    """Decode with a byte-order mark if there is one, else UTF-8, else Windows-1252."""
    if not data.strip():
        raise ImportRefused(f"{name} is empty.")
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding), name)
            except UnicodeDecodeError as exc:
                raise ImportRefused(f"{name} is not valid {encoding} text.") from exc
    head = data[:4096]
    # UTF-16 without a byte-order mark: every other byte of plain text is zero.
    if head.count(0) > len(head) // 3:
        for encoding in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if _looks_like_text(text):
                return text
        raise ImportRefused(f"{name} is not a text file (it looks like binary data).")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        # Older Outlook and Excel exports are Windows-1252; latin-1 never fails.
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    return _checked(text, name)


def _looks_like_text(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    odd = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t")
    return odd / len(sample) < 0.02


def _checked(text: str, name: str) -> str:
    if not text.strip():
        raise ImportRefused(f"{name} is empty.")
    if not _looks_like_text(text):
        raise ImportRefused(f"{name} is not a text file (it looks like binary data).")
    return text
