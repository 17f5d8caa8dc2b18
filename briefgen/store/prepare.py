"""Flatten a cable into the rows the store writes, in the parser processes, not the writer."""

from __future__ import annotations

import json
from datetime import datetime
from typing import NamedTuple

from briefgen.models import Cable, Paragraph, Rejection, format_utc
from briefgen.store.filters import origin_key


class PreparedCable(NamedTuple):
    """A cable as plain rows: cheap to pickle back from a worker and quick to insert.

    A NamedTuple rather than a dataclass on purpose: it pickles as one tuple of strings,
    several times faster to load in the writer than a Cable with its Paragraph objects.
    """

    id: str
    """The cable's id."""
    digest: str
    """`Cable.content_hash()`."""
    columns: tuple[object, ...]
    """The `cables` columns after id, content_hash and change_seq, in COLUMNS order."""
    paragraphs: tuple[tuple[int | None, str | None, str, str | None], ...]
    """(number, heading, text, label) per paragraph, in order."""
    tags: tuple[str, ...]
    """TAGS codes in order."""
    references: tuple[str, ...]
    """Referenced ids in order."""
    subject: str | None
    """The subject, as indexed for search."""
    body: str
    """The paragraph texts joined by newlines, as indexed for search."""
    path: str | None
    """Where the cable was read from."""
    row: int | None
    """Its row in a multi-cable file."""


Parsed = PreparedCable | Rejection
"""What the writer takes: a prepared cable, or a rejected input."""

COLUMNS = (
    "created",
    "origin",
    "origin_key",
    "classification",
    "classified_by",
    "nondisclosure_deadline",
    "subject",
    "summary",
    "comment",
    "recipients",
    "info_recipients",
    "signers",
    "path",
    "row",
    "format",
    "given_id",
)
"""The `cables` columns PreparedCable.columns holds, in order."""


def prepare(cable: Cable) -> PreparedCable:
    """Return the rows of a cable, with its content hash."""
    columns = (
        format_utc(cable.created),
        cable.origin,
        origin_key(cable.origin),
        cable.classification,
        cable.classified_by,
        cable.nondisclosure_deadline,
        cable.subject,
        cable.summary,
        cable.comment,
        json.dumps(list(cable.recipients), ensure_ascii=False),
        json.dumps(list(cable.info_recipients), ensure_ascii=False),
        json.dumps(list(cable.signers), ensure_ascii=False),
        cable.path,
        cable.row,
        cable.format,
        cable.given_id,
    )
    return PreparedCable(
        id=cable.id,
        digest=cable.content_hash(),
        columns=columns,
        paragraphs=tuple((p.number, p.heading, p.text, p.label) for p in cable.paragraphs),
        tags=cable.tags,
        references=cable.references,
        subject=cable.subject,
        body="\n".join(p.text for p in cable.paragraphs),
        path=cable.path,
        row=cable.row,
    )


def cable_of(prepared: PreparedCable) -> Cable:
    """Return the cable a PreparedCable was made from (the inverse of `prepare`)."""
    values = dict(zip(COLUMNS, prepared.columns, strict=True))
    created = values["created"]
    return Cable(
        id=prepared.id,
        given_id=_text(values["given_id"]),
        path=prepared.path,
        row=prepared.row,
        format=str(values["format"]),
        created=(
            datetime.strptime(created, "%Y-%m-%dT%H:%M:%SZ") if isinstance(created, str) else None
        ),
        origin=_text(values["origin"]),
        classification=_text(values["classification"]),
        classified_by=_text(values["classified_by"]),
        nondisclosure_deadline=_text(values["nondisclosure_deadline"]),
        subject=_text(values["subject"]),
        tags=prepared.tags,
        references=prepared.references,
        recipients=tuple(json.loads(str(values["recipients"]))),
        info_recipients=tuple(json.loads(str(values["info_recipients"]))),
        signers=tuple(json.loads(str(values["signers"]))),
        summary=_text(values["summary"]),
        comment=_text(values["comment"]),
        paragraphs=tuple(
            Paragraph(number=number, heading=heading, text=text, label=label)
            for number, heading, text, label in prepared.paragraphs
        ),
    )


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def prepare_record(record: Cable | Rejection) -> Parsed:
    """Return a cable prepared, or a rejection as it is."""
    return prepare(record) if isinstance(record, Cable) else record
