"""Run one function over many items on worker processes: results in input order, memory bounded.

The one process pool of briefgen: parsing (read, store), extraction (facts) and batch runs all
go through `ordered_map`. Callers decide when a pool is worth starting; a short input is
cheaper to work through in the calling process.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

CHUNKS_PER_WORKER = 4
"""Chunks queued per worker: workers never wait for the caller, and memory stays bounded."""


def ordered_map(
    func: Callable[[T], R],
    items: Iterable[T],
    workers: int,
    *,
    chunk: int = 1,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
    failed: Callable[[T, BaseException], R] | None = None,
) -> Iterator[R]:
    """Yield `func(item)` for every item, in input order, computed on `workers` processes.

    Items travel `chunk` at a time; at most CHUNKS_PER_WORKER chunks per worker are in flight,
    so a long input never sits in memory whole. `func` and `initializer` must be module-level
    functions (they are pickled); `initializer(*initargs)` runs once in each worker. A chunk
    whose worker failed (killed, out of memory) raises, unless `failed(item, error)` gives a
    result for each of its items. Workers leave Ctrl-C to this process, which stops the pool.
    """
    # spawn, not fork: callers hold open SQLite connections, and the CLI's progress bars run a
    # thread; a forked child could inherit a lock held by either.
    context = multiprocessing.get_context("spawn")
    window = max(1, workers) * CHUNKS_PER_WORKER
    stream = iter(items)
    pool = ProcessPoolExecutor(
        max_workers=max(1, workers),
        mp_context=context,
        initializer=_start_worker,
        initargs=(initializer, initargs),
    )
    pending: deque[tuple[list[T], Future[list[R]]]] = deque()
    try:
        while block := list(islice(stream, chunk)):
            pending.append((block, _submit(pool, func, block)))
            while len(pending) >= window:
                yield from _results(*pending.popleft(), failed)
        while pending:
            yield from _results(*pending.popleft(), failed)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _submit(pool: ProcessPoolExecutor, func: Callable[[T], R], block: list[T]) -> Future[list[R]]:
    try:
        return pool.submit(_run_chunk, func, block)
    except Exception as exc:
        # A worker died and broke the pool: the chunk fails where its results are collected.
        future: Future[list[R]] = Future()
        future.set_exception(exc)
        return future


def _results(
    block: list[T], future: Future[list[R]], failed: Callable[[T, BaseException], R] | None
) -> list[R]:
    try:
        return future.result()
    except Exception as exc:
        if failed is None:
            raise
        return [failed(item, exc) for item in block]


def _run_chunk(func: Callable[[T], R], block: list[T]) -> list[R]:
    return [func(item) for item in block]


def _start_worker(initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    # Ctrl-C is the parent's to handle; workers would only print tracebacks.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if initializer is not None:
        initializer(*initargs)
