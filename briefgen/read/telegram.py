"""Read a cleaned telegram's header: routing, FM/TO/INFO, serial line, E.O., TAGS, SUBJECT, REF."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from briefgen.read.classified import classified_by, classified_by_in_body
from briefgen.read.cleaning import SERIAL_LINE
from briefgen.read.ids import clean_address, parse_date, parse_dtg
from briefgen.read.tags import is_tag_line, parse_tags


@dataclass(frozen=True, slots=True)
class Telegram:
    """What the telegram text itself says, before it is merged with a container's metadata."""

    created: datetime | None = None
    """The date-time group (or a dateline) as naive UTC."""
    sender: str | None = None
    """The FM line's sender (`AMEMBASSY ASTANA`)."""
    recipients: tuple[str, ...] = ()
    """TO addressees without routing indicators."""
    info_recipients: tuple[str, ...] = ()
    """INFO addressees without routing indicators."""
    marking: str | None = None
    """The classification as the serial line writes it, normalized (`CONFIDENTIAL//NOFORN`)."""
    place: str | None = None
    """The post named on the serial line (`ASTANA`, `NEW DELHI`)."""
    serial: int | None = None
    """The serial number of the serial line."""
    year: str | None = None
    """A two-digit year written on the serial line (1970s cables), else None."""
    routing_serial: int | None = None
    """The message number of the routing `DE` line (`DE RUEHEK #1021/01 2800932`): the
    serial's last four digits as the sending post numbered it."""
    classified_by: str | None = None
    """The official of the `Classified By:` line."""
    declassify: str | None = None
    """The E.O. line's declassification date (ISO) or rule (`X1`)."""
    tags: tuple[str, ...] = ()
    """TAGS codes in order."""
    subject: str | None = None
    """The whole subject line."""
    reference_text: str | None = None
    """The REF block as written, for parse_references."""
    body: list[str] = field(default_factory=list)
    """The lines after the header."""


_DATELINE = re.compile(
    r"^(?:Cable dated:\s*)?((?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), "
    r"\d{1,2} [A-Z][a-z]+ \d{4}, \d{1,2}:\d{2}|\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2})?Z?)"
)
_DTG_LINE = re.compile(r"^\s*(?:[OPRZM]{1,2}\s+){1,2}\d{6}Z\s*[A-Z]{3}\s*\d{2}")
_ADDRESS_NOISE = re.compile(
    r"^(?:PAGE \d{2,3}\b.*|(?:UNCLAS(?:SIFIED)?|CONFIDENTIAL|SECRET|LIMITED OFFICIAL USE)"
    r"(?:\s*//?\s*[A-Z ]+)?|NNNN|BT)$"
)
_BREAK_HEADER = re.compile(r"^[A-Z][A-Z .-]{1,40} \d{4,9}\s+\d{3}(?:\.\d{1,2})? OF \d{3}$")
_DE_LINE = re.compile(r"^DE\s+[A-Z]{4,}\s*#(\d{1,5})\b")
_ROUTING = re.compile(
    r"^\s*(?:VZCZC|ZNR\b|ZNY\b|DE\s+[A-Z]{4,}|[OPRZ]{1,2}\s+R[A-Z]{4,}(?:\s|$)|BT\s*$)"
)
_KEYWORD = re.compile(
    r"^\s*(?:\(?[A-Z]{1,3}\)\s*)?(?P<key>SUBJ(?:ECT)?|TAGS?|(?:TAS|TGS|AGS)(?=\s*:)|"
    r"E\.?\s?O\.?|EO|REF(?:TEL|TELS|S)?|"
    r"CLASSIFIED\s+BY|SIPDIS|NOFORN|EXDIS|NODIS|LIMDIS|CORRECTED\s+COPY)\b\s*[:.]?",
    re.IGNORECASE,
)
_PARA_START = re.compile(r"^\s*\d{1,3}\s*[.)](?:\s*\S|\s*$)|^\s*\(\s*[A-Z/]{1,4}\s*\)\s")
_REF_ITEM = re.compile(r"^\(?[A-Z]\s?[.)]\s+\S")
_REF_LETTER = re.compile(r"^\s*\(?[A-Z]\)\s")
_REASON_SECTION = re.compile(r"^\s*1\.\s?[4-6]\b")
# Lines that end a SUBJECT even without a blank line after it.
_SUBJECT_STOP = re.compile(
    r"^(?:SENSITIVE BUT UNCLASSIFIED|THE FOLLOWING|\(\w{1,4}\)\s*$|[-=_*]{3,}\s*$|"
    r"(?:BEGIN )?SUMMARY\b|(?:\(\w{1,4}\)\s*)?CLASSIFIED\s+BY\b)",
    re.I,
)
# What a copy glued to the end of a subject line: the SBU notice, a REF list, a dash rule,
# the Classified By line (`... OF HAITI SENSITIVE BUT UNCLASSIFIED - PLEASE PROTECT ...`).
_SUBJECT_TAIL = re.compile(
    r"\s+(?:SENSITIVE BUT UNCLASSIFIED\b|SBU\s*[-:;]|-{3,}|={3,}|REF(?:TEL)?S?\s*[:.]?\s+"
    r"(?:\(?[A-Z]\)?[.)]\s|[A-Z]{3,}\s+\d)|(?:\(\w{1,4}\)\s*)?CLASSIFIED\s+BY\b)",
    re.I,
)
_SUBJECT_PORTION = re.compile(r"^\((?:U|C|S|TS|SBU|LOU)(?:/{1,2}[A-Z]{2,5})*\)\s*")
_FOR_LINE = re.compile(r"^\s*[A-Z][A-Z/ ,&.-]* (?:FOR|PASS)\s+\S")
_TAG_KEYS = frozenset({"TAG", "TAGS", "TAS", "TGS", "AGS"})
_DECL = re.compile(
    r"DECL(?:ASSIFY)?\s*(?:ON)?\s*:?\s*(\d{1,2})/(\d{1,2})/(\d{2,4})|DECL\s*:?\s*(X\d|OADR|25X\d)"
)


def read_header(lines: list[str]) -> Telegram:
    """Return the telegram header fields of cleaned lines and the remaining body lines."""
    values: dict[str, object] = {}
    serial_at = _find_serial_line(lines)
    if serial_at is None:
        # No serial line: the header keywords may still be there (flattened or cut copies).
        first_key = next((k for k, x in enumerate(lines) if _KEYWORD.match(x)), None)
        if first_key is None:
            first_key = next((k for k, x in enumerate(lines) if _PARA_START.match(x)), len(lines))
        routing_end, keys_start = first_key, first_key
    else:
        routing_end, keys_start = serial_at, serial_at + 1
        match = SERIAL_LINE.match(lines[serial_at])
        assert match is not None
        values["marking"] = _marking(match.group("marking"), match.group("caveats") or "")
        values["place"] = " ".join(match.group("place").split())
        values["serial"] = int(match.group("serial"))
        values["year"] = match.group("year")
    to, info = _read_routing(lines[:routing_end], values)
    body_start = _read_keywords(lines, keys_start, values)
    if "classified_by" not in values:
        _keep(values, "classified_by", classified_by_in_body(lines[body_start:]))
    return Telegram(
        recipients=_addresses(to),
        info_recipients=_addresses(info),
        body=lines[body_start:],
        **values,  # type: ignore[arg-type]
    )


def _find_serial_line(lines: list[str]) -> int | None:
    """Return the index of the serial line, looked for before the first numbered paragraph."""
    for index, line in enumerate(lines):
        if line[-1:].isdigit() and SERIAL_LINE.match(line):
            return index
        first = line.lstrip()[:1]
        numbered = (first.isdigit() or first == "(") and _PARA_START.match(line)
        if index > 5 and numbered and not _DTG_LINE.match(line):
            return None
    return None


def _read_routing(lines: list[str], values: dict[str, object]) -> tuple[list[str], list[str]]:
    """Read the date, FM, TO and INFO of the routing lines; return the TO and INFO parts."""
    to: list[str] = []
    info: list[str] = []
    excluded: list[str] = []
    target: list[str] | None = None
    for line in lines:
        stripped = line.strip()
        if target is not None and _address_noise(stripped):
            # A printed copy's page header or classification line inside an address block.
            continue
        if "created" not in values:
            # Each pattern is tried only on a line opening with a character it can open with.
            first = stripped[:1]
            dated = first in _DATELINE_STARTS or first.isdigit()
            dateline = _DATELINE.match(stripped) if dated else None
            moment = parse_date(dateline.group(1)) if dateline else None
            if moment is None and first in _DTG_STARTS and _DTG_LINE.match(line):
                moment = parse_dtg(line)
            if moment is not None:
                values["created"] = moment
                continue
        if stripped.startswith("DE ") and "routing_serial" not in values:
            number = _DE_LINE.match(stripped)
            if number is not None:
                values["routing_serial"] = int(number.group(1))
                continue
        if stripped.startswith("FM "):
            values.setdefault("sender", clean_address(stripped[3:]))
            target = None
        elif stripped.startswith("TO "):
            target = to
            target.append(stripped[3:])
        elif stripped.startswith("INFO "):
            target = info
            target.append(stripped[5:])
        elif stripped.startswith("XMT "):
            # The posts a collective is not sent to, to the end of the address block.
            target = excluded
            target.append(stripped[4:])
        elif target is not None and _slash_in_first_word(stripped):
            # `RUEHBJ/AMEMBASSY BEIJING 1134`: an addressee behind its routing indicator.
            target.append(stripped)
        elif not stripped or _KEYWORD.match(line) or _ROUTING.match(line):
            target = None
        elif target is not None:
            target.append(stripped)
    if excluded:
        left_out = set(_addresses(excluded))
        to = [address for address in to if clean_address(address) not in left_out]
        info = [address for address in info if clean_address(address) not in left_out]
    return to, info


# The characters the lines these patterns match can open with (after spaces).
_DATELINE_STARTS = frozenset("CMTWFS")  # and digits
_DTG_STARTS = frozenset("OPRZM")
_NOISE_STARTS = frozenset("PUCSLNB")


def _slash_in_first_word(line: str) -> bool:
    """Tell whether the first word of a line holds a `/` (`RUEHBJ/AMEMBASSY BEIJING`)."""
    slash = line.find("/")
    if slash < 0:
        return False
    space = line.find(" ", 0, slash)
    return space < 0


def _address_noise(line: str) -> bool:
    """Tell whether a stripped line inside an address block is a page header or a marking."""
    if line[:1] in _NOISE_STARTS and _ADDRESS_NOISE.match(line):
        return True
    return " OF " in line and _BREAK_HEADER.match(line) is not None


def _read_keywords(lines: list[str], i: int, values: dict[str, object]) -> int:
    """Read E.O., TAGS, SUBJECT, REF and Classified By lines; return where the body starts."""
    n = len(lines)
    seen_subject = False
    while i < n:
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            i += 1
            continue
        match = _KEYWORD.match(line)
        if match is None and _FOR_LINE.match(line):
            i += 1
            continue
        if match is None:
            running_text = len(stripped) > 100 and stripped.upper() != stripped
            if seen_subject or _PARA_START.match(line) or running_text:
                break
            i += 1
            continue
        key = match.group("key").upper().replace(".", "").replace(" ", "")
        rest = line[match.end() :].strip()
        block, i = _continuation(lines, i + 1, rest, key)
        if key.startswith("SUBJ"):
            _keep(values, "subject", _clean_subject(block))
            seen_subject = True
        elif key in _TAG_KEYS:
            _keep(values, "tags", parse_tags(block))
        elif key in ("EO", "E O"):
            _keep(values, "declassify", _declassify(block))
        elif key.startswith("REF"):
            _keep(values, "reference_text", block)
        elif key.startswith("CLASSIFIED"):
            # `Classified By:` alone, then `CLASSIFIED BY ...` on the next line: the second.
            _keep(values, "classified_by", classified_by(block))
    return i


def _keep(values: dict[str, object], name: str, value: object) -> None:
    """Set a header field from the first keyword line that gives it a value."""
    if value and name not in values:
        values[name] = value


def _continuation(lines: list[str], i: int, first: str, key: str) -> tuple[str, int]:
    """Return a keyword's text joined with its continuation lines, and the next line's index."""
    parts = [first] if first else []
    n = len(lines)
    while i < n:
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            # TAGS written one per line (PDF copies) and REF lists run past blank lines.
            following = lines[i + 1].strip() if i + 1 < n else ""
            if key in _TAG_KEYS and is_tag_line(following):
                i += 1
                continue
            if key.startswith("REF") and _REF_ITEM.match(following):
                i += 1
                continue
            if not parts:
                i += 1
                continue
            break
        if _KEYWORD.match(line):
            break
        first = stripped[:1]
        ends = (line[-1:].isdigit() and SERIAL_LINE.match(line)) or (
            (first.isdigit() or first == "(") and _PARA_START.match(line)
        )
        # `... FOR REASONS` then `1.4 (b) and (d).`: the E.O. section, not paragraph 1.
        reason = key.startswith("CLASSIFIED") and _REASON_SECTION.match(line)
        if ends and not reason and not (key.startswith("REF") and _REF_LETTER.match(line)):
            break
        # Telegram lines are short: a long line is running text, not a continuation;
        # except a subject's second line in capitals that a copy joined into one.
        long_subject = key.startswith("SUBJ") and stripped.upper() == stripped
        if parts and len(stripped) > 90 and not long_subject:
            break
        if key.startswith("SUBJ") and parts and _SUBJECT_STOP.match(stripped):
            break
        if key in _TAG_KEYS and parts and not is_tag_line(stripped, parts[-1]):
            # `RUN-OFF,` or a mirror's `id: 67870` after the TAGS line is no tag.
            break
        hyphen = parts and parts[-1][-1:] == "-" and parts[-1][-2:-1].isalpha()
        if hyphen and stripped[:1].isalpha():
            parts[-1] += stripped  # `ANTI-` at a line end, `TRAFFICKING` on the next: one word
        else:
            parts.append(stripped)
        i += 1
    return " ".join(parts), i


def _marking(marking: str, caveats: str) -> str:
    words = ["UNCLASSIFIED" if marking.startswith("UNCLAS") else marking]
    for caveat in ("NOFORN", "NODIS", "EXDIS", "LIMDIS"):
        if caveat in caveats:
            words.append(caveat)
    return "//".join(words)


def _addresses(parts: list[str]) -> tuple[str, ...]:
    out: list[str] = []
    for part in parts:
        address = clean_address(part)
        if address and address not in out:
            out.append(address)
    return tuple(out)


def _clean_subject(text: str) -> str | None:
    """Return a subject without what copies glue to it, and without a leading portion mark."""
    text = " ".join(text.replace("\\", " ").split())
    tail = _SUBJECT_TAIL.search(text)
    if tail is not None:
        text = text[: tail.start()]
    text = _SUBJECT_PORTION.sub("", text).strip(" -")
    return text or None


def _declassify(text: str) -> str | None:
    match = _DECL.search(text.upper())
    if not match:
        return None
    if match.group(4):
        return match.group(4)
    month, day, year = (int(g) for g in match.group(1, 2, 3))
    if year < 100:
        year += 2000 if year < 60 else 1900
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"
