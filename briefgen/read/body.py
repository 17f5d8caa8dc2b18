"""Split a telegram body into headed, numbered paragraphs; find its summary, comment and signers."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from briefgen.models import Paragraph
from briefgen.read.cleaning import SPACED_BLANK


@dataclass(frozen=True, slots=True)
class Body:
    """The body of a cable, split and cleaned."""

    paragraphs: tuple[Paragraph, ...]
    """The paragraphs in order."""
    summary: str | None
    """The SUMMARY section's text, without its markers."""
    comment: str | None
    """The COMMENT section's text, without its markers."""
    signers: tuple[str, ...]
    """The names of the signature line."""


_NUMBER = re.compile(r"^\s*(\d{1,3})\s*\.(?=\s|\(|$)\s*|^\s*(\d{1,3})\s*\.(?=[A-Z])")
_BULLET = re.compile(r"^\s*(?:-{1,2}|\*|o|•)\s+(?=\S)")
_BULLET_STARTS = frozenset("-*o•")
_RULE_LINE = re.compile(r"^\s*[-=_*]{3,}(?: +[-=_*]{3,})*\s*$")
_SIGNATURE = re.compile(r"^[A-Z][A-Za-z'-]+(?:[ /][A-Z][A-Za-z'-]+){0,2}$")
_NOT_SIGNATURE = re.compile(r"\b(?:END|SUMMARY|COMMENT|NOTE|UNQUOTE|QUOTE|NNNN?|SIPDIS)\b", re.I)


def split_body(lines: list[str]) -> Body:
    """Return the paragraphs, summary, comment and signers of the body lines."""
    lines, signers = _pop_signature(_unflatten(lines))
    raw = _paragraphs(lines)
    for _name, rule in PARAGRAPH_RULES:
        raw = rule(raw)
    paragraphs = tuple(
        Paragraph(number=p.number, heading=p.heading, text=_join(p.lines), label=p.label)
        for p in raw
        if p.lines
    )
    paragraphs = tuple(p for p in paragraphs if p.text)
    if not signers and paragraphs:
        paragraphs, signers = _pop_inline_signature(paragraphs)
    return Body(
        paragraphs=paragraphs,
        summary=_section(paragraphs, "SUMMARY"),
        comment=_section(paragraphs, "COMMENT"),
        signers=signers,
    )


_MARKED = r"\((?:U|C|S|TS|SBU|LOU)(?:/{1,2}[A-Z]{2,5})*\)\s"
_INLINE_NUMBER = re.compile(rf"(\d{{1,2}})\.\s?(?={_MARKED})")
_LINE_NUMBER = re.compile(rf"^\s*(\d{{1,2}})\.\s?(?={_MARKED})")
# A heading's rule line and the number after it on the same line (`COMMENT ------- 4. (C)`).
# Written `---` rather than `-{3}`: a pattern led by a plain string is searched for fast.
_AFTER_RULE = re.compile(r"---[ \t]+(\d{1,2})\.(?=\s|\(|$)")
# `--- ` as a pattern: searched for twice as fast as by `in`.
_RULE_END = re.compile("--- ")
_DOT_MARK = re.compile(rf"\.\s?{_MARKED}")
_BARE_NUMBER = re.compile(r"^\s*(\d{1,2})\.\s*$")
_SECTION_REMNANT = re.compile(r"^\s*\d{3}(?:\.\d)? OF \d{3}\s*$")
_CLASSIFIED_REMNANT = re.compile(r"^\s*CLASSIFIED BY:[^\n]*?REASONS?:[\s\d.(),a-z]*$", re.I)


# Where a paragraph number's dot and its portion mark stand together (`. (C)`, `.(S)`).
# Led by the dot, the pattern is searched for at C speed.
_DOT_MARK_AT = re.compile(rf"\. ?{_MARKED}")
# The same, where one or two digits before the dot follow a space or a dot (`... (d) 2. (C)`):
# the whole test in one search. The look-behinds stand after the dot so that the dot leads.
_INLINE_MARK = re.compile(rf"\.(?:(?<=[ .]\d\d\.)|(?<=[ .]\d\.)) ?{_MARKED}")


def _has_inline_number(text: str) -> bool:
    """Tell whether a paragraph number (`2. (C)`) stands inside a line rather than opening it."""
    if _INLINE_MARK.search(text) is not None:
        return True
    if text.isascii():
        return False
    # Digits that `\d` does not match but str.isdigit does (`²`): looked at one by one.
    for found in _DOT_MARK_AT.finditer(text):
        start = found.start()
        first = start
        while first > max(0, start - 2) and text[first - 1].isdigit():
            first -= 1
        if first < start and _inside_line(text, first):
            return True
    return False


def _inside_line(text: str, start: int) -> bool:
    # A number glued to the word before it (`para1. (C)`) is no paragraph's.
    return start > 0 and text[start - 1] in " ."


def _unflatten(lines: list[str]) -> list[str]:
    """Put paragraphs run into one line back on lines of their own: `... (d) 1. (C) SUMMARY`.

    Only numbers marked as paragraphs (`2. (C)`) and coming in order start a new line, so
    that `1.4 (b)` or a count in a sentence never does. A header remnant left before the
    first paragraph (`001.2 OF 002`, `CLASSIFIED BY: ... REASON: 1.4 (b), (d)`) goes.
    """
    text = "\n".join(lines)
    # The common case, told in two fast scans: every paragraph number starts its line.
    after_rule = _RULE_END.search(text) is not None and _AFTER_RULE.search(text) is not None
    if not after_rule and "CLASSIFIED BY" not in text[:400] and not _has_inline_number(text):
        return lines
    out: list[str] = []
    want: int | None = None
    for line in lines:
        if line[:1].isdigit() or line[:1] == " ":
            mark = _LINE_NUMBER.match(line) or _BARE_NUMBER.match(line)
            if mark is not None:
                want = int(mark.group(1)) + 1
        marked = ". (" in line or ".(" in line
        ruled = "--- " in line
        if not (marked or ruled):
            out.append(line)
            continue
        cuts: list[tuple[int, bool]] = []  # (offset, True when a heading's rule line ends there)
        found = [
            (m, False)
            for m in (_INLINE_NUMBER.finditer(line) if marked else ())
            if _inside_line(line, m.start())
        ]
        found += [(m, True) for m in _AFTER_RULE.finditer(line)] if ruled else []
        # At one offset a heading's rule wins: `COMMENT ------- 4. (C)` heads paragraph 4.
        for match, after_rule in sorted(found, key=lambda f: (f[0].start(1), not f[1])):
            number = int(match.group(1))
            if (want is None and number <= 2) or number == want:
                cuts.append((match.start(1), after_rule))
                want = number + 1
        if not cuts:
            out.append(line)
            continue
        starts = [0, *(offset for offset, _ in cuts)]
        ends = [*(offset for offset, _ in cuts), len(line)]
        for index, (a, b) in enumerate(zip(starts, ends, strict=True)):
            piece = line[a:b].strip()
            if index < len(cuts) and cuts[index][1]:
                # `PROMINENT COVERAGE ------- 2.`: the words before the rule are a heading.
                out.extend(["", piece.rstrip("- ").strip(), ""] if piece.strip("- ") else [""])
            elif piece:
                out.append(piece)
    # Before the first numbered paragraph, drop what only the header should have held.
    first = next(
        (i for i, line in enumerate(out) if line[:1].isdigit() and _LINE_NUMBER.match(line)), 0
    )
    head = [
        line
        for line in out[:first]
        if not (_SECTION_REMNANT.match(line) or _CLASSIFIED_REMNANT.match(line))
    ]
    return [*head, *out[first:]]


@dataclass(slots=True)
class RawParagraph:
    """A paragraph while it is being built: its number, heading, source lines and label."""

    number: int | None
    heading: str | None
    lines: list[str]
    label: str | None = None


def _pop_signature(lines: list[str]) -> tuple[list[str], tuple[str, ...]]:
    """Take the signature line off the end of the body; return the lines and the names.

    Never a classification line, a declassification footer, an operator's note, a page
    header, `NNNN`, a routing leftover or the end of a sentence running on from the line
    before; redaction marks and a name doubled by the copy are dropped from it.
    """
    end = len(lines)
    # Footers and signatures are short lines: a long one is text, and is not searched.
    while end and (
        not lines[end - 1].strip()
        or (len(lines[end - 1]) < 160 and _FOOTER.match(lines[end - 1].strip()))
    ):
        end -= 1
    if not end:
        return lines, ()
    if len(lines[end - 1]) > 80:
        return lines[:end], ()
    last = " ".join(lines[end - 1].split()).rstrip("#")
    last = _SIGNATURE_NOISE.sub(" ", last)
    words = last.split()
    # `CRETZ CRETZ`: a copy that printed the signature twice.
    words = [w for i, w in enumerate(words) if i == 0 or w.upper() != words[i - 1].upper()]
    last = " ".join(words)
    before = lines[end - 2].strip() if end >= 2 else ""
    running = bool(before) and not before.endswith(_SENTENCE_ENDS) and not _END_MARK.search(before)
    if (
        _SIGNATURE.match(last)
        and not _NOT_SIGNATURE.search(last)
        and not any(w.upper() in _NOT_NAME_WORDS or _routing_like(w) for w in words)
        and (not before or before.endswith(_SENTENCE_ENDS) or last.isupper())
        and not (running and len(words) > 1)
        and len(last) <= 40
        and (last.isupper() or len(words) <= 2)
    ):
        names = tuple(name.strip() for name in last.split("/") if name.strip())
        return lines[: end - 1], names
    return lines[:end], ()


_SENTENCE_ENDS = (".", ":", '"', ")", "?", "!", "'")
_END_MARK = re.compile(r"\bEND\s+(?:OF\s+)?(?:COMMENT|SUMMARY|TEXT|NOTE|QUOTE)\W*$", re.I)
# After the last line: declassification stamps, operator notes, a closing mark.
_FOOTER = re.compile(
    r"^(?:NNNN?|BT|#+|(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)(?:\s*//?.*)?"
    r"|DECLASSIFIED\b.*|.*\bSYSTEMATIC REVIEW\b.*|NOTE BY OC/?T\b.*|<<.*>>|PAGE \d{2,3}\b.*"
    r"|MARGINAL COMMENT.*|ADP\s*\d+.*)$",
    re.I,
)
_SIGNATURE_NOISE = re.compile(r"\bN{2,4}\b|\bNnnn\b|X{4,}|\s*#\d*", re.I)
_NOT_NAME_WORDS = frozenset(
    """
    AND THE OF FOR TO IN ON WITH BY FROM AT AS OR NOT BUT IS ARE WAS BE THIS THAT COLLECTIVE
    PRIORITY IMMEDIATE ROUTINE NIACT SECSTATE WASHDC AMEMBASSY AMCONSUL PAGE SECTION
    """.split()
)


def _routing_like(word: str) -> bool:
    """Tell whether a word is a routing indicator (`RUCNMGH`, `RHEFDIA`), not a surname."""
    word = word.upper()
    return len(word) >= 6 and word[:4] in _ROUTING_PREFIXES


# The first letters of the routing indicators of State, DoD and intelligence addressees.
_ROUTING_PREFIXES = frozenset(
    """
    RUEH RUEK RUEA RUEB RUEC RUEW RUCN RUCP RUCQ RHEH RHEF RHMF RHMC RUFO RUFG RUMI RUZE RUSN
    """.split()
)


# What copies leave after the last sentence: a page's closing mark, a transmission trailer.
_TAIL_RESIDUE = re.compile(
    r"(?:\s+(?:UNCLASSIFIED|CONFIDENTIAL|SECRET)\b)?\s*>\s*$|\s+B\s?T\s*#\d{3,4}\b[\s\S]*$"
)
# A name after the last sentence, on the same line (`...END COMMENT. FOLEY`).
_TAIL_SIGNATURE = re.compile(
    r"(?<=[.!?\"')])\s+([A-Z][A-Za-z'-]{2,}(?: [A-Z][A-Za-z'-]+)?)\s*[\"'.]*\s*$"
)
_NOT_NAMES = {
    "END", "COMMENT", "TEXT", "NOTE", "SUMMARY", "QUOTE", "UNQUOTE", "PLEASE", "THANKS",
    "CONFIDENTIAL", "SECRET", "UNCLASSIFIED", "NOFORN", "SIPDIS",
}  # fmt: skip


def _pop_inline_signature(
    paragraphs: tuple[Paragraph, ...],
) -> tuple[tuple[Paragraph, ...], tuple[str, ...]]:
    """Take a signature written at the end of the last paragraph's line off it."""
    last = paragraphs[-1]
    # Only the end of the paragraph can hold them: the patterns look at its last characters.
    cut = max(0, len(last.text) - 240)
    text = last.text[:cut] + _TAIL_RESIDUE.sub("", last.text[cut:])
    match = _TAIL_SIGNATURE.search(text, max(0, len(text) - 120))
    if not match or any(
        word.upper() in _NOT_NAMES or _routing_like(word) or _SIGNATURE_NOISE.fullmatch(word)
        for word in match.group(1).split()
    ):
        return paragraphs, ()
    trimmed = Paragraph(last.number, last.heading, text[: match.start()].rstrip(), last.label)
    return (*paragraphs[:-1], trimmed), (match.group(1),)


def _is_heading(block: list[str], following: list[str] | None) -> str | None:
    """Return the heading text if a block of lines is a section heading, else None.

    A heading is a short line in capitals, or framed by rule lines, or any short title-like
    line standing right above a numbered paragraph (`Welcome Back, AMLO`).
    """
    if len(block) > 3:
        return None
    if len(block) == 1:
        # The common block of one line: a long line (or a rule line) is told at once.
        line = block[0].strip()
        if len(line) > 80 or (line[:1] in _RULE_STARTS and _RULE_LINE.match(line)):
            return None
    else:
        text = [line.strip() for line in block if not _RULE_LINE.match(line)]
        if len(text) != 1:
            return None
        line = text[0]
    framed = len(block) > 1
    # Stripped, a line opens with its number or bullet: one look at that character first.
    first = line[:1]
    if (
        len(line) > 80
        or (first.isdigit() and _NUMBER.match(line))
        or (first in _BULLET_STARTS and _BULLET.match(line))
    ):
        return None
    if line.endswith((".", ",", ";")) and not framed:
        return None
    # Counted by the string methods themselves: a Unicode letter class costs more per line.
    letters = sum(map(str.isalpha, line))
    if not letters:
        return None
    upper = sum(map(str.isupper, line)) / letters
    if framed or upper > 0.8:
        return line.strip(" -:")
    above_numbered = following is not None and _NUMBER.match(following[0]) is not None
    if above_numbered and len(line) <= 60 and line[0].isupper() and not line.endswith(":"):
        return line.strip(" -")
    return None


def _blocks(lines: list[str]) -> list[tuple[str, list[str]]]:
    """Return the runs of non-blank lines, each as its text and its lines."""
    text = "\n".join(lines)
    if SPACED_BLANK.search(text) is not None or text[:1].isspace():
        # Lines of only spaces are blank too: the rare text that has them is cut line by line.
        text = "\n".join([line if line.strip() else "" for line in lines])
    return [
        (block, block.split("\n")) for chunk in text.split("\n\n") if (block := chunk.strip("\n"))
    ]


_DIGIT_LINE = re.compile(r"\n[ \t]*\d")


def _paragraphs(lines: list[str]) -> list[RawParagraph]:
    out: list[RawParagraph] = []
    heading: str | None = None
    expected = 1
    blocks = _blocks(lines)
    for position, (text, block) in enumerate(blocks):
        # Headings are one line, or one line between two rule lines.
        if len(block) <= 3:
            following = blocks[position + 1][1] if position + 1 < len(blocks) else None
            title = _is_heading(block, following)
            if title is not None:
                heading = title
                continue
        expected = _add_line(out, block[0], True, heading, expected)
        # The common block: one paragraph (or its continuation), no numbers inside; told by
        # one search of the block's text after its first line.
        if len(block) == 1 or _DIGIT_LINE.search(text, len(block[0])) is None:
            out[-1].lines.extend(block[1:])
            continue
        for line in block[1:]:
            start = line.lstrip()[:1]
            # Inside a block only a number (or a label) can start a paragraph: other lines run on.
            if start.isdigit() or _may_be_labelled(line, start):
                expected = _add_line(out, line, False, heading, expected)
            else:
                out[-1].lines.append(line)
    return out


def _add_line(
    out: list[RawParagraph], line: str, first: bool, heading: str | None, expected: int
) -> int:
    """Add a line to the paragraphs (a new one or the last); return the next number due."""
    start = line.lstrip()[:1]
    match = _NUMBER.match(line) if start.isdigit() else None
    number = int(match.group(1) or match.group(2)) if match else None
    # Inside a block only the number due starts a paragraph (`2008. The...` does not).
    if number is not None and match is not None and (first or number == expected):
        out.append(RawParagraph(number, heading, [line[match.end() :]]))
        return number + 1
    labelled = _labelled(line, out, expected) if _may_be_labelled(line, start) else None
    if labelled is not None:
        number, label, end = labelled
        out.append(RawParagraph(number, heading, [line[end:]], label))
        return expected if number is None else number + 1
    if first and _starts_unnumbered(out, heading, line):
        out.append(RawParagraph(None, heading, [line]))
    else:
        out[-1].lines.append(line)
    return expected


# Sub-paragraphs a citation must reach: `18A.`, `2.b.`, `2(a)`, and top-level letters with a
# portion mark (`A. (U) POST: The Hague.`, a garbled `B, (U)`).
_SUB_NUMBER = re.compile(
    r"^\s*(?P<number>\d{1,3})(?:(?P<upper>[A-Z])\.|\.(?P<lower>[a-z])[.)]?|\((?P<paren>[a-z])\))"
    r"(?=\s)\s*"
)
_LETTER_LABEL = re.compile(r"^\s*(?P<letter>[A-Z])[.,]\s+(?=\((?:U|C|S|SBU|S/NF|C/NF|TS)\))")


def _may_be_labelled(line: str, start: str) -> bool:
    """Tell cheaply whether a line may open with a label (`18A.`, `2.b`, `2(a)`, `A. (U)`)."""
    if start.isdigit():
        return True
    head = line.lstrip()[:3]
    return start.isupper() and head[1:2] in (".", ",") and head[2:3] == " "


def _labelled(
    line: str, out: list[RawParagraph], expected: int
) -> tuple[int | None, str, int] | None:
    """Return (number, label, where the text starts) of a lettered paragraph's line, or None.

    `18A.` and `18B.` are paragraph 18's parts; they are taken only where paragraph 18 (or
    the next one) is due, so that `4 (b) and (d).` of a broken reason line never is one.
    """
    sub = _SUB_NUMBER.match(line)
    if sub is not None:
        number = int(sub.group("number"))
        current = expected - 1
        if number not in (current, expected):
            return None
        upper, lower, paren = sub.group("upper", "lower", "paren")
        label = (
            f"{number}{upper}" if upper else f"{number}.{lower}" if lower else f"{number}({paren})"
        )
        return number, label, sub.end()
    letter = _LETTER_LABEL.match(line)
    if letter is not None:
        # Under numbered paragraphs a lettered one is the last number's part (`3B`, as `18B`);
        # before any number it stands on its own (`A. (U) POST:` of a spot report).
        above = next((p.number for p in reversed(out) if p.number is not None), None)
        mark = letter.group("letter")
        return above, mark if above is None else f"{above}{mark}", letter.end()
    return None


def _starts_unnumbered(out: list[RawParagraph], heading: str | None, line: str) -> bool:
    """Tell whether a block without a number starts a paragraph rather than continuing one."""
    if not out or out[-1].heading != heading:
        return True
    return out[-1].number is None and not _BULLET.match(line)


def renumber(paragraphs: list[RawParagraph]) -> list[RawParagraph]:
    """Repair garbled numbers: `16.` where 6 is due (the `¶16` of a `¶` + `6.` copy) becomes 6."""
    expected: int | None = None
    for para in paragraphs:
        if para.number is None:
            continue
        if expected is not None and para.number != expected:
            due = str(expected)
            if str(para.number).endswith(due) and len(str(para.number)) > len(due):
                para.number = expected
        expected = para.number + 1
    return paragraphs


def keep_lists_in_paragraphs(paragraphs: list[RawParagraph]) -> list[RawParagraph]:
    """Put a numbered list back into the paragraph it stands in.

    `4. (S) Begin text of the plan:` then `1. all ADCs ...` to `6. no objections ...`, then
    `5. (S) Begin text of Annex`: numbers that start again at 1 after paragraph 4 and end
    where paragraph 5 follows are a list (or a quoted text's numbers) inside paragraph 4's
    text, not paragraphs of their own; otherwise every later citation would shift.
    """
    numbered = [i for i, p in enumerate(paragraphs) if p.number is not None]
    drop: set[int] = set()
    for position, index in enumerate(numbered):
        para = paragraphs[index]
        if para.number != 1 or position == 0 or index in drop:
            continue
        before = paragraphs[numbered[position - 1]].number
        if before is None or before < 2:
            continue
        # The run 1, 2, 3 ... and what follows it.
        run = [index]
        k = position + 1
        while k < len(numbered) and paragraphs[numbered[k]].number == len(run) + 1:
            run.append(numbered[k])
            k += 1
        after = paragraphs[numbered[k]].number if k < len(numbered) else None
        if after is not None and after != before + 1:
            continue
        host = paragraphs[index - 1]
        if after is None and not _introduces_list(host):
            continue  # `1.` again at the end, after no colon: a quoted cable of its own
        end = numbered[k] if k < len(numbered) else len(paragraphs)
        for inner in range(index, end):
            item = paragraphs[inner]
            if after is None and inner > run[-1]:
                break
            first = f"{item.number}. {item.lines[0]}" if item.number is not None else item.lines[0]
            host.lines.extend(["", first, *item.lines[1:]])
            drop.add(inner)
    return [p for i, p in enumerate(paragraphs) if i not in drop]


_LIST_OPENING = re.compile(r"\b(?:BEGIN\s+(?:TEXT|QUOTE)|TEXT\s+FOLLOWS|AS\s+FOLLOWS)\b", re.I)


def _introduces_list(para: RawParagraph) -> bool:
    """Tell whether a paragraph ends by opening a list or a quoted text (`follows:`)."""
    last = next((line.strip() for line in reversed(para.lines) if line.strip()), "")
    return last.endswith(":") or _LIST_OPENING.search(" ".join(para.lines[-3:])) is not None


PARAGRAPH_RULES: tuple[tuple[str, Callable[[list[RawParagraph]], list[RawParagraph]]], ...] = (
    ("keep_lists_in_paragraphs", keep_lists_in_paragraphs),
    ("renumber", renumber),
)
"""Rules over the split paragraphs, in the order they run."""


def _join(lines: list[str]) -> str:
    """Join a paragraph's lines into running text, keeping bullet items on lines of their own."""
    if len(lines) == 1 and lines[0].lstrip()[:1] not in _SLOW_STARTS:
        return _one_line(lines[0])
    text = "\n".join(lines)
    # Most paragraphs have no bullets, rules or hyphens at line ends: join them in one go.
    if "-\n" not in text and text[-1:] != "-" and _SLOW_LINE.search("\n" + text) is None:
        return _one_line(text)
    parts: list[str] = []
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        first = line[0]
        if first in _RULE_STARTS and _RULE_LINE.match(line):
            continue
        bullet = _BULLET.match(line) if first in _BULLET_STARTS else None
        if bullet:
            item = "- " + line[bullet.end() :]
            parts.append("\n" + item if parts else item)
        elif not parts:
            parts.append(line)
        elif parts[-1][-1:] == "-" and parts[-1][-2:-1].isalpha():
            # `anti-` at a line end, `trafficking` on the next: one word again.
            parts.append(line)
        else:
            parts.append(" " + line)
    out = "".join(parts)
    while "  " in out:
        out = out.replace("  ", " ")
    return out


def _one_line(text: str) -> str:
    """Return text with its line breaks and runs of spaces made single spaces."""
    # Replacing is several times faster than splitting into words and joining them again.
    text = text.replace("\n", " ")
    while "  " in text:
        text = text.replace("  ", " ")
    return text.strip(" ")


_RULE_STARTS = frozenset("-=_*")
_SLOW_STARTS = frozenset("-=_*•o")
# What needs the line-by-line join: bullets and rules at line starts, hyphens at line ends.
_SLOW_LINE = re.compile(r"\n[ \t]*(?:[-*=_•]|o )")


_START = {
    # `Summary:`, `I. Summary`, `Summary and Action Request:`, `Summary/Comment:`,
    # `Introduction and Summary.`, `BEGIN SUMMARY AND COMMENT:`
    "SUMMARY": re.compile(
        r"^(?:\([A-Z/ ]{1,8}\)\s*)?(?:[IVX]{1,4}\.\s+)?(?:BEGIN\s+)?(?:EXECUTIVE\s+)?"
        r"(?:INTRODUCTION\s+AND\s+)?SUMMARY(?:\s*(?:AND|&|/)\s*(?:COMMENTS?|ACTION\s+REQUESTS?|"
        r"RECOMMENDATIONS?|INTRODUCTION|BACKGROUND|ANALYSIS|ACTION|OUTLOOK))?"
        r"\s*(?:[:.\-]+\s*|$)",
        re.IGNORECASE,
    ),
    "COMMENT": re.compile(
        r"^(?:\([A-Z/ ]{1,8}\)\s*)?(?:BEGIN\s+)?COMMENT\s*(?:[:.\-]+\s*|$)", re.IGNORECASE
    ),
}
_END = {
    "SUMMARY": re.compile(r"\(?\bEND\s+(?:OF\s+)?SUMMARY\b\s*[.)]*", re.IGNORECASE),
    "COMMENT": re.compile(r"\(?\bEND\s+(?:OF\s+)?COMMENT\b\s*[.)]*", re.IGNORECASE),
}
# The same markers in a text's capitals: a pattern led by a plain word (`END`) is searched for
# many times faster than one that may start anywhere and ignores case.
# (No `\b` before `END`: a pattern opening with one is not searched for by its first word.)
_END_UPPER = {
    "SUMMARY": re.compile(r"END\s+(?:OF\s+)?SUMMARY\b\s*[.)]*"),
    "COMMENT": re.compile(r"END\s+(?:OF\s+)?COMMENT\b\s*[.)]*"),
}


@functools.lru_cache(maxsize=64)
def _capitals(text: str) -> str:
    """Return a text in capitals, once per paragraph however often its sections are sought."""
    return text.upper()


def _end_marker(text: str, name: str) -> tuple[int, int] | None:
    """Return where the END marker of section `name` starts and ends in `text`, or None."""
    upper = _capitals(text)
    if len(upper) != len(text):  # a letter whose capital is two (`ß`): positions would shift
        found = _END[name].search(text)
        return None if found is None else found.span()
    if "END" not in upper:
        return None
    found = _END_UPPER[name].search(upper)
    while found is not None and found.start() and upper[found.start() - 1].isalnum():
        found = _END_UPPER[name].search(upper, found.start() + 1)  # `WEEKEND SUMMARY`
    if found is None:
        return None
    start = found.start() - 1 if found.start() and text[found.start() - 1] == "(" else found.start()
    return start, found.end()


def _section(paragraphs: tuple[Paragraph, ...], name: str) -> str | None:
    """Return the text between a paragraph opening with `name:` and its END marker."""
    start = _START[name]
    for index, para in enumerate(paragraphs):
        # The opening word stands in the paragraph's first words: one look before the pattern.
        if name not in para.text[:60].upper():
            continue
        match = start.match(para.text)
        if not match:
            continue
        parts: list[str] = []
        for later in paragraphs[index:]:
            text = later.text[match.end() :] if later is para else later.text
            stop = _end_marker(text, name)
            if stop:
                parts.append(text[: stop[0]])
                break
            parts.append(text)
            # Without an END marker nearby the section is its opening paragraph.
            nearby = paragraphs[index + 1 : index + 4]
            if (
                later is para
                and text.strip()
                and not any(_end_marker(p.text, name) for p in nearby)
            ):
                break
        joined = " ".join(" ".join(part.split()) for part in parts).strip()
        if joined:
            # `SUMMARY: (C) Spanish FM...`: the portion mark belongs to the paragraph, not the text.
            return _PORTION.sub("", joined, count=1) or None
    return _headed_section(paragraphs, name) or _closed_section(paragraphs, name)


def _headed_section(paragraphs: tuple[Paragraph, ...], name: str) -> str | None:
    """Return the text of the paragraphs under a `SUMMARY` or `COMMENT` heading, if any."""
    if not any(p.heading for p in paragraphs):
        return None
    parts: list[str] = []
    for para in paragraphs:
        if (para.heading or "").strip(" :-").upper() != name:
            if parts:
                break
            continue
        text = _PORTION.sub("", para.text, count=1)
        stop = _end_marker(text, name)
        parts.append(text[: stop[0]] if stop else text)
        if stop:
            break
    joined = " ".join(" ".join(part.split()) for part in parts).strip()
    return joined or None


def _closed_section(paragraphs: tuple[Paragraph, ...], name: str) -> str | None:
    """Return the opening paragraphs up to an END marker when nothing opened the section.

    `1. (C) The Minister met ... End summary.`: the summary starts with the body (or its
    first numbered paragraph) and runs to the marker, if the marker comes early.
    """
    if name == "COMMENT":
        return _inline_comment(paragraphs)
    numbered = [i for i, p in enumerate(paragraphs[:3]) if p.number is not None]
    first = numbered[0] if numbered else 0
    if not any(name in _capitals(p.text) for p in paragraphs[first : first + 6]):
        return None  # one look at the opening text spares six searches
    parts: list[str] = []
    for para in paragraphs[first : first + 6]:
        stop = _end_marker(para.text, name)
        if stop is not None:
            parts.append(para.text[: stop[0]])
            joined = " ".join(" ".join(part.split()) for part in parts).strip()
            return _PORTION.sub("", joined, count=1) or None
        parts.append(para.text)
    return None


def _inline_comment(paragraphs: tuple[Paragraph, ...]) -> str | None:
    """Return the comment a paragraph closes with `End Comment` when no paragraph opened one:
    from its inline `(Comment:` if it has one, else the paragraph itself.

    A cable's body is the post's reporting of what others say; only what the comment marks
    is the post's own view, so it never runs back over the paragraphs before.
    """
    for para in paragraphs:
        if "COMMENT" not in _capitals(para.text):
            continue
        stop = _end_marker(para.text, "COMMENT")
        if stop is None:
            continue
        openings = list(_INLINE_COMMENT.finditer(para.text, 0, stop[0]))
        text = para.text[openings[-1].end() if openings else 0 : stop[0]]
        joined = " ".join(_PORTION.sub("", text.strip(), count=1).split())
        return joined or None
    return None


_INLINE_COMMENT = re.compile(
    r"(?:^|\(|(?<=[.!?;]) )\s*(?:Post |POST )?(?:Comment|COMMENT)\s*[:.-]\s*"
)
"""An aside opening a comment: `(Comment: ...`, `... . COMMENT: ...`; not `declined to comment.`"""
_PORTION = re.compile(r"^\([A-Z/ ]{1,8}\)\s*")
