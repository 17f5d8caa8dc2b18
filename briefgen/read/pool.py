"""Parse sources in worker processes while keeping input order and bounded memory."""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from briefgen.models import Cable, Rejection
from briefgen.read.parse import parse_source
from briefgen.read.sources import Source


def parse_in_pool(
    sources: Iterable[Source | Rejection], workers: int, chunk: int = 64
) -> Iterator[Cable | Rejection]:
    """Yield parse_source of each source in input order, using `workers` processes."""
    window = workers * 4
    pending: deque[Future[list[Cable | Rejection]] | list[Cable | Rejection]] = deque()
    batch: list[Source | Rejection] = []
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:

        def flush() -> None:
            pending.append(pool.submit(_parse_batch, list(batch)))
            batch.clear()

        for item in sources:
            batch.append(item)
            if len(batch) >= chunk:
                flush()
                while len(pending) > window:
                    yield from _result(pending.popleft())
        if batch:
            flush()
        while pending:
            yield from _result(pending.popleft())


def _result(
    item: Future[list[Cable | Rejection]] | list[Cable | Rejection],
) -> list[Cable | Rejection]:
    return item if isinstance(item, list) else item.result()


def _parse_batch(batch: list[Source | Rejection]) -> list[Cable | Rejection]:
    return [item if isinstance(item, Rejection) else parse_source(item) for item in batch]
