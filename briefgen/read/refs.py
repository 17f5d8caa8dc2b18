"""Turn a REF/REFTEL block into the canonical ids of the cables it cites.

A REF block is a list of items, each labelled in one of many ways (`(A)`, `A.`, `A)`, `A:`,
a bare letter, `REF A` again), citing a cable by post and serial with its year before,
after, glued or in brackets (`06 TBILISI 2601`, `LIMA 4516 (06)`, `08DHAKA1041`,
`THE HAGUE 3350 (2004)`), several serials of one post at once (`HAVANA 500 & 511`,
`BUENOS AIRES 0750 AND 0561`, `936/935`), sometimes the serial first (`00821 ASMARA`).
Items that are not cables (e-mails, phone calls, intelligence reports, manuals) are
skipped. A post is read as ids write it: abbreviated, misspelt or short forms of a known
post (`USUN`, `ADDIS`, `HAGUE`, `MEXICO CITY`, `TALLIN`) become that post.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from briefgen.read.ids import expand_year, id_name, make_id
from briefgen.read.posts import KNOWN_POSTS, closest_post

# Item labels: `(A)`, `A.`, `A)`, `A:` (a letter, or a doubled one after Z: `AA.`).
_LABEL = re.compile(r"(?:^|(?<=[\s;,.(]))(?:\(\s*([A-Z])\1?\s*\)|([A-Z])\2?\s*[.):](?![A-Z]\.))")
_REF_WORD = re.compile(r"\bREF(?:TEL|TELS|S)?\b[:.]?")
# Words that mark an item as something other than a cable.
_NOT_CABLE = re.compile(
    r"\b(?:E-?MAILS?|TELCONS?|PHONE|CALLS?|MEMCON|LETTERS?|FAX|MEETINGS?|CONVERSATIONS?|"
    r"AIRGRAMS?|A-\d+|DIPNOTES?|NOTES?|REPORTS?|MEMOS?|MEMORANDUMS?|WEBSITE|"
    r"OFFICIAL-INFORMAL|O-I|O/I|ARTICLES?|PRESS|SPEECH|STATEMENTS?|RESOLUTIONS?|UNSCR|HTTP|"
    r"REASONS?|CLASSIFIED|IIR|TDX?|FBIS|OSC|FAM|U\.S\.C|USC|DSCG|GUIDEBOOK|DAILY|POINTS?|DTG|"
    r"\d{6} ?Z)\b"
)
_TOKEN = re.compile(r"'\d{2}\b|[A-Z][A-Z'.-]*|[\dO]*\d[\dO]*|[/&(),;-]")
_NON_SERIAL = frozenset({"(", ")", "NOTAL", ","})
# A letter glued to digits in a citation (`08DHAKA1041`, `ASHGABAT687`): split them.
_GLUED = re.compile(r"(?<=\d)(?=[A-Z]{3})|(?<=[A-Z]{3})(?=\d)")
# Words that stand before a citation but are not part of it (`AND PREVIOUS 03 RANGOON 1427`).
_NOT_STATION = frozenset(
    """
    REF REFS REFTEL REFTELS SEE ALSO AND PARA PARAS PARAGRAPH IN PREVIOUS ALL NOTAL OF FOR ON
    BY TO AT FROM DATED SECTION POINT AS WELL THE
    JAN FEB MAR APR MAY JUN JUL AUG SEP SEPT OCT NOV DEC JANUARY FEBRUARY MARCH APRIL JUNE JULY
    AUGUST SEPTEMBER OCTOBER NOVEMBER DECEMBER
    """.split()
)
_SERIAL_JOINS = frozenset({"AND", "&", "/", ","})
# The years cables were sent in: a number outside them is no year (`MATAMOROS 37`).
_FIRST_YEAR, _LAST_YEAR = 1966, 2010


@dataclass(frozen=True, slots=True)
class _Citation:
    year: str | None
    station: str
    serial: str
    serial_at: int
    """The index of the serial's token."""
    end: int
    """The index of the token after the citation (its serial, or a year written after it)."""


def parse_references(text: str, year: int | None) -> tuple[str, ...]:
    """Return canonical ids cited in a REF block, in order and without repeats.

    Citations without a year take `year` (the citing cable's). E-mails, phone calls,
    intelligence reports and other documents are skipped, and so is a citation whose post
    is no post (`PARIS POINTS OF 5/2`).
    """
    if not text.strip():
        return ()  # most cables cite nothing: no item to look for
    text = _REF_WORD.sub(" ", text.upper().replace("¶", " "))
    text = _GLUED.sub(" ", text)
    found: list[str] = []
    previous: _Citation | None = None
    for item in _items(text):
        tokens, offsets = _tokens(item)
        # A citation after a word that marks another kind of document (`TELCON ANKARA 1234`,
        # `7 FAM 180`, `IIR 6 902 9698`) is none; one before it stands (`STATE 81957: REPORT`).
        bad = _NOT_CABLE.search(item)
        for citation in _citations(tokens, previous):
            if bad is not None and offsets[citation.end - 1] >= bad.start():
                previous = None
                break
            if item.startswith("..", offsets[citation.serial_at]) and citation.serial[0] != "0":
                continue  # `LIMA 2...`: a serial cut off by a page preview (`0472...` is whole)
            previous = citation
            cited = citation.year if citation.year is not None else year
            if cited is None:
                continue
            cable_id = make_id(str(cited), citation.station, citation.serial)
            if cable_id not in found:
                found.append(cable_id)
    return tuple(found)


def _items(text: str) -> list[str]:
    """Split a REF block at its item labels and semicolons."""
    pieces = _LABEL.split(text)
    # split() interleaves the captured letters; keep the text between labels only.
    parts = [piece for index, piece in enumerate(pieces) if index % 3 == 0 and piece]
    return [item for part in parts for item in part.split(";") if item.strip()]


def _tokens(item: str) -> tuple[list[str], list[int]]:
    """Return the words, numbers and marks of an item, and where each ends in it."""
    tokens: list[str] = []
    ends: list[int] = []
    for match in _TOKEN.finditer(item):
        token = match.group()
        if token[:1].isdigit() or token[-1:].isdigit():
            token = token.replace("O", "0")  # `12O5`: a letter O read for a zero.
        tokens.append(token)
        ends.append(match.end())
    return tokens, ends


def _citations(tokens: list[str], previous: _Citation | None) -> list[_Citation]:
    """Return the citations of one item's tokens, in order."""
    out: list[_Citation] = []
    i, n = 0, len(tokens)
    pending_year: str | None = None
    while i < n:
        token = tokens[i]
        if _is_number(token) and _is_date(tokens, i):
            i = _skip_date(tokens, i)
            continue
        words, j = _station_words(tokens, i)
        if words and j + 1 < n and tokens[j] == "-" and _is_serial(tokens, j + 1):
            j += 1  # `STATE -097844`
        if words and j < n and _is_serial(tokens, j):
            station = _station(words)
            if station is None:
                i = j + 1
                pending_year = None
                continue
            serial_at = j
            cited_year, j = _year_after(tokens, j + 1)
            citation = _Citation(
                cited_year or pending_year, station, tokens[serial_at], serial_at, j
            )
            out.append(citation)
            pending_year = None
            # `HAVANA 500 & 511`, `BUENOS AIRES 0750 AND 0561`, `936/935`: more serials.
            while j + 1 < n and tokens[j] in _SERIAL_JOINS and _is_serial(tokens, j + 1):
                if _station_words(tokens, j + 2)[0] or _year_before(tokens, j + 1):
                    break
                out.append(_Citation(citation.year, station, tokens[j + 1], j + 1, j + 2))
                j += 2
            i = j
            continue
        if _is_number(token) or token.startswith("'"):
            year_before = _year_before(tokens, i)
            if year_before is not None:
                pending_year = year_before
                i += 1
                continue
            words, j = _station_words(tokens, i + 1)
            serial_first = len(token) >= 3 and _as_year(token) is None
            if words and serial_first and (j >= n or not _is_number(tokens[j])):
                # `00821 ASMARA`: the serial before the post.
                station = _station(words)
                if station is not None:
                    out.append(_Citation(pending_year, station, token, i, i + 1))
                i = j
                continue
            if not out and i == 0 and previous is not None and _lone_serial(tokens, i):
                # `B) 00357` after `A) CALCUTTA 00354`: a serial of the item before's post.
                out.append(_Citation(previous.year, previous.station, token, i, i + 1))
        i += 1
    return out


def _is_number(token: str) -> bool:
    return token.isdigit()


def _is_serial(tokens: list[str], i: int) -> bool:
    token = tokens[i]
    # Page-break lines pad the serial to eight digits (`RPO DUBAI 00000010 001.2 OF 002`),
    # and what is left of one in a REF block is the citing cable's own: no citation.
    if not token.isdigit() or len(token) > 6 or _is_date(tokens, i):
        return False
    # `SAO 06 PAULO 1038`: two digits before another citation are its year.
    return len(token) > 2 or _year_before(tokens, i) is None


def _is_date(tokens: list[str], i: int) -> bool:
    """Tell whether the number at `i` opens a date (`11/20`, `11/20/08`), not serials."""
    token = tokens[i]
    if len(token) > 2 or i + 2 >= len(tokens) or tokens[i + 1] != "/":
        return False
    return tokens[i + 2].isdigit() and len(tokens[i + 2]) <= 2


def _skip_date(tokens: list[str], i: int) -> int:
    while i + 1 < len(tokens) and tokens[i + 1] == "/" and i + 2 < len(tokens):
        i += 2
    return i + 1


def _lone_serial(tokens: list[str], i: int) -> bool:
    """Tell whether an item holds nothing but a serial (and a NOTAL note)."""
    token = tokens[i]
    if len(token) < 3 or (len(token) == 4 and _as_year(token) is not None):
        return False  # `C. 2006`: a date's year broken off by a label
    return all(t in _NON_SERIAL for t in tokens[i + 1 :])


def _station_words(tokens: list[str], i: int) -> tuple[list[str], int]:
    """Return the run of words from `i` that can name a post, and where it ends."""
    words: list[str] = []
    j = i
    while j < len(tokens) and tokens[j][:1].isalpha() and len(words) < 5:
        word = tokens[j].strip(".'")
        if word in _NOT_STATION or not word:
            words = []
        else:
            words.append(word)
        j += 1
    # A bare item letter before the post (`REF A HAVANA 639`, `B KUALA LUMPUR 739`).
    while len(words) > 1 and len(words[0]) == 1:
        words = words[1:]
    return words, j


def _year_before(tokens: list[str], i: int) -> str | None:
    """Return a year written before a citation's post (`06 TBILISI`, `2007 MANAGUA`, `'08`)."""
    token = tokens[i].lstrip("'")
    words, j = _station_words(tokens, i + 1)
    if not words or j >= len(tokens) or not _is_serial(tokens, j):
        return None
    return _as_year(token)


def _year_after(tokens: list[str], j: int) -> tuple[str | None, int]:
    """Return a year written after the serial (`(06)`, `(2004)`, `-91`, ` 2008`) and the end."""
    n = len(tokens)
    if j + 2 < n and tokens[j] == "(" and tokens[j + 2] == ")":
        year = _as_year(tokens[j + 1])
        if year is not None:
            return year, j + 3
    if j + 1 < n and tokens[j] in "-/" and len(tokens[j + 1]) == 2 and tokens[j + 1].isdigit():
        return tokens[j + 1], j + 2  # `STATE 123456-91`, `PANAMA 00933/08`
    if j < n and len(tokens[j]) == 4 and _as_year(tokens[j]) is not None:
        # A four-digit year belongs to the next citation when a post follows it.
        words, k = _station_words(tokens, j + 1)
        if not (words and k < n and _is_serial(tokens, k)):
            return _as_year(tokens[j]), j + 1
    return None, j


def _as_year(token: str) -> str | None:
    """Return the two-digit year of a token that can be a cable's year (1966 to 2010), else None."""
    token = token.lstrip("'")
    if not token.isdigit() or len(token) not in (2, 4):
        return None
    full = int(token) if len(token) == 4 else expand_year(int(token))
    return token[-2:] if _FIRST_YEAR <= full <= _LAST_YEAR else None


@functools.lru_cache(maxsize=4096)
def _station_name(words: tuple[str, ...]) -> str | None:
    name = id_name(" ".join(words))
    if len(name) < 2 or _NOT_CABLE.search(" ".join(words)):
        return None
    if name in KNOWN_POSTS:
        return name
    known = _known_form(name)
    if known is not None:
        return known
    if len(words) > 1 or len(name) < 3 or "-" in words[0]:
        # Words that are no post (`INCSR BRAZIL`, `MADRID SP`, `WHITE HOUSE`, `C-NE9`).
        return None
    return name


def _station(words: list[str]) -> str | None:
    """Return a citation's post as ids write it, or None when the words name no post."""
    return _station_name(tuple(words))


def _known_form(name: str) -> str | None:
    """Return the known post a short, city-suffixed or misspelt station stands for."""
    if name.endswith("CITY") and name[:-4] in KNOWN_POSTS:
        return name[:-4]  # `MEXICO CITY`
    starts = [post for post in KNOWN_POSTS if post.startswith(name)]
    if len(name) >= 3 and len(starts) == 1:
        return starts[0]  # `USUN`, `ADDIS`, `CASA`, `UNVIE`
    ends = [post for post in KNOWN_POSTS if post.endswith(name)]
    if len(name) >= 5 and len(ends) == 1:
        return ends[0]  # `HAGUE`, `DELHI`
    if len(name) >= 5:
        return closest_post(name, 1)  # `TALLIN`, `BEIJINJG`, `ASHBABAT`
    return None
