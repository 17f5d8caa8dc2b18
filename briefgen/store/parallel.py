"""Parse inputs on every core, or on a Dask cluster, in input order, with a bounded number of
cables in flight."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from itertools import chain, islice
from typing import TYPE_CHECKING

from briefgen.models import Cable, Rejection
from briefgen.pool import ordered_map
from briefgen.store.prepare import Parsed, prepare

if TYPE_CHECKING:
    from briefgen.cluster import Cluster
    from briefgen.read import Source
    from briefgen.store.corpus import Corpus
    from briefgen.store.records import IngestReport

BLOCK = 64
"""Sources sent to a worker at a time: large enough to amortize pickling, small for memory."""
CLUSTER_BLOCK = 512
"""Sources sent to a cluster worker at a time (one Dask task, about a second of parsing): a task
costs the client and scheduler milliseconds, parsing a source one or two."""


def iter_sources(paths: Iterable[str]) -> Iterator[Source | Rejection]:
    """Return the reader's stream of sources and rejections for these paths (cheap, lazy)."""
    from briefgen.read import iter_sources as read_sources

    return iter(read_sources(list(paths)))


def parse_one(item: Source | Rejection) -> Parsed:
    """Parse one source and prepare its rows (run in a worker process); never raises."""
    from briefgen.read import parse_source

    if isinstance(item, Rejection):
        return item
    try:
        result = parse_source(item)
    except Exception as exc:  # one bad input must never stop the batch
        reason = f"reader failed: {type(exc).__name__}: {exc}"
        result = Rejection(item.path or "-", item.row, reason)
    return prepare(result) if isinstance(result, Cable) else result


def ingest_on_cluster(
    location: str,
    items: Iterable[Source | Rejection],
    cluster: Cluster,
    progress: Callable[[IngestReport], None] | None = None,
) -> IngestReport:
    """Parse and store every input on the cluster's workers, each writing its batches into the
    corpus at `location` (a database every worker reaches); return the counts.

    A batch is one transaction of its worker: one whose worker died is rolled back by the
    server and done again by another, so no cable is lost or doubled (a batch whose worker
    died after its commit counts as unchanged the second time).
    """
    from briefgen.store.ingest import batches
    from briefgen.store.records import IngestReport

    added = updated = unchanged = 0
    rejections: list[Rejection] = []
    blocks = batches(items, CLUSTER_BLOCK)
    for report in cluster.map(partial(write_block, location), blocks):
        added += report.added
        updated += report.updated
        unchanged += report.unchanged
        rejections.extend(report.rejections)
        if progress is not None:
            progress(IngestReport(added, updated, unchanged, len(rejections)))
    return IngestReport(added, updated, unchanged, len(rejections), tuple(rejections))


_OPENED: dict[str, Corpus] = {}
"""The corpus each cluster worker process writes to, opened once."""


def write_block(location: str, items: list[Source | Rejection]) -> IngestReport:
    """Parse a batch of inputs and write it into the corpus at `location` (on a worker)."""
    from briefgen.store.corpus import Corpus
    from briefgen.store.ingest import write_all

    corpus = _OPENED.get(location)
    if corpus is None:
        corpus = _OPENED[location] = Corpus.open(location, create=False)
    return write_all(corpus.connection, map(parse_one, items))


def parse_stream(
    items: Iterable[Source | Rejection], workers: int, cluster: Cluster | None = None
) -> Iterator[Parsed]:
    """Yield every input parsed, in input order, on `cluster` when given, else using `workers`
    processes when worth it.

    A short input (under one block) is parsed in this process: starting workers would cost
    more than it saves. A cluster, already running, is always used.
    """
    if cluster is not None:
        yield from cluster.map(parse_one, items, chunk=CLUSTER_BLOCK)
        return
    stream = iter(items)
    first = list(islice(stream, BLOCK))
    if workers <= 1 or len(first) < BLOCK:
        yield from map(parse_one, chain(first, stream))
    else:
        yield from ordered_map(parse_one, chain(first, stream), workers, chunk=BLOCK)
