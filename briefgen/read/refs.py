"""Turn a REF/REFTEL line into the canonical ids of the cables it cites."""

from __future__ import annotations

import re

from briefgen.read.ids import id_name, make_id

# Item labels: `(A)`, `A)`, `A.`, `A:`; and separators between items.
_SPLIT = re.compile(
    r"(?:^|[\s;,:]+)(?:\(\s*[A-Z]{1,2}\s*\)|[A-Z]{1,2}\s*[).:])(?=\s)|[;,:\n]|\s+AND\s+|\s{2,}"
)
# A cable citation: optional year, a post name of letters, and a serial number.
_ITEM = re.compile(
    r"(?:^|\s)(?:(19\d{2}|20[01]\d|\d{2})\s+)?([A-Z][A-Z'.]*(?:\s[A-Z][A-Z'.]*){0,3})\s+-?0*(\d{1,6})"
    r"(?=\s|$|[^\w])"
)
# Words that mark a cited document as something other than a cable.
_NOT_CABLE = re.compile(
    r"E-?MAILS?|TELCONS?|PHONE|CALLS?|MEMCON|LETTERS?|FAX|MEETINGS?|CONVERSATIONS?|"
    r"AIRGRAMS?|A-\d|DIPNOTES?|NOTES?|REPORTS?|DATED|MEMOS?|MEMORANDUMS?|WEBSITE|OFFICIAL-INFORMAL|O-I|"
    r"ARTICLES?|PRESS|SPEECH|STATEMENTS?|RESOLUTIONS?|UNSCR|HTTP|REASONS?|PREVIOUS|CLASSIFIED"
)
# Words that stand before a post name but are not part of it.
_LEAD_WORDS = {"REF", "REFS", "REFTEL", "REFTELS", "SEE", "ALSO", "AND", "PARA", "IN"}
_MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}


def parse_references(text: str, year: int | None) -> tuple[str, ...]:
    """Return canonical ids cited in a reference line, in order and without repeats.

    Citations without a year take `year` (the citing cable's); `06 TBILISI 2601` and
    `2007 MANAGUA 2135` keep their own. E-mails, phone calls and other documents are skipped.
    """
    text = re.sub(r"^\s*REF(?:TEL)?S?\b[:.]?", " ", text.upper())
    text = text.replace("¶", " ")
    found: list[str] = []
    for item in _SPLIT.split(text):
        item = item.strip()
        if not item or _NOT_CABLE.search(item):
            continue
        for match in _ITEM.finditer(item):
            yy, place, serial = match.groups()
            words = [w.strip(".'") for w in place.split()]
            while words and words[0] in _LEAD_WORDS:
                words.pop(0)
            if not words or any(w[:3] in _MONTHS for w in words) or len("".join(words)) < 3:
                continue
            if yy is None and year is None:
                continue
            name = id_name(" ".join(words))
            if name in ("SECTION", "PARA", "PARAS", "PARAGRAPH"):
                continue
            cable_id = make_id(yy if yy is not None else str(year), name, serial)
            if cable_id not in found:
                found.append(cable_id)
    return tuple(found)
