"""Cleaning rules for what mirror pages paste around a cable: previews, records, CSV rows.

Some mirrors open a page with the cable's first lines cut off (`... turns on narcotr...`,
`Classi...`), then the release's record of the cable (as `id: 87334` fields, one field per
line, or a cables.csv row as it is), then the whole cable; others end a cable with the next
one's record and text. Each rule takes and gives the telegram's text (see cleaning.py).
"""

from __future__ import annotations

import csv
import io
import re

_HEADER_ENDS = re.compile(r"\n[ \t]*-{3,} ?header ends ?-{3,}[ \t]*(?=\n|$)")
_RECORD_FIELD = re.compile(r"\n(?:id|date|refid|origin|classification|destination):")


def drop_mirror_preview(text: str) -> str:
    """Drop a mirror page's preview and record block (`id: 87334`, `refid: ...`, `header:`).

    Kept: the routing header the record holds, and the cable after `---- header ends ----`.
    """
    if "header ends" not in text:
        return text
    ends = _HEADER_ENDS.search("\n" + text)
    if ends is None:
        return text
    end_start, end_stop = ends.start(), ends.end() - 1  # in `text`, the newline before and after
    header = text.rfind("\nheader:", 0, end_start)
    if header < 0 or len(_RECORD_FIELD.findall("\n" + text, 0, header + 1)) < 3:
        return text
    after_label = text.find("\n", header + 1)
    return text[after_label + 1 : end_start] + text[end_stop + 1 :]


_RECORD_LINES = (
    re.compile(r"^\d{1,7}$"),
    re.compile(r"^(?:\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?$"),
    re.compile(r"^\d{2}[A-Z]+\d+$"),
    re.compile(r"^[A-Z][A-Za-z.,' -]{2,60}$"),
    re.compile(r"^(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)(?://[A-Z /]+)?$"),
)
_REFS_FIELD = re.compile(r"^\d{2}[A-Z]+\d+(?:\|\d{2}[A-Z]+\d+)*$")
# An id alone on its line: the one field of a record to look for first (a literal newline
# leads the pattern, so that it is searched for fast).
_ID_LINE = re.compile(r"\n[ \t]*\d{2}[A-Z]+\d+[ \t]*(?=\n)")
_PARAGRAPH = re.compile(r"^\s*\d{1,3}\s*\.(?:\s|\(|$)")


def drop_pasted_record(text: str) -> str:
    """Drop a cables.csv record pasted one field per line, with what it does not belong with.

    The fields are the sequence number (some copies leave it out), date, id, origin,
    classification and references; the cut-off preview before them goes too, or, when the
    whole cable comes before them, the record and the next cable after it.
    """
    found = _ID_LINE.search("\n" + text + "\n")
    if found is None:
        return text
    lines = text.split("\n")
    # The id field is the rare line: look for it first, then for the fields around it.
    for index, line in enumerate(lines[:400]):
        stripped = line.strip()
        if not (stripped[:2].isdigit() and _RECORD_LINES[2].match(stripped)):
            continue
        fields = [
            i for i in range(max(0, index - 6), min(len(lines), index + 8)) if lines[i].strip()
        ]
        at = fields.index(index)
        if at < 1 or at + 2 >= len(fields):
            continue
        start = 2 if at >= 2 and _RECORD_LINES[0].match(lines[fields[at - 2]].strip()) else 1
        record = fields[at - start : at + 3]
        rules = _RECORD_LINES[2 - start :]
        if all(rule.match(lines[i].strip()) for rule, i in zip(rules, record, strict=True)):
            end = record[-1] + 1
            following = next((i for i in fields if i >= end), None)
            if following is not None and _REFS_FIELD.match(lines[following].strip()):
                end = following + 1
            kept = _around_paste(lines, record[0], end)
            if record[0] > 0 and end < len(lines) and kept == lines[end:]:
                kept = _routing_before(lines[: record[0]], kept) + kept
            return "\n".join(kept)
    return text


def _routing_before(before: list[str], cable: list[str]) -> list[str]:
    """Return the routing header (FM, TO, INFO...) above a cut-off preview, if the cable lacks one.

    A cables.csv row whose body is a preview, a pasted record and the whole cable still has
    its routing header in front of the preview (09THEHAGUE615): the recipients are there.
    """
    if any(_is_fm_line(line) for line in cable[:80]):
        return []
    repeated = {line.strip() for line in cable if line.strip()}
    lead: list[str] = []
    for line in before:
        if line.strip() in repeated:
            break  # the preview: the cable's own first lines, cut off further down
        lead.append(line)
    return lead if any(_is_fm_line(line) for line in lead) else []


def _is_fm_line(line: str) -> bool:
    """Tell a routing header's FM line (`FM AMEMBASSY THE HAGUE`) from `FM Verhagen`."""
    return line.startswith("FM ") and line.upper() == line


def _around_paste(lines: list[str], start: int, end: int) -> list[str]:
    """Keep what follows a pasted record unless a whole cable precedes it, else what precedes.

    Before the record stands a routing header, a cut-off preview (`...`), or nothing; or,
    when the record is the next cable's, the cable itself with its numbered paragraphs.
    """
    before = [line for line in lines[:start] if line.strip()]
    cut_off = any(line.rstrip(" \"',").endswith("...") for line in before[-12:])
    numbered = sum(1 for line in before if _PARAGRAPH.match(line.lstrip("¶ ")))
    if cut_off or numbered < 2:
        return lines[end:]
    return lines[:start]


_CSV_ROW = re.compile(r'\n\d{1,7},"?\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}"?,"?\d{2}[A-Z]+\d+"?,')
_PARTIAL = "This record is a partial extract"


def read_pasted_csv_row(text: str) -> str:
    """Read the cable out of a cables.csv row pasted after a cut-off preview.

    Some pages hold the cable's first lines cut off (`SUBJECT: SURVEILLANCE OF U.S...`),
    then rows of the release's cables.csv as they are (`19260,7/30/2004 6:06,04THEHAGUE1915,
    "Embassy The Hague",...,"<header>","<body>"`), the next cable's row often after it. The
    first row's header and body are the cable. A row after the whole cable is another's: cut.
    """
    found = _CSV_ROW.search("\n" + text)
    if found is None:
        return text
    start = found.start()  # in `text`: the start of the row's line
    reader = csv.reader(io.StringIO(text[start:]), strict=False)
    row = next(reader, [])
    # A page that wrapped the row's lines broke its first fields over several records.
    for _ in range(4):
        if len(row) >= 8:
            break
        following = next(reader, None)
        if not following:
            return text
        row = [*row[:-1], " ".join(f"{row[-1]} {following[0]}".split()), *following[1:]]
    if len(row) < 8:
        return text
    lines = text[:start].split("\n")[:-1]
    index = len(lines)
    kept = _around_paste([*lines, ""], index, index + 1)
    if kept != []:
        return "\n".join(kept)
    header, body = row[6], row[7]
    routing = _routing_before(lines, body.split("\n"))
    if routing:
        # The routing header above the row is whole; the row's own is often flattened.
        header = "\n".join(routing)
    cable = body if header.startswith(_PARTIAL) else f"{header}\n{body}"
    return cable.rstrip("\n")
