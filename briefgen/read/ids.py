"""Canonical cable ids, references, origins and date-time groups, as WikiLeaks writes them."""

from __future__ import annotations

import functools
import re
from datetime import datetime

MONTHS = {
    name: number
    for number, name in enumerate(
        ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), 1
    )
}

# Sender prefixes of FM lines and the post type WikiLeaks names the origin with.
_POST_PREFIXES = (
    ("AMEMBASSY ", "Embassy "),
    ("AMCONSUL ", "Consulate "),
    ("AMCONGEN ", "Consulate "),
    ("USMISSION ", "Mission "),
    ("USOFFICE ", "Office "),
    ("AMINTERESTS SECTION ", "Interests Section "),
    ("USINT ", "Interests Section "),
)

# Senders WikiLeaks names as a whole, not as a post in a city.
_NAMED_SENDERS = {
    "SECSTATE WASHDC": "Secretary of State",
    "SECSTATE": "Secretary of State",
    "SECSTATE WASHINGTON DC": "Secretary of State",
    "USEU BRUSSELS": "USEU Brussels",
    "USNATO": "Mission USNATO",
    "USUN NEW YORK": "USUN New York",
    "USMISSION USUN NEW YORK": "USUN New York",
    "USMISSION USNATO": "Mission USNATO",
    "USMISSION UNVIE VIENNA": "UNVIE",
    "UNVIE VIENNA": "UNVIE",
    "USMISSION GENEVA": "Mission Geneva",
    "USMISSION UN ROME": "Mission UN Rome",
    "USOSCE": "Mission USOSCE",
    "USMISSION USOSCE": "Mission USOSCE",
    "AMEMBASSY IRAN RPO DUBAI": "Iran RPO Dubai",
    "IRAN RPO DUBAI": "Iran RPO Dubai",
    "AIT TAIPEI": "AIT Taipei",
    "DEPT OF STATE": "Secretary of State",
}

# Posts whose one-word id names differ from their spelled-out FM names.
_ID_NAMES = {"SECSTATE": "STATE", "SECSTATEWASHDC": "STATE", "USMISSIONUSNATO": "USNATO"}

# Cities that are consulates, for when only a bare id (no FM line, no metadata) names the origin.
_CONSULATES = {
    "SAOPAULO",
    "RIODEJANEIRO",
    "JEDDAH",
    "DHAHRAN",
    "MUMBAI",
    "CHENNAI",
    "KOLKATA",
    "CALCUTTA",
    "ISTANBUL",
    "ADANA",
    "KARACHI",
    "LAHORE",
    "PESHAWAR",
    "SHANGHAI",
    "GUANGZHOU",
    "CHENGDU",
    "SHENYANG",
    "HONGKONG",
    "MONTERREY",
    "GUADALAJARA",
    "TIJUANA",
    "CIUDADJUAREZ",
    "CAPETOWN",
    "JOHANNESBURG",
    "DURBAN",
    "LAGOS",
    "CASABLANCA",
    "FRANKFURT",
    "MUNICH",
    "HAMBURG",
    "DUSSELDORF",
    "LEIPZIG",
    "MARSEILLE",
    "STRASBOURG",
    "MILAN",
    "NAPLES",
    "FLORENCE",
    "BARCELONA",
    "TORONTO",
    "MONTREAL",
    "VANCOUVER",
    "CALGARY",
    "HALIFAX",
    "QUEBEC",
    "SYDNEY",
    "MELBOURNE",
    "PERTH",
    "OSAKAKOBE",
    "NAHA",
    "SAPPORO",
    "FUKUOKA",
    "NAGOYA",
    "BUSAN",
    "ERBIL",
    "BASRAH",
    "KIRKUK",
    "HILLAH",
    "JERUSALEM",
    "RECIFE",
    "CHIANGMAI",
    "HOCHIMINHCITY",
    "VLADIVOSTOK",
    "YEKATERINBURG",
    "STPETERSBURG",
    "ALMATY",
    "AMSTERDAM",
    "BELFAST",
    "EDINBURGH",
    "PONTADELGADA",
    "KRAKOW",
    "MATAMOROS",
    "NOGALES",
    "NUEVOLAREDO",
    "HERMOSILLO",
    "MERIDA",
    "AUCKLAND",
    "SURABAYA",
    "MEDAN",
    "HYDERABAD",
    "WUHAN",
    "DUBAI",
}

# Words that keep their capitals in a title-cased post name.
_KEEP_UPPER = {"USNATO", "USEU", "USUN", "UNVIE", "USOSCE", "RPO", "UN", "AIT", "US"}


def title_place(words: str) -> str:
    """Return an upper-case place name in WikiLeaks' title case (`SAO PAULO` -> `Sao Paulo`)."""
    out = []
    for word in words.split():
        if word in _KEEP_UPPER:
            out.append(word)
        else:
            out.append("-".join(part.capitalize() for part in word.split("-")))
    return " ".join(out)


_PRECEDENCE = re.compile(r"\s+(?:FLASH|NIACT|IMMEDIATE|PRIORITY|ROUTINE|\d+)(?=\s|$).*$|\s*//.*$")


@functools.lru_cache(maxsize=4096)
def clean_address(text: str) -> str:
    """Return an addressee without routing indicator, precedence and serial (`SECSTATE WASHDC`)."""
    text = text.strip().rstrip("\\").strip()
    if "/" in text.split(" ", 1)[0]:
        text = text.split("/", 1)[1]
    text = _PRECEDENCE.sub("", text)
    return " ".join(text.split()).strip(" .,")


def canonical_origin(sender: str) -> str | None:
    """Return the WikiLeaks origin of a sender (`AMEMBASSY ASTANA` -> `Embassy Astana`)."""
    sender = clean_address(sender).upper()
    if not sender:
        return None
    if sender in _NAMED_SENDERS:
        return _NAMED_SENDERS[sender]
    for prefix, kind in _POST_PREFIXES:
        if sender.startswith(prefix):
            place = sender[len(prefix) :]
            if place in _NAMED_SENDERS:
                return _NAMED_SENDERS[place]
            return kind + title_place(place)
    if sender.startswith("SECSTATE"):
        return "Secretary of State"
    return title_place(sender)


def origin_from_place(place: str) -> str:
    """Return a best-effort origin for a serial line's or id's post when nothing else names it."""
    name = id_name(place)
    if name == "STATE":
        return "Secretary of State"
    if name in ("USNATO", "USEU", "USUN", "USOSCE"):
        return f"Mission {name}"
    kind = "Consulate" if name in _CONSULATES else "Embassy"
    return f"{kind} {title_place(place.upper())}"


_NOT_LETTER = re.compile(r"[^A-Z]")


@functools.lru_cache(maxsize=4096)
def id_name(place: str) -> str:
    """Return the one-word post name of ids (`NEW DELHI` -> `NEWDELHI`, `SECSTATE` -> `STATE`)."""
    return canonical_station(place)


def make_id(year: int | str, place: str, serial: int | str) -> str:
    """Return a canonical id from a year, a post name and a serial (`09ASTANA1985`)."""
    yy = str(year)[-2:].zfill(2)
    return f"{yy}{id_name(place)}{int(serial)}"


_GOOD_ID = re.compile(r"^\d{2}[A-Z]+\d+$")
_GARBLE = re.compile(r"S?E?C?T?I?ON\d+OF\d+")
# A page header's `SECTION 01 OF 02` run into the id, however misspelt: `SECTION01GF02`,
# `SCTION02OF02`. Ids hold no digits between year and serial, so digits there are garble.
_SECTION_GARBLE = re.compile(r"^(\d{2})S?E?C?T?I?O?N?\d{1,2}[A-Z0]{1,2}\d{1,2}(?=[A-Z]{3})")
# Words a copy glued between year and station: handling caveats, classification remnants
# (`SIFIED` of UNCLASSIFIED) and post types (`09AMEMBASSYKABUL123`). No post's name starts so.
_GLUED_WORDS = (
    "UNCLASSIFIED", "UNCLAS", "SIFIED", "CONFIDENTIAL", "SECRET", "NOFORN", "EFTO", "SIPDIS",
    "SENSITIVE", "LIMDIS", "EXDIS", "NODIS", "STADIS", "AMEMBASSY", "EMBASSY", "AMCONSUL",
    "AMCONGEN", "CONSULATE", "USMISSION", "USINT", "USOFFICE",
)  # fmt: skip
# `SECSTATEWASHDC`: the Department's city suffix is no part of a station's id name.
_CITY_SUFFIXES = ("WASHINGTONDC", "WASHDC")
_ID_PARTS = re.compile(r"^(\d{2})([A-Z]+?)0*(\d{1,6})(?!\d)")
# Spaces, dots and hyphens inside a station (`PORT-OF-SPAIN`, `ST. PETERSBURG`) or between
# the parts (`09 ASTANA 1985`); a hyphen after the serial (`-2`, a duplicate mark) stays junk.
_JOINERS = re.compile(r"(?<=[A-Z])[ .'-]+(?=[A-Z])|(?<=^\d\d) +|(?<=[A-Z])[ .]+(?=\d)")


_DOUBLED_YEAR = re.compile(r"^(\d{2})\1([A-Z]+\d+)$")
_PLUSD_ID = re.compile(r"^(\d{4})([A-Z]+)0*(\d+)(?:_[A-Z0-9]+)?$")


def is_plausible_id(cable_id: str) -> bool:
    """Tell whether an id has the canonical shape and no page-header garble in it."""
    return bool(_GOOD_ID.match(cable_id)) and not _GARBLE.search(cable_id[2:])


def repair_id(cable_id: str) -> str | None:
    """Return a garbled id repaired where its parts are still recoverable, else None.

    Repairs, in order: a year written twice (`7575LIBREVILLE1895`), a PlusD id
    (`1974ATHENS02959_b`), a page header's SECTION garble (`08SECTION01GF02BISHIEK21`),
    caveats and post types glued before the station (`06EFTOLONDON123`,
    `09AMEMBASSYKABUL123`), a station written with spaces, dots or hyphens
    (`09PORT-OF-SPAIN55`), `SECSTATE`/`WASHDC` forms, zero padding, and junk after the
    serial (`_a`, `-2`, `TOSEC 110123`). The station is not checked here: see `station_of`.
    """
    cable_id = _JOINERS.sub("", cable_id.strip().upper())
    # `7575LIBREVILLE1895`: the year written twice.
    doubled = _DOUBLED_YEAR.match(cable_id)
    if doubled:
        cable_id = doubled.group(1) + doubled.group(2)
    # PlusD canonical ids: `1974ATHENS02959_b`.
    plusd = _PLUSD_ID.match(cable_id)
    if plusd:
        return make_id(plusd.group(1), plusd.group(2), plusd.group(3))
    garble = _SECTION_GARBLE.match(cable_id)
    if garble:
        cable_id = garble.group(1) + cable_id[garble.end() :]
    match = _ID_PARTS.match(cable_id)
    if match is None:
        return None
    year, station, serial = match.groups()
    return f"{year}{canonical_station(station)}{int(serial)}"


def canonical_station(name: str) -> str:
    """Return an id's station without glued caveats, post types or city suffixes."""
    name = _NOT_LETTER.sub("", name.upper())
    stripped = True
    while stripped:
        stripped = False
        for word in _GLUED_WORDS:
            if name.startswith(word) and len(name) - len(word) >= 3:
                name = name[len(word) :]
                stripped = True
                break
    for suffix in _CITY_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 2:
            name = name[: -len(suffix)]
    return _ID_NAMES.get(name, name)


def station_of(cable_id: str) -> str:
    """Return the station part of a canonical id (`09NEWDELHI12` -> `NEWDELHI`)."""
    return cable_id[2:].rstrip("0123456789")


_DTG = re.compile(
    r"\b(\d{2})(\d{2})(\d{2})Z\s*([A-Z]{3})\s*(\d{2}|\d{4})\b",
)


def parse_dtg(text: str) -> datetime | None:
    """Return the UTC moment of a date-time group (`101029Z NOV 09`), or None."""
    match = _DTG.search(text.upper())
    if not match:
        return None
    day, hour, minute, month, year = match.groups()
    if month not in MONTHS:
        return None
    full_year = int(year) if len(year) == 4 else expand_year(int(year))
    try:
        return datetime(full_year, MONTHS[month], int(day), int(hour), int(minute))
    except ValueError:
        return None


def expand_year(yy: int) -> int:
    """Return the four-digit year of a two-digit cable year (cables run from 1966 to 2010)."""
    return 1900 + yy if yy >= 60 else 2000 + yy


_WEEKDAY_NOTE = re.compile(r"\s*\([A-Za-z]+\)\s*$")
_DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%SZ",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y",
    "%Y %b %d, %H:%M",
    "%A, %d %B %Y, %H:%M",
)


_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?Z?)?$")
_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$")


def parse_date(text: str) -> datetime | None:
    """Return a metadata date (`2009-07-21 07:21:00`, `2/25/1972 9:30`...) as naive UTC, or None."""
    text = " ".join(text.split())
    if not text:
        return None
    # The two shapes of nearly every cable are read directly: strptime is slow to fail.
    iso, us = _ISO_DATE.match(text), _US_DATE.match(text)
    if iso or us:
        if iso:
            year, month, day, hour, minute, second = iso.groups()
        else:
            assert us is not None
            month, day, year, hour, minute, second = us.groups()
        try:
            return datetime(
                int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0)
            )
        except ValueError:
            return None
    text = _WEEKDAY_NOTE.sub("", text)
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None
