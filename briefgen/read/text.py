"""Plain-text formats: a raw telegram, and the text copy of a WikiLeaks cable page."""

from __future__ import annotations

import re

from briefgen.read.envelope import Envelope
from briefgen.read.ids import parse_date

_LABELS = ("identifier", "created", "classification", "origin")
_LINK_TAG = re.compile(r"\[([A-Za-z0-9_/-]+)\]\(#?[^)\[]*\)")


def is_wikileaks_text(text: str) -> bool:
    """Tell whether text opens with the `Identifier / Created / Classification / Origin` block."""
    head = [line.strip().lower() for line in text[:400].splitlines() if line.strip()][:4]
    return tuple(head) == _LABELS


def read_wikileaks_text(text: str) -> Envelope:
    """Return the envelope of a WikiLeaks page's text copy (metadata, title, tags, telegram)."""
    lines = text.split("\n")
    nonblank = []
    for index, line in enumerate(lines):
        if line.strip():
            nonblank.append(index)
            if len(nonblank) == 8:
                break
    values = [lines[i].strip() for i in nonblank[4:8]]
    values += [""] * (4 - len(values))
    rest = lines[nonblank[7] + 1 :] if len(nonblank) > 7 else []
    title: list[str] = []
    tags: tuple[str, ...] = ()
    i = 0
    # The title and tags lines come before the telegram; the telegram starts after them.
    while i < len(rest) and i < 40:
        line = rest[i].strip()
        lower = line.lower()
        if lower.startswith("cable title:"):
            first = line.split(":", 1)[1].strip()
            title = [first] if first else []
            i += 1
            while i < len(rest) and not rest[i].strip().lower().startswith("tags:"):
                if rest[i].strip():
                    title.append(rest[i].strip())
                i += 1
            continue
        if lower.startswith("tags:"):
            tags = tuple(_LINK_TAG.sub(r"\1", line.split(":", 1)[1]).replace(",", " ").split())
            i += 1
            break
        if line and not lower.startswith("cable title"):
            break
        i += 1
    return Envelope(
        format="wikileaks-text",
        text="\n".join(rest[i:]),
        id=values[0] or None,
        created=parse_date(values[1]),
        classification=values[2] or None,
        origin=values[3] or None,
        subject=" ".join(title) or None,
        tags=tags,
    )


def read_telegram(text: str) -> Envelope:
    """Return the envelope of a raw telegram: no metadata, all of it is text."""
    return Envelope(format="telegram", text=text)
