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
    r"(?:^|\s)(?:(19\d{2}|20[01]\d|\d{2})\s+)?([A-Z][A-Z'.]*(?:\s[A-Z][A-Z'.]*){0,3})\s+-?(\d{1,8})"
    r"(?=\s|$|[^\w])"
)
# Words that mark a cited document as something other than a cable.
_NOT_CABLE = re.compile(
    r"\b(?:E-?MAILS?|TELCONS?|PHONE|CALLS?|MEMCON|LETTERS?|FAX|MEETINGS?|CONVERSATIONS?|"
    r"AIRGRAMS?|A-\d+|DIPNOTES?|NOTES?|REPORTS?|DATED|MEMOS?|MEMORANDUMS?|WEBSITE|"
    r"OFFICIAL-INFORMAL|O-I|ARTICLES?|PRESS|SPEECH|STATEMENTS?|RESOLUTIONS?|UNSCR|HTTP|"
    r"REASONS?|CLASSIFIED)\b"
)
# Words that stand before a citation but are not part of it (`AND PREVIOUS 03 RANGOON 1427`).
_LEAD_WORDS = re.compile(r"\b(?:REFTELS?|REFS?|SEE|ALSO|AND|PARA|IN|PREVIOUS|ALL)\b")
_MONTHS = {
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "SEPT", "OCT", "NOV", "DEC",
    "JANUARY", "FEBRUARY", "MARCH", "APRIL", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER",
    "NOVEMBER", "DECEMBER",
}  # fmt: skip
_NOT_POSTS = {"SECTION", "PARA", "PARAS", "PARAGRAPH", "POINT"}
_REF_WORD = re.compile(r"^\s*REF(?:TEL)?S?\b[:.]?")


def parse_references(text: str, year: int | None) -> tuple[str, ...]:
    """Return canonical ids cited in a reference line, in order and without repeats.

    Citations without a year take `year` (the citing cable's); `06 TBILISI 2601` and
    `2007 MANAGUA 2135` keep their own. E-mails, phone calls and other documents are skipped.
    """
    text = _REF_WORD.sub(" ", text.upper()).replace("¶", " ")
    found: list[str] = []
    for item in _SPLIT.split(text):
        item = _LEAD_WORDS.sub(" ", item).strip()
        if not item or _NOT_CABLE.search(item):
            continue
        for match in _ITEM.finditer(item):
            yy, place, serial = match.groups()
            words = [w.strip(".'") for w in place.split()]
            # Page-break lines carry 8-digit serials (`RPO DUBAI 00000010`); citations do not.
            if len(serial) > 6 or not words or any(w in _MONTHS for w in words):
                continue
            name = id_name(" ".join(words))
            if len(name) < 3 or name in _NOT_POSTS or (yy is None and year is None):
                continue
            cable_id = make_id(yy if yy is not None else str(year), name, serial)
            if cable_id not in found:
                found.append(cable_id)
    return tuple(found)
