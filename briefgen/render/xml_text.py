"""Escape text for XML parts and reportlab's paragraph markup.

These are `xml.sax.saxutils.escape` and `quoteattr` as the renderers use them, written here
because importing `xml.sax.saxutils` imports `urllib.request` and with it `http.client`,
`email` and `ssl`: about 20 ms of every briefing's start for three string replacements.
tests/render/test_xml_text.py checks that both give what saxutils gives.
"""

from __future__ import annotations


def escape(text: str) -> str:
    """Return `text` with `&`, `<` and `>` written as entities (character data)."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def escape_attr(text: str) -> str:
    """Return `text` escaped for an attribute value written inside double quotes."""
    return escape(text).replace('"', "&quot;")


def quoteattr(text: str) -> str:
    """Return `text` as a quoted attribute value, quotes included.

    Line breaks and tabs become character references (an attribute's whitespace is
    otherwise folded); the value is put in single quotes when it holds a double quote, and
    in double quotes with `&quot;` when it holds both kinds.
    """
    value = escape(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return '"' + value.replace('"', "&quot;") + '"'
