"""The record every input format gives: the container's metadata plus the telegram text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Envelope:
    """What a container (page, row, file) says about a cable, and the cable's telegram text.

    Metadata fields are None when the container does not give them; the telegram fills them.
    """

    format: str
    """The detected input format (`telegram`, `wikileaks-html`, `csv`, ...)."""
    text: str
    """The telegram: routing header and body, as plain text."""
    id: str | None = None
    """The container's reference id, as written (may be garbled)."""
    created: datetime | None = None
    """The container's creation date, naive UTC."""
    origin: str | None = None
    """The container's origin (`Embassy Astana`)."""
    classification: str | None = None
    """The container's classification."""
    subject: str | None = None
    """The container's title, used when the telegram has no SUBJECT line."""
    tags: tuple[str, ...] = ()
    """The container's tags, used when the telegram has no TAGS line."""
    references: tuple[str, ...] | None = None
    """Canonical ids the container lists as references, or None when it lists none."""
