"""Find the inputs: expand folders, stream CSV and JSON Lines rows, read stdin, sniff formats."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, cast

from briefgen.models import Rejection
from briefgen.read.encoding import decode_lines, detect_encoding, looks_binary

# Files in a cable folder that are not cables (a user's README, a download's manifest).
_SKIP_NAMES = {"readme", "readme.md", "readme.txt", "manifest.json", "license", "license.txt"}
_SKIP_SUFFIXES = {
    ".md",
    ".py",
    ".db",
    ".sqlite",
    ".zip",
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
MAX_FILE_BYTES = 32 * 1024 * 1024
"""The largest single-cable file read (the longest real cable pages are a few hundred KB)."""
MAX_ARRAY_BYTES = 1024 * 1024 * 1024
"""The largest JSON array file read (it is read whole; rows files are streamed, unbounded)."""
MAX_FIELD_CHARS = 16 * 1024 * 1024
"""The largest CSV field: more is an unterminated quote or not a cables.csv."""


@dataclass(frozen=True, slots=True)
class Source:
    """One input to parse: a whole file, or one row of a multi-cable file. Picklable."""

    path: str
    """The file it came from (`-` for stdin)."""
    row: int | None
    """The row of a CSV or JSON Lines file, counted from 1; None for a whole file."""
    data: bytes | str | tuple[str, ...]
    """The raw bytes of a file, the text of a JSON line, or a CSV row's fields."""
    format: str
    """The container format: `file` (sniffed when parsed), `pdf`, `csv` or `jsonl`."""


def iter_sources(paths: Iterable[str | Path]) -> Iterator[Source | Rejection]:
    """Yield a Source per cable input in order: folders expanded, multi-cable files by row."""
    for given in paths:
        name = str(given)
        if name == "-":
            try:
                yield from _from_stream("-", sys.stdin.buffer, "")
            except _BROKEN_GZIP as exc:
                yield Rejection(name, None, f"broken gzip file: {exc}")
            continue
        path = Path(name)
        if path.is_dir():
            files, unreadable = _folder_files(path)
            yield from unreadable
            if not files and not unreadable:
                yield Rejection(name, None, "folder holds no cable files")
            for file in files:
                yield from _from_file(file)
        elif path.is_file():
            yield from _from_file(path)
        elif path.exists():
            yield Rejection(name, None, "not a regular file")
        else:
            yield Rejection(name, None, "no such file or folder")


def _folder_files(folder: Path) -> tuple[list[Path], list[Rejection]]:
    """Return the cable files under a folder, sorted, and a rejection per unreadable folder.

    A subfolder that cannot be listed (no permission) is said, never skipped in silence.
    """
    files: list[Path] = []
    errors: list[Rejection] = []

    def unreadable(exc: OSError) -> None:
        where = exc.filename if exc.filename is not None else folder
        errors.append(Rejection(str(where), None, f"cannot read folder: {exc.strerror or exc}"))

    for top, dirs, names in os.walk(folder, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for file_name in names:
            file = Path(top, file_name)
            if _is_cable_file(file, folder) and file.is_file():
                files.append(file)
    return sorted(files), sorted(errors, key=lambda r: r.path)


def _is_cable_file(path: Path, folder: Path) -> bool:
    # Hidden files and folders (`.git`, `.DS_Store`) are never a user's cables.
    if any(part.startswith(".") for part in path.relative_to(folder).parts):
        return False
    return path.name.lower() not in _SKIP_NAMES and path.suffix.lower() not in _SKIP_SUFFIXES


def _from_file(path: Path) -> Iterator[Source | Rejection]:
    try:
        with path.open("rb") as handle:
            yield from _from_stream(str(path), handle, path.suffix.lower())
    except _BROKEN_GZIP as exc:
        yield Rejection(str(path), None, f"broken gzip file: {exc}")
    except OSError as exc:
        yield Rejection(str(path), None, f"cannot read: {exc.strerror or exc}")


_BROKEN_GZIP = (gzip.BadGzipFile, EOFError, zlib.error)
"""What reading a damaged or cut-off gzip file raises."""


def _from_stream(name: str, handle: BinaryIO, suffix: str) -> Iterator[Source | Rejection]:
    """Yield the sources of one open file or stream, streaming row files without seeking.

    What is read whole (a cable file, a JSON array) is read only up to a limit, stdin too: an
    endless stream (`briefgen parse - < /dev/zero`) is a rejection, not all the memory. A
    gzip file (`cables.csv.gz`) is read through as what it holds, within the same limits.
    """
    head = handle.read(_SAMPLE)
    if head.startswith(b"\x1f\x8b"):
        unpacked = cast(
            BinaryIO, gzip.GzipFile(fileobj=io.BufferedReader(_Prepended(head, handle)))
        )
        inner = name[:-3] if name.lower().endswith(".gz") else name
        yield from _from_stream(name, unpacked, Path(inner).suffix.lower())
        return
    kind = _container(suffix, head)
    if kind in ("csv", "jsonl"):
        stream = io.BufferedReader(_Prepended(head, handle))
        yield from _rows(name, stream, kind, detect_encoding(head))
        return
    limit = MAX_ARRAY_BYTES if kind == "json" else MAX_FILE_BYTES
    data = head + handle.read(limit + 1 - len(head)) if len(head) == _SAMPLE else head
    if len(data) > limit:
        what = "JSON array file" if kind == "json" else "input for one cable"
        reason = f"{what} larger than {limit // (1024 * 1024)} MB: not read"
        yield Rejection(name, None, reason)
    elif kind == "json":
        yield from _json_array(name, data)
    else:
        yield Source(name, None, data, kind)


class _Prepended(io.RawIOBase):
    """A read-only stream of `head` followed by the rest of `tail` (stdin cannot seek back)."""

    def __init__(self, head: bytes, tail: BinaryIO) -> None:
        self._head = memoryview(head)
        self._tail = tail

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        data = self._tail.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _json_array(name: str, data: bytes) -> Iterator[Source | Rejection]:
    """Yield one source per object of a JSON array file."""
    try:
        records = json.loads(data.decode(detect_encoding(data[:_SAMPLE]), errors="replace"))
    except ValueError as exc:
        yield Rejection(name, None, f"broken JSON: {exc}")
        return
    if not isinstance(records, list):
        yield Rejection(name, None, "JSON file is neither a cable object nor a list of them")
        return
    for row, record in enumerate(records, 1):
        yield Source(name, row, json.dumps(record, ensure_ascii=False), "jsonl")


def _container(suffix: str, head: bytes) -> str:
    """Return how a file holds cables: `pdf`, `csv`, `jsonl` (row per cable) or `file`."""
    if head.startswith(b"%PDF"):
        return "pdf"
    if looks_binary(head):
        return "file"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if start == b"{" and suffix not in (".txt", ".html", ".htm"):
        return "jsonl"
    if start == b"[" and suffix == ".json":
        return "json"
    if suffix == ".csv" or (suffix not in (".txt", ".html", ".htm") and _looks_like_csv(head)):
        return "csv"
    return "file"


def _looks_like_csv(head: bytes) -> bool:
    first = head.split(b"\n", 1)[0]
    return first.startswith(b'"') and first.count(b'","') >= 3


def _rows(name: str, handle: BinaryIO, kind: str, encoding: str) -> Iterator[Source | Rejection]:
    # Lines decoded one block at a time, a line in another encoding on its own (a Latin-1 row
    # after megabytes of UTF-8); NUL bytes dropped (a stray one must not end or shift a row).
    lines = decode_lines(handle, encoding)
    if kind == "jsonl":
        yield from _json_rows(name, lines)
    else:
        yield from _csv_rows(name, lines)


def _json_rows(name: str, stream: Iterable[str]) -> Iterator[Source | Rejection]:
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


def _csv_rows(name: str, stream: Iterable[str]) -> Iterator[Source | Rejection]:
    csv.field_size_limit(MAX_FIELD_CHARS)
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
        if len(fields) <= _RELEASE_FIELDS:
            yield Source(name, row, tuple(fields), "csv")
            continue
        # More fields than a cables.csv row has: an unterminated quote ran on into the next
        # row(s), which are split off again where their serial and date start.
        rows = _split_run_on(fields)
        for index, part in enumerate(rows):
            if index:
                row += 1
            if len(part) > _RELEASE_FIELDS:
                reason = (
                    f"broken CSV row: {len(part)} fields where a cables.csv row has 8 "
                    "(an unterminated quote?)"
                )
                yield Rejection(name, row, reason)
            else:
                yield Source(name, row, tuple(part), "csv")


_RELEASE_FIELDS = 8
_DATE_FIELD = re.compile(r"\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}$|\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}")
_ID_FIELD = re.compile(r"\d{2}[A-Z][A-Z0-9-]*\d$")


def _split_run_on(fields: list[str]) -> list[list[str]]:
    """Split a row that swallowed the rows after it back into rows of eight fields.

    An unquoted body's missing closing quote leaves the next row's serial glued to the end of
    the body (`...Text one.\\n\\n2"`), then that row's date and id as the next fields.
    """
    rows: list[list[str]] = []
    rest = fields
    while len(rest) > _RELEASE_FIELDS:
        last = rest[_RELEASE_FIELDS - 1]
        cut = last.rstrip("\n").rfind("\n")
        serial = last[cut + 1 :].strip().strip('"') if cut >= 0 else ""
        date, cable_id = rest[_RELEASE_FIELDS], rest[_RELEASE_FIELDS + 1 : _RELEASE_FIELDS + 2]
        if not (
            serial.isdigit()
            and _DATE_FIELD.match(date.strip())
            and cable_id
            and _ID_FIELD.match(cable_id[0].strip())
        ):
            break
        rows.append([*rest[: _RELEASE_FIELDS - 1], last[:cut].rstrip("\n") + "\n"])
        rest = [serial, *rest[_RELEASE_FIELDS:]]
    rows.append(rest)
    return rows


def _is_header_row(fields: list[str]) -> bool:
    names = {f.strip().lower() for f in fields}
    return bool(names & {"date", "origin", "classification", "content", "body"})
