"""Cleaning rules for telegram text: small named functions, applied in the order of RULES.

Each rule takes the telegram's text and returns it cleaned, or the same text when it has
nothing to do. Rules run after the container (HTML page, CSV row, PDF...) has been turned into
plain telegram text, and before the header and body are read. Switch a rule off by name with
`clean(text, skip={"name"})`.

Every rule first looks at the whole text for what it handles (a plain substring test, or a
pattern led by a literal character: both are searched for at C speed) and goes line by line
only when the text holds it; most cables need only a few of the rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

from briefgen.read.pasted import drop_mirror_preview, drop_pasted_record, read_pasted_csv_row

Rule = Callable[[str], str]

_MARKINGS = r"(?:UNCLAS(?:SIFIED)?|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE|TOP SECRET)"
# One-character hints, each searched for at C speed; a line-continuation backslash is looked
# for as `\` first (a plain search for `\` + newline steps through every newline).
_WHITESPACE_HINTS = ("\t", "\xa0", "\u200b", "\u2028", "\u2029", "\x0b", "\x0c")


def normalize_whitespace(text: str) -> str:
    """Drop trailing spaces and line-continuation backslashes; turn tabs and NBSPs into spaces.

    A tab-separated cables.csv row pasted into the text (`76571<TAB>2006-08-29 ...<TAB>
    06BERN1593<TAB>...`) is the exception: its fields go on lines of their own.
    """
    if (
        " \n" not in text
        and ("\\" not in text or "\\\n" not in text)
        and not any(mark in text for mark in _WHITESPACE_HINTS)
        and text[-1:] not in (" ", "\\")
    ):
        return text
    if "\u2028" in text or "\u2029" in text or "\x0b" in text or "\x0c" in text:
        # Unicode line and paragraph separators, vertical tabs and form feeds break lines too.
        text = text.replace("\u2029", "\n\n").replace("\u2028", "\n")
        text = text.replace("\x0b", "\n").replace("\x0c", "\n")
    if "\t" in text:
        lines = text.split("\n")
        if any(line.count("\t") >= 4 for line in lines):
            lines = [line.replace("\t", "\n") if line.count("\t") >= 4 else line for line in lines]
            text = "\n".join(lines)
        text = text.replace("\t", " ")
    if "\xa0" in text or "\u200b" in text:
        text = text.replace("\xa0", " ").replace("\u200b", "")
    out = [line.rstrip() for line in text.split("\n")]
    if "\\" in text:
        out = [line[:-1].rstrip() if line.endswith("\\") else line for line in out]
    return "\n".join(out)


_BLANK_LINE = re.compile("\n\n")


def undouble_line_spacing(text: str) -> str:
    """Undo a double-spaced copy: one blank line joins, two or more part paragraphs.

    Some pages put a blank line after every line of the telegram and two or three between
    paragraphs, so that every line looks like a paragraph of its own. Told from a text with
    one paragraph per line by its many lines that stop mid-sentence before a single blank.
    """
    # The blank lines counted by a pattern led by a newline: str.count steps through a text's
    # characters to count a two-character string, the pattern jumps from newline to newline.
    if not len(_BLANK_LINE.findall(text)) * 3 >= text.count("\n") > 20:
        return text
    lines = text.split("\n")
    single: list[str] = []
    adjacent = multiple = 0
    previous: str | None = None
    blanks = 0
    for line in lines:
        if not line.strip():
            blanks += 1
            continue
        if previous is not None:
            if blanks == 0:
                adjacent += 1
            elif blanks == 1:
                single.append(previous)
            else:
                multiple += 1
        previous, blanks = line, 0
    if len(single) < 10 or multiple < 2 or len(single) < 3 * adjacent:
        return text
    open_ended = sum(1 for line in single if not line.rstrip().endswith(_CLOSERS))
    if open_ended * 5 < len(single) * 2:
        return text
    out: list[str] = []
    blanks = 0
    for line in lines:
        if not line.strip():
            blanks += 1
            continue
        if blanks >= 2 and out:
            out.append("")
        out.append(line)
        blanks = 0
    return "\n".join(out)


_CLOSERS = (".", ":", '"', ")", "?", "!")


# No scan runs past the next `[`: a line of thousands of unclosed marks stays linear.
_LINK_TAG = re.compile(r"\[([A-Za-z0-9_/-]+)\]\(#?[^)\n\[]*\)")
# Named-entity marks a text-mining copy put around names: `[LOC HARARE  ]`, `[PER X  ]`.
_ENTITY_MARK = re.compile(r"\[(?:LOC|ORG|PER|MISC) ([^\]\n\[]*)\]")
_PILCROW_NUMBER = re.compile(r"\n[ \t]*(?:¶|&para;|&#182;)[ \t]*(?=\w)")
_HEADING_MARKS = re.compile(r"\n#+[ \t]*")
# A page's own lines, not the cable's.
_NOISE_LINE = re.compile(
    r"\n[ \t]*(?:pdf how-to read a cable|¶|&para;|appears in these articles:)[ \t]*(?=\n|$)", re.I
)


# `how-to`, found from its hyphen (rarer than its letters) and checked back from there.
_HOW_TO = re.compile("-to(?<=how-to)")


def strip_markup(text: str) -> str:
    """Remove markup residue: `[PGOV](#)` links, `####` heading marks, `¶` before numbers.

    Entity marks (`[LOC HARARE  ]`) of text-mining copies go too, and the page's own lines
    (`Appears in these articles:`, a lone `¶`).
    """
    # Each mark is looked for once in the whole text (most texts hold none or one of them),
    # first by a character of its own: a one-character search runs many times faster.
    if "[" in text and ("](" in text or "[LOC " in text or "[ORG " in text or "[PER " in text):
        # Marks never span lines: one substitution over the text does what one per line would.
        if "](" in text:
            text = _LINK_TAG.sub(r"\1", text)
        text = _ENTITY_MARK.sub(_entity_name, text)
    if "#" in text and _opens_a_line(text, "#"):
        text = _HEADING_MARKS.sub("\n", "\n" + text)[1:]
    entity = "&" in text and ("&para;" in text or "&#182;" in text)
    pilcrow = "¶" in text or entity
    # Split once at the marks: the lines they stand alone on and the marks that open a line
    # are told from the pieces' ends, not by searching the whole text for each shape.
    pieces = text.split("¶") if "¶" in text else [text]
    # The page's own lines first: a lone `¶` goes as a line, before the marks go from numbers.
    noise = "ppears in" in text or _HOW_TO.search(text) is not None
    if noise or (pilcrow and _pilcrow_line(text, pieces)):
        text = _NOISE_LINE.sub("", "\n" + text)[1:]
        pieces = text.split("¶")
    if pilcrow:
        # Nearly every mark opens its line: dropped there; the pattern only for the rest.
        text = _without_line_pilcrows(pieces)
        if "¶" in text or ("&" in text and ("&para;" in text or "&#182;" in text)):
            text = _PILCROW_NUMBER.sub("\n", "\n" + text)[1:]
    return text


def _entity_name(match: re.Match[str]) -> str:
    return match.group(1).rstrip(" \t")


_FEW_HITS = 64
"""How many hits of a character are looked at one by one before a plain search takes over."""


def _opens_a_line(text: str, char: str) -> bool:
    """Tell whether a line of the text starts with `char` (a character the text rarely holds)."""
    at = text.find(char)
    for _ in range(_FEW_HITS):
        if at < 0:
            return False
        if at == 0 or text[at - 1] == "\n":
            return True
        at = text.find(char, at + 1)
    return at >= 0 and "\n" + char in text[at - 1 :]


def _pilcrow_line(text: str, pieces: list[str]) -> bool:
    """Tell whether a line holds nothing but a paragraph mark.

    `pieces` is the text split at `¶`: a mark stands alone between a piece ending a line and
    one starting with the next (`\n¶\n`, `\n¶ \n`, or `¶\n` opening the text).
    """
    for index in range(1, len(pieces)):
        after = pieces[index]
        if pieces[index - 1].endswith("\n"):
            if after.startswith(("\n", " \n")):
                return True
        elif index == 1 and not pieces[0] and after.startswith("\n"):
            return True
    return "&para;" in text and ("\n&para;\n" in text or text.startswith("&para;\n"))


def _without_line_pilcrows(pieces: list[str]) -> str:
    """Join a text split at `¶` again, without the marks that open a line."""
    out = [pieces[0]]
    for index in range(1, len(pieces)):
        before = pieces[index - 1]
        if not before.endswith("\n") and (index > 1 or before):
            out.append("¶")
        out.append(pieces[index])
    return "".join(out)


_SPACED_MARKING = re.compile(
    r"(\n[ \t]*)((?:U ?){1,2}N ?C ?L ?A ?S ?S? ?I? ?F? ?I? ?E? ?D?"
    r"|(?:C ?){1,2}O ?N ?F ?I ?D ?E ?N ?T ?I ?A ?L"
    r"|(?:S ?){1,2}E ?C ?R ?E ?T)(?=[ \t\n]|$)",
    re.IGNORECASE,
)


def _undouble(match: re.Match[str]) -> str:
    mark = match.group(2)
    # A plain word (`Secret talks...`) is text; only spaced or doubled marks are mangled.
    if " " not in mark.strip() and mark[:2].upper() not in ("UU", "CC", "SS"):
        return match.group(0)
    word = mark.replace(" ", "").upper()
    if word[:2] in ("UU", "CC", "SS"):
        word = word[1:]
    return match.group(1) + word


_MANGLED_MARK = re.compile(r"\n[ \t]*(?:[UCSucs] [A-Za-z]|UU|CC|SS|uu|cc|ss)")


def undouble_transmission(text: str) -> str:
    """Collapse spaced or doubled classification marks (`C O N F I D E N T I A L`, `UUNCLAS`)."""
    led = "\n" + text
    # One pass over the whole text finds the few lines that may hold a mark; the mark's
    # pattern is then tried there only.
    pieces: list[str] = []
    done = 0
    for candidate in _MANGLED_MARK.finditer(led):
        found = _SPACED_MARKING.match(led, candidate.start())
        if found is not None and found.start() >= done:
            pieces += [led[done : found.start()], _undouble(found)]
            done = found.end()
    if not pieces:
        return text
    return ("".join(pieces) + led[done:])[1:]


# Header keywords that flattened copies glue to the text before them, on one line.
_GLUED_KEYWORD = re.compile(
    r"(?<=\S)[ \t]*(?=E\.\s?O\.\s?1\d{4}|EO 1\d{4}|TAGS?\b:?|Tags:|\b(?:TAS|TGS|AGS):|"
    r"SUBJ(?:ECT)?:|Subject:|"
    r"REF(?:TEL|S)?:|Ref:|(?:\(\w{1,4}\)\s*)?\bClassified [Bb]y|(?:\(\w{1,4}\)\s*)?\bCLASSIFIED BY|"
    r"(?<=[0-9a-z])S(?:IPDIS|ipdis)|SIPDIS(?:\b|(?=E\.\s?O)))"
)
_GLUED_AT = re.compile(_GLUED_KEYWORD.pattern[len(r"(?<=\S)") :])
_PORTION_MARK = re.compile(r"^\s*\(\w{1,4}\)\s*$")
_TRAILING_PORTION = re.compile(r"\(\w{1,4}\)$")
_TRAILING_LETTERS = re.compile(r"\([A-Za-z]{1,4}\)$")
_PARAGRAPH = re.compile(r"^\s*\d{1,3}\s*\.(?:\s|\(|$)")


_KEYWORD_HINTS = (
    "TAG", "Tag", "AGS:", "TGS:", "TAS:", "SUBJ", "Subj", "REF:", "REFS", "REFTEL", "Ref:",
    "E.O", "E.o", "EO 1", "CLASSIFIED B", "Classified B", "Classified b", "SIPDIS", "Sipdis",
)  # fmt: skip


def _glued_cuts(text: str) -> list[tuple[int, int]]:
    """Return where header keywords glued to the text before them start their own line.

    Each cut is (end of the text before, start of the keyword). Only where a keyword's word is
    found (a plain string search) is the keyword pattern tried: tried at every position of a
    text, as `re.sub` would, it costs a hundred times more. What is looked at around each hint
    is bounded (a few characters back), so that a line of thousands of hints stays linear.
    """
    cuts: set[tuple[int, int]] = set()
    for hint in _KEYWORD_HINTS:
        start = text.find(hint)
        while start > 0:
            line_start = text.rfind("\n", 0, start) + 1
            at = _space_before(text, start, line_start)
            if at > line_start:
                found = None
                # `... text (C) Classified By`: the portion mark goes with the keyword.
                mark = _mark_before(text, at, line_start, _TRAILING_PORTION)
                if mark is not None:
                    mark_at = _space_before(text, mark, line_start)
                    if mark_at > line_start:
                        found = _GLUED_AT.match(text, mark_at)
                        if found is not None:
                            at = mark_at
                if found is None:
                    # `SUBJECT: (C) SUBJECT: ...`: the mark stays with the text before.
                    found = _GLUED_AT.match(text, at)
                # A hint inside a word (`PREFERENCE`, `Classified information`) is no keyword.
                if found is not None:
                    cuts.add((at, found.end()))
            elif hint[0] in "Cc" and line_start > 1:
                # `... FROM BRAZIL (S)` then `Classified By` on the next line: the mark is
                # the Classified By line's, not the subject's.
                prev_end = _space_before(text, line_start, 0, "\n")
                prev_start = text.rfind("\n", 0, prev_end) + 1
                mark = _mark_before(text, prev_end, prev_start, _TRAILING_LETTERS)
                if mark is not None:
                    text_end = _space_before(text, mark, prev_start)
                    if text_end > prev_start:
                        cuts.add((text_end, mark))
                        if prev_end < line_start - 1:
                            # Blank lines between: the mark still goes in front of the keyword.
                            cuts.add((prev_end, line_start))
            start = text.find(hint, start + 1)
    return sorted(cuts)


def _space_before(text: str, end: int, floor: int, also: str = "") -> int:
    """Return where the spaces (and `also` characters) ending at `end` start, not below floor."""
    while end > floor and (text[end - 1] in " \t\r" or text[end - 1] in also):
        end -= 1
    return end


def _mark_before(text: str, end: int, floor: int, pattern: re.Pattern[str]) -> int | None:
    """Return where a portion mark `(C)` ending at `end` starts, if one does."""
    window = text[max(floor, end - 6) : end]
    found = pattern.search(window)
    return None if found is None else end - len(window) + found.start()


_FIRST_PARAGRAPH = re.compile(r"\n[ \t]*\d{1,3}[ \t]*\.(?:[ \t(]|\n|$)")


def _head(text: str) -> str:
    """Return the lines before the first numbered paragraph (all of them when there is none)."""
    found = _FIRST_PARAGRAPH.search("\n" + text)
    return text if found is None else text[: max(0, found.start() - 1)]


def split_glued_header(text: str) -> str:
    """Put header keywords glued on one line (`000348SipdisE.o. 12958 ... Tags:`) on their own."""
    head = _head(text)
    cuts = _glued_cuts(head)
    if not cuts:
        return text
    pieces: list[str] = []
    previous = 0
    for at, keyword in cuts:
        if at < previous:
            continue
        pieces.append(head[previous:at])
        previous = keyword
    pieces.append(head[previous:])
    out: list[str] = []
    for piece in "\n".join(pieces).split("\n"):
        # A portion mark split off its `Classified By` line goes back in front of it.
        if out and _PORTION_MARK.match(out[-1]) and piece:
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return "\n".join(out) + text[len(head) :]


# Break lines: `ASTANA 00001985 002.3 OF 003`, `PAGE 02  ATHENS 02959  171944Z`.
# A page header a flattened copy left inside a line: `... CONFIDENTIAL PAGE 02 HARARE 06677 ...Z`.
_INLINE_PAGE = re.compile(
    rf"\s*(?:{_MARKINGS}\s+)?PAGE \d{{2,3}}\s+[A-Z][A-Z ]*?\s\d{{4,6}}\s+"
    r"(?:\d{2} OF \d{2}\s+)?\d{6}Z\s*"
)
# `PAGE 02  ATHENS 02959  171944Z`, `PAGE 02        HANOI  00686  01 OF 07  050821Z`
_PAGE_HEADER = re.compile(r"^\s*PAGE \d{1,3}\s+[A-Z].*\d{6}Z\s*$")
_MARKING_LINE = re.compile(rf"^\s*{_MARKINGS}(?:\s+[A-Z]{{3}}\d{{3,5}})?\s*$")
_SENTENCE_END = re.compile(r"[.!?:;\"')\]]$")


_BREAK_LINE = re.compile(
    r"^[ \t]*(?:[A-Z][A-Z .-]{1,40} \d{4,9}[ \t]+\d{3}(?:\.\d{1,2})?[ \t]+OF[ \t]+\d{3}"
    r"|PAGE \d{1,3}[ \t]+[A-Z].*\d{6}Z)[ \t]*$"
)


def _drop_inline_pages(line: str) -> str:
    """Replace the page headers inside a line by a space (looked for only near `PAGE `)."""
    at = line.find("PAGE ")
    while at >= 0:
        # The pattern may start with a marking and spaces before `PAGE`: search from there.
        found = _INLINE_PAGE.search(line, max(0, at - 40))
        if found is None or found.start() > at:
            at = line.find("PAGE ", at + 5)
            continue
        line = line[: found.start()] + " " + line[found.end() :]
        at = line.find("PAGE ", found.start() + 1)
    return line.rstrip()


# `PAGE ` as a pattern: led by its capital, it is found several times faster than by `in`.
_PAGE_WORD = re.compile("PAGE ")


def drop_page_breaks(text: str) -> str:
    """Drop page-break lines (and the marks around them), re-joining the sentence they split."""
    if _PAGE_WORD.search(text) is not None:
        lines = [
            _drop_inline_pages(line) if "PAGE " in line and not _PAGE_HEADER.match(line) else line
            for line in text.split("\n")
        ]
        # Find the few break lines (cheap substring tests first), then splice around them.
        breaks = [
            index
            for index, line in enumerate(lines)
            if ("OF 0" in line or "PAGE " in line) and _BREAK_LINE.match(line)
        ]
        if not breaks:
            return "\n".join(lines)
    else:
        breaks = _break_lines(text)
        if not breaks:
            return text
        lines = text.split("\n")
    out: list[str] = []
    i = 0
    for index in breaks:
        if index < i:
            continue
        out.extend(lines[i:index])
        # A printed page repeats the classification above and below its page header.
        while out and (not out[-1].strip() or _MARKING_LINE.match(out[-1])):
            out.pop()
        i = index + 1
        while i < len(lines) and (not lines[i].strip() or _MARKING_LINE.match(lines[i])):
            i += 1
        prev = out[-1].rstrip() if out else ""
        nxt = lines[i].lstrip() if i < len(lines) else ""
        if not (prev and nxt and _continues(prev, nxt)):
            out.append("")
    out.extend(lines[i:])
    return "\n".join(out)


def _break_lines(text: str) -> list[int]:
    """Return the indexes of the break lines (`ASTANA 00001985 002.3 OF 003`) of a text.

    Only the lines holding `OF 0` can be one: they are found by a plain search of the whole
    text, not by a look at every line.
    """
    breaks: list[int] = []
    index = counted = 0
    at = text.find("OF 0")
    while at >= 0:
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        if _BREAK_LINE.match(text[start:end]):
            index += text.count("\n", counted, start)
            counted = start
            breaks.append(index)
        at = text.find("OF 0", end)
    return breaks


_NUMBERED = re.compile(r"^(?:¶\s*)?\d{1,3}\s*\.\s")


def _continues(prev: str, nxt: str) -> bool:
    """Tell whether `nxt` carries on the sentence that `prev` left unfinished."""
    if _SENTENCE_END.search(prev):
        return nxt[:1].islower()
    if _NUMBERED.match(nxt):
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


_SECTION_NUMBER = re.compile(r"SECTION \d+ OF")


def _fold(line: str) -> str:
    line = " ".join(line.split())
    return _SECTION_NUMBER.sub("SECTION OF", line) if "SECTION" in line else line


# Serial lines open with a marking (UNCLAS, CONFIDENTIAL, SECRET, LIMITED..., TOP SECRET).
_SERIAL_STARTS = frozenset("UCSLTucslt")


def _first_serial_line(lines: list[str]) -> int | None:
    for index, line in enumerate(lines):
        if line[-1:].isdigit() and line.lstrip()[:1] in _SERIAL_STARTS and SERIAL_LINE.match(line):
            return index
    return None


def drop_repeated_header(text: str) -> str:
    """Drop header blocks repeated further down (a copy of the serial line, TAGS, SUBJECT...)."""
    # Any later copy repeats the serial number: without it there is nothing to drop.
    first_lines = text[:3000].split("\n")[:60]
    found = _first_serial_line(first_lines)
    if found is None or not _twice(text, first_lines[found].split()[-1]):
        return text
    # The serial also stands in page breaks (`ASTANA 00001985 002 OF 003`): a later serial line
    # is looked for from each occurrence before the text is cut into lines.
    start = sum(len(line) + 1 for line in first_lines[:found])
    end = text.find("\n", start)
    if end < 0 or not _later_serial_line(text, text[start:end].split()[-1], end + 1):
        return text
    lines = text.split("\n")
    first_at = found
    serial = lines[first_at].split()[-1]
    starts = [first_at] + [
        i
        for i, line in enumerate(lines[first_at + 1 :], first_at + 1)
        if line.endswith(serial) and SERIAL_LINE.match(line)
    ]
    if len(starts) < 2:
        return text
    first = starts[0]
    head_lines = [x for x in lines[first:] if x.strip()]
    folded: dict[int, str] = {}

    def head(k: int) -> str:
        if k not in folded:
            folded[k] = _fold(head_lines[k])
        return folded[k]

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
            if k < len(head_lines) and _fold(lines[j]) == head(k):
                matched.append(j)
                k += 1
                continue
            break
        # Keep the trailing blank lines: they still separate what surrounds the copy.
        while matched and not lines[matched[-1]].strip():
            matched.pop()
        drop.update(matched if k > 1 else [start])
    return "\n".join(line for i, line in enumerate(lines) if i not in drop)


def _twice(text: str, word: str) -> bool:
    """Tell whether `word` occurs twice in the text without overlapping (count >= 2).

    The search stops at the second occurrence instead of counting to the end.
    """
    first = text.find(word)
    return first >= 0 and text.find(word, first + len(word)) >= 0


def _later_serial_line(text: str, serial: str, after: int) -> bool:
    """Tell whether a serial line ending with `serial` starts at or after offset `after`."""
    at = text.find(serial, after)
    while at >= 0:
        end = at + len(serial)
        if end == len(text) or text[end] == "\n":
            start = text.rfind("\n", 0, at) + 1
            if SERIAL_LINE.match(text[start:end]):
                return True
        at = text.find(serial, at + 1)
    return False


_TRAILER = re.compile(rf"^\s*(?:NNNN?|BT|#+\d*|{_MARKINGS}(?:\s*//\s*[A-Z ]+)?)\s*$")


def drop_trailer(text: str) -> str:
    """Drop end-of-message lines (`NNNN`, `BT`, a closing classification mark)."""
    end = len(text)
    while end:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        if line.strip() and not _TRAILER.match(line):
            break
        end = max(0, start - 1)
    return text[:end]


# Two shapes each looked for in one pass: a pattern led by a newline is searched for faster
# than two plain searches for strings that start with one.
_BLANK_RUN = re.compile("\n[\n ]\n")
"""Two blank lines in a row, or a line of one space (`\n\n\n`, `\n \n`)."""
SPACED_BLANK = re.compile("\n(?: \n|\t)")
"""A line of one space or a line starting with a tab (`\n \n`, `\n\t`)."""


def squeeze_blank_lines(text: str) -> str:
    """Collapse runs of blank lines into one and drop leading blank lines."""
    if not text.startswith("\n") and _BLANK_RUN.search(text) is None:
        return text
    if SPACED_BLANK.search(text) is not None:
        text = "\n".join([line if line.strip() else "" for line in text.split("\n")])
    # Splitting at blank lines is far faster than a regular expression over a whole cable.
    blocks = (block.strip("\n") for block in text.split("\n\n"))
    out = "\n\n".join(block for block in blocks if block)
    return out + "\n" if text.endswith("\n") and out else out


RULES: tuple[tuple[str, Rule], ...] = (
    ("normalize_whitespace", normalize_whitespace),
    ("undouble_line_spacing", undouble_line_spacing),
    ("drop_mirror_preview", drop_mirror_preview),
    ("drop_pasted_record", drop_pasted_record),
    ("read_pasted_csv_row", read_pasted_csv_row),
    ("strip_markup", strip_markup),
    ("undouble_transmission", undouble_transmission),
    ("split_glued_header", split_glued_header),
    ("drop_page_breaks", drop_page_breaks),
    ("drop_repeated_header", drop_repeated_header),
    ("drop_trailer", drop_trailer),
    ("squeeze_blank_lines", squeeze_blank_lines),
)
"""The cleaning rules in the order they run."""


def clean(text: str, skip: Collection[str] = ()) -> str:
    """Return the text after every rule of RULES not named in `skip`."""
    for name, rule in RULES:
        if name not in skip:
            text = rule(text)
    return text


def clean_body(lines: list[str], place: str | None, serial: int | None) -> list[str]:
    """Drop what the header tells apart only: page breaks and SIPDIS captions inside body lines.

    Flattened copies put `USNATO 00000649 002 OF 007` in the middle of a sentence; knowing the
    cable's post and serial finds exactly those and no other words in capitals.
    """
    # Joined once: the text is searched for the padded serial and for SIPDIS.
    text = "\n".join(lines)
    # Only copies that kept their page breaks hold the serial padded to eight digits.
    if place and serial is not None and f"{serial:08d}" in text:
        words = place.upper().split()

        def keep_breaks(match: re.Match[str]) -> str:
            # This cable's marks only: its serial, and its post (or that post's last words);
            # words before the post's are the text's and stay.
            named = match.group("place").split()
            if int(match.group("serial")) != serial:
                return match.group(0)
            ours = next((k for k in range(len(named), 0, -1) if named[-k:] == words[-k:]), 0)
            if not ours:
                return match.group(0)
            before = match.group(0)[: match.start("place") - match.start()]
            kept = " ".join(named[:-ours])
            return (before + kept if kept else "") + _keep_breaks(match)

        text = _inline_breaks(text, f"{serial:08d}", keep_breaks)
        lines = text.split("\n")
    if "SIPDIS" not in text:
        return lines
    out = []
    for line in lines:
        if "SIPDIS" in line:
            line = _SIPDIS_CAPTION.sub(" ", line).strip()
            if not line:
                # A caption line of its own: the sentence around it runs on.
                continue
        out.append(line)
    return out


def _inline_breaks(text: str, padded: str, replace: Callable[[re.Match[str]], str]) -> str:
    """Replace each page-break mark around an occurrence of the padded serial.

    The mark is looked for only in a window before each occurrence (found by a plain string
    search): the pattern, which may start anywhere, would cost far more over a whole text.
    """
    pieces: list[str] = []
    done = 0
    at = text.find(padded)
    while at >= 0:
        window = max(done, at - 90)
        found = _INLINE_BREAK.search(text, window, at + 60)
        if found is not None and found.start("serial") == at:
            pieces += [text[done : found.start()], replace(found)]
            done = found.end()
        at = text.find(padded, max(at + 1, done))
    return "".join(pieces) + text[done:] if pieces else text


def _keep_breaks(match: re.Match[str]) -> str:
    """Replace a page-break mark by the strongest line break it swallowed, or a space."""
    found = match.group(0)
    return "\n\n" if "\n\n" in found else "\n" if "\n" in found else " "


_SIPDIS_CAPTION = re.compile(r"[ \t]*\bSIPDIS\b[ \t]*")


# A page-break mark inside the text: `[RPO] DUBAI 00000409 002.2 OF 002` (a post of up to four
# words, the serial padded to eight digits, the page). One pattern for every cable: making
# one per cable cost a compilation each.
_INLINE_BREAK = re.compile(
    r"\s*\b(?P<place>[A-Z]+(?:\s+[A-Z]+){0,3})\s+(?P<serial>\d{8})\s+\d{3}(?:\.\d{1,2})?\s+OF"
    r"\s+\d{3}\b\s*"
)
