"""The cable record (what the reader gives and every later stage takes), and the base of records.

Every record passed between stages is a frozen, slotted dataclass deriving from Record, whose
one `as_dict()` turns it into JSON data; a record overrides it only to reshape its output.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import PurePath
from typing import Any


class Record:
    """A frozen dataclass whose fields `as_dict()` returns as JSON-ready data."""

    __slots__ = ()

    def as_dict(self) -> dict[str, Any]:
        """Return every field, in field order, as JSON-ready data (see `json_ready`)."""
        return {f.name: json_ready(getattr(self, f.name)) for f in dataclasses.fields(self)}  # type: ignore[arg-type]


def json_ready(value: Any) -> Any:
    """Return `value` as JSON data: objects with `as_dict()` as dicts, tuples and lists as lists,
    mappings as dicts, paths as text, datetimes as `YYYY-MM-DDTHH:MM:SSZ`, dates as ISO."""
    if hasattr(value, "as_dict"):
        return value.as_dict()
    if isinstance(value, (tuple, list)):
        return [json_ready(item) for item in value]
    if isinstance(value, dict):
        return {key: json_ready(item) for key, item in value.items()}
    if isinstance(value, PurePath):
        return str(value)
    if isinstance(value, datetime):
        return format_utc(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


@dataclass(frozen=True, slots=True)
class Paragraph(Record):
    """One paragraph of a cable body."""

    number: int | None
    """The paragraph number as the cable gives it (repaired where the copy garbled it), or None;
    18 for the lettered paragraphs 18A and 18B, so that ordering by number is kept."""
    heading: str | None
    """The section heading standing above this paragraph (`THE SHELTER`), without markup."""
    text: str
    """The cleaned paragraph text, without its number, on one line per paragraph."""
    label: str | None = None
    """The citation label as the cable writes it, for a lettered or sub-numbered paragraph
    (`18A`, `2.b`, `2(a)`, `A`); None for a plain numbered paragraph (its label is its number)
    and for an unnumbered one (its heading tells it apart)."""


_WHERE_READ = ("path", "row", "format")
"""The fields of a Cable that say where and how it was read, not what it says."""


@dataclass(frozen=True, slots=True)
class Cable(Record):
    """One diplomatic cable, read and cleaned, whatever format it came in."""

    id: str
    """Canonical reference id: year, origin and serial without leading zeros (`09ASTANA1985`)."""
    given_id: str | None = None
    """The id the container gave, when the reader repaired it (`08SECTION01GF02BISHIEK21` for
    08BISHKEK1021), so that the released id stays searchable; None when taken as given."""
    path: str | None = None
    """The file the cable was read from (None for stdin)."""
    row: int | None = None
    """The row or line of a multi-cable file (CSV, JSON Lines), counted from 1; None otherwise."""
    format: str = "telegram"
    """The detected input format (`telegram`, `wikileaks-html`, `wikileaks-text`, `csv`, ...)."""
    created: datetime | None = None
    """When the cable was sent, in UTC."""
    origin: str | None = None
    """The sending post as WikiLeaks names it (`Embassy Astana`)."""
    classification: str | None = None
    """`UNCLASSIFIED`, `CONFIDENTIAL`, `SECRET//NOFORN`, ..."""
    classified_by: str | None = None
    """The official named in a `Classified By:` line."""
    nondisclosure_deadline: str | None = None
    """The declassification date or rule (`2019-11-10`, `X1`)."""
    subject: str | None = None
    """The whole subject line, joined when it runs over two lines."""
    tags: tuple[str, ...] = ()
    """TAGS codes in cable order (`PGOV`, `KTIP`, ...)."""
    references: tuple[str, ...] = ()
    """Canonical ids of the cables referenced (`09ASTANA1206`)."""
    recipients: tuple[str, ...] = ()
    """TO addressees (`SECSTATE WASHDC`)."""
    info_recipients: tuple[str, ...] = ()
    """INFO addressees."""
    signers: tuple[str, ...] = ()
    """Signature names at the end of the cable (`HOAGLAND`)."""
    summary: str | None = None
    """The SUMMARY section's text without its markers."""
    comment: str | None = None
    """The COMMENT section's text without its markers."""
    paragraphs: tuple[Paragraph, ...] = field(default_factory=tuple)
    """The cleaned body, paragraph by paragraph."""

    def as_dict(self) -> dict[str, Any]:
        """Return every field as JSON-ready data (absent values are null or []), where the
        cable was read from first."""
        data = Record.as_dict(self)
        return {
            "path": data.pop("path"),
            "row": data.pop("row"),
            "format": data.pop("format"),
        } | data

    def content_hash(self) -> str:
        """Return a digest of the cable's content, independent of where and how it was read."""
        # The JSON of as_dict() without path, row and format, built directly: ingest hashes
        # every cable, and the generic as_dict() walk was a tenth of reading one. Tuples of
        # text encode as the lists as_dict() makes of them.
        data = {name: getattr(self, name) for name in _HASHED_FIELDS}
        data["created"] = format_utc(self.created)
        data["paragraphs"] = [
            {name: getattr(para, name) for name in _PARAGRAPH_FIELDS} for para in self.paragraphs
        ]
        blob = json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")
        return hashlib.blake2b(blob, digest_size=16).hexdigest()

    def paragraph(self, number: int, label: str | None = None) -> Paragraph | None:
        """Return the paragraph with this number (and, when given, this citation label, as
        `cite_labels` gives it: `¶18A` tells 18A from 18B), or None."""
        labels = self.cite_labels() if label is not None else None
        for index, para in enumerate(self.paragraphs):
            if para.number == number and (labels is None or labels[index] == label):
                return para
        return None

    def cite_labels(self) -> tuple[str | None, ...]:
        """Return, paragraph by paragraph, how a citation names it after the cable id when its
        number alone does not (see `cite_labels`)."""
        return cite_labels(self.paragraphs)


HEADING_WORDS = 6
"""The words of a heading a citation keeps; a longer heading is cut with an ellipsis."""


def cite_labels(paragraphs: tuple[Paragraph, ...]) -> tuple[str | None, ...]:
    """Return how a citation names each paragraph after the cable id, when its number does not.

    A lettered or sub-numbered paragraph by its label (`¶18A`, `¶2.b`, `¶A`); an unnumbered
    paragraph under a heading by the heading in quotes (`"THE SHELTER"`), with its place
    under that heading when several share it (`"THE SHELTER" ¶2`); an unnumbered paragraph
    with no heading by its place in the cable, in brackets (`¶(3)`). A plain numbered
    paragraph gets None: its number (`¶18`) names it.
    """
    shared: dict[str, int] = {}
    for para in paragraphs:
        if para.label is None and para.number is None and para.heading:
            shared[para.heading] = shared.get(para.heading, 0) + 1
    seen: dict[str, int] = {}
    labels: list[str | None] = []
    for position, para in enumerate(paragraphs, start=1):
        if para.label:
            labels.append(f"¶{para.label}")
        elif para.number is not None:
            labels.append(None)
        elif para.heading:
            seen[para.heading] = seen.get(para.heading, 0) + 1
            words = para.heading.replace('"', "'").split()
            quoted = " ".join(words[:HEADING_WORDS]) + ("…" if len(words) > HEADING_WORDS else "")
            place = f" ¶{seen[para.heading]}" if shared[para.heading] > 1 else ""
            labels.append(f'"{quoted}"{place}')
        else:
            labels.append(f"¶({position})")
    return tuple(labels)


_HASHED_FIELDS = tuple(f.name for f in dataclasses.fields(Cable) if f.name not in _WHERE_READ)
_PARAGRAPH_FIELDS = tuple(f.name for f in dataclasses.fields(Paragraph))


@dataclass(frozen=True, slots=True)
class Rejection(Record):
    """An input that could not be read as a cable, and why."""

    path: str
    """The file (or `-` for stdin)."""
    row: int | None
    """The row of a multi-cable file, or None."""
    reason: str
    """One line a user can act on."""

    def __str__(self) -> str:
        where = self.path if self.row is None else f"{self.path}, row {self.row}"
        return f"{where}: {self.reason}"


def format_utc(moment: datetime | None) -> str | None:
    """Return an aware or naive-UTC datetime as `YYYY-MM-DDTHH:MM:SSZ`, or None."""
    if moment is None:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
