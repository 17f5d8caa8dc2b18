"""Time a 20-page brief through briefgen's pipeline against a direct reportlab/python-docx build.

Run: .venv/bin/python benchmarks/bench_render.py [--repeat N]
Both sides build the same content (title, 8 sections of paragraphs with bold and links, a
bullet list, a key-facts table and a 240-row table with a repeated header) in DejaVu fonts.
The pipeline side also parses Markdown, draws banners, header/footer with page X of Y, a
table of contents, bookmarks and sources, and the DOCX embeds its fonts (deflated once per
process: the first DOCX is timed apart); the direct side is the minimal plain build. The DOCX
is also timed written into the office template of examples/custom/reference.docx.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import docx
from docx.shared import Pt
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Table

from briefgen.document import parse_markdown
from briefgen.render import load_style, render
from briefgen.render.fonts import family
from briefgen.template import escape_markdown

REFERENCE = Path(__file__).resolve().parents[1] / "examples" / "custom" / "reference.docx"
SECTIONS = 10
PARAGRAPHS = 7
ROWS = 300
SENTENCE = (
    "The embassy met the director of the Astana shelter, who said that funding from the "
    "akimat fell by a third in 2009 while the number of victims referred by police rose. "
)


def content() -> dict[str, Any]:
    """Return the brief's content as plain data."""
    return {
        "title": "Kazakhstan: trafficking shelters, 2008–2009",
        "sections": [
            {
                "heading": f"Section {s}: Кызылорда and Öskemen",
                "paragraphs": [SENTENCE * 3 + f"({s}.{p})" for p in range(1, PARAGRAPHS + 1)],
                "bullets": [f"Point {i} – {SENTENCE[:60]}" for i in range(1, 5)],
            }
            for s in range(1, SECTIONS + 1)
        ],
        "facts": [("Founded", "2006"), ("Director", "Айгүл Сәрсенова"), ("Budget", "$120,000")],
        "rows": [
            (str(i), f"09ASTANA{1000 + i}", f"Subject of cable {i}", "2009") for i in range(ROWS)
        ],
    }


def to_markdown(data: dict[str, Any]) -> str:
    """Return the content as briefing Markdown (what a template would produce)."""
    e = escape_markdown
    out = [
        f"---\ntitle: {json.dumps(e(data['title']))}\ndate: 2009-11-10\n"
        "classification: UNCLASSIFIED\n"
        "sources: [09ASTANA1985]\n---\n"
    ]
    out.append("::: keyfacts Key facts\n")
    out += [f"- **{e(k)}:** {e(v)}\n" for k, v in data["facts"]]
    out.append(":::\n\n")
    for section in data["sections"]:
        out.append(f"# {e(section['heading'])}\n\n")
        for text in section["paragraphs"]:
            out.append(f"**Finding.** {e(text)} [link](https://example.org)[^09ASTANA1985]\n\n")
        out += [f"- {e(b)}\n" for b in section["bullets"]]
        out.append("\n")
    out.append("# Register\n\n| # | Cable | Subject | Date |\n|--:|---|---|---|\n")
    out += [f"| {' | '.join(e(c) for c in row)} |\n" for row in data["rows"]]
    return "".join(out)


def direct_pdf(data: dict[str, Any]) -> bytes:
    """Build the same content with reportlab directly."""
    body = ParagraphStyle("b", fontName=family("serif"), fontSize=10, leading=14.2, spaceAfter=6.5)
    h1 = ParagraphStyle(
        "h",
        fontName=family("sans", bold=True),
        fontSize=15,
        leading=19,
        spaceBefore=16,
        spaceAfter=5,
        keepWithNext=1,
    )
    cell = ParagraphStyle("c", fontName=family("sans"), fontSize=8.5, leading=11)
    story: list[Any] = [Paragraph(escape(data["title"]), h1)]
    story.append(
        Table([[Paragraph(f"<b>{k}</b>", cell), Paragraph(v, cell)] for k, v in data["facts"]])
    )
    link = '<a href="https://example.org">link</a>'
    for section in data["sections"]:
        story.append(Paragraph(escape(section["heading"]), h1))
        for text in section["paragraphs"]:
            story.append(Paragraph(f"<b>Finding.</b> {escape(text)} {link}<super>1</super>", body))
        story.append(
            ListFlowable(
                [ListItem(Paragraph(escape(b), body)) for b in section["bullets"]],
                bulletType="bullet",
            )
        )
    story.append(Paragraph("Register", h1))
    rows = [[Paragraph(escape(c), cell) for c in ("#", "Cable", "Subject", "Date")]]
    rows += [[Paragraph(escape(c), cell) for c in row] for row in data["rows"]]
    story.append(Table(rows, repeatRows=1, colWidths=[20 * mm, 40 * mm, 80 * mm, 25 * mm]))
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, invariant=1).build(story)
    return out.getvalue()


def direct_docx(data: dict[str, Any]) -> bytes:
    """Build the same content with python-docx directly."""
    d = docx.Document()
    d.styles["Normal"].font.name = "DejaVu Serif"
    d.styles["Normal"].font.size = Pt(10)
    d.add_paragraph(data["title"], style="Title")
    facts = d.add_table(rows=len(data["facts"]), cols=2)
    for row, (k, v) in zip(facts.rows, data["facts"], strict=True):
        row.cells[0].text, row.cells[1].text = k, v
    for section in data["sections"]:
        d.add_heading(section["heading"], level=1)
        for text in section["paragraphs"]:
            p = d.add_paragraph()
            p.add_run("Finding.").bold = True
            p.add_run(f" {text} link")
            p.add_run("1").font.superscript = True
        for b in section["bullets"]:
            d.add_paragraph(b, style="List Bullet")
    d.add_heading("Register", level=1)
    table = d.add_table(rows=1 + len(data["rows"]), cols=4)
    for row, values in zip(
        table.rows, [("#", "Cable", "Subject", "Date"), *data["rows"]], strict=True
    ):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def paired(
    first: Callable[[], bytes], second: Callable[[], bytes], repeat: int
) -> tuple[float, float, bytes, bytes]:
    """Return the median times of `first` and `second`, run alternately so load hits both."""
    a_times, b_times, a, b = [], [], b"", b""
    for _ in range(repeat):
        start = time.perf_counter()
        a = first()
        a_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        b = second()
        b_times.append(time.perf_counter() - start)
    return statistics.median(a_times), statistics.median(b_times), a, b


def main() -> None:
    """Run the benchmark and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    data = content()
    style = load_style("default")
    markdown = to_markdown(data)
    family("sans")  # register fonts outside the timings, for both sides alike
    render(parse_markdown("x"), "pdf", style)
    start = time.perf_counter()
    render(parse_markdown("x"), "docx", style)  # the first DOCX deflates the fonts it embeds
    t_first = time.perf_counter() - start
    t_parse, _, _, _ = paired(lambda: bytes(len(parse_markdown(markdown).blocks)), bytes, repeat)
    doc = parse_markdown(markdown)
    t_pdf, t_dpdf, pdf, dpdf = paired(
        lambda: render(parse_markdown(markdown), "pdf", style), lambda: direct_pdf(data), repeat
    )
    t_docx, t_ddocx, _, _ = paired(
        lambda: render(parse_markdown(markdown), "docx", style), lambda: direct_docx(data), repeat
    )
    office = style.with_settings(reference_docx=REFERENCE)
    t_office, t_ddocx2, _, _ = paired(
        lambda: render(parse_markdown(markdown), "docx", office), lambda: direct_docx(data), repeat
    )
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    direct_pages = len(PdfReader(io.BytesIO(dpdf)).pages)
    print(f"brief: {len(doc.blocks)} blocks, {pages} PDF pages (direct build: {direct_pages})")
    print(f"markdown -> document: {t_parse * 1000:7.0f} ms")
    print("format  pipeline(ms)  direct(ms)  ratio")
    print(f"pdf     {t_pdf * 1000:12.0f}  {t_dpdf * 1000:10.0f}  {t_pdf / t_dpdf:5.2f}x")
    print(f"docx    {t_docx * 1000:12.0f}  {t_ddocx * 1000:10.0f}  {t_docx / t_ddocx:5.2f}x")
    print(
        f"docx with the office template {t_office * 1000:.0f} ms vs {t_ddocx2 * 1000:.0f} ms",
        end="",
    )
    print(
        f" ({t_office / t_ddocx2:.2f}x); first DOCX of a process (fonts): {t_first * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
