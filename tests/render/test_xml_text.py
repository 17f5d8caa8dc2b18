"""The renderers' XML escaping gives what xml.sax.saxutils gives, without importing it."""

from __future__ import annotations

import subprocess
import sys
from xml.sax import saxutils

import pytest

from briefgen.render.xml_text import escape, escape_attr, quoteattr

SAMPLES = [
    "",
    "plain",
    "A & B <i>not markup</i> > C",
    "&amp; already an entity",
    'say "yes"',
    "it's",
    "both ' and \"",
    "line\nbreak\rreturn\ttab",
    "Қазақстан — Türkiye ¶18A",
    "https://example.org/?a=1&b=<2>",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_as_saxutils_escapes(text: str) -> None:
    assert escape(text) == saxutils.escape(text)
    assert escape_attr(text) == saxutils.escape(text, {'"': "&quot;"})
    assert quoteattr(text) == saxutils.quoteattr(text)


def test_rendering_does_not_import_the_network_modules() -> None:
    code = (
        "import sys; import briefgen.render.pdf, briefgen.render.docx; "
        "print(sorted(m for m in ('xml.sax.saxutils', 'urllib.request', 'http.client', 'ssl')"
        " if m in sys.modules))"
    )
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "[]"
