"""Hand-made cables for the store tests (the reader is not needed to test the store)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from briefgen.models import Cable, Paragraph


def make_cable(
    cable_id: str,
    *,
    created: str = "2009-11-10T10:29",
    origin: str | None = "Embassy Astana",
    subject: str | None = "KAZAKHSTAN: TRAFFICKING AWARENESS CAMPAIGN COMPLETED",
    tags: tuple[str, ...] = ("PGOV", "KTIP", "KZ"),
    classification: str | None = "UNCLASSIFIED",
    references: tuple[str, ...] = (),
    texts: tuple[str, ...] = ("The Feminist League runs a shelter in Kokshetau.",),
    path: str | None = None,
    row: int | None = None,
) -> Cable:
    """Return a cable with sensible defaults; paragraphs are numbered from 1."""
    moment = datetime.fromisoformat(created)
    paragraphs = tuple(
        Paragraph(number=i, heading="THE SHELTER" if i > 1 else None, text=text)
        for i, text in enumerate(texts, start=1)
    )
    return Cable(
        id=cable_id,
        path=path or f"{cable_id}.txt",
        row=row,
        created=moment,
        origin=origin,
        classification=classification,
        classified_by=None,
        subject=subject,
        tags=tags,
        references=references,
        recipients=("SECSTATE WASHDC",),
        signers=("HOAGLAND",),
        summary=texts[0] if texts else None,
        paragraphs=paragraphs,
    )


SAMPLE = (
    make_cable(
        "09ASTANA1985",
        texts=(
            "INL's anti-trafficking information campaign received positive responses.",
            "Morozova runs a victims' shelter in the northern city of Kokshetau.",
        ),
        references=("09ASTANA1206",),
    ),
    make_cable(
        "09ASTANA1206",
        created="2009-07-03T08:00",
        subject="KAZAKHSTAN: 2009 TIP REPORT ROLLOUT",
        tags=("KTIP", "PHUM", "KZ"),
        texts=("The Trafficking in Persons report was released in Astana.",),
    ),
    make_cable(
        "09ASTANA2101",
        created="2009-12-07T11:00",
        subject="KAZAKHSTAN: NGO SHELTER FUNDING",
        tags=("EAID", "KZ"),
        classification="CONFIDENTIAL",
        references=("09ASTANA1985", "08ASTANA99"),
        texts=("The government granted eight million tenge to a shelter.",),
    ),
    make_cable(
        "10MANAMA5",
        created="2010-01-04T09:00",
        origin="Embassy Manama",
        subject="BAHRAIN: LABOR MINISTER ON MIGRANT WORKERS",
        tags=("ELAB", "BA"),
        classification="SECRET//NOFORN",
        texts=("The minister described the sponsorship system for migrant workers.",),
    ),
)
"""Four cables: three from Astana in 2009 (Q3 and Q4), one from Manama in 2010."""


PARAGRAPH = (
    "The Feminist League runs a shelter for victims of trafficking in Kokshetau and trains "
    "community police officers; the regional akimat pays part of the rent. "
)


def csv_row(number: int) -> str:
    """Return one Cablegate-style CSV row (backslash escapes, eight quoted fields)."""
    serial = 1000 + number
    body = "\n \n".join(
        [
            f"UNCLAS ASTANA {serial:06d} ",
            "SIPDIS ",
            "E.O. 12958: N/A ",
            f"TAGS: PGOV, KTIP, KZ \nSUBJECT: KAZAKHSTAN: SHELTER REPORT NUMBER {number} ",
            *(f"{i}. ({number}) {PARAGRAPH * 3}" for i in range(1, 6)),
            "HOAGLAND ",
        ]
    )
    header = "P 101029Z NOV 09\nFM AMEMBASSY ASTANA\nTO RUEHC/SECSTATE WASHDC PRIORITY 6783\n"
    fields = [
        str(number),
        f"11/{1 + number % 28}/2009 10:29",
        f"09ASTANA{serial}",
        "Embassy Astana",
        "UNCLASSIFIED",
        "",
        header,
        body.replace("'", "\\'"),
    ]
    return ",".join(f'"{field}"' for field in fields) + "\n"


def write_csv(path: Path, count: int) -> Path:
    """Write a CSV dump of `count` distinct cables and return its path."""
    with path.open("w", encoding="utf-8", newline="") as out:
        for number in range(1, count + 1):
            out.write(csv_row(number))
    return path
