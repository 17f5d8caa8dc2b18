"""Finding and adding Word styles by the names users see."""

from __future__ import annotations

from typing import Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn

from briefgen.render.docx_styles import add_style, find_style


def test_a_style_is_found_by_its_name_in_any_case() -> None:
    word = docx.Document()
    title = find_style(word, "Title")
    assert title is not None and title.get(qn("w:styleId")) == "Title"
    assert find_style(word, "tItLe") is title
    heading = find_style(word, "Heading 1")  # stored as `heading 1`
    assert heading is not None and heading.get(qn("w:styleId")) == "Heading1"
    assert find_style(word, "No Such Style") is None


def test_the_first_style_of_a_name_is_found() -> None:
    word = docx.Document()
    first = add_style(word, "Briefing Note", WD_STYLE_TYPE.PARAGRAPH)
    add_style(word, "BRIEFING NOTE", WD_STYLE_TYPE.PARAGRAPH)
    assert find_style(word, "briefing note") is first.element


def without(name: str) -> Any:
    """Return a new python-docx document whose template has no style `name`."""
    word = docx.Document()
    found = find_style(word, name)
    if found is not None:
        word.styles.element.remove(found)
    return word


def test_an_added_style_is_what_python_docx_adds() -> None:
    for name in ("Briefing Byline", "Caption", "Heading 7"):
        ours, theirs = without(name), without(name)
        made = add_style(ours, name, WD_STYLE_TYPE.PARAGRAPH)
        expected = theirs.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        assert made.element.xml == expected.element.xml
        assert find_style(ours, name) is made.element
