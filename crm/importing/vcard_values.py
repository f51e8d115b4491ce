"""One logical vCard line as a vobject content line: vobject parses, Rapport picks the charset.

vobject decodes a quoted-printable value with whatever codec its CHARSET parameter names, and
Python's codecs include ones that are no text encoding (`rot13`, `base64`, `zlib`) or that
make strings SQLite cannot store (UTF-7 and `unicode_escape` produce lone surrogates). So the
quoted-printable bytes are decoded here, with text encodings only, and vobject is given the
text; everything else about the line (name, group, parameters, escapes) is vobject's.
"""

from __future__ import annotations

import codecs
import quopri
import re
from typing import Any

from vobject.base import ContentLine, VObjectError, parseLine

from crm.importing.vcard_lines import CardError, short

# Codecs that decode bytes into text a person wrote: Unicode, and the legacy code pages.
_TEXT_CODECS = re.compile(
    r"utf-(?:8|16|32).*|ascii|iso8859-\d+|cp\d+|mac-.+|koi8-.+|kz1048|ptcp154|tis-620"
    r"|hp-roman8|shift_jis.*|euc.+|gb.+|big5.*|hz|iso2022.+|johab"
)
_SURROGATES = re.compile("[\ud800-\udfff]")
_STRUCTURED = frozenset({"N", "ADR", "ORG"})
# Apple and Google escape the colon of a link ("http\\://"), which vCard text has no escape
# for and vobject would keep; only the raw value tells it from an escaped backslash.
_LINKS = frozenset({"URL", "IMPP", "X-SOCIALPROFILE"})
_ESCAPE = re.compile(r"\\(.)", re.S)


def _colon(match: re.Match[str]) -> str:
    return ":" if match[1] == ":" else match[0]


def text_codec(name: str) -> str | None:
    """The codec called `name` if it is a text encoding Rapport accepts, else None."""
    try:
        info = codecs.lookup(name.strip().strip('"'))
    except (LookupError, ValueError, TypeError):  # unknown, or a NUL in the name
        return None
    if not getattr(info, "_is_text_encoding", True) or not _TEXT_CODECS.fullmatch(info.name):
        return None
    return info.name


def storable(text: str) -> str:
    """`text` without lone surrogates, which no UTF-8 database can hold."""
    return _SURROGATES.sub("\ufffd", text) if not text.isascii() else text


def decode_charset(raw: bytes, charset: str) -> str:
    """Bytes of a quoted-printable value as text, in `charset` when that is a text encoding."""
    codec = text_codec(charset)
    if codec is not None:
        try:
            return storable(raw.decode(codec))
        except (UnicodeDecodeError, ValueError):
            pass
    # A stray byte in otherwise good UTF-8 becomes one replacement character; text that is
    # not UTF-8 at all was most likely written by a Windows program.
    text = raw.decode("utf-8", "replace")
    if any(ord(ch) > 0x7F and ch != "\ufffd" for ch in text):
        return text
    return raw.decode("cp1252", "replace")


def content_line(number: int, text: str) -> ContentLine:
    """The logical line `text` as vobject reads it; CardError when it is no property."""
    if ":" not in text:
        # No value at all. vobject's line pattern backtracks for seconds over such a line
        # (a damaged QUOTED-PRINTABLE line of 100 characters took over 10 s).
        raise CardError(number, f"“{short(text)}” is not a vCard property")
    try:
        name, params, value, group = parseLine(text, number)
    except VObjectError as exc:
        raise CardError(number, f"“{short(text)}” is not a vCard property") from exc
    params = [list(p) for p in params]
    encodings = {v.upper() for p in params for v in (p[1:] if p[0].upper() == "ENCODING" else p)}
    if "QUOTED-PRINTABLE" in encodings:
        charset = next((p[1] for p in params if p[0].upper() == "CHARSET" and len(p) > 1), "")
        value = _quoted_printable(value, charset, structured=name.upper() in _STRUCTURED)
    if name.upper() in _LINKS:
        value = _ESCAPE.sub(_colon, value)
    kept: list[Any] = [
        p
        for p in params
        if p[0].upper() not in ("CHARSET", "ENCODING") and p[0].upper() != "QUOTED-PRINTABLE"
    ]
    return ContentLine(name, kept, storable(value), group, encoded=True, lineNumber=number)


def _quoted_printable(value: str, charset: str, *, structured: bool) -> str:
    raw = quopri.decodestring(value.encode("latin-1", "replace"))
    text = decode_charset(raw, charset or "utf-8")
    # vobject reads the value as vCard 3.0 text, so escape what 2.1 leaves bare.
    text = text.replace("\\", "\\\\").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\n", "\\n")
    if not structured:
        text = text.replace(";", "\\;").replace(",", "\\,")
    return text
