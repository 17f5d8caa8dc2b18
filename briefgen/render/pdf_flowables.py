"""The custom platypus flowables of the PDF renderer: marked headings, contents, whole tables."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.platypus import Flowable, Table
from reportlab.platypus import Paragraph as RLParagraph

from briefgen.document import Heading, xml_safe
from briefgen.render.fonts import family
from briefgen.render.pdf_styles import Styles


@dataclass
class State:
    """What the layout pass learns and the canvas needs when it saves (page count, TOC pages)."""

    pages: int = 0
    heading_pages: dict[str, int] = field(default_factory=dict)
    toc_anchors: list[str] = field(default_factory=list)
    outline_level: int = -1


class HeadingPara(RLParagraph):  # type: ignore[misc]
    """A heading paragraph that leaves a bookmark, an outline entry and its page behind.

    reportlab rebuilds split paragraphs through the constructor, so the heading travels as
    attributes set by `mark` rather than constructor arguments; only the first part marks.
    """

    heading: Heading | None = None
    state: State | None = None
    title: str = ""

    def mark(self, heading: Heading, state: State, title: str | None = None) -> HeadingPara:
        self.heading, self.state = heading, state
        self.title = title or xml_safe("".join(r.text for r in heading.runs if r.note is None))
        return self

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(avail_width, avail_height)
        if parts and self.heading is not None and self.state is not None:
            parts[0].mark(self.heading, self.state, self.title)
        return parts

    def draw(self) -> None:
        heading, state = self.heading, self.state
        if heading is not None and state is not None:
            canv = self.canv
            key = heading.anchor
            canv.bookmarkHorizontal(key, 0, self.height + 4)
            # Outline levels may not skip (an h3 under an h1 hangs under the h1).
            level = min(heading.level - 1, state.outline_level + 1)
            canv.addOutlineEntry(self.title[:200], key, level=level, closed=level > 0)
            state.outline_level = level
            state.heading_pages[key] = canv.getPageNumber()
        super().draw()


class Whole(Table):  # type: ignore[misc]
    """A short table that moves to the next page whole, unless it is taller than a page."""

    page_height: float = 0.0

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        if getattr(self, "_height", 0) <= self.page_height:
            return []
        parts: list[Flowable] = super().split(avail_width, avail_height)
        return parts


class Contents(Flowable):  # type: ignore[misc]
    """The table of contents; page numbers are form XObjects filled in when the PDF is saved."""

    def __init__(
        self, entries: list[Heading], styles: Styles, state: State, register: bool = True
    ) -> None:
        super().__init__()
        self.entries = entries
        self.styles = styles
        self.state = state
        self.line = styles.toc.leading + 2
        if register:
            state.toc_anchors.extend(h.anchor for h in entries)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.line * len(self.entries)

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        fit = int(avail_height // self.line)
        if fit <= 0 or fit >= len(self.entries):
            return []
        head, tail = self.entries[:fit], self.entries[fit:]
        return [
            Contents(head, self.styles, self.state, register=False),
            Contents(tail, self.styles, self.state, register=False),
        ]

    def draw(self) -> None:
        canv = self.canv
        style = self.styles.toc
        y = self.line * len(self.entries)
        for entry in self.entries:
            y -= self.line
            indent = 0.0 if entry.level == 1 else 14.0
            bold = entry.level == 1
            font = family(self.styles.heading_family, bold=bold)
            title = xml_safe("".join(r.text for r in entry.runs if r.note is None))
            room = self.width - indent - 40
            while title and canv.stringWidth(title, font, style.fontSize) > room:
                title = title[: max(1, int(len(title) * 0.9))].rstrip()
                if canv.stringWidth(title + "…", font, style.fontSize) <= room:
                    title += "…"
                    break
            canv.setFont(font, style.fontSize)
            canv.setFillColor(style.textColor)
            canv.drawString(indent, y + 3, title)
            end = indent + canv.stringWidth(title, font, style.fontSize) + 6
            canv.setStrokeColor(self.styles.rule_color)
            canv.setLineWidth(0.5)
            canv.setDash(0.5, 2.5)
            canv.line(end, y + 3, self.width - 24, y + 3)
            canv.setDash()
            canv.saveState()
            canv.translate(self.width, y + 3)
            canv.doForm(f"toc-{entry.anchor}")
            canv.restoreState()
            canv.linkRect("", entry.anchor, (0, y, self.width, y + self.line), relative=1)


class AltText(Flowable):  # type: ignore[misc]
    """A drawing wrapped in a marked-content span carrying its alternative text (`/Alt`).

    The PDF is not tagged, so the description rides on the marked-content sequence itself,
    as ISO 32000 allows for a Span; text extraction and assistive tools can read it.
    """

    def __init__(self, drawing: Flowable, alt: str) -> None:
        super().__init__()
        self.drawing = drawing
        self.alt = alt
        self.hAlign = "CENTER"

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        width, height = self.drawing.wrap(avail_width, avail_height)
        self.width, self.height = width, height
        return width, height

    def draw(self) -> None:
        canv = self.canv
        text = ("\ufeff" + xml_safe(self.alt)).encode("utf-16-be").hex().upper()
        canv._code.append(f"/Span <</Alt <{text}>>> BDC")
        self.drawing.drawOn(canv, 0, 0)
        canv._code.append("EMC")
