"""Parse inputs on every core, in input order, with a bounded number of cables in flight."""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from multiprocessing.pool import AsyncResult
from typing import TYPE_CHECKING

from briefgen.models import Cable, Rejection
from briefgen.store.prepare import Parsed, prepare

if TYPE_CHECKING:
    from briefgen.read import Source

BLOCK = 64
"""Sources sent to a worker at a time: large enough to amortize pickling, small for memory."""
BLOCKS_PER_WORKER = 4
"""Blocks queued per worker, so workers never wait for the writer and memory stays bounded."""


def iter_sources(paths: Iterable[str]) -> Iterator[Source | Rejection]:
    """Return the reader's stream of sources and rejections for these paths (cheap, lazy)."""
    from briefgen.read import iter_sources as read_sources

    return iter(read_sources(list(paths)))


def parse_block(block: list[Source | Rejection]) -> list[Parsed]:
    """Parse a block of sources and prepare each cable's rows (run in a worker process)."""
    from briefgen.read import parse_source

    out: list[Parsed] = []
    for item in block:
        if isinstance(item, Rejection):
            out.append(item)
            continue
        try:
            result = parse_source(item)
        except Exception as exc:  # one bad input must never stop the batch
            reason = f"reader failed: {type(exc).__name__}: {exc}"
            result = Rejection(item.path or "-", item.row, reason)
        out.append(prepare(result) if isinstance(result, Cable) else result)
    return out


def parse_stream(items: Iterable[Source | Rejection], workers: int) -> Iterator[Parsed]:
    """Yield every input parsed, in input order, using `workers` processes when worth it.

    A short input (under one block) is parsed in this process: starting workers would cost
    more than it saves.
    """
    stream = iter(items)
    first = list(islice(stream, BLOCK))
    if workers <= 1 or len(first) < BLOCK:
        yield from parse_block(first)
        while block := list(islice(stream, BLOCK)):
            yield from parse_block(block)
        return
    # spawn, not fork: the parent holds an open SQLite connection and maybe threads.
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_ignore_interrupts) as pool:
        pending: deque[AsyncResult[list[Parsed]]] = deque()
        pending.append(pool.apply_async(parse_block, (first,)))
        while block := list(islice(stream, BLOCK)):
            pending.append(pool.apply_async(parse_block, (block,)))
            while len(pending) >= workers * BLOCKS_PER_WORKER:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def _ignore_interrupts() -> None:
    """Leave Ctrl-C to the parent, which stops the pool; workers would only print tracebacks."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
