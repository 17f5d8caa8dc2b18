"""Row formats: a cables.csv row, and a JSON record (mongoexport or JSON Lines export)."""

from __future__ import annotations

import json
import re
from typing import Any

from briefgen.errors import ReadError
from briefgen.read.envelope import Envelope
from briefgen.read.ids import parse_date, repair_id

_ID = re.compile(r"^\d{2,4}[A-Z]+\d+(?:_[a-z0-9]+)?$")


def read_csv_fields(fields: list[str], path: str | None, row: int | None) -> Envelope:
    """Return a cables.csv row's envelope (serial, date, id, origin, class, refs, header, body)."""
    if len(fields) < 8:
        raise ReadError(f"CSV row has {len(fields)} fields, a cables.csv row has 8", path, row)
    _serial, date, cable_id, origin, classification, refs, header, body = fields[:8]
    return Envelope(
        format="csv",
        text=f"{header}\n{body}",
        id=cable_id.strip() or None,
        created=parse_date(date),
        origin=origin.strip() or None,
        classification=classification.strip() or None,
        references=_references(refs),
    )


def read_json(text: str, path: str | None, row: int | None) -> Envelope:
    """Return the envelope of one JSON cable record."""
    try:
        record = json.loads(text)
    except ValueError as exc:
        raise ReadError(f"broken JSON record: {exc}", path, row) from None
    if not isinstance(record, dict):
        raise ReadError("JSON record is not an object", path, row)
    body = _text(record, "body", "content", "text")
    header = _text(record, "header")
    if not body and not header:
        raise ReadError("JSON record has no body", path, row)
    cable_id = _text(record, "reference_id", "refid", "id", "identifier")
    refs_field = _text(record, "references")
    underscore = _text(record, "_id")
    if not cable_id and underscore is not None:
        # Exports of the full release put the REFERENCES column in `_id`.
        refs_field = refs_field or underscore
    elif not cable_id:
        cable_id = underscore
    body = unflatten(body or "")
    if header and not header.startswith("This record is a partial extract"):
        body = f"{unflatten_routing(header)}\n{body}"
    return Envelope(
        format="jsonl",
        text=body,
        id=cable_id if cable_id and _ID.match(cable_id) else None,
        created=parse_date(_text(record, "date_time", "created", "date") or ""),
        origin=_text(record, "origin"),
        classification=_text(record, "classification"),
        subject=_text(record, "subject", "title"),
        references=_references(refs_field or ""),
    )


def _text(record: dict[str, Any], *keys: str) -> str | None:
    for key in keys:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
    return None


_REFERENCE_SEPARATORS = re.compile(r"[|,;\s]+")


def _references(text: str) -> tuple[str, ...] | None:
    ids = []
    for part in _REFERENCE_SEPARATORS.split(text):
        repaired = repair_id(part) if part else None
        if repaired and repaired not in ids:
            ids.append(repaired)
    return tuple(ids) or None


# A routing header exported without its line breaks glues each line to the one before:
# `P 131259Z FEB 09FM AMEMBASSY ASHGABATTO SECSTATE WASHDC PRIORITY 2320INFO ALL ...`.
_ROUTING_KEYS = re.compile(r"(?<=\S)(?=(?:FM|INFO|XMT) [A-Z])")
_GLUED_ADDRESS = re.compile(r"(?:(?<=\d)|(?<=COLLECTIVE)|(?<=WASHDC))(?=[A-Z]{2,}[ /])")


def unflatten_routing(header: str) -> str:
    """Put the FM, TO, INFO and XMT lines of a routing header flattened into one back apart."""
    if "\n" in header.strip() or "FM " not in header:
        return header
    text = _ROUTING_KEYS.sub("\n", header)
    lines = []
    for line in text.split("\n"):
        if line.startswith("FM "):
            # The first `TO ` after the sender: ` TO ` where spaced, else glued (`ASHGABATTO`).
            at = line.find(" TO ", 3)
            at = at + 1 if at >= 0 else line.find("TO ", 3)
            if at > 3:
                lines += [line[:at].rstrip(), line[at:]]
                continue
        lines.append(line)
    return "\n".join(
        _GLUED_ADDRESS.sub("\n", line) if line[:3] != "FM " else line for line in lines
    )


# Every pattern here opens with what it looks for (a paragraph mark, two whitespace
# characters), never with a look-behind: a pattern that may start anywhere is tried at every
# character of the body, which cost more than the rest of reading a JSON record.
_PILCROW = re.compile(r"¶(?=\s*\d{1,3}\.)")
# A run of spaces before a paragraph number. Found at the run's start as the leftmost match,
# so that no look-behind is needed: inside the run the number after it is the same.
_DOUBLE_SPACE_PARA = re.compile(r"\s\s+(?=(?:¶\s*)?\d{1,3}\.\s{1,2}(?:\(|[A-Z]))")
_SPACE_RUN = re.compile(r"\s\s+")


def unflatten(body: str) -> str:
    """Restore the line breaks of a body exported as one line (newlines dropped or made spaces)."""
    if body.count("\n") > 3 or len(body) < 200:
        return body
    body = _DOUBLE_SPACE_PARA.sub("\n\n", body)
    if "¶" in body:
        body = _break_before_pilcrows(body)
    size = len(body)

    def inner_run(match: re.Match[str]) -> str:
        # A run of spaces between two words is a lost line break; at either end it stays.
        return "\n" if match.start() and match.end() < size else match.group()

    return _SPACE_RUN.sub(inner_run, body)


def _break_before_pilcrows(body: str) -> str:
    """Start a paragraph (a blank line) at each `¶ 2.` that follows text, dropping the spaces."""
    pieces: list[str] = []
    done = 0
    for match in _PILCROW.finditer(body):
        start = match.start()
        while start > done and body[start - 1].isspace():
            start -= 1
        if start == 0 or body[start - 1].isspace():
            continue  # only spaces before it, back to the start: nothing to part from
        pieces += [body[done:start], "\n\n"]
        done = match.start()
    return "".join(pieces) + body[done:] if pieces else body
