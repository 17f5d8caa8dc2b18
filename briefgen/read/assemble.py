"""Merge a container's metadata with what its telegram says into one Cable."""

from __future__ import annotations

from briefgen.errors import ReadError
from briefgen.models import Cable
from briefgen.read.body import split_body
from briefgen.read.cleaning import clean
from briefgen.read.envelope import Envelope
from briefgen.read.ids import (
    canonical_origin,
    is_plausible_id,
    make_id,
    origin_from_id_name,
    repair_id,
)
from briefgen.read.refs import parse_references
from briefgen.read.telegram import Telegram, read_header


def assemble(envelope: Envelope, path: str | None = None, row: int | None = None) -> Cable:
    """Return the Cable of an envelope, or raise ReadError when no cable can be made of it."""
    lines = clean(envelope.text.split("\n"))
    telegram = read_header(lines)
    created = envelope.created or telegram.created
    cable_id = _cable_id(envelope, telegram, created.year if created else None)
    if cable_id is None:
        raise ReadError(_why_not(envelope, telegram), path, row)
    year = int(cable_id[:2])
    full_year = created.year if created else (1900 + year if year >= 60 else 2000 + year)
    origin = (
        envelope.origin
        or (canonical_origin(telegram.sender) if telegram.sender else None)
        or origin_from_id_name(_id_place(cable_id))
    )
    references = parse_references(telegram.reference_text or "", full_year)
    if not references and envelope.references:
        references = envelope.references
    body = split_body(telegram.body)
    subject = telegram.subject or envelope.subject
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


def _cable_id(envelope: Envelope, telegram: Telegram, year: int | None) -> str | None:
    """Return the canonical id: the container's when sound, else one made from the telegram."""
    given = repair_id(envelope.id) if envelope.id else None
    if given and is_plausible_id(given):
        return given
    if telegram.place and telegram.serial is not None:
        telegram_year = telegram.year or (str(year) if year else None)
        if telegram_year is None and given:
            telegram_year = given[:2]
        if telegram_year is not None:
            return make_id(telegram_year, telegram.place, telegram.serial)
    return given


def _id_place(cable_id: str) -> str:
    return cable_id[2:].rstrip("0123456789")


def _why_not(envelope: Envelope, telegram: Telegram) -> str:
    if not envelope.text.strip():
        return "no cable text found"
    if telegram.place is None:
        return "no cable id: no metadata id and no serial line like 'UNCLAS ASTANA 001985'"
    return "no cable id: the serial line has no year (no date-time group or date)"
