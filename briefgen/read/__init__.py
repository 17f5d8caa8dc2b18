"""Read cables in every format users hold them in, and clean them into Cable records.

iter_sources(paths)        cheap, streaming: one Source (or Rejection) per cable input
parse_source(source)       the CPU work, picklable: Cable or Rejection, never raises
read_paths(paths, workers) both together, in input order
read_text(text, path)      one cable's text -> Cable, or ReadError
merge_copies(held, other)  one cable of two copies of it (most complete text, most specific marking)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from briefgen.models import Cable, Rejection
from briefgen.read.copies import merge_copies
from briefgen.read.parse import parse_source, read_text
from briefgen.read.sources import Source, iter_sources

__all__ = ["Source", "iter_sources", "merge_copies", "parse_source", "read_paths", "read_text"]


def read_paths(paths: Iterable[str | Path], *, workers: int = 1) -> Iterator[Cable | Rejection]:
    """Yield a Cable or Rejection per cable input, in input order; never raises for bad input."""
    sources = iter_sources(paths)
    if workers <= 1:
        for item in sources:
            yield item if isinstance(item, Rejection) else parse_source(item)
        return
    from briefgen.read.pool import parse_in_pool

    yield from parse_in_pool(sources, workers)
