"""Applying a contact's synced fields back onto its vCard text, losslessly: the lines
Rapport manages are compared with the fields, unchanged ones kept verbatim, only what
changed rewritten, and every property Rapport does not understand left as it was."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import vobject
from vobject.base import textLineToContentLine

from crm.sync.cards import (
    _CHANNEL_PROPS,
    _MANAGED,
    _STANDARD_TYPES,
    CardFields,
    ChannelTuple,
    _channel,
    _is_linkedin,
    _labels,
    _Line,
    _lines,
    channel_key,
    read_card,
)


def _emit(version: str, build: list[tuple[str, object, dict[str, list[str]], str]]) -> list[str]:
    """Content lines for new properties, escaped and folded by vobject."""
    card = vobject.vCard()
    for name, value, params, group in build:
        prop = card.add(name.lower())
        prop.value = value
        if group:
            prop.group = group
        for key, values in params.items():
            prop.params[key] = values
    text = card.serialize(lineLength=75, validate=False)
    body = text.replace("\r\n", "\n").split("\n")
    out: list[str] = []
    for line in body:
        if line.startswith((" ", "\t")) and out:
            out[-1] += "\r\n" + line
        elif line and line.split(":", 1)[0].upper() not in ("BEGIN", "END", "VERSION"):
            out.append(line)
    return out


def _channel_props(channel: ChannelTuple, group: str) -> list[tuple[str, object, dict, str]]:
    kind, value, label = channel
    name = {v: k for k, v in _CHANNEL_PROPS.items()}[kind]
    words = ["cell" if w == "mobile" else w for w in label.lower().split()]
    if kind == "social":
        typ = re.sub(r"[^\w-]", "", label) or "profile"
        return [(name, value, {"TYPE": [typ]}, "")]
    if not words or all(w in _STANDARD_TYPES for w in words):
        return [(name, value, {"TYPE": [",".join(words)]} if words else {}, "")]
    return [(name, value, {}, group), ("X-ABLABEL", label, {}, group)]


def _next_group(used: Iterable[str]) -> Iterator[str]:
    numbers = {int(g[4:]) for g in used if re.fullmatch(r"item\d+", g)}
    n = max(numbers, default=0)
    while True:
        n += 1
        yield f"item{n}"


def apply_card(base_text: str, uid: str, fields: CardFields, version: str = "3.0") -> str:
    """`fields` written onto `base_text` (or a new card): unchanged lines stay verbatim."""
    if base_text.strip():
        version, lines = _lines(base_text)
    else:
        lines = [_Line(f"UID:{uid}", textLineToContentLine(f"UID:{uid}"))]
    _, current = read_card(base_text) if base_text.strip() else ("", CardFields())
    labels = _labels(lines)
    keep: list[str] = []
    build: list[tuple[str, object, dict, str]] = []
    wanted = {channel_key(c): c for c in fields.channels}
    dropped_groups: set[str] = set()
    seen_linkedin = False
    for ln in lines:
        name = ln.name
        channel = _channel(ln, labels)
        if channel is not None:
            if _is_linkedin(channel) and not seen_linkedin and current.linkedin_url:
                seen_linkedin = True
                if channel[1] == fields.linkedin_url:
                    keep.append(ln.raw)
                else:
                    dropped_groups.add(ln.group)
                continue
            key = channel_key(channel)
            if key in wanted and wanted[key][2] == channel[2]:
                keep.append(ln.raw)
                del wanted[key]
            else:
                dropped_groups.add(ln.group)
            continue
        if name in _MANAGED:
            continue  # rewritten below only when changed, else restored verbatim
        keep.append(ln.raw)
    scalar_lines = {ln.name: ln.raw for ln in lines if ln.name in _MANAGED}
    full_name = f"{fields.first_name} {fields.last_name}".strip()

    def scalar(prop: str, changed: bool, value: object, present: bool) -> None:
        if not changed and prop in scalar_lines:
            keep.extend(ln.raw for ln in lines if ln.name == prop)
        elif present:
            build.append((prop, value, {}, ""))

    names_changed = (current.first_name, current.last_name) != (
        fields.first_name,
        fields.last_name,
    )
    scalar(
        "N",
        names_changed,
        vobject.vcard.Name(family=fields.last_name, given=fields.first_name),
        True,
    )
    scalar("FN", names_changed or "FN" not in scalar_lines, full_name or fields.company, True)
    scalar("ORG", current.company != fields.company, [fields.company], bool(fields.company))
    scalar("TITLE", current.title != fields.title, fields.title, bool(fields.title))
    scalar("NOTE", current.notes != fields.notes, fields.notes, bool(fields.notes))
    scalar("BDAY", current.birthday != fields.birthday, fields.birthday, bool(fields.birthday))
    scalar(
        "ADR",
        current.location != fields.location,
        vobject.vcard.Address(city=fields.location),
        bool(fields.location),
    )
    if current.tags != fields.tags:
        if fields.tags:
            build.append(("CATEGORIES", sorted(fields.tags, key=str.casefold), {}, ""))
    else:
        keep.extend(ln.raw for ln in lines if ln.name == "CATEGORIES")
    keep = [
        raw
        for raw in keep
        if not (
            (ln := textLineToContentLine(raw)).name.upper() == "X-ABLABEL"
            and (ln.group or "").lower() in dropped_groups
        )
    ]
    groups = _next_group(ln.group for ln in lines if ln.group)
    new_channels = [c for c in fields.channels if channel_key(c) in wanted]
    if fields.linkedin_url and (
        not current.linkedin_url
        or not seen_linkedin
        or (current.linkedin_url != fields.linkedin_url)
    ):
        new_channels.append(("url", fields.linkedin_url, "LinkedIn"))
    for channel in sorted(new_channels):
        build.extend(_channel_props(channel, next(groups)))
    body = [raw for raw in keep if not raw.upper().startswith("UID")]
    uid_line = next((raw for raw in keep if raw.upper().startswith("UID")), f"UID:{uid}")
    out = [
        "BEGIN:VCARD",
        f"VERSION:{version}",
        uid_line,
        *body,
        *_emit(version, build),
        "END:VCARD",
    ]
    return "\r\n".join(_fold(line) for line in out) + "\r\n"


def _fold(line: str) -> str:
    """Kept lines were unfolded on reading; fold them again at 75 octets."""
    if "\r\n" in line or len(line.encode("utf-8")) <= 75:
        return line
    out, current, size = [], "", 0
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > 75:
            out.append(current)
            current, size = " ", 1
        current += ch
        size += width
    out.append(current)
    return "\r\n".join(out)
