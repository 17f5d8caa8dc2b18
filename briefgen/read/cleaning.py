"""Cleaning rules for telegram text: small named functions, applied in the order of RULES.

Each rule takes the telegram as a list of lines and returns the cleaned list. Rules run after the
container (HTML page, CSV row, PDF...) has been turned into plain telegram text, and before the
header and body are read. Switch a rule off by name with `clean(lines, skip={"name"})`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

Rule = Callable[[list[str]], list[str]]

_MARKINGS = r"(?:UNCLAS(?:SIFIED)?|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE|TOP SECRET)"


def normalize_whitespace(lines: list[str]) -> list[str]:
    """Drop trailing spaces and line-continuation backslashes; turn tabs and NBSPs into spaces."""
    out = []
    for line in lines:
        line = line.replace("\t", " ").replace("\xa0", " ").replace("\u200b", "")
        line = line.rstrip()
        if line.endswith("\\"):
            line = line[:-1].rstrip()
        out.append(line)
    return out


_LINK_TAG = re.compile(r"\[([A-Za-z0-9_/-]+)\]\(#?[^)]*\)")
# Named-entity marks a text-mining copy put around names: `[LOC HARARE  ]`, `[PER X  ]`.
_ENTITY_MARK = re.compile(r"\[(?:LOC|ORG|PER|MISC) ([^\]]*?)\s*\]")
_PILCROW_NUMBER = re.compile(r"^(\s*)(?:¶|&para;|&#182;)\s*(?=\w)")
_NOISE_LINES = {"pdf how-to read a cable", "¶", "&para;", "appears in these articles:"}


def strip_markup(lines: list[str]) -> list[str]:
    """Remove markup residue: `[PGOV](#)` links, `####` heading marks, `¶` before numbers."""
    # Entity marks (`[LOC HARARE  ]`) of text-mining copies go too.
    out = []
    for line in lines:
        if "](" in line:
            line = _LINK_TAG.sub(r"\1", line)
        if "[" in line:
            line = _ENTITY_MARK.sub(r"\1", line)
        if line.startswith("#"):
            line = line.lstrip("#").strip()
        if "¶" in line or "&" in line:
            line = _PILCROW_NUMBER.sub(r"\1", line)
        if line.strip().lower() in _NOISE_LINES:
            continue
        out.append(line)
    return out


_SPACED_MARKING = re.compile(
    r"^(\s*)(?:(?:U\s?){1,2}N\s?C\s?L\s?A\s?S\s?S?\s?I?\s?F?\s?I?\s?E?\s?D?"
    r"|(?:C\s?){1,2}O\s?N\s?F\s?I\s?D\s?E\s?N\s?T\s?I\s?A\s?L"
    r"|(?:S\s?){1,2}E\s?C\s?R\s?E\s?T)(?=\s|$)",
    re.IGNORECASE,
)


def undouble_transmission(lines: list[str]) -> list[str]:
    """Collapse spaced or doubled classification marks (`C O N F I D E N T I A L`, `UUNCLAS`)."""
    out = []
    for line in lines:
        head = line.lstrip()[:1]
        if head in ("U", "C", "S"):
            match = _SPACED_MARKING.match(line)
            if match:
                word = re.sub(r"\s", "", match.group(0)).upper()
                word = re.sub(r"^(UU|CC|SS)", lambda m: m.group(0)[0], word)
                line = match.group(1) + word + line[match.end() :]
        out.append(line)
    return out


# Header keywords that flattened copies glue to the text before them, on one line.
_GLUED_KEYWORD = re.compile(
    r"(?<=\S)\s*(?=E\.\s?O\.\s?1\d{4}|EO 1\d{4}|TAGS?\b:?|Tags:|SUBJ(?:ECT)?:|Subject:|"
    r"REF(?:TEL|S)?:|Ref:|(?:\(\w{1,4}\)\s*)?\bClassified [Bb]y|(?:\(\w{1,4}\)\s*)?\bCLASSIFIED BY|"
    r"(?<=[0-9a-z])S(?:IPDIS|ipdis)|SIPDIS(?:\b|(?=E\.\s?O)))"
)
_PORTION_MARK = re.compile(r"^\s*\(\w{1,4}\)\s*$")
_PARAGRAPH = re.compile(r"^\s*\d{1,3}\s*\.(?:\s|\(|$)")


def split_glued_header(lines: list[str]) -> list[str]:
    """Put header keywords glued on one line (`000348SipdisE.o. 12958 ... Tags:`) on their own."""
    out: list[str] = []
    for index, line in enumerate(lines):
        if _PARAGRAPH.match(line):
            return out + lines[index:]
        if len(line) > 12 and _GLUED_KEYWORD.search(line, 1):
            pieces = _GLUED_KEYWORD.sub("\n", line).split("\n")
            # A portion mark split off its `Classified By` line goes back in front of it.
            merged: list[str] = []
            for piece in pieces:
                if merged and _PORTION_MARK.match(merged[-1]):
                    merged[-1] = f"{merged[-1]} {piece}"
                else:
                    merged.append(piece)
            out.extend(merged)
        else:
            out.append(line)
    return out


# `ASTANA 00001985 002.3 OF 003`, `RPO DUBAI 00000010 001.3 OF 002`
_SECTION_BREAK = re.compile(r"^\s*[A-Z][A-Z .-]{1,40} \d{4,9}\s+\d{3}(?:\.\d)?\s+OF\s+\d{3}\s*$")
# A page header a flattened copy left inside a line: `... CONFIDENTIAL PAGE 02 HARARE 06677 ...Z`.
_INLINE_PAGE = re.compile(
    rf"\s*(?:{_MARKINGS}\s+)?PAGE \d{{2,3}}\s+[A-Z][A-Z ]*?\s\d{{4,6}}\s+"
    r"(?:\d{2} OF \d{2}\s+)?\d{6}Z\s*"
)
# `PAGE 02  ATHENS 02959  171944Z`, `PAGE 02        HANOI  00686  01 OF 07  050821Z`
_PAGE_HEADER = re.compile(r"^\s*PAGE \d{1,3}\s+[A-Z].*\d{6}Z\s*$")
_MARKING_LINE = re.compile(rf"^\s*{_MARKINGS}(?:\s+[A-Z]{{3}}\d{{3,5}})?\s*$")
_SENTENCE_END = re.compile(r"[.!?:;\"')\]]$")


def drop_page_breaks(lines: list[str]) -> list[str]:
    """Drop page-break lines (and the marks around them), re-joining the sentence they split."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if "PAGE " in line and not _PAGE_HEADER.match(line):
            line = _INLINE_PAGE.sub(" ", line).rstrip()
        if _SECTION_BREAK.match(line) or _PAGE_HEADER.match(line):
            # A printed page repeats the classification above and below its page header.
            while out and (not out[-1].strip() or _MARKING_LINE.match(out[-1])):
                out.pop()
            i += 1
            while i < len(lines) and (not lines[i].strip() or _MARKING_LINE.match(lines[i])):
                i += 1
            prev = out[-1].rstrip() if out else ""
            nxt = lines[i].lstrip() if i < len(lines) else ""
            if not (prev and nxt and _continues(prev, nxt)):
                out.append("")
            continue
        out.append(line)
        i += 1
    return out


def _continues(prev: str, nxt: str) -> bool:
    """Tell whether `nxt` carries on the sentence that `prev` left unfinished."""
    if _SENTENCE_END.search(prev):
        return nxt[:1].islower()
    if re.match(r"^(?:¶\s*)?\d{1,3}\s*\.\s", nxt):
        return False
    # A short line in capitals without commas is a heading or a header line, not running text.
    heading_like = nxt.isupper() and len(nxt) < 60 and "," not in nxt and not nxt.endswith(".")
    return not heading_like


SERIAL_LINE = re.compile(
    r"^\s*(?P<marking>UNCLAS(?:SIFIED)?|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE|TOP SECRET)"
    r"(?P<caveats>(?:\s*/{1,2}\s*|\s+)(?:NOFORN|NODIS|EXDIS|LIMDIS|SIPDIS|NOCONTRACT|ORCON|"
    r"FOR OFFICIAL USE ONLY|SENSITIVE|E F T O|EFTO|STADIS|CHEROKEE)\b)*"
    r"(?:\s+S?E?C?TION\s*(?P<section>\d+)\s*OF\s*\d+)?"
    r"\s*(?:(?P<year>\d{2})\s+)?(?P<place>[A-Z][A-Z ]{1,40}?)\s+0*(?P<serial>\d{1,6})\s*$",
    re.IGNORECASE,
)
"""The line that opens the text: marking, section, post and serial (`UNCLAS ASTANA 001985`)."""


def _fold(line: str) -> str:
    return re.sub(r"SECTION \d+ OF", "SECTION OF", " ".join(line.split()))


def drop_repeated_header(lines: list[str]) -> list[str]:
    """Drop header blocks repeated further down (a copy of the serial line, TAGS, SUBJECT...)."""
    starts = [i for i, line in enumerate(lines) if SERIAL_LINE.match(line)]
    if len(starts) < 2:
        return lines
    first = starts[0]
    head = [_fold(x) for x in lines[first:] if x.strip()]
    drop: set[int] = set()
    for start in starts[1:]:
        if start in drop:
            continue
        k = 0
        matched: list[int] = []
        for j in range(start, len(lines)):
            if not lines[j].strip():
                matched.append(j)
                continue
            if k < len(head) and _fold(lines[j]) == head[k]:
                matched.append(j)
                k += 1
                continue
            break
        # Keep the trailing blank lines: they still separate what surrounds the copy.
        while matched and not lines[matched[-1]].strip():
            matched.pop()
        drop.update(matched if k > 1 else [start])
    return [line for i, line in enumerate(lines) if i not in drop]


_TRAILER = re.compile(rf"^\s*(?:NNNN?|BT|#+\d*|{_MARKINGS}(?:\s*//\s*[A-Z ]+)?)\s*$")


def drop_trailer(lines: list[str]) -> list[str]:
    """Drop end-of-message lines (`NNNN`, `BT`, a closing classification mark)."""
    end = len(lines)
    while end and (not lines[end - 1].strip() or _TRAILER.match(lines[end - 1])):
        end -= 1
    return lines[:end]


def squeeze_blank_lines(lines: list[str]) -> list[str]:
    """Collapse runs of blank lines into one and drop leading blank lines."""
    out: list[str] = []
    for line in lines:
        if not line.strip():
            if out and out[-1]:
                out.append("")
            continue
        out.append(line)
    return out


RULES: tuple[tuple[str, Rule], ...] = (
    ("normalize_whitespace", normalize_whitespace),
    ("strip_markup", strip_markup),
    ("undouble_transmission", undouble_transmission),
    ("split_glued_header", split_glued_header),
    ("drop_page_breaks", drop_page_breaks),
    ("drop_repeated_header", drop_repeated_header),
    ("drop_trailer", drop_trailer),
    ("squeeze_blank_lines", squeeze_blank_lines),
)
"""The cleaning rules in the order they run."""


def clean(lines: list[str], skip: Collection[str] = ()) -> list[str]:
    """Return the lines after every rule of RULES not named in `skip`."""
    for name, rule in RULES:
        if name not in skip:
            lines = rule(lines)
    return lines
