"""The one process pool: input order kept, workers set up once, a dead worker reported."""

from __future__ import annotations

import os
import signal
import time
from concurrent.futures.process import BrokenProcessPool

import pytest

from briefgen.pool import ordered_map

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


def test_results_come_in_input_order() -> None:
    assert list(ordered_map(_slow_square, range(60), 2, chunk=3)) == [n * n for n in range(60)]


def test_each_worker_is_set_up_once_and_leaves_ctrl_c_to_the_caller() -> None:
    got = list(ordered_map(_prefixed, range(5), 2, initializer=_set_prefix, initargs=("n",)))
    assert got == ["n0", "n1", "n2", "n3", "n4"]
    assert all(ordered_map(_interrupts_ignored, range(4), 2))


def test_a_dead_worker_fails_its_items_or_raises() -> None:
    got = list(ordered_map(_die_on_seven, range(10), 2, failed=lambda n, exc: -n))
    # Items finished before the death keep their results; the others fail, in order.
    assert len(got) == 10 and all(g in (n, -n) for n, g in enumerate(got))
    assert got[7] == -7
    with pytest.raises(BrokenProcessPool):
        list(ordered_map(_die_on_seven, range(10), 2))
