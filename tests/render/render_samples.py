"""The sample brief with every block type and every hazard, shared by the render tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from briefgen.document import Document, parse_markdown
from briefgen.template import render_markdown

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "render" / "sample_brief.md.j2"
LONG_WORD = "Z" * 2000
HAZARDS = (
    "# not a heading",
    "- not a bullet | with a pipe",
    "1. not a numbered item",
    "Stars *not bold* and _not italic_ and [not a link](x) and `not code`",
    "Less <script>alert(1)</script> & more &amp; entities",
    "Кызылорда: Назарбаев встретился с послом «ёлки»",
    "Қазақстан Республикасы, Öskemen, İstanbul, ağaç, Şırnak, café, “quoted” ‘text’",
    "Control\x00chars\x07dropped\x1b here\x0b and here",
)


def context(rows: int = 300, image: Path | None = None) -> dict[str, Any]:
    """Return the template context: hostile text, a `rows`-row table, charts and sources."""
    return {
        "title": "Kazakhstan: NGO Shelter # Report <draft> & Co",
        "subtitle": "Trafficking in persons – Astana, 2009",
        "classification": "CONFIDENTIAL//NOFORN",
        "date": "2009-11-10",
        "prepared_by": "Office of Research & Analysis",
        "author": "Research desk",
        "subject": "Sample briefing",
        "keywords": ["KTIP", "PHUM", "Kazakhstan"],
        "sources": [
            {
                "id": "09ASTANA1985",
                "title": "Trafficking shelter visit",
                "date": "2009-11-10",
                "url": "https://wikileaks.org/cable/2009/11/09ASTANA1985.html",
                "classification": "CONFIDENTIAL",
            },
            {"id": "09ASTANA2000", "title": "Follow-up *meeting* | notes", "date": "2009-11-20"},
        ],
        "summary": "The shelter in Astana *still* operates; funding is 50% below target.",
        "facts": [
            ("Founded", "2006"),
            ("Director", "Айгүл Сәрсенова"),
            ("Funding <2009>", "USD 120,000 & in-kind"),
            ("Status", "# open | active"),
        ],
        "hazards": HAZARDS,
        "quote": "> We need more space, not more reports -- shelter director",
        "points": ["First point *literal*", "Second point – with a dash", "Третий пункт"],
        "quarters": [("2008Q4", 3, 1), ("2009Q1", 5, 2), ("2009Q2", 8, 6), ("2009Q3", 4, 3)],
        "image": str(image) if image else "",
        "long_word": LONG_WORD,
        "rows": [
            {
                "id": f"09ASTANA{1000 + i}",
                "subject": f"Row {i} subject | pipe & <b>",
                "date": "2009",
            }
            for i in range(1, rows + 1)
        ],
    }


def sample_markdown(rows: int = 300, image: Path | None = None) -> str:
    """Return the sample brief as Markdown."""
    return render_markdown(FIXTURE, context(rows, image))


def sample_document(rows: int = 300, image: Path | None = None) -> Document:
    """Return the sample brief as a Document."""
    return parse_markdown(sample_markdown(rows, image))
