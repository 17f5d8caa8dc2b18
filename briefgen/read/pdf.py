"""PDF single cables: read their text with pypdf, or reject them clearly."""

from __future__ import annotations

import io
import logging
import re

from briefgen.errors import ReadError
from briefgen.read.envelope import Envelope

# `2000HANOI00686 - CONFIDENTIAL`: the id line the 2015 rendering prints above the telegram.
_ID_LINE = re.compile(r"^\s*(\d{4}[A-Z]+\d+)\s+-\s+([A-Z][A-Z /]+?)\s*$", re.MULTILINE)


def read_pdf(data: bytes, path: str | None = None) -> Envelope:
    """Return the envelope of a single-cable PDF, or raise ReadError if its text is unreadable."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import PyPdfError
    except ImportError:  # pragma: no cover - pypdf is a dependency
        raise ReadError("cannot read PDF files: pypdf is not installed", path) from None
    # pypdf logs warnings about damaged files; the rejection reason says what matters.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ReadError("encrypted PDF", path)
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except ReadError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, AttributeError) as exc:
        raise ReadError(f"unreadable PDF: {type(exc).__name__}", path) from None
    except Exception as exc:  # pypdf raises many undocumented errors on broken files
        raise ReadError(f"unreadable PDF: {type(exc).__name__}", path) from None
    if len(text.strip()) < 100:
        raise ReadError("PDF holds no extractable text (scanned image?)", path)
    match = _ID_LINE.search(text[:2000])
    return Envelope(
        format="pdf",
        text=text,
        id=match.group(1) if match else None,
        classification=match.group(2).strip() if match else None,
    )
