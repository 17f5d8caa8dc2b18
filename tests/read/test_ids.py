"""Canonical ids, references, origins and dates, from real cable shapes."""

from __future__ import annotations

from datetime import datetime

import pytest

from briefgen.read.ids import canonical_origin, parse_date, parse_dtg, repair_id
from briefgen.read.refs import parse_references


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("REFTEL: ASTANA 1206", 2009, ("09ASTANA1206",)),
        ("REF (A) ASTANA 0222 (B) ASTANA 0187", 2009, ("09ASTANA222", "09ASTANA187")),
        ("REF: A. 06 TBILISI 2601 B. 2007 MANAGUA 2135", 2009, ("06TBILISI2601", "07MANAGUA2135")),
        ("REF: SECSTATE 74879", 2009, ("09STATE74879",)),
        ("REF: STATE -097844", 1974, ("74STATE97844",)),
        (
            "REF: TEHRAN 1091: TEHRAN 263: MOSCOW 1603",
            1972,
            ("72TEHRAN1091", "72TEHRAN263", "72MOSCOW1603"),
        ),
        ("REF: A. THE HAGUE 814 B. NEW DELHI 6920", 2006, ("06THEHAGUE814", "06NEWDELHI6920")),
        ("REF: A) HANOI 637   B) HANOI 232", 2000, ("00HANOI637", "00HANOI232")),
        ("REF: A. STATE 12345 (NOTAL) B. EMBASSY E-MAIL OF 11/20", 2006, ("06STATE12345",)),
        ("REF: PHONE CALL WITH DAS SMITH 3/4", 2006, ()),
        ("REF: A. PARIS POINT AUGUST 18 B. PARIS 1097", 2009, ("09PARIS1097",)),
        ("REF: (B) BRASILIA 1015 AND PREVIOUS", 2006, ("06BRASILIA1015",)),
        ("REF: TELCON ANKARA 1234", 2006, ()),
        ("REF: Abu Dhabi 1384", 2003, ("03ABUDHABI1384",)),
    ],
)
def test_references(text: str, year: int, expected: tuple[str, ...]) -> None:
    assert parse_references(text, year) == expected


@pytest.mark.parametrize(
    ("sender", "origin"),
    [
        ("AMEMBASSY ASTANA", "Embassy Astana"),
        ("AMCONSUL SAO PAULO", "Consulate Sao Paulo"),
        ("SECSTATE WASHDC", "Secretary of State"),
        ("USMISSION USNATO", "Mission USNATO"),
        ("USEU BRUSSELS", "USEU Brussels"),
        ("AMEMBASSY THE HAGUE", "Embassy The Hague"),
        ("AMEMBASSY LA PAZ", "Embassy La Paz"),
        ("RUEHTA/AMEMBASSY ASTANA PRIORITY 1234", "Embassy Astana"),
    ],
)
def test_origins_are_named_like_wikileaks(sender: str, origin: str) -> None:
    assert canonical_origin(sender) == origin


@pytest.mark.parametrize(
    ("given", "repaired"),
    [
        ("09ASTANA001985", "09ASTANA1985"),
        ("7575LIBREVILLE1895", "75LIBREVILLE1895"),
        ("1974ATHENS02959_b", "74ATHENS2959"),
        # Page-header garbles, however misspelt; the station is checked later, by assemble.
        ("09SECTION02OF03QRIPOLI583", "09QRIPOLI583"),
        ("08SCTION02OF02SAOPAULO335", "08SAOPAULO335"),
        ("08SECTION01GF02BISHIEK21", "08BISHIEK21"),
        # Caveats and post types glued between year and station.
        ("06EFTOATHENS2419", "06ATHENS2419"),
        ("09AMEMBASSYKABUL3867", "09KABUL3867"),
        ("08SIFIEDBAGHDAD357", "08BAGHDAD357"),
        ("07NOFORNMADRID1285", "07MADRID1285"),
        ("09USMISSIONUSNATO334", "09USNATO334"),
        ("09SECSTATEWASHDC13969", "09STATE13969"),
        # Stations written with hyphens, dots and spaces; junk after the serial.
        ("09PORT-OF-SPAIN55", "09PORTOFSPAIN55"),
        ("08ST. PETERSBURG 12", "08STPETERSBURG12"),
        ("09STATE12345TOSEC110123", "09STATE12345"),
        ("06MADRID779_a", "06MADRID779"),
        ("07ROME1494-2", "07ROME1494"),
        ("not an id", None),
    ],
)
def test_repair_id(given: str, repaired: str | None) -> None:
    assert repair_id(given) == repaired


def test_dates() -> None:
    assert parse_dtg("P 101029Z NOV 09") == datetime(2009, 11, 10, 10, 29)
    assert parse_dtg("O R 181205Z NOV 75 ZFF4") == datetime(1975, 11, 18, 12, 5)
    assert parse_dtg("R 311299Z FOO 09") is None
    assert parse_date("2009-07-21 07:21:00") == datetime(2009, 7, 21, 7, 21)
    assert parse_date("2/25/1972 9:30") == datetime(1972, 2, 25, 9, 30)
    assert parse_date("1974 May 17, 16:00 (Friday)") == datetime(1974, 5, 17, 16, 0)
    assert parse_date("Monday, 26 July 2004, 07:22") == datetime(2004, 7, 26, 7, 22)
    assert parse_date("yesterday") is None


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("REF: A) BRASILIA 304, B) RIO DE JANEIRO 52", 2009, ("09BRASILIA304", "09RIODEJANEIRO52")),
        (
            "REF: STATE 297614 AND PREVIOUS 03 RANGOON 1427",
            2004,
            ("04STATE297614", "03RANGOON1427"),
        ),
        ("REF: CARACAS 3257 RPO DUBAI 00000010", 2006, ("06CARACAS3257",)),
        ("REF: STATE 106206 CIRCULAR; STATE CA-3400 NOV 2, 1966", 1966, ("66STATE106206",)),
    ],
)
def test_references_from_real_ref_lines(text: str, year: int, expected: tuple[str, ...]) -> None:
    assert parse_references(text, year) == expected


@pytest.mark.parametrize(
    ("line", "official"),
    [
        ("Classified By: Ambassador Peter Coneway, Reasons 1.4 b/d", "Ambassador Peter Coneway"),
        (
            "Classified By: Charge d'Affaires, a.i. Michael J. Fitzpatrick for reaso ns 1.4 (b)",
            "Charge d'Affaires a.i. Michael J. Fitzpatrick",
        ),
        ("CLASSIFIED BY DCM EARL IRVING. REASONS: 1.5 (B) AND (D).", "DCM EARL IRVING"),
        ("Classified by Ambassador Eric Edelman; reasons: 1.5 (b,d).", "Ambassador Eric Edelman"),
    ],
)
def test_classified_by(line: str, official: str) -> None:
    from briefgen.read.telegram import read_header

    header = read_header(["UNCLAS ASTANA 001985", "SUBJECT: X", line, "", "1. Text."])
    assert header.classified_by == official
