"""Parse sources in worker processes while keeping input order and bounded memory."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from briefgen.models import Cable, Rejection
from briefgen.pool import ordered_map
from briefgen.read.parse import parse_source
from briefgen.read.sources import Source


def parse_in_pool(
    sources: Iterable[Source | Rejection], workers: int, chunk: int = 64
) -> Iterator[Cable | Rejection]:
    """Yield parse_source of each source in input order, using `workers` processes."""
    return ordered_map(_parse, sources, workers, chunk=chunk)


def _parse(item: Source | Rejection) -> Cable | Rejection:
    return item if isinstance(item, Rejection) else parse_source(item)
