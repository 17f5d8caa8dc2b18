"""Run one function over many items on a Dask cluster: batches out, results back in input order.

The cluster counterpart of pool.py's `ordered_map`, for corpora whose parsing and extraction
outgrow one machine. The caller connects once (`Cluster.connect("tcp://scheduler:8786")`, or
`"local"` for a LocalCluster of this machine's cores) and hands the Cluster to
`Corpus.ingest` or `update_facts`; they send their work here instead of to the process pool.

Items travel in batches of `chunk`, each one Dask task whose input is the batch itself (a
Source carries its bytes, a Cable its text), so workers on other machines need briefgen
installed but not the caller's files. A bounded window of batches is in flight; results are
taken in submission order, each exactly once, so the caller writes them in input order. A
worker lost mid-run costs nothing but time: the scheduler runs its batches again elsewhere,
and a batch's result is read once, whichever worker computed it.

`distributed` is imported on first connection: it costs a third of a second that commands not
using a cluster never pay.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError
from itertools import islice
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

from briefgen.errors import BriefgenError

if TYPE_CHECKING:
    from distributed import Client, Future, LocalCluster

T = TypeVar("T")
R = TypeVar("R")

LOCAL = "local"
"""The address that starts a LocalCluster of this machine's cores instead of connecting."""
CONNECT_TIMEOUT = 10.0
"""Seconds to wait for the scheduler before giving up on its address."""
BATCHES_PER_WORKER = 4
"""Batches in flight per worker: workers never wait for the caller, memory stays bounded."""
EXTRA = "pip install 'briefgen[cluster]'"
"""How to install what the cluster needs (the `cluster` extra: Dask's `distributed`)."""


class ClusterError(BriefgenError):
    """The Dask cluster could not be reached or started, or lost a batch for good."""


class Cluster:
    """A connection to a Dask scheduler (and the LocalCluster behind it, when started here).

    Used as a context manager it closes the connection at the end of the block, and stops the
    local cluster it started; a cluster someone else runs is left running.
    """

    def __init__(self, client: Client, local: LocalCluster | None = None) -> None:
        """Wrap a connected `distributed.Client`; use `Cluster.connect(address)` instead."""
        self.client = client
        """The Dask client: for anything this class does not do (the dashboard, scaling)."""
        self._local = local

    @classmethod
    def connect(
        cls, address: str, *, workers: int | None = None, timeout: float = CONNECT_TIMEOUT
    ) -> Cluster:
        """Connect to the scheduler at `address` (`tcp://host:8786`), or start a LocalCluster
        of `workers` processes (default: one per core) for `local`.

        Raise ClusterError when `distributed` is missing or the scheduler does not answer
        within `timeout` seconds.
        """
        try:
            import distributed
        except ImportError:
            raise ClusterError(
                f"running on a Dask cluster needs the `distributed` package: {EXTRA}"
            ) from None
        if address == LOCAL:
            return cls._start_local(distributed, workers or os.cpu_count() or 1)
        try:
            _check_address(distributed, address, timeout)
            client = distributed.Client(address, timeout=timeout, set_as_default=False)
        except (OSError, ValueError) as exc:
            # A refused address, an unknown host, a scheduler that does not answer.
            detail = " ".join(str(exc).split()) or type(exc).__name__
            raise ClusterError(f"cannot reach the Dask scheduler at {address}: {detail}") from None
        cluster = cls(client)
        try:
            cluster._check_workers()
        except BaseException:
            cluster.close()
            raise
        return cluster

    def _check_workers(self) -> None:
        """Raise ClusterError unless every worker runs the briefgen of this process: another
        version's rules would store other facts under this version's number."""
        from briefgen import __version__

        try:
            found = self.client.run(_briefgen_version)
        except Exception as exc:  # a worker without briefgen cannot unpickle the function
            raise ClusterError(
                f"the workers of {self.address} cannot run briefgen ({type(exc).__name__}: "
                f"{exc}): install the same briefgen on them"
            ) from None
        other = {worker: version for worker, version in found.items() if version != __version__}
        if other:
            worker, version = sorted(other.items())[0]
            raise ClusterError(
                f"the worker {worker} runs briefgen {version}, this is {__version__}: "
                "install the same briefgen on every worker"
            )

    @classmethod
    def _start_local(cls, distributed: Any, workers: int) -> Cluster:
        # A terminal's Ctrl-C reaches every process of the group: workers started while this
        # process ignores SIGINT ignore it too (as pool.py's do), so that this process alone
        # handles it, and no worker prints a traceback. Only the main thread sets handlers.
        main = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
        try:
            return cls._start_local_now(distributed, workers)
        finally:
            if main and previous is not None:
                signal.signal(signal.SIGINT, previous)

    @classmethod
    def _start_local_now(cls, distributed: Any, workers: int) -> Cluster:
        try:
            # Processes, not threads: extraction is pure Python and holds the GIL. The
            # scheduler's web server on any free local port: 8787 may be taken (by another
            # run), and a warning would say so. The scheduler logs in this process: a worker
            # lost and its batches redone is its business, not the user's (a batch lost for
            # good is a ClusterError).
            local = distributed.LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address="127.0.0.1:0",
                silence_logs=logging.CRITICAL,
            )
        except (OSError, RuntimeError) as exc:
            raise ClusterError(f"cannot start a local Dask cluster: {exc}") from None
        try:
            client = distributed.Client(local, set_as_default=False)
        except BaseException:
            local.close()
            raise
        return cls(client, local)

    @property
    def address(self) -> str:
        """Return the scheduler's address."""
        return str(self.client.scheduler.address)

    def workers(self) -> int:
        """Return how many tasks the cluster runs at once now (its workers' threads)."""
        return sum(self.client.nthreads().values())

    def map(self, func: Callable[[T], R], items: Iterable[T], *, chunk: int = 1) -> Iterator[R]:
        """Yield `func(item)` for every item, in input order, computed on the cluster.

        Items travel `chunk` at a time; at most BATCHES_PER_WORKER batches per worker (two
        workers at least: more may join) are in flight, so a long input never sits in memory
        whole. `func` must be picklable (a module-level function, or a partial of one). What
        `func` raises is raised here; a batch whose workers kept dying (Dask's
        `distributed.scheduler.allowed-failures`) raises ClusterError.
        """
        from distributed import KilledWorker

        window = max(2, self.workers()) * BATCHES_PER_WORKER
        stream = iter(items)
        pending: deque[Future] = deque()
        try:
            while True:
                while len(pending) < window and (batch := list(islice(stream, chunk))):
                    # pure=False: every batch is its own task, even two of equal content.
                    pending.append(self.client.submit(_run_batch, func, batch, pure=False))
                if not pending:
                    return
                future = pending.popleft()
                try:
                    results: list[R] = future.result()
                except KilledWorker as exc:
                    raise ClusterError(
                        f"a batch of {chunk} items stopped every worker it was sent to: {exc}"
                    ) from None
                except (CancelledError, OSError) as exc:
                    # The scheduler went away (or cancelled the task): nothing will come.
                    detail = " ".join(str(exc).split()) or type(exc).__name__
                    where = self.address
                    raise ClusterError(f"lost the Dask scheduler at {where}: {detail}") from None
                finally:
                    future.release()
                yield from results
        finally:
            if pending:
                self.client.cancel(list(pending))

    def close(self) -> None:
        """Close the connection, and stop the local cluster started by `connect("local")`."""
        self.client.close()
        if self._local is not None:
            self._local.close()

    def __enter__(self) -> Cluster:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _check_address(distributed: Any, address: str, timeout: float) -> None:
    """Raise ValueError or OSError for an address no Client can connect to.

    Checked before making the Client: one given a malformed address (no port, an unknown host,
    tls:// without certificates) fails too, but leaves a half-made client that stalls the
    process's exit for 20 s; and it takes a refused connection for a scheduler still starting,
    retrying until `timeout`.
    """
    scheme, _ = distributed.comm.parse_address(address)
    if scheme not in ("tcp", "tls"):
        raise ValueError(f"{scheme}:// is not supported: give tcp://HOST:PORT or tls://HOST:PORT")
    if (
        scheme == "tls"
        and distributed.Security().get_connection_args("client")["ssl_context"] is None
    ):
        raise ValueError("tls:// needs certificates in Dask's configuration (distributed.comm.tls)")
    resolved = distributed.comm.resolve_address(address)  # a missing port, an unknown host
    host, port = distributed.comm.get_address_host_port(resolved)
    with socket.create_connection((host, port), timeout=timeout):
        pass


def _briefgen_version() -> str:
    """Return the version of briefgen (on a worker)."""
    from briefgen import __version__

    return __version__


def _run_batch(func: Callable[[T], R], batch: list[T]) -> list[R]:
    """Run `func` over one batch (on a worker)."""
    return [func(item) for item in batch]
