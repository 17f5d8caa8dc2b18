"""Merge a container's metadata with what its telegram says into one Cable."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from briefgen.errors import ReadError
from briefgen.models import Cable
from briefgen.read.appended import split_appended
from briefgen.read.body import split_body
from briefgen.read.cleaning import clean, clean_body
from briefgen.read.envelope import Envelope
from briefgen.read.ids import (
    canonical_origin,
    clean_address,
    id_name,
    is_plausible_id,
    make_id,
    origin_from_place,
    repair_id,
    station_of,
)
from briefgen.read.posts import closest_post, is_known_post
from briefgen.read.refs import parse_references
from briefgen.read.telegram import Telegram, read_header


def assemble(envelope: Envelope, path: str | None = None, row: int | None = None) -> Cable:
    """Return the Cable of an envelope, or raise ReadError when no cable can be made of it."""
    lines, listed_subject = split_appended(clean(envelope.text).split("\n"))
    telegram = read_header(lines)
    created = _created(envelope, telegram)
    # The container's id repaired once: both the id and the check of its record need it.
    given = repair_id(envelope.id) if envelope.id else None
    cable_id = _cable_id(envelope, given, telegram, created.year if created else None, path)
    if cable_id is None:
        raise ReadError(_why_not(envelope, telegram), path, row)
    if _describes_another(given, cable_id):
        # The container's record is another cable's (a mirror page showing the wrong text):
        # what it says of date, post and classification is not this cable's.
        envelope = replace(
            envelope,
            created=None,
            origin=None,
            classification=None,
            subject=None,
            tags=(),
            references=None,
        )
        created = _created(envelope, telegram)
    year = int(cable_id[:2])
    full_year = created.year if created else (1900 + year if year >= 60 else 2000 + year)
    origin = (
        envelope.origin
        or (canonical_origin(telegram.sender) if telegram.sender else None)
        or origin_from_place(telegram.place or station_of(cable_id))
    )
    references = parse_references(telegram.reference_text or "", full_year)
    if not references and envelope.references:
        references = envelope.references
    references = tuple(ref for ref in references if ref != cable_id)
    body = split_body(clean_body(telegram.body, telegram.place, telegram.serial))
    subject = telegram.subject or envelope.subject or listed_subject
    return Cable(
        id=cable_id,
        given_id=_given_id(envelope.id, cable_id),
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
    envelope: Envelope,
    given: str | None,
    telegram: Telegram,
    year: int | None,
    path: str | None,
) -> str | None:
    """Return the canonical id: the container's when sound, else the cable's own.

    `given` is the container's id repaired (`repair_id`). It stands when its station is a known
    post, unless the cable's serial line names another id and the routing `DE` line confirms
    the serial line. An unknown station (`QRIPOLI`) gives way to the serial line's (`TRIPOLI`)
    when the two agree on the serial or nearly on the station.
    """
    if given is not None and not is_plausible_id(given):
        given = None
    yy = telegram.year or (given[:2] if given else None) or (str(year) if year else None)
    own = _own_id(telegram, yy, given)
    if given is not None:
        if own is None or own == given:
            return given
        if is_known_post(station_of(given)):
            return own if _confirmed(own, telegram) else given
        same_serial = _serial(own) == _serial(given)
        if same_serial or _confirmed(own, telegram) or _near(station_of(own), station_of(given)):
            return own
        return given
    if own is not None:
        return own
    place = _serial_place(telegram)
    if place is None or telegram.serial is None:
        return None
    written = (envelope.id or "")[:2]
    if written.isdigit():
        return make_id(written, place, telegram.serial)
    # Body-only copies carry no date; a file named by an id of the same post gives the year.
    named = repair_id(Path(path).stem) if path else None
    if named and station_of(named) == id_name(place):
        return make_id(named[:2], place, telegram.serial)
    return None


def _created(envelope: Envelope, telegram: Telegram) -> datetime | None:
    """Return when the cable was sent: the date-time group, unless only metadata dates it."""
    created = envelope.created or telegram.created
    # The date-time group is the transmission time; page metadata only rounds it (or worse).
    if (
        envelope.created
        and telegram.created
        and abs((envelope.created - telegram.created).total_seconds()) < 36 * 3600
    ):
        created = telegram.created
    return created


def _describes_another(repaired: str | None, cable_id: str) -> bool:
    """Tell whether a sound container id (repaired) of a known post names another cable."""
    if repaired is None or repaired == cable_id or not is_plausible_id(repaired):
        return False
    return is_known_post(station_of(repaired)) and is_known_post(station_of(cable_id))


_PADDED = re.compile(r"^(\d{2}[A-Z]+?)0*(\d+)$")


def _given_id(given: str | None, cable_id: str) -> str | None:
    """Return the container's id when the reader repaired it (zero padding is no repair)."""
    if not given:
        return None
    written = " ".join(given.split())
    # Read from the match: a substitution template is parsed again on every call.
    padded = _PADDED.match(written)
    unpadded = padded.group(1) + padded.group(2) if padded else written
    return None if unpadded == cable_id else written


def _own_id(telegram: Telegram, year: str | None, given: str | None) -> str | None:
    """Return the id the telegram gives itself: its serial line's, or its FM and DE lines'."""
    if year is None:
        return None
    sender = _sender_station(telegram)
    place = _serial_place(telegram)
    if place is not None and telegram.serial is not None:
        station = id_name(place)
        # A misspelt serial line (`BISHIEK`) is corrected by a known post the FM line names.
        if (
            not is_known_post(station)
            and sender
            and is_known_post(sender)
            and _near(station, sender)
        ):
            station = sender
        return make_id(year, station, telegram.serial)
    # No readable serial line: the FM line names the post and the DE line numbers the message,
    # in four digits; it is believed only where the container's id ends with the same digits.
    routed = telegram.routing_serial
    confirms = given is not None and str(routed).endswith(str(_serial(given)))
    if sender and is_known_post(sender) and routed and confirms:
        return make_id(year, sender, routed)
    return None


def _confirmed(cable_id: str, telegram: Telegram) -> bool:
    """Tell whether the routing DE line (and FM line) agree with an id the serial line gave."""
    routed = telegram.routing_serial
    if routed is None or routed != _serial(cable_id) % 10000:
        return False
    sender = _sender_station(telegram)
    return sender is None or sender == station_of(cable_id)


def _sender_station(telegram: Telegram) -> str | None:
    """Return the station of the FM line as ids write it (`AMEMBASSY BISHKEK` -> `BISHKEK`)."""
    if not telegram.sender:
        return None
    return id_name(clean_address(telegram.sender)) or None


def _near(a: str, b: str) -> bool:
    """Tell whether two stations are one misspelt: one is the known post nearest the other."""
    return closest_post(a) == b or closest_post(b) == a


def _serial(cable_id: str) -> int:
    return int(cable_id[len(cable_id.rstrip("0123456789")) :])


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


def _why_not(envelope: Envelope, telegram: Telegram) -> str:
    if not envelope.text.strip():
        return "no cable text found"
    if telegram.place is None and (telegram.sender or telegram.created) and not telegram.subject:
        return "truncated cable: only the routing header, no serial line, subject or text"
    if telegram.place is None:
        return "no cable id: no metadata id and no serial line like 'UNCLAS ASTANA 001985'"
    return "no cable id: the serial line has no year (no date-time group or date)"
