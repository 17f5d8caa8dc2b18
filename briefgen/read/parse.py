"""Turn one Source into a Cable or a Rejection: the CPU work, run in worker processes if asked."""

from __future__ import annotations

from briefgen.errors import ReadError
from briefgen.models import Cable, Rejection
from briefgen.read import html, tabular
from briefgen.read.assemble import assemble
from briefgen.read.encoding import decode
from briefgen.read.envelope import Envelope
from briefgen.read.pdf import read_pdf
from briefgen.read.sources import Source
from briefgen.read.text import is_wikileaks_text, read_telegram, read_wikileaks_text


def parse_source(source: Source) -> Cable | Rejection:
    """Return the cable of one source, or a Rejection saying why it is not one. Never raises."""
    try:
        return _parse(source)
    except ReadError as exc:
        return Rejection(source.path, source.row, exc.reason)
    except RecursionError:
        return Rejection(source.path, source.row, "input too deeply nested to read")
    except Exception as exc:
        # A reader bug on one odd cable must not stop a batch of thousands; read_text (used by
        # the property tests) still raises it.
        reason = f"reader error ({type(exc).__name__}: {exc}); please report this file"
        return Rejection(source.path, source.row, reason)


def read_text(text: str, path: str | None = None) -> Cable:
    """Return the cable of one cable's text, in any text format; raise ReadError if it is none."""
    return assemble(envelope_of_text(text, path), path)


def envelope_of_text(text: str, path: str | None = None, row: int | None = None) -> Envelope:
    """Return the envelope of a text in whichever single-cable text format it is in."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    # A look at the start spares copying a whole page to strip it.
    if not text[:4096].strip() and not text.strip():
        raise ReadError("empty input", path, row)
    if is_wikileaks_text(text):
        return read_wikileaks_text(text)
    head = text if len(text) <= 200000 else text[:200000]
    if html.is_plusd(head):
        return html.read_plusd(text, path, row)
    if html.is_html(head):
        return html.read_wikileaks_html(text, path, row)
    if html.has_line_break_tags(head):
        # A text cable with `<br>` line breaks (in its subject, or on every line) is no page.
        text = html.line_breaks(text)
    stripped = text.lstrip()
    if stripped.startswith("{"):
        return tabular.read_json(stripped, path, row)
    return read_telegram(text)


def _parse(source: Source) -> Cable:
    path, row = source.path, source.row
    display = None if path == "-" else path
    if source.format == "csv":
        fields = source.data
        assert isinstance(fields, tuple)
        envelope = tabular.read_csv_fields(list(fields), path, row)
    elif source.format == "jsonl":
        data = source.data
        assert not isinstance(data, tuple)
        text = data if isinstance(data, str) else decode(data, path, row)
        envelope = tabular.read_json(text, path, row)
    elif source.format == "pdf":
        assert isinstance(source.data, bytes)
        envelope = read_pdf(source.data, path)
    else:
        data = source.data
        assert not isinstance(data, tuple)
        text = data if isinstance(data, str) else decode(data, path, row)
        envelope = envelope_of_text(text, path, row)
    return assemble(envelope, display, row)
