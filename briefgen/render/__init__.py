"""Render a Document to bytes in a registered format (PDF, DOCX) under a house style."""

from __future__ import annotations

import datetime as dt
from importlib import import_module
from typing import Protocol, runtime_checkable

from briefgen.document import Document
from briefgen.errors import RenderError, StyleError
from briefgen.render.style import Style, available_styles, load_style

__all__ = [
    "FORMATS",
    "RENDERERS",
    "Renderer",
    "Style",
    "StyleError",
    "available_styles",
    "creation_time",
    "get_renderer",
    "load_style",
    "render",
]


@runtime_checkable
class Renderer(Protocol):
    """What every output format implements; it sees only the document and the style."""

    name: str
    """The format name users pass (`pdf`)."""
    suffix: str
    """The file suffix, with its dot (`.pdf`)."""

    def render(self, document: Document, style: Style, *, created: dt.datetime) -> bytes:
        """Return the file's bytes; the same arguments must give the same bytes."""
        ...


RENDERERS: dict[str, str] = {
    "pdf": "briefgen.render.pdf:PdfRenderer",
    "docx": "briefgen.render.docx:DocxRenderer",
}
"""Renderer classes by format name, as `module:Class`, imported on first use."""
FORMATS: tuple[str, ...] = tuple(RENDERERS)
"""The output formats, in the order a briefing's files are written (each file named with its
renderer's `suffix`)."""

_EPOCH_FALLBACK = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)


def get_renderer(fmt: str) -> Renderer:
    """Return the renderer for format `fmt` (`pdf`, `docx`); raise RenderError if unknown."""
    target = RENDERERS.get(fmt.lower().lstrip("."))
    if target is None:
        raise RenderError(f"unknown output format {fmt!r} (known: {', '.join(sorted(RENDERERS))})")
    module, _, cls = target.partition(":")
    renderer: Renderer = getattr(import_module(module), cls)()
    return renderer


def creation_time(document: Document, source_date_epoch: int | None = None) -> dt.datetime:
    """Return the creation time stamped into the files: the document date, else the epoch given.

    Both are inputs, never the clock, so that the same briefing gives the same bytes; without
    either, a fixed date (2000-01-01) is used.
    """
    if document.meta.date is not None:
        d = document.meta.date
        return dt.datetime(d.year, d.month, d.day, tzinfo=dt.timezone.utc)
    if source_date_epoch is not None:
        return dt.datetime.fromtimestamp(source_date_epoch, tz=dt.timezone.utc)
    return _EPOCH_FALLBACK


def render(
    document: Document, fmt: str, style: Style, *, source_date_epoch: int | None = None
) -> bytes:
    """Render `document` as `fmt` (`pdf` or `docx`) in `style` and return the file's bytes."""
    renderer = get_renderer(fmt)
    return renderer.render(document, style, created=creation_time(document, source_date_epoch))
