"""The format-neutral document model: metadata, blocks and inline runs that renderers consume."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from typing import Any, TypeAlias

# XML 1.0 forbids these code points; both PDF text and DOCX XML choke on them, so they go.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """Return `text` without the characters XML 1.0 forbids (controls, lone surrogates)."""
    return _XML_FORBIDDEN.sub("", text)


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of inline text with one set of attributes."""

    text: str
    """The characters; a hard line break is the single character `\\n`."""
    bold: bool = False
    """Strong emphasis."""
    italic: bool = False
    """Emphasis."""
    code: bool = False
    """Inline code, set in the monospaced font."""
    link: str | None = None
    """The target URL when the run is (part of) a hyperlink."""
    note: int | None = None
    """The footnote number when the run is a footnote reference; `text` holds the number."""

    def as_dict(self) -> dict[str, Any]:
        """Return the run as a JSON-ready dict."""
        return asdict(self)


Runs: TypeAlias = tuple[Run, ...]


def plain_text(runs: Runs) -> str:
    """Return the text of `runs` without attributes, footnote references left out."""
    return "".join(r.text for r in runs if r.note is None)


@dataclass(frozen=True, slots=True)
class Heading:
    """A section heading."""

    level: int
    """1 for a section, 2 for a subsection, ... up to 6."""
    runs: Runs
    """The heading text."""
    anchor: str
    """A document-unique id (`sec-2`) for bookmarks, the table of contents and internal links."""

    def as_dict(self) -> dict[str, Any]:
        """Return the heading as a JSON-ready dict."""
        return {"type": "heading", **asdict(self)}


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of running text."""

    runs: Runs
    """The paragraph text."""

    def as_dict(self) -> dict[str, Any]:
        """Return the paragraph as a JSON-ready dict."""
        return {"type": "paragraph", **asdict(self)}


@dataclass(frozen=True, slots=True)
class ListItem:
    """One item of a list; it holds blocks so that lists can nest."""

    blocks: tuple[Block, ...]
    """The item's content, usually one Paragraph, perhaps followed by a nested list."""

    def as_dict(self) -> dict[str, Any]:
        """Return the item as a JSON-ready dict."""
        return {"blocks": [b.as_dict() for b in self.blocks]}


@dataclass(frozen=True, slots=True)
class BulletList:
    """An unordered list."""

    items: tuple[ListItem, ...]
    """The list items in order."""

    def as_dict(self) -> dict[str, Any]:
        """Return the list as a JSON-ready dict."""
        return {"type": "bullet_list", "items": [i.as_dict() for i in self.items]}


@dataclass(frozen=True, slots=True)
class NumberedList:
    """An ordered list."""

    items: tuple[ListItem, ...]
    """The list items in order."""
    start: int = 1
    """The number of the first item."""

    def as_dict(self) -> dict[str, Any]:
        """Return the list as a JSON-ready dict."""
        return {
            "type": "numbered_list",
            "start": self.start,
            "items": [i.as_dict() for i in self.items],
        }


@dataclass(frozen=True, slots=True)
class Table:
    """A table with one header row; renderers repeat the header when the table splits."""

    header: tuple[Runs, ...]
    """The header cells."""
    rows: tuple[tuple[Runs, ...], ...]
    """The body rows, each with as many cells as the header."""
    align: tuple[str, ...]
    """Per column: `left`, `center` or `right`."""

    def as_dict(self) -> dict[str, Any]:
        """Return the table as a JSON-ready dict."""
        return {
            "type": "table",
            "header": [[r.as_dict() for r in c] for c in self.header],
            "rows": [[[r.as_dict() for r in c] for c in row] for row in self.rows],
            "align": list(self.align),
        }


@dataclass(frozen=True, slots=True)
class BlockQuote:
    """A quoted passage, typically a sentence from a cable."""

    blocks: tuple[Block, ...]
    """The quoted blocks."""

    def as_dict(self) -> dict[str, Any]:
        """Return the quote as a JSON-ready dict."""
        return {"type": "block_quote", "blocks": [b.as_dict() for b in self.blocks]}


@dataclass(frozen=True, slots=True)
class KeyFact:
    """One label/value pair of a key-facts box."""

    label: str
    """The label (`Founded`), plain text."""
    value: Runs
    """The value, with inline formatting and footnote references."""

    def as_dict(self) -> dict[str, Any]:
        """Return the fact as a JSON-ready dict."""
        return {"label": self.label, "value": [r.as_dict() for r in self.value]}


@dataclass(frozen=True, slots=True)
class KeyFacts:
    """A boxed summary of label/value pairs (Markdown: `::: keyfacts Title`)."""

    title: str
    """The box title (`Key facts`)."""
    facts: tuple[KeyFact, ...]
    """The pairs in order."""

    def as_dict(self) -> dict[str, Any]:
        """Return the box as a JSON-ready dict."""
        return {"type": "keyfacts", "title": self.title, "facts": [f.as_dict() for f in self.facts]}


@dataclass(frozen=True, slots=True)
class Series:
    """One data series of a chart."""

    name: str
    """The legend label."""
    values: tuple[float, ...]
    """One value per category."""


@dataclass(frozen=True, slots=True)
class Figure:
    """A chart drawn from data (`::: chart bar|line Title`) or an image (`::: figure Caption`)."""

    kind: str
    """`bar`, `line` or `image`."""
    title: str
    """The title shown above the figure (may be empty)."""
    caption: Runs = ()
    """The caption shown below the figure (may be empty), with its links."""
    categories: tuple[str, ...] = ()
    """The category labels along the x axis of a chart."""
    series: tuple[Series, ...] = ()
    """The data series of a chart."""
    image: str | None = None
    """The image file of an `image` figure, as written in the Markdown."""

    def as_dict(self) -> dict[str, Any]:
        """Return the figure as a JSON-ready dict."""
        out = {"type": "figure", **asdict(self)}
        out["caption"] = [r.as_dict() for r in self.caption]
        return out


@dataclass(frozen=True, slots=True)
class CodeBlock:
    """Preformatted text kept line for line."""

    text: str
    """The lines, without the final newline."""

    def as_dict(self) -> dict[str, Any]:
        """Return the block as a JSON-ready dict."""
        return {"type": "code", "text": self.text}


@dataclass(frozen=True, slots=True)
class Rule:
    """A thin horizontal rule between passages."""

    def as_dict(self) -> dict[str, Any]:
        """Return the rule as a JSON-ready dict."""
        return {"type": "rule"}


@dataclass(frozen=True, slots=True)
class PageBreak:
    """A forced page break (Markdown: `::: pagebreak` followed by `:::`)."""

    def as_dict(self) -> dict[str, Any]:
        """Return the break as a JSON-ready dict."""
        return {"type": "page_break"}


Block: TypeAlias = (
    Heading
    | Paragraph
    | BulletList
    | NumberedList
    | Table
    | BlockQuote
    | KeyFacts
    | Figure
    | CodeBlock
    | Rule
    | PageBreak
)


@dataclass(frozen=True, slots=True)
class Note:
    """A footnote, listed at the end of the document under `Sources`."""

    number: int
    """The number printed at each reference, from 1 in order of first reference."""
    label: str
    """The Markdown label (`09ASTANA1985`), usually a cable id."""
    runs: Runs
    """The note text."""

    def as_dict(self) -> dict[str, Any]:
        """Return the note as a JSON-ready dict."""
        return {
            "number": self.number,
            "label": self.label,
            "runs": [r.as_dict() for r in self.runs],
        }


@dataclass(frozen=True, slots=True)
class Source:
    """A cable or document the briefing cites, from the front matter's `sources` list."""

    id: str
    """The citation label, usually the cable id (`09ASTANA1985`)."""
    title: str = ""
    """The subject or title of the source."""
    date: str = ""
    """The date of the source as text (`2009-11-10`)."""
    url: str = ""
    """Where the source can be read, if anywhere."""
    classification: str = ""
    """The source's classification (`CONFIDENTIAL`)."""
    origin: str = ""
    """Where the source comes from: the sending post of a cable (`Embassy Astana`)."""

    def as_dict(self) -> dict[str, Any]:
        """Return the source as a JSON-ready dict."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Meta:
    """What the front matter says about the document."""

    title: str = ""
    """The title printed in the title block and stored in the file metadata."""
    subtitle: str = ""
    """A line under the title."""
    classification: str = ""
    """The marking printed at the top and bottom of every page (`CONFIDENTIAL`)."""
    date: dt.date | None = None
    """The date of the briefing; also the files' creation date, for reproducible output."""
    prepared_by: str = ""
    """The office or person who prepared it, printed in the title block."""
    author: str = ""
    """The metadata author (falls back to `prepared_by`)."""
    subject: str = ""
    """The metadata subject."""
    keywords: tuple[str, ...] = ()
    """The metadata keywords."""
    sources: tuple[Source, ...] = ()
    """The sources the briefing cites; each becomes a footnote definition for its id."""

    def as_dict(self) -> dict[str, Any]:
        """Return the metadata as a JSON-ready dict."""
        out = asdict(self)
        out["date"] = self.date.isoformat() if self.date else None
        return out


@dataclass(frozen=True, slots=True)
class Document:
    """A whole briefing: metadata, body blocks and footnotes."""

    meta: Meta
    """Front-matter metadata."""
    blocks: tuple[Block, ...]
    """The body in reading order."""
    notes: tuple[Note, ...] = field(default=())
    """The footnotes in number order."""

    def headings(self) -> tuple[Heading, ...]:
        """Return the top-level headings (not those nested in quotes or lists)."""
        return tuple(b for b in self.blocks if isinstance(b, Heading))

    def as_dict(self) -> dict[str, Any]:
        """Return the document as a JSON-ready dict."""
        return {
            "meta": self.meta.as_dict(),
            "blocks": [b.as_dict() for b in self.blocks],
            "notes": [n.as_dict() for n in self.notes],
        }
