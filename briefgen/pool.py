"""Run one function over many items on worker processes: results in input order, memory bounded,
a dead or stuck worker replaced without losing the other items.

The one process pool of briefgen: parsing (read, store), extraction (facts) and batch runs all
go through `ordered_map`. Callers decide when a pool is worth starting; a short input is
cheaper to work through in the calling process.

Each worker holds one task (a chunk of items) at a time, so the pool always knows which task a
worker was running when it died or ran past its time: that task alone fails (a chunk of several
items is first retried item by item, to find the one at fault), and a new worker takes the
place of the old one. A thread of the calling process reads results as they come, so workers
never wait for the caller.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import count, islice
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

from briefgen.errors import BriefgenError

T = TypeVar("T")
R = TypeVar("R")

CHUNKS_PER_WORKER = 4
"""Chunks queued per worker: workers never wait for the caller, and memory stays bounded."""
RETRIES = 1
"""How many times an item whose worker died is tried again (a worker killed from outside is
no fault of the item; an item that kills its worker twice fails)."""
START_FAILURES = 3
"""Workers dying before their first result, one after another, that mean none will start."""


class WorkerError(BriefgenError):
    """A worker process died (killed, out of memory, crashed) while working on an item."""


class WorkerTimeout(WorkerError):
    """A task ran longer than the pool's timeout; its worker was stopped."""


def ordered_map(
    func: Callable[[T], R],
    items: Iterable[T],
    workers: int,
    *,
    chunk: int = 1,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
    failed: Callable[[T, BaseException], R] | None = None,
    timeout: float | None = None,
) -> Iterator[R]:
    """Yield `func(item)` for every item, in input order, computed on `workers` processes.

    Items travel `chunk` at a time; at most CHUNKS_PER_WORKER chunks per worker are in flight,
    so a long input never sits in memory whole. `func` and `initializer` must be module-level
    functions (they are pickled); `initializer(*initargs)` runs once in each worker.

    An item whose worker died is tried again (RETRIES times); one whose chunk ran longer than
    `timeout` seconds has its worker stopped. Such an item, or a chunk in which `func` raised,
    gives `failed(item, error)` for each item when `failed` is given, else raises the error
    (WorkerError, WorkerTimeout, or what `func` raised). Workers ignore Ctrl-C from their first
    instant: the caller handles it, and stops them.
    """
    pool: _Pool[T, R] = _Pool(func, max(1, workers), initializer, initargs, timeout)
    window = max(1, workers) * CHUNKS_PER_WORKER
    stream = iter(items)
    submitted = 0
    exhausted = False
    try:
        for seq in count():
            while not exhausted and submitted - seq < window:
                block = list(islice(stream, chunk))
                if not block:
                    exhausted = True
                else:
                    pool.submit(submitted, block)
                    submitted += 1
            if seq >= submitted:
                return
            for item, (ok, value) in zip(*pool.result(seq), strict=True):
                if ok:
                    yield value
                elif failed is not None:
                    yield failed(item, value)
                else:
                    raise value
    finally:
        pool.close()


Outcome = tuple[bool, Any]
"""(True, result) or (False, the exception) for one item."""


@dataclass(slots=True)
class _Task(Generic[T]):
    """Items of one chunk (or one item of it, when retried alone) and where they go."""

    seq: int
    start: int
    items: list[T]
    attempts: int = 0


@dataclass(slots=True)
class _Worker(Generic[T]):
    process: BaseProcess
    conn: Connection
    ready: bool = False
    task: _Task[T] | None = None
    deadline: float = float("inf")


@dataclass(slots=True)
class _Slot(Generic[T]):
    """The outcomes of one submitted chunk as they arrive."""

    items: list[T]
    outcomes: list[Outcome | None] = field(default_factory=list)

    def complete(self) -> bool:
        return all(o is not None for o in self.outcomes)


class _Pool(Generic[T, R]):
    """The workers, the tasks waiting for one, and a thread reading what workers send."""

    def __init__(
        self,
        func: Callable[[T], R],
        size: int,
        initializer: Callable[..., None] | None,
        initargs: tuple[Any, ...],
        timeout: float | None,
    ) -> None:
        # spawn, not fork: callers hold open SQLite connections, and the CLI's progress bars
        # run a thread; a forked child could inherit a lock held by either.
        self._context = multiprocessing.get_context("spawn")
        self._func, self._size = func, size
        self._initializer, self._initargs, self._timeout = initializer, initargs, timeout
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._todo: deque[_Task[T]] = deque()
        self._slots: dict[int, _Slot[T]] = {}
        self._workers: list[_Worker[T]] = []
        self._fatal: BaseException | None = None
        self._start_failures = 0
        self._stopping = False
        self._wake_reader, self._wake_writer = multiprocessing.Pipe(duplex=False)
        self._thread: threading.Thread | None = None

    # --- the calling thread ------------------------------------------------------------------

    def submit(self, seq: int, items: list[T]) -> None:
        """Queue one chunk; start the workers on the first."""
        with self._lock:
            self._slots[seq] = _Slot(items, [None] * len(items))
            self._todo.append(_Task(seq, 0, items))
        self._fill()
        self._wake()

    def result(self, seq: int) -> tuple[list[T], list[Outcome]]:
        """Wait for chunk `seq`; return its items and their outcomes."""
        while True:
            with self._lock:
                slot = self._slots[seq]
                if self._fatal is not None:
                    raise self._fatal
                if slot.complete():
                    del self._slots[seq]
                    return slot.items, [o for o in slot.outcomes if o is not None]
                if len(self._workers) >= self._size or not self._todo:
                    self._changed.wait(0.5)
                    continue
            self._fill()  # a worker died: start its successor here (see _start)
            self._wake()

    def close(self) -> None:
        """Stop the reading thread and every worker (at once: their tasks are not awaited)."""
        with self._lock:
            self._stopping = True
        self._wake()
        if self._thread is not None:
            self._thread.join()
        for worker in self._workers:
            if worker.task is not None:
                _stop(worker.process)  # interrupted, or an error: its task is not awaited
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        deadline = time.monotonic() + 1.0
        for worker in self._workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            _stop(worker.process)
            worker.conn.close()
        self._wake_reader.close()
        self._wake_writer.close()

    def _fill(self) -> None:
        """Start workers up to the pool's size while there is work for them."""
        while True:
            with self._lock:
                wanted = len(self._workers) < min(self._size, len(self._todo) + self._busy())
                if not wanted or self._stopping or self._fatal is not None:
                    return
            worker = self._start()
            with self._lock:
                self._workers.append(worker)
            if self._thread is None:
                self._thread = threading.Thread(target=self._read, daemon=True)
                self._thread.start()

    def _start(self) -> _Worker[T]:
        """Start one worker process, which ignores Ctrl-C from its first instant."""
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_work, args=(child, self._func, self._initializer, self._initargs)
        )
        # A terminal's Ctrl-C reaches every process of the group. A child started while this
        # process ignores SIGINT ignores it too, through its start-up (imports, unpickling)
        # and after: Python keeps an ignored SIGINT ignored. Only the main thread sets handlers.
        main = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
        try:
            process.start()
        finally:
            if main and previous is not None:
                signal.signal(signal.SIGINT, previous)
        child.close()
        return _Worker(process, parent)

    def _wake(self) -> None:
        with contextlib.suppress(OSError):
            self._wake_writer.send_bytes(b".")

    def _busy(self) -> int:
        return sum(worker.task is not None for worker in self._workers)

    # --- the reading thread ------------------------------------------------------------------

    def _read(self) -> None:
        """Run _serve; should it fail, hand the error to the calling thread instead of hanging."""
        try:
            self._serve()
        except BaseException as exc:
            with self._lock:
                self._fatal = exc
                self._changed.notify_all()

    def _serve(self) -> None:
        """Hand tasks to ready workers, read what they send, and replace dead or stuck ones."""
        while True:
            with self._lock:
                if self._stopping:
                    return
                self._dispatch()
                watched: list[Any] = [self._wake_reader]
                for worker in self._workers:
                    watched += [worker.conn, worker.process.sentinel]
                soonest = min((w.deadline for w in self._workers), default=float("inf"))
            pause = None if soonest == float("inf") else max(0.0, soonest - time.monotonic())
            ready = wait(watched, pause)
            with self._lock:
                if self._wake_reader in ready:
                    while self._wake_reader.poll():
                        self._wake_reader.recv_bytes()
                for worker in list(self._workers):
                    self._check(worker, ready)
                self._changed.notify_all()

    def _dispatch(self) -> None:
        for worker in self._workers:
            if worker.ready and worker.task is None and self._todo:
                task = self._todo.popleft()
                try:
                    worker.conn.send((task.start, task.items))
                except OSError:
                    self._todo.appendleft(task)
                    continue  # it died: _check sees its sentinel
                worker.task = task
                if self._timeout is not None:
                    worker.deadline = time.monotonic() + self._timeout

    def _check(self, worker: _Worker[T], ready: list[Any]) -> None:
        """Take what `worker` sent, or handle its death or its running past the deadline."""
        if worker.conn in ready or worker.process.sentinel in ready:
            try:
                while worker.conn.poll():
                    self._receive(worker, worker.conn.recv())
            except (EOFError, OSError):
                pass
            except Exception as exc:  # a reply that cannot be unpickled here
                unread = RuntimeError(f"a reply cannot be read: {type(exc).__name__}: {exc}")
                self._receive(worker, ("raised", unread))
            if worker.process.sentinel in ready or not worker.process.is_alive():
                self._lost(worker)
        elif worker.task is not None and time.monotonic() >= worker.deadline:
            task = worker.task
            self._retire(worker)
            error = WorkerTimeout(f"took longer than {self._timeout:g} s; its worker was stopped")
            self._settle(task, [(False, error)] * len(task.items))

    def _receive(self, worker: _Worker[T], message: Any) -> None:
        kind, payload = message
        if kind == "ready":
            worker.ready = True
            self._start_failures = 0
        elif kind == "init-failed":
            self._fatal = payload
        elif worker.task is not None:
            task, worker.task, worker.deadline = worker.task, None, float("inf")
            if kind == "done":
                self._settle(task, [(True, value) for value in payload])
            else:  # func raised: the whole chunk fails with its error, as a chunk is one call
                self._settle(task, [(False, payload)] * len(task.items))

    def _lost(self, worker: _Worker[T]) -> None:
        """Replace a worker that died, and try its task again (item by item) or fail it."""
        task = worker.task
        code = worker.process.exitcode
        self._retire(worker)
        if not worker.ready:
            self._start_failures += 1
            if self._start_failures >= START_FAILURES and self._fatal is None:
                self._fatal = WorkerError(
                    f"worker processes die as they start (exit code {code}); see the messages above"
                )
        if task is None:
            return
        if len(task.items) > 1:
            # One of them killed it, or nothing did: try each on its own.
            singles = [
                _Task(task.seq, task.start + i, [item], task.attempts)
                for i, item in enumerate(task.items)
            ]
            self._todo.extendleft(reversed(singles))
        elif task.attempts < RETRIES:
            self._todo.appendleft(_Task(task.seq, task.start, task.items, task.attempts + 1))
        else:
            error = WorkerError(f"its worker process died (exit code {code}) twice")
            self._settle(task, [(False, error)])

    def _retire(self, worker: _Worker[T]) -> None:
        _stop(worker.process)
        worker.conn.close()
        self._workers.remove(worker)

    def _settle(self, task: _Task[T], outcomes: list[Outcome]) -> None:
        slot = self._slots.get(task.seq)
        if slot is not None:
            slot.outcomes[task.start : task.start + len(outcomes)] = outcomes


def _stop(process: BaseProcess) -> None:
    """End a worker now: SIGTERM, then SIGKILL if it lingers."""
    if process.is_alive():
        process.terminate()
        process.join(1.0)
    if process.is_alive():
        process.kill()
        process.join()


# --- in the worker process --------------------------------------------------------------------


def _work(
    conn: Connection,
    func: Callable[[Any], Any],
    initializer: Callable[..., None] | None,
    initargs: tuple[Any, ...],
) -> None:
    """Run tasks from `conn` until told to stop (None) or the caller is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # already ignored from the start; stay so
    if initializer is not None:
        try:
            initializer(*initargs)
        except Exception as exc:
            _send(conn, ("init-failed", exc))
            return
    _send(conn, ("ready", None))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        _start, items = message
        try:
            reply: tuple[str, Any] = ("done", [func(item) for item in items])
        except Exception as exc:
            reply = ("raised", exc)
        _send(conn, reply)


def _send(conn: Connection, message: tuple[str, Any]) -> None:
    """Send a reply; an error or result that cannot be pickled is sent as its description."""
    try:
        conn.send(message)
    except (EOFError, OSError):
        return
    except Exception as exc:  # pickling failed
        kind, payload = message
        if kind == "done":
            error = RuntimeError(f"a result cannot be sent back: {type(exc).__name__}: {exc}")
        else:
            error = RuntimeError(f"{type(payload).__name__}: {payload}")
        with contextlib.suppress(EOFError, OSError):
            conn.send(("raised" if kind != "init-failed" else kind, error))
