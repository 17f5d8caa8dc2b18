"""The one process pool: input order kept, workers set up once, a dead or stuck worker replaced
without losing the other items, Ctrl-C left to the caller."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from briefgen.errors import StoreError
from briefgen.pool import WorkerError, WorkerTimeout, ordered_map

_PREFIX: list[str] = []


def _slow_square(n: int) -> int:
    # Early items take longest, so that finishing order differs from input order.
    time.sleep(0.002 * (20 - n % 20))
    return n * n


def _set_prefix(prefix: str) -> None:
    _PREFIX.append(prefix)


def _prefixed(n: int) -> str:
    return f"{_PREFIX[0]}{n}"


def _interrupts_ignored(_n: int) -> bool:
    return signal.getsignal(signal.SIGINT) is signal.SIG_IGN


def _die_on_seven(n: int) -> int:
    if n == 7:
        os._exit(3)
    return n


def _die_once_on_three(n: int) -> int:
    # The first worker to meet 3 is killed, as `kill -9` or the OOM killer would; the item is
    # no worse for it.
    marker = Path(_PREFIX[0])
    if n == 3 and not marker.exists():
        marker.touch()
        os.kill(os.getpid(), signal.SIGKILL)
    return n


def _hang_on_two(n: int) -> int:
    if n == 2:
        time.sleep(3600)
    return n


def _raise_on_five(n: int) -> int:
    if n == 5:
        raise ValueError("five is bad")
    return n


def _cannot_start() -> None:
    raise StoreError("no corpus database at /nowhere")


def test_results_come_in_input_order() -> None:
    assert list(ordered_map(_slow_square, range(60), 2, chunk=3)) == [n * n for n in range(60)]


def test_each_worker_is_set_up_once_and_ignores_ctrl_c() -> None:
    got = list(ordered_map(_prefixed, range(5), 2, initializer=_set_prefix, initargs=("n",)))
    assert got == ["n0", "n1", "n2", "n3", "n4"]
    assert all(ordered_map(_interrupts_ignored, range(4), 2))


@pytest.mark.parametrize("chunk", [1, 3])
def test_a_dead_worker_fails_only_its_own_item(chunk: int) -> None:
    got = list(ordered_map(_die_on_seven, range(10), 2, chunk=chunk, failed=lambda n, e: -n))
    # Before: BrokenProcessPool failed every item pending with the one that died.
    assert got == [0, 1, 2, 3, 4, 5, 6, -7, 8, 9]
    errors: list[BaseException] = []
    list(ordered_map(_die_on_seven, range(10), 2, failed=lambda n, e: errors.append(e) or n))
    assert len(errors) == 1 and isinstance(errors[0], WorkerError)
    assert "died" in str(errors[0])
    with pytest.raises(WorkerError):
        list(ordered_map(_die_on_seven, range(10), 2))


def test_a_worker_killed_from_outside_loses_nothing(tmp_path: Path) -> None:
    marker = str(tmp_path / "killed-once")
    got = list(
        ordered_map(_die_once_on_three, range(12), 2, initializer=_set_prefix, initargs=(marker,))
    )
    assert got == list(range(12))
    assert Path(marker).exists()


def test_a_stuck_item_times_out_alone() -> None:
    started = time.monotonic()
    got = list(ordered_map(_hang_on_two, range(6), 2, timeout=2, failed=lambda n, e: e))
    assert time.monotonic() - started < 30
    assert [g for g in got if not isinstance(g, BaseException)] == [0, 1, 3, 4, 5]
    assert isinstance(got[2], WorkerTimeout) and "took longer than 2 s" in str(got[2])


def test_an_error_in_func_fails_its_chunk_or_is_raised() -> None:
    got = list(ordered_map(_raise_on_five, range(8), 2, failed=lambda n, e: str(e)))
    assert got == [0, 1, 2, 3, 4, "five is bad", 6, 7]
    with pytest.raises(ValueError, match="five is bad"):
        list(ordered_map(_raise_on_five, range(8), 2))


def test_workers_that_cannot_start_raise_their_error() -> None:
    with pytest.raises(StoreError, match="no corpus database"):
        list(ordered_map(_prefixed, range(8), 2, initializer=_cannot_start))


INTERRUPTED = """
import sys, time
from briefgen.pool import ordered_map
from tests.test_pool import _slow_square
print("started", flush=True)
try:
    for _ in ordered_map(_slow_square, range(100000), 2):
        pass
except KeyboardInterrupt:
    print("interrupted", flush=True)
"""


@pytest.mark.parametrize("delay", [0.2, 3.0])
def test_ctrl_c_stops_the_workers_without_a_traceback(delay: float) -> None:
    # A terminal sends SIGINT to the whole process group: the caller and every worker. Early
    # (0.2 s) the workers are still starting up; later they are working.
    proc = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(INTERRUPTED)],
        cwd=Path(__file__).resolve().parents[1],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "started"
    time.sleep(delay)
    os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert "interrupted" in out
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
