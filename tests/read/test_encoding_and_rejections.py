"""Encodings are detected, and every kind of bad input becomes a clear Rejection, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.models import Cable, Rejection
from briefgen.read import read_paths
from briefgen.read.encoding import detect_encoding

TELEGRAM = (
    "P 031636Z AUG 09\r\n"
    "FM AMEMBASSY PARIS\r\n"
    "TO RUEHC/SECSTATE WASHDC IMMEDIATE 6915\r\n"
    "UNCLAS PARIS 001052 \r\n"
    " \r\n"
    "E.O. 12958: N/A \r\n"
    "TAGS: PHUM UN FR\r\n"
    "SUBJECT: FRANCE - COUNTER TORTURE INITIATIVES \r\n"
    " \r\n"
    "¶1.  (SBU) SUMMARY: France’s MFA – “Cécile Vigneau” – supports efforts. END SUMMARY \r\n"
    "PEKALA\r\n"
)


def read_one(path: Path) -> Cable | Rejection:
    items = list(read_paths([path]))
    assert len(items) == 1
    return items[0]


@pytest.mark.parametrize(
    ("encoding", "data_of"),
    [
        ("utf-8", lambda t: t.encode("utf-8")),
        ("utf-8-sig", lambda t: t.encode("utf-8-sig")),
        ("cp1252", lambda t: t.encode("cp1252")),
        (
            "latin-1",
            lambda t: (
                t.replace("’", "'")
                .replace("–", "-")
                .replace("“", '"')
                .replace("”", '"')
                .encode("latin-1")
            ),
        ),
    ],
)
def test_encodings_read_the_same(tmp_path: Path, encoding: str, data_of: object) -> None:
    data = data_of(TELEGRAM)  # type: ignore[operator]
    assert detect_encoding(data) == encoding
    path = tmp_path / "cable.txt"
    path.write_bytes(data)
    cable = read_one(path)
    assert isinstance(cable, Cable), cable
    assert cable.id == "09PARIS1052"
    assert cable.origin == "Embassy Paris"
    assert cable.summary is not None and "Cécile Vigneau" in cable.summary
    assert [p.number for p in cable.paragraphs] == [1]
    assert cable.signers == ("PEKALA",)


def test_latin1_pilcrow_byte_is_a_paragraph_mark(tmp_path: Path) -> None:
    path = tmp_path / "cable.txt"
    path.write_bytes(
        TELEGRAM.replace("’", "'")
        .replace("–", "-")
        .replace("“", '"')
        .replace("”", '"')
        .encode("latin-1")
    )
    assert b"\xb61." in path.read_bytes()
    cable = read_one(path)
    assert isinstance(cable, Cable) and cable.paragraphs[0].text.startswith("(SBU) SUMMARY")


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"\n \n", "empty"),
        ("binary.txt", bytes(range(256)) * 4, "binary"),
        (
            "truncated.txt",
            b"O 131830Z JUN 00\nFM AMEMBASSY DAMASCUS\nTO SECSTATE WASHDC 1438\n",
            "truncated",
        ),
        ("notes.txt", b"Shopping list: milk, eggs.\n", "no cable id"),
        ("stub.html", b"Appears in these articles:<br />\n", "no cable"),
        ("broken.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", "PDF"),
    ],
)
def test_bad_inputs_are_rejected_with_a_reason(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    item = read_one(path)
    assert isinstance(item, Rejection), item
    assert item.path == str(path) and item.row is None
    assert reason.lower() in item.reason.lower()


def test_missing_path_is_rejected(tmp_path: Path) -> None:
    item = read_one(tmp_path / "nope.txt")
    assert isinstance(item, Rejection) and "no such file" in item.reason


def test_pdf_cable_is_read(tmp_path: Path) -> None:
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen.canvas import Canvas

    lines = [
        "2000HANOI00686 - CONFIDENTIAL",
        "PAGE 01        HANOI  00686  01 OF 02  050821Z",
        "R 050821Z APR 00",
        "FM AMEMBASSY HANOI",
        "TO SECSTATE WASHDC PRIORITY 9479",
        "C O N F I D E N T I A L SECTION 01 OF 02 HANOI 000686",
        "E.O. 12958: DECL: 3/21/2020",
        "TAGS: PGOV PREL ECON VM",
        "SUBJECT: VIETNAM IDEOLOGICALLY COMMITTED TO STATE-LED ECONOMIC DEVELOPMENT",
        "REF: A) HANOI 637   B) HANOI 232",
        "1. (C) SENIOR LEADERS RECENTLY HAVE EMPHASIZED FAMILIAR",
        "IDEOLOGICAL THEMES ABOUT THE COMMUNIST PARTY'S ROLE.",
        "PETERSON",
    ]
    path = tmp_path / "00HANOI686.pdf"
    canvas = Canvas(str(path), pagesize=letter)
    y = 740
    for line in lines:
        canvas.drawString(40, y, line)
        y -= 16
    canvas.save()
    cable = read_one(path)
    assert isinstance(cable, Cable), cable
    assert cable.format == "pdf"
    assert cable.id == "00HANOI686"
    assert cable.created is not None and cable.created.isoformat() == "2000-04-05T08:21:00"
    assert cable.origin == "Embassy Hanoi"
    assert cable.classification == "CONFIDENTIAL"
    assert cable.references == ("00HANOI637", "00HANOI232")
    assert cable.signers == ("PETERSON",)
