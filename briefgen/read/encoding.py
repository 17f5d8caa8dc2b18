"""Decode cable bytes: detect BOMs, UTF-8, Windows-1252 and Latin-1 instead of guessing blindly."""

from __future__ import annotations

import codecs
import io
import itertools
from collections.abc import Iterator
from typing import BinaryIO

from briefgen.errors import ReadError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BOM_STARTS = tuple(bom for bom, _ in _BOMS)
# Bytes Windows-1252 leaves undefined: a text holding them is Latin-1 (or not text).
_CP1252_HOLES = frozenset(b"\x81\x8d\x8f\x90\x9d")
# Control bytes that never occur in a text file (tab, newlines, form feed are fine).
_CONTROL_BYTES = bytes(sorted(set(range(0, 32)) - {9, 10, 12, 13}))
# Every byte but 0x80-0x9F, where cp1252 and latin-1 differ.
_NOT_C1_BYTES = bytes(byte for byte in range(256) if not 0x80 <= byte <= 0x9F)


def detect_encoding(data: bytes) -> str:
    """Return the encoding of `data`: its BOM's, else UTF-8 if valid, else cp1252 or latin-1."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut by the end of a sample is still UTF-8.
        if exc.start < len(data) - 3 or exc.reason != "unexpected end of data":
            return _single_byte(data)
    return "utf-8"


def _single_byte(data: bytes) -> str:
    """Return cp1252 when bytes 0x80-0x9F are its printable characters, else latin-1."""
    # The other bytes deleted at C speed: a loop over every byte of a page cost milliseconds.
    high = set(data.translate(None, _NOT_C1_BYTES))
    if high and not high & _CP1252_HOLES:
        return "cp1252"
    # Without 0x80-0x9F the two agree; with cp1252's undefined bytes only latin-1 decodes.
    return "latin-1"


def looks_binary(data: bytes) -> bool:
    """Tell whether bytes are binary rather than text (NUL bytes or many control bytes)."""
    sample = data[:8192]
    if not sample:
        return False
    if any(sample.startswith(bom) for bom, _ in _BOMS[1:]):
        return False
    if b"\x00" in sample:
        # Binary files hold NUL bytes by the hundred; a text may hold a stray one or two.
        nuls = sample.count(b"\x00")
        if nuls > 2 + len(sample) // 1000:
            return True
    # Control bytes are counted in the first 2 KB: as telling as 8 KB, at a quarter of the cost.
    sample = sample[:2048]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > len(sample) // 100 + 2


def decode(data: bytes, path: str | None = None, row: int | None = None) -> str:
    """Return the text of cable bytes, or raise ReadError for empty or binary input."""
    if not data[:4096].strip() and not data.strip():
        raise ReadError("empty input", path, row)
    if looks_binary(data):
        raise ReadError("binary data, not a text cable", path, row)
    if not data.startswith(_BOM_STARTS):
        # Nearly every cable is UTF-8: decoding it once is the test and the result.
        try:
            return _without_nul(data.decode("utf-8"))
        except UnicodeDecodeError:
            pass
    encoding = detect_encoding(data)
    try:
        return _without_nul(data.decode(encoding))
    except UnicodeDecodeError as exc:
        raise ReadError(f"cannot decode as {encoding}: {exc.reason}", path, row) from None


def _without_nul(text: str) -> str:
    """Drop stray NUL characters (a text cable never means one)."""
    return text.replace("\x00", "") if "\x00" in text else text


_BLOCK = 1 << 20
_MAX_LINE = 64 * 1024 * 1024


def decode_lines(handle: BinaryIO, encoding: str) -> Iterator[str]:
    """Return the lines of a rows file (CSV, JSON Lines), each with its line end, as text.

    Decoded a block at a time as UTF-8; a line that is not UTF-8 (a Latin-1 row after
    megabytes of UTF-8, or every line of a cp1252 file) is decoded on its own, as cp1252 or
    Latin-1, instead of becoming U+FFFD. UTF-16 and UTF-32 files (with a BOM) are decoded as
    a stream. NUL bytes are dropped: no cable holds one, and a
    stray one must not end a field. Lines longer than 64 MB are cut (the CSV field limit then
    rejects the row).
    """
    if encoding not in ("utf-8", "utf-8-sig", "cp1252", "latin-1"):
        return _stream_lines(handle, encoding)
    # The lines of each block are handed on by a C iterator: a Python generator resumed for
    # every line cost more than the CSV reader's own work on it.
    return itertools.chain.from_iterable(_block_lines(handle))


def _stream_lines(handle: BinaryIO, encoding: str) -> Iterator[str]:
    """Yield the lines of a UTF-16 or UTF-32 file (with a BOM), decoded as a stream.

    Such files cannot be split at newline bytes.
    """
    stream = io.TextIOWrapper(handle, encoding=encoding, errors="replace", newline="")
    for line in stream:
        yield line.replace("\x00", "") if "\x00" in line else line


def _block_lines(handle: BinaryIO) -> Iterator[list[str]]:
    """Yield the lines of each block of a UTF-8 (or single-byte) file, a list per block."""
    pending = b""
    first = True
    while True:
        block = handle.read(_BLOCK)
        if not block:
            break
        data = pending + block if pending else block
        cut = data.rfind(b"\n") + 1
        if cut == 0 and len(data) < _MAX_LINE:
            pending = data
            continue
        cut = cut or len(data)
        pending = data[cut:]
        text = _decode_block(data[:cut])
        if first:
            first = False
            if text.startswith("\ufeff"):
                text = text[1:]
        yield _lines(text)
    if pending:
        text = _decode_block(pending)
        yield _lines(text[1:] if first and text.startswith("\ufeff") else text)


def _decode_block(data: bytes) -> str:
    """Decode whole lines of bytes as UTF-8; a line that is not UTF-8 is decoded on its own."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        parts = []
        for line in data.split(b"\n"):
            try:
                parts.append(line.decode("utf-8"))
            except UnicodeDecodeError:
                parts.append(line.decode(_single_byte(line)))
        text = "\n".join(parts)
    return text.replace("\x00", "") if "\x00" in text else text


def _lines(text: str) -> list[str]:
    """Split text at newlines only, keeping them (str.splitlines also splits at U+2028...)."""
    if "\r" in text and "\n" not in text:
        text = text.replace("\r", "\n")  # old Mac line ends: no newline in the whole file
    lines = text.split("\n")
    last = lines.pop()
    return [line + "\n" for line in lines] + ([last] if last else [])
