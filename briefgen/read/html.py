"""HTML formats: WikiLeaks cable pages (and body-only fragments of them), and PlusD pages."""

from __future__ import annotations

import html
import re

from briefgen.errors import ReadError
from briefgen.read.envelope import Envelope
from briefgen.read.ids import parse_date

# Tags that make a text an HTML page or fragment; `<br>` alone does not (a text cable may
# hold one in its subject: it is read as a line break, see line_breaks).
_HTML_MARK = re.compile(r"<(?:html|!DOCTYPE|code|pre|table|body|div)\b", re.IGNORECASE)
_CABLE_OPEN = re.compile(r"<table class=['\"]cable['\"]>")
# `[^<>]` rather than `[^>]`: a scan for a tag's end stops at the next `<`, so that a page of
# thousands of unclosed `<` is read in linear time (every pattern here must be).
_TAG = re.compile(r"<[^<>]*>")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
# How `<br>` is written before the tag itself is looked at. One pattern led by `<` finds any of
# the spellings in a tenth of the time of a plain search for each (pages hold `<` and `b`
# everywhere, and a plain search for a short string steps through them).
_BR_HINT = re.compile("<(?:br|BR|Br)")
_BR_LOWER_OR_UPPER = re.compile("<(?:br|BR)")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def is_html(head: str) -> bool:
    """Tell whether a text is HTML (a page or a `<code><pre>` fragment)."""
    return bool(_HTML_MARK.search(head[:4096]))


def has_line_break_tags(head: str) -> bool:
    """Tell whether a text that is not HTML writes line breaks as `<br>` tags."""
    return _BR_HINT.search(head) is not None and bool(_BR.search(head))


def line_breaks(text: str) -> str:
    """Turn `<br>` tags into line breaks (`SUBJECT: FIRST LINE<br>SECOND LINE`)."""
    return _BR.sub("\n", text)


def is_plusd(head: str) -> bool:
    """Tell whether a text is a WikiLeaks PlusD page."""
    # PlusD pages name the Canonical ID in their first few KB: a cable page is not read through.
    return "Canonical ID" in head[:16384] and 'id="synopsis"' in head


def to_text(fragment: str) -> str:
    """Return the plain text of an HTML fragment: tags dropped, entities and line breaks decoded."""
    if "<" in fragment:
        if _BR_LOWER_OR_UPPER.search(fragment) is not None:
            fragment = _BR.sub("\n", fragment)
        fragment = _TAG.sub("", fragment)
    if "&" not in fragment:
        return fragment
    # Pages write every line break as `&#x000A;`: replaced at once, not entity by entity.
    fragment = fragment.replace("&#x000A;", "\n").replace("&#x0009;", "\t")
    return html.unescape(fragment) if "&" in fragment else fragment


def read_wikileaks_html(text: str, path: str | None = None, row: int | None = None) -> Envelope:
    """Return the envelope of a WikiLeaks cable page: the metadata table and its `<pre>` blocks."""
    table = _cable_table(text)
    meta: list[str] = []
    start = 0
    if table is not None:
        inner, start = table
        meta = [" ".join(to_text(cell).split()) for cell in _elements(inner, "<td", "</td>")]
    blocks = [to_text(block) for block in _pre_blocks(text, start)]
    if not blocks and table is None:
        raise ReadError("HTML page without a cable (no cable table, no <pre> block)", path, row)
    telegram = "\n".join(_untab(block) for block in blocks)
    meta += [""] * (5 - len(meta))
    return Envelope(
        format="wikileaks-html" if table is not None else "wikileaks-fragment",
        text=telegram,
        id=meta[0] or None,
        created=parse_date(meta[1]),
        classification=meta[3] or None,
        origin=meta[4] or None,
    )


def _cable_table(text: str) -> tuple[str, int] | None:
    """Return the inside of the first `<table class='cable'>` that closes, and where it ends.

    Found by string search: a pattern's lazy `.*?</table>` tried at thousands of unclosed
    tables would take time growing with their square.
    """
    at = text.find("<table class=")
    while at >= 0:
        opened = _CABLE_OPEN.match(text, at)
        if opened is not None:
            closed = text.find("</table>", opened.end())
            if closed < 0:
                return None  # no later table closes either
            return text[opened.end() : closed], closed + len("</table>")
        at = text.find("<table class=", at + 1)
    return None


def _elements(
    text: str, opening: str, closing: str, start: int = 0, limit: int | None = None
) -> list[str]:
    """Return the contents of the elements `opening ...>` ... `closing` after `start`, in order.

    Plain string search, in linear time: an element whose start tag or end tag never comes
    ends the search (no later one can close).
    """
    found: list[str] = []
    size = len(opening)
    at = text.find(opening, start)
    while at >= 0:
        after = text[at + size : at + size + 1]
        if after not in (">", " ", "\t", "\n", "\r", "/"):
            at = text.find(opening, at + size)  # `<tdx`, `<pref`: another tag
            continue
        opened = text.find(">", at + size)
        if opened < 0:
            break
        closed = text.find(closing, opened + 1)
        if closed < 0:
            break
        found.append(text[opened + 1 : closed])
        if limit is not None and len(found) >= limit:
            break
        at = text.find(opening, closed + len(closing))
    return found


def _pre_blocks(text: str, start: int) -> list[str]:
    """Return the contents of the `<pre>` blocks after `start`, in order.

    Pages write the tag in lower case: found by plain string search; any other case is
    looked for in a lower-cased copy (ASCII only, so that positions stay the same).
    """
    blocks = _elements(text, "<pre", "</pre>", start)
    if not blocks and "<PRE" in text[start:].upper():
        lowered = text.translate(_ASCII_LOWER)
        at = start
        for block in _elements(lowered, "<pre", "</pre>", start):
            at = lowered.find(block, at)
            blocks.append(text[at : at + len(block)])
            at += len(block)
    return blocks


def _untab(block: str) -> str:
    """Put each field of a tab-separated cables.csv row, pasted into a page, on lines of its own."""
    if "\t" not in block:
        return block
    return block.replace("\t", "\n")


_SYNOPSIS_VALUE = re.compile(
    r'title="([^"]+)">[^<]*</a></div>\s*<div class="s_val"[^<>]*>(.*?)</div>', re.DOTALL
)
_PANE_HEADER = '<div class="pane-header">'
_PANE_CONTENT = re.compile(r'\s*<div class="pane-content">')


def read_plusd(text: str, path: str | None = None, row: int | None = None) -> Envelope:
    """Return the envelope of a PlusD page: the synopsis table and the raw telegram text."""
    fields = {
        key.strip(): " ".join(to_text(value).split())
        for key, value in _SYNOPSIS_VALUE.findall(text)
    }
    panes = dict(_panes(text))
    raw = panes.get("Raw content") or panes.get("Content")
    if raw is None:
        raise ReadError("PlusD page without its telegram text", path, row)
    synopsis = text.find('<table id="synopsis">')
    cells = _elements(text, "<td", "</td>", synopsis, limit=1) if synopsis >= 0 else []
    return Envelope(
        format="plusd-html",
        text=to_text(raw),
        id=fields.get("Canonical ID") or None,
        created=parse_date(fields.get("Date", "")),
        classification=fields.get("Original Classification") or None,
        subject=" ".join(to_text(cells[0]).split()) if cells else None,
    )


def _panes(text: str) -> list[tuple[str, str]]:
    """Return the (name, content) of a PlusD page's panes, found by string search."""
    panes: list[tuple[str, str]] = []
    at = text.find(_PANE_HEADER)
    while at >= 0:
        name_start = at + len(_PANE_HEADER)
        name_end = text.find("</div>", name_start)
        if name_end < 0:
            break
        content = _PANE_CONTENT.match(text, name_end + len("</div>"))
        name = text[name_start:name_end]
        if content is not None and "<" not in name:
            closed = text.find("</div></div>", content.end())
            if closed < 0:
                break
            panes.append((name.strip(), text[content.end() : closed]))
            at = text.find(_PANE_HEADER, closed)
        else:
            at = text.find(_PANE_HEADER, name_start)
    return panes
