"""What copies append after a cable's last line: a listing row, a record's trailing extract.

Both repeat the cable's subject, and for some copies they are the only place it is written,
so each is cut from the text and its subject given back.
"""

from __future__ import annotations

import re

_LISTING_ROW = re.compile(
    r" \d \d{1,2}/\d{1,2}/\d{4} \d+ [A-Z][A-Za-z]{1,5}(?:,[A-Z][A-Za-z]{1,5})+ "
    r"(?P<subject>[^a-z\n]+?) (?=[A-Z][a-z])"
)
# `HOAGLAND NNNN<TAB>2005-10-20<TAB>TAJIKISTAN: AMBASSADOR ...<TAB>` and the summary after it:
# the tabs are newlines in a page's text and spaces in a cleaned copy.
_EXTRACT = re.compile(
    r"(?:^|[ \t])NNNN[ \t]*\n?[ \t]*(?P<date>\d{4}-\d{2}-\d{2})[ \t]*(?:\n[ \t]*|[ \t]+)"
    r"(?P<subject>[^\n]*\S)"
)


def split_appended(lines: list[str]) -> tuple[list[str], str | None]:
    """Cut a listing row or trailing extract after the cable; return the subject it gives."""
    lines, subject = split_listing_row(lines)
    if subject is None:
        lines, subject = split_trailing_extract(lines)
    return lines, subject


def split_listing_row(lines: list[str]) -> tuple[list[str], str | None]:
    """Cut the cable-listing row some pages carry after the signature; return its subject.

    `... End comment. STEVENS 0 03/13/2008 9871 PGOV,PREL,LY DETAINED ACTIVIST "RELEASED"
    Reports by ...` holds the sequence number, date, tags, subject and summary of the cable
    again: not text of the cable, but the only place the subject of such a page is written.
    """
    for index in range(len(lines) - 1, max(-1, len(lines) - 4), -1):
        # The row's date has slashes: a line without any has no row (and is not searched).
        match = _LISTING_ROW.search(lines[index]) if "/" in lines[index] else None
        if match is not None:
            kept = lines[index][: match.start()].rstrip()
            return [*lines[:index], *([kept] if kept else [])], match.group("subject").strip()
    return lines, None


def split_trailing_extract(lines: list[str]) -> tuple[list[str], str | None]:
    """Cut the record extract after a cable's end-of-message mark; return its subject.

    Partial-extract pages end `HOAGLAND NNNN`, then the record's date, subject and summary
    (05DUSHANBE1702): the signature stays, the record goes, and its subject is the cable's
    when the header lost its SUBJECT line.
    """
    start = max(0, len(lines) - 80)
    tail = "\n".join(lines[start:])
    if "NNNN" not in tail:
        return lines, None
    # The last extract: an earlier `NNNN` is a quoted cable's.
    matches = list(_EXTRACT.finditer(tail))
    if not matches:
        return lines, None
    match = matches[-1]
    kept = tail[: match.start()].rstrip().split("\n")
    return [*lines[:start], *kept], " ".join(match.group("subject").split()).strip(" \t")
