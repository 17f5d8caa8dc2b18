"""HTML formats: WikiLeaks cable pages (and body-only fragments of them), and PlusD pages."""

from __future__ import annotations

import html
import re

from briefgen.errors import ReadError
from briefgen.read.envelope import Envelope
from briefgen.read.ids import parse_date

_HTML_MARK = re.compile(r"<(?:html|!DOCTYPE|code|pre|table|body|div|br)\b", re.IGNORECASE)
_CABLE_TABLE = re.compile(r"<table class=['\"]cable['\"]>(.*?)</table>", re.DOTALL)
_CELL = re.compile(r"<td\b[^>]*>(.*?)</td>", re.DOTALL)
_PRE = re.compile(r"<pre\b[^>]*>(.*?)</pre>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)


def is_html(head: str) -> bool:
    """Tell whether a text is HTML (a page or a `<code><pre>` fragment)."""
    return bool(_HTML_MARK.search(head[:4096]))


def is_plusd(head: str) -> bool:
    """Tell whether a text is a WikiLeaks PlusD page."""
    # PlusD pages name the Canonical ID in their first few KB: a cable page is not read through.
    return "Canonical ID" in head[:16384] and 'id="synopsis"' in head


def to_text(fragment: str) -> str:
    """Return the plain text of an HTML fragment: tags dropped, entities and line breaks decoded."""
    if "<" in fragment:
        if "<br" in fragment or "<BR" in fragment:
            fragment = _BR.sub("\n", fragment)
        fragment = _TAG.sub("", fragment)
    if "&" not in fragment:
        return fragment
    # Pages write every line break as `&#x000A;`: replaced at once, not entity by entity.
    fragment = fragment.replace("&#x000A;", "\n").replace("&#x0009;", "\t")
    return html.unescape(fragment) if "&" in fragment else fragment


def read_wikileaks_html(text: str, path: str | None = None, row: int | None = None) -> Envelope:
    """Return the envelope of a WikiLeaks cable page: the metadata table and its `<pre>` blocks."""
    # Found by plain string search first: many times faster over a 70 KB page than a pattern.
    table = _CABLE_TABLE.search(text, max(0, text.find("<table class=")))
    meta: list[str] = []
    start = 0
    if table:
        meta = [" ".join(to_text(cell).split()) for cell in _CELL.findall(table.group(1))]
        start = table.end()
    blocks = [to_text(block) for block in _pre_blocks(text, start)]
    if not blocks and table is None:
        raise ReadError("HTML page without a cable (no cable table, no <pre> block)", path, row)
    telegram = "\n".join(_untab(block) for block in blocks)
    meta += [""] * (5 - len(meta))
    return Envelope(
        format="wikileaks-html" if table else "wikileaks-fragment",
        text=telegram,
        id=meta[0] or None,
        created=parse_date(meta[1]),
        classification=meta[3] or None,
        origin=meta[4] or None,
    )


def _pre_blocks(text: str, start: int) -> list[str]:
    """Return the contents of the `<pre>` blocks after `start`, in order.

    Pages write the tag in lower case: found by plain string search, which is many times
    faster over a 70 KB page than a case-blind pattern; any other case falls back to it.
    """
    blocks: list[str] = []
    at = text.find("<pre", start)
    while at >= 0:
        opened = text.find(">", at)
        closed = text.find("</pre>", opened)
        if opened < 0 or closed < 0 or text[at + 4 : at + 5] not in (">", " ", "\t", "\n"):
            break
        blocks.append(text[opened + 1 : closed])
        at = text.find("<pre", closed)
    if not blocks:
        blocks = _PRE.findall(text, start)
    return blocks


def _untab(block: str) -> str:
    """Put each field of a tab-separated cables.csv row, pasted into a page, on lines of its own."""
    if "\t" not in block:
        return block
    return block.replace("\t", "\n")


_SYNOPSIS_VALUE = re.compile(
    r'title="([^"]+)">[^<]*</a></div>\s*<div class="s_val"[^>]*>(.*?)</div>', re.DOTALL
)
_SUBJECT = re.compile(r"<table id=\"synopsis\">.*?<td[^>]*>(.*?)</td>", re.DOTALL)
_PANE = re.compile(
    r'<div class="pane-header">([^<]*)</div>\s*<div class="pane-content">(.*?)</div></div>',
    re.DOTALL,
)


def read_plusd(text: str, path: str | None = None, row: int | None = None) -> Envelope:
    """Return the envelope of a PlusD page: the synopsis table and the raw telegram text."""
    fields = {
        key.strip(): " ".join(to_text(value).split())
        for key, value in _SYNOPSIS_VALUE.findall(text)
    }
    panes = {name.strip(): body for name, body in _PANE.findall(text)}
    raw = panes.get("Raw content") or panes.get("Content")
    if raw is None:
        raise ReadError("PlusD page without its telegram text", path, row)
    subject = _SUBJECT.search(text)
    return Envelope(
        format="plusd-html",
        text=to_text(raw),
        id=fields.get("Canonical ID") or None,
        created=parse_date(fields.get("Date", "")),
        classification=fields.get("Original Classification") or None,
        subject=" ".join(to_text(subject.group(1)).split()) if subject else None,
    )
