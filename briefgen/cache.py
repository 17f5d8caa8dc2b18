"""Find the folder where briefgen keeps work it can redo: compiled templates, packed fonts.

Each briefing is a fresh process; compiling the packaged templates and deflating the fonts a
DOCX embeds cost about a tenth of a second every time, for the same result. The results are
kept under `$BRIEFGEN_CACHE_DIR`, else the user cache folder (platformdirs:
`~/.cache/briefgen` on Linux), in a folder named for briefgen's version (so an upgrade
never reads an older layout).
`BRIEFGEN_CACHE_DIR=off` turns the cache off. A folder that cannot be made or written is
no error: the work is then done each time, as without a cache.

Callers name an entry by what it is made from (the content's hash, the versions that shape
it), so a changed input is a new key. Each entry is written whole (aside, then renamed) and
carries a digest of its bytes, so a damaged file reads as missing: the work is done again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from functools import cache
from pathlib import Path

CACHE_ENV = "BRIEFGEN_CACHE_DIR"
"""Where the cache lives (`off`: no cache)."""

_MARK = b"briefgen cache 1\n"
_DIGEST_SIZE = 16


@cache
def cache_dir(name: str) -> Path | None:
    """Return the cache folder `name` (made, private to the user), or None without one."""
    from briefgen import __version__

    chosen = os.environ.get(CACHE_ENV, "")
    if chosen.lower() == "off":
        return None
    if chosen:
        root = Path(chosen)
    else:
        import platformdirs

        root = Path(platformdirs.user_cache_dir("briefgen", appauthor=False))
    folder = root / __version__ / name
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    return folder if os.access(folder, os.W_OK | os.X_OK) else None


def read_cached(name: str, key: str) -> bytes | None:
    """Return the bytes kept under `key` in cache folder `name`, or None (also when the file
    is damaged: its digest does not match)."""
    folder = cache_dir(name)
    if folder is None:
        return None
    try:
        kept = (folder / key).read_bytes()
    except OSError:
        return None
    start = len(_MARK) + _DIGEST_SIZE
    if not kept.startswith(_MARK) or kept[len(_MARK) : start] != _digest(kept[start:]):
        return None
    return kept[start:]


def write_cached(name: str, key: str, data: bytes) -> None:
    """Keep `data` under `key` in cache folder `name`, whole or not at all (a failure is
    ignored: the cache only saves time)."""
    folder = cache_dir(name)
    if folder is None:
        return
    try:
        # Written aside, then renamed: a reader never sees half a file.
        handle, part = tempfile.mkstemp(dir=folder, prefix=".part-")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(_MARK + _digest(data) + data)
        os.replace(part, folder / key)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(part)


def _digest(data: bytes) -> bytes:
    """Return the digest an entry carries (BLAKE2b: a damaged file is told for the cost of
    reading it, far below redoing the work)."""
    return hashlib.blake2b(data, digest_size=_DIGEST_SIZE).digest()
