"""Find the folder where briefgen keeps work it can redo: compiled templates, packed fonts.

Each briefing is a fresh process; compiling the packaged templates and deflating the fonts a
DOCX embeds cost about a tenth of a second every time, for the same result. The results are
kept under `$BRIEFGEN_CACHE_DIR`, else the user cache folder (platformdirs:
`~/.cache/briefgen` on Linux), in a folder named for briefgen's version (so an upgrade
never reads an older layout).
`BRIEFGEN_CACHE_DIR=off` turns the cache off. A folder that cannot be made or written is
no error: the work is then done each time, as without a cache.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from functools import cache
from pathlib import Path

CACHE_ENV = "BRIEFGEN_CACHE_DIR"
"""Where the cache lives (`off`: no cache)."""


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
    """Return the bytes kept under `key` in cache folder `name`, or None."""
    folder = cache_dir(name)
    if folder is None:
        return None
    try:
        return (folder / key).read_bytes()
    except OSError:
        return None


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
            out.write(data)
        os.replace(part, folder / key)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(part)
