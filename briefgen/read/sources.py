"""Find the inputs: expand folders, stream CSV and JSON Lines rows, read stdin, sniff formats."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TextIO

from briefgen.models import Rejection
from briefgen.read.encoding import detect_encoding, looks_binary

# Files in a cable folder that are not cables (a user's README, a download's manifest).
_SKIP_NAMES = {"readme", "readme.md", "readme.txt", "manifest.json", "license", "license.txt"}
_SKIP_SUFFIXES = {
    ".md",
    ".py",
    ".db",
    ".sqlite",
    ".zip",
    ".gz",
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".css",
    ".js",
    ".docx",
    ".toml",
    ".yaml",
    ".yml",
    ".j2",
    ".ini",
    ".cfg",
}
_SAMPLE = 65536


@dataclass(frozen=True, slots=True)
class Source:
    """One input to parse: a whole file, or one row of a multi-cable file. Picklable."""

    path: str
    """The file it came from (`-` for stdin)."""
    row: int | None
    """The row of a CSV or JSON Lines file, counted from 1; None for a whole file."""
    data: bytes | str
    """The raw bytes of a file, the text of a JSON line, or a CSV row's fields joined by NUL."""
    format: str
    """The container format: `file` (sniffed when parsed), `pdf`, `csv` or `jsonl`."""


def iter_sources(paths: Iterable[str | Path]) -> Iterator[Source | Rejection]:
    """Yield a Source per cable input in order: folders expanded, multi-cable files by row."""
    for given in paths:
        name = str(given)
        if name == "-":
            yield from _from_bytes("-", sys.stdin.buffer.read())
            continue
        path = Path(name)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and _is_cable_file(p))
            if not files:
                yield Rejection(name, None, "folder holds no cable files")
            for file in files:
                yield from _from_file(file)
        elif path.is_file():
            yield from _from_file(path)
        elif path.exists():
            yield Rejection(name, None, "not a regular file")
        else:
            yield Rejection(name, None, "no such file or folder")


def _is_cable_file(path: Path) -> bool:
    if any(part.startswith(".") for part in path.parts[-1:]):
        return False
    return path.name.lower() not in _SKIP_NAMES and path.suffix.lower() not in _SKIP_SUFFIXES


def _from_file(path: Path) -> Iterator[Source | Rejection]:
    name = str(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(_SAMPLE)
            kind = _container(path.suffix.lower(), head)
            if kind in ("csv", "jsonl"):
                handle.seek(0)
                yield from _rows(name, handle, kind, detect_encoding(head))
                return
            data = head + handle.read()
    except OSError as exc:
        yield Rejection(name, None, f"cannot read: {exc.strerror or exc}")
        return
    yield Source(name, None, data, kind)


def _from_bytes(name: str, data: bytes) -> Iterator[Source | Rejection]:
    kind = _container("", data[:_SAMPLE])
    if kind in ("csv", "jsonl"):
        yield from _rows(name, io.BytesIO(data), kind, detect_encoding(data[:_SAMPLE]))
    else:
        yield Source(name, None, data, kind)


def _container(suffix: str, head: bytes) -> str:
    """Return how a file holds cables: `pdf`, `csv`, `jsonl` (row per cable) or `file`."""
    if head.startswith(b"%PDF"):
        return "pdf"
    if looks_binary(head):
        return "file"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if start == b"{" and suffix not in (".txt", ".html", ".htm"):
        return "jsonl"
    if suffix == ".csv" or (suffix not in (".txt", ".html", ".htm") and _looks_like_csv(head)):
        return "csv"
    return "file"


def _looks_like_csv(head: bytes) -> bool:
    first = head.split(b"\n", 1)[0]
    return first.startswith(b'"') and first.count(b'","') >= 3


def _rows(name: str, handle: BinaryIO, kind: str, encoding: str) -> Iterator[Source | Rejection]:
    stream = io.TextIOWrapper(handle, encoding=encoding, errors="replace", newline="")
    if kind == "jsonl":
        yield from _json_rows(name, stream)
    else:
        yield from _csv_rows(name, stream)


def _json_rows(name: str, stream: TextIO) -> Iterator[Source | Rejection]:
    row = 0
    pending = ""
    for line in stream:
        if not line.strip() and not pending:
            continue
        if not pending:
            row += 1
        pending += line
        # A pretty-printed object spans lines: gather lines until they parse (bounded).
        try:
            json.loads(pending)
        except ValueError:
            if len(pending) < 4_000_000 and pending.lstrip().startswith("{"):
                continue
            yield Rejection(name, row, "broken JSON record")
            pending = ""
            continue
        yield Source(name, row, pending, "jsonl")
        pending = ""
    if pending.strip():
        yield Rejection(name, row, "truncated JSON record at end of file")


def _csv_rows(name: str, stream: TextIO) -> Iterator[Source | Rejection]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    reader = csv.reader(stream, escapechar="\\", strict=False)
    row = 0
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            row += 1
            yield Rejection(name, row, f"broken CSV row: {exc}")
            continue
        row += 1
        if not any(f.strip() for f in fields) or (row == 1 and _is_header_row(fields)):
            continue
        yield Source(name, row, "\x00".join(fields), "csv")


def _is_header_row(fields: list[str]) -> bool:
    names = {f.strip().lower() for f in fields}
    return bool(names & {"date", "origin", "classification", "content", "body"})
