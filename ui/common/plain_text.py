"""User text shown as the characters it is, never read by Qt as markup.

Qt guesses rich text wherever a string "looks like" HTML (labels, tooltips, message boxes,
some item views), and rich text loads local files named by `<img>`: a title such as
`<img src="/dev/zero">` hangs or crashes the app when shown. Every place that shows user
text goes through one of these helpers or sets `Qt.TextFormat.PlainText` itself.
"""

from __future__ import annotations

import html

from PySide6.QtGui import QGuiApplication


def escaped(text: str) -> str:
    """`text` as HTML that shows exactly those characters (line breaks kept)."""
    return html.escape(text).replace("\n", "<br>")


def as_tooltip(text: str) -> str | None:
    """User text as a tooltip that shows exactly those characters (None for no tooltip).

    Qt guesses whether a tooltip is rich text; `<qt>` settles it, and escaping keeps a
    name like "<b>Eve</b>" from being read as markup.
    """
    if not text:
        return None
    return "<qt>" + escaped(text) + "</qt>"


def notification_body(text: str) -> str:
    """User text for the body of a desktop notification.

    Freedesktop notification servers read the body as markup (`<b>`, `<a>`, `<img>`);
    escaped, it shows as the characters typed. Elsewhere the body is plain already.
    """
    if QGuiApplication.platformName() in ("xcb", "wayland"):
        return html.escape(text, quote=False)
    return text
