"""`mailto:` links (RFC 6068): address, subject and body percent-encoded, lines in CRLF."""

from __future__ import annotations

from urllib.parse import quote


def mailto_url(to: str, subject: str, body: str) -> str:
    """A mailto: URL a mail app opens with the message filled in."""
    text = body.replace("\r\n", "\n").replace("\n", "\r\n")
    query = f"subject={quote(subject, safe='')}&body={quote(text, safe='')}"
    return f"mailto:{quote(to.strip(), safe='@')}?{query}"
