"""Merge a container's metadata with what its telegram says into one Cable."""

from __future__ import annotations

from pathlib import Path

from briefgen.errors import ReadError
from briefgen.models import Cable
from briefgen.read.body import split_body
from briefgen.read.cleaning import clean, clean_body, split_listing_row
from briefgen.read.envelope import Envelope
from briefgen.read.ids import (
    canonical_origin,
    id_name,
    is_plausible_id,
    make_id,
    origin_from_place,
    repair_id,
)
from briefgen.read.refs import parse_references
from briefgen.read.telegram import Telegram, read_header


def assemble(envelope: Envelope, path: str | None = None, row: int | None = None) -> Cable:
    """Return the Cable of an envelope, or raise ReadError when no cable can be made of it."""
    lines, listed_subject = split_listing_row(clean(envelope.text.split("\n")))
    telegram = read_header(lines)
    created = envelope.created or telegram.created
    # The date-time group is the transmission time; page metadata only rounds it (or worse).
    if (
        envelope.created
        and telegram.created
        and abs((envelope.created - telegram.created).total_seconds()) < 36 * 3600
    ):
        created = telegram.created
    cable_id = _cable_id(envelope, telegram, created.year if created else None, path)
    if cable_id is None:
        raise ReadError(_why_not(envelope, telegram), path, row)
    year = int(cable_id[:2])
    full_year = created.year if created else (1900 + year if year >= 60 else 2000 + year)
    origin = (
        envelope.origin
        or (canonical_origin(telegram.sender) if telegram.sender else None)
        or origin_from_place(telegram.place or _id_place(cable_id))
    )
    references = parse_references(telegram.reference_text or "", full_year)
    if not references and envelope.references:
        references = envelope.references
    references = tuple(ref for ref in references if ref != cable_id)
    body = split_body(clean_body(telegram.body, telegram.place, telegram.serial))
    subject = telegram.subject or envelope.subject or listed_subject
    return Cable(
        id=cable_id,
        path=path,
        row=row,
        format=envelope.format,
        created=created,
        origin=origin,
        classification=envelope.classification or telegram.marking,
        classified_by=telegram.classified_by,
        nondisclosure_deadline=telegram.declassify,
        subject=subject,
        tags=telegram.tags or envelope.tags,
        references=references,
        recipients=telegram.recipients,
        info_recipients=telegram.info_recipients,
        signers=body.signers,
        summary=body.summary,
        comment=body.comment,
        paragraphs=body.paragraphs,
    )


def _cable_id(
    envelope: Envelope, telegram: Telegram, year: int | None, path: str | None
) -> str | None:
    """Return the canonical id: the container's when sound, else one made from the telegram."""
    given = repair_id(envelope.id) if envelope.id else None
    if given and is_plausible_id(given):
        return given
    place = _serial_place(telegram)
    if place is None or telegram.serial is None:
        return given
    if telegram.year or year:
        return make_id(telegram.year or str(year), place, telegram.serial)
    written = (envelope.id or "")[:2]
    if written.isdigit():
        return make_id(written, place, telegram.serial)
    # Body-only copies carry no date; a file named by an id of the same post gives the year.
    named = repair_id(Path(path).stem) if path else None
    if named and named[2:].rstrip("0123456789") == id_name(place):
        return make_id(named[:2], place, telegram.serial)
    return None


def _serial_place(telegram: Telegram) -> str | None:
    """Return the serial line's post, repaired from the FM line where one letter was garbled."""
    place = telegram.place
    sender = canonical_origin(telegram.sender) if telegram.sender else None
    if place is None or sender is None or " " not in sender:
        return place
    sent = id_name(sender.split(" ", 1)[1])
    mine = id_name(place)
    if len(sent) == len(mine) and sum(a != b for a, b in zip(sent, mine, strict=True)) == 1:
        return sent
    return place


def _id_place(cable_id: str) -> str:
    return cable_id[2:].rstrip("0123456789")


def _why_not(envelope: Envelope, telegram: Telegram) -> str:
    if not envelope.text.strip():
        return "no cable text found"
    if telegram.place is None and (telegram.sender or telegram.created) and not telegram.subject:
        return "truncated cable: only the routing header, no serial line, subject or text"
    if telegram.place is None:
        return "no cable id: no metadata id and no serial line like 'UNCLAS ASTANA 001985'"
    return "no cable id: the serial line has no year (no date-time group or date)"
