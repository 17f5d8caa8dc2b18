"""Which id a cable is filed under when its container's id and its own lines disagree."""

from __future__ import annotations

from datetime import datetime

from briefgen.read.assemble import assemble
from briefgen.read.envelope import Envelope
from briefgen.read.posts import closest_post, is_known_post

# The routing header and garbled serial line of a real page (08BISHKEK1021, released as
# 08SECTION01GF02BISHIEK21): the serial line is unreadable, FM and DE lines are sound.
GARBLED = """\
VZCZCXRO9087
PP RUEHAST RUEHBI RUEHCI RUEHLH RUEHLN RUEHPW RUEHVK RUEHYG
DE RUEHEK #1021/01 2800932
ZNR UUUUU ZZH
P 060932Z OCT 08
FM AMEMBASSY BISHKEK
TO RUEHC/SECSTATE WASHDC PRIORITY 1417
UNCLAS SECTION 01 GF 02 BISHIEK 00Q021

SEFSITIVE
SIPDIS

TAGS: PREL PGGV KPAK IC
SUBJECT:  Libel S5iT3 Chill Fre% Sp%ech in KyR%yzStan

2.  (SBU) On JUne Q, in a libel s5it &ided bY Pr%sidejT Bakiyev%s
fephew, the P%rvomaiSkY Raion Cour4 ru,ed acaijst the newspapers.
"""

# A corrected copy (07NAIROBI4427): the serial line says 4428, the DE line and the release 4427.
CORRECTED = """\
DE RUEHNR #4427/01 3171443
P 131443Z NOV 07
FM AMEMBASSY NAIROBI
TO RUEHC/SECSTATE WASHDC PRIORITY 3418
C O N F I D E N T I A L SECTION 01 OF 02 NAIROBI 004428

SUBJECT:  KENYA ELECTIONS:  Presidential Candidate

1. (C) Summary.  Kalonzo Musyoka laid out his campaign strategy.
"""


def test_section_garble_with_a_misspelt_serial_line_is_filed_by_fm_and_de_lines() -> None:
    cable = assemble(Envelope(format="wikileaks-html", text=GARBLED, id="08SECTION01GF02BISHIEK21"))
    assert cable.id == "08BISHKEK1021"
    assert cable.given_id == "08SECTION01GF02BISHIEK21"


def test_misspelt_station_is_corrected_by_the_serial_line() -> None:
    text = CORRECTED.replace("NAIROBI 004428", "TRIPOLI 000583").replace("#4427", "#0583")
    text = text.replace("AMEMBASSY NAIROBI", "AMEMBASSY TRIPOLI").replace("NOV 07", "NOV 09")
    cable = assemble(Envelope(format="csv", text=text, id="09SECTION02OF03QRIPOLI583"))
    assert cable.id == "09TRIPOLI583"
    assert cable.given_id == "09SECTION02OF03QRIPOLI583"


def test_serial_line_believed_over_the_container_only_when_the_de_line_confirms_it() -> None:
    kept = assemble(Envelope(format="csv", text=CORRECTED, id="07NAIROBI4427"))
    assert (kept.id, kept.given_id) == ("07NAIROBI4427", None)
    confirmed = CORRECTED.replace("#4427", "#4428")
    taken = assemble(Envelope(format="csv", text=confirmed, id="07NAIROBI4427"))
    assert (taken.id, taken.given_id) == ("07NAIROBI4428", "07NAIROBI4427")


def test_zero_padding_is_no_repair() -> None:
    cable = assemble(Envelope(format="csv", text=CORRECTED, id="07NAIROBI004427"))
    assert (cable.id, cable.given_id) == ("07NAIROBI4427", None)


def test_known_posts_and_misspellings() -> None:
    assert is_known_post("NEWDELHI") and is_known_post("USUNNEWYORK")
    assert not is_known_post("BISHIEK")
    assert closest_post("BISHIEK") == "BISHKEK"
    assert closest_post("QRIPOLI") == "TRIPOLI"
    # Nothing near enough, or two posts equally near: no guess.
    assert closest_post("XYZZYQ") is None


def test_a_container_showing_another_cables_text_gives_way_to_the_text() -> None:
    # A cablegate row for 09ASUNCION595 whose page showed 09ASUNCION561, routing and all.
    text = """\
DE RUEHAC #0561 2531207
R 101207Z SEP 09
FM AMEMBASSY ASUNCION
TO RUEHC/SECSTATE WASHDC 0015
UNCLAS ASUNCION 000561
SUBJECT: BOLIVIA EXPLAINING ARMS PURCHASES

1. (U) Press reports that Bolivian ministers are visiting Paraguay.
"""
    envelope = Envelope(
        format="csv",
        text=text,
        id="09ASUNCION595",
        created=datetime(2009, 10, 8, 20, 8),
        classification="CONFIDENTIAL",
        origin="Embassy Asuncion",
    )
    cable = assemble(envelope)
    assert (cable.id, cable.given_id) == ("09ASUNCION561", "09ASUNCION595")
    assert cable.created == datetime(2009, 9, 10, 12, 7)
    assert cable.classification == "UNCLASSIFIED"
