"""Measure ingest and extraction on a local Dask cluster against the plain process pool.

Ingests a cable dump (default: the Cablegate CSV of 3,406 real cables) into scratch SQLite
files, and extracts the facts of a copy of one, each way in its own process:

    pool N      `Corpus.ingest(workers=N)` / `update_facts(workers=N)`: briefgen's process pool
    cluster N   the same with `cluster=` a LocalCluster of N worker processes (started first,
                its start-up timed apart)

For each it prints wall seconds, cables per second, and CPU seconds of every process that did
the work (this one, the pool's workers or the cluster's; for a cluster, from just before the
work starts to just after it ends, so that its start-up is not counted): with --repeat, the
best wall time and the least CPU of the runs, as other work on the machine only adds to both.

    .venv/bin/python benchmarks/bench_cluster.py
    .venv/bin/python benchmarks/bench_cluster.py --csv cables.csv.gz --workers 1 2 4
    .venv/bin/python benchmarks/bench_cluster.py --stages extract --repeat 3
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CSV = ROOT.parent / "shared" / "corpus" / "cablegate" / "cables-3406.csv.gz"
SCRATCH = Path("/tmp/cluster")


def main() -> None:
    """Run every configuration in its own process and print a table of the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=CSV, help="cable dump to ingest")
    parser.add_argument("--scratch", type=Path, default=SCRATCH, help="folder for the corpora")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="sizes to try")
    parser.add_argument(
        "--stages", nargs="+", default=["ingest", "extract"], choices=["ingest", "extract"]
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the best is shown")
    parser.add_argument("--one", nargs=3, metavar=("STAGE", "MODE", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        stage, mode, count = args.one
        print(json.dumps(run_one(args.csv, args.scratch, stage, mode, int(count))))
        return
    args.scratch.mkdir(parents=True, exist_ok=True)
    for stage in args.stages:
        for mode in ("pool", "cluster"):
            for count in args.workers:
                command = [sys.executable, __file__, "--csv", str(args.csv)]
                command += ["--scratch", str(args.scratch), "--one", stage, mode, str(count)]
                runs = []
                for _ in range(args.repeat):
                    done = subprocess.run(command, capture_output=True, text=True, check=True)
                    runs.append(json.loads(done.stdout.splitlines()[-1]))
                best = min(runs, key=lambda run: run["wall"])
                print(_line({**best, "cpu": min(run["cpu"] for run in runs)}), flush=True)


def _line(row: dict[str, Any]) -> str:
    start = f", cluster start {row['start']:.1f} s" if row.get("start") is not None else ""
    return (
        f"{row['stage']:8} {row['mode']:8} {row['workers']} : {row['cables']:,} cables in "
        f"{row['wall']:.1f} s = {row['cables'] / row['wall']:.0f} cables/s, "
        f"CPU {row['cpu']:.1f} s ({row['cpu_here']:.1f} s here){start}"
    )


def run_one(csv: Path, scratch: Path, stage: str, mode: str, count: int) -> dict[str, Any]:
    """Ingest `csv` or extract a copy of its corpus one way; return the figures."""
    from briefgen.facts.store import update_facts
    from briefgen.store import Corpus

    base = scratch / "base.db"
    if stage == "extract" and not base.exists():
        with Corpus.open(base) as corpus:
            corpus.ingest([str(csv)])
    db = scratch / f"{stage}-{mode}-{count}.db"
    for stale in scratch.glob(f"{db.name}*"):
        stale.unlink()
    if stage == "extract":
        shutil.copyfile(base, db)
    with Corpus.open(db) as corpus:
        if stage == "ingest":

            def work(**where: Any) -> int:
                corpus.ingest([str(csv)], **where)
                return len(corpus)
        else:

            def work(**where: Any) -> int:
                return update_facts(corpus, **where)

        if mode == "pool":
            figures = _measure(lambda: work(workers=count), [])
            figures["start"] = None
        else:
            from briefgen.cluster import Cluster

            started = time.perf_counter()
            with Cluster.connect("local", workers=count) as cluster:
                start = time.perf_counter() - started
                pids = list(cluster.client.run(os.getpid).values())
                figures = _measure(lambda: work(cluster=cluster), pids)
            figures["start"] = start
    return {"stage": stage, "mode": mode, "workers": count, **figures}


def _measure(work: Callable[[], int], pids: list[int]) -> dict[str, Any]:
    """Return wall seconds, cables done and CPU seconds of `work()`: this process, its reaped
    children (a pool's workers) and the processes `pids` (a cluster's workers)."""
    import psutil

    def cpu() -> tuple[float, float]:
        own = resource.getrusage(resource.RUSAGE_SELF)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        others = sum(sum(psutil.Process(pid).cpu_times()[:2]) for pid in pids)
        here = own.ru_utime + own.ru_stime
        return here, here + children.ru_utime + children.ru_stime + others

    here_before, before = cpu()
    started = time.perf_counter()
    cables = work()
    wall = time.perf_counter() - started
    here_after, after = cpu()
    return {
        "cables": cables,
        "wall": wall,
        "cpu": after - before,
        "cpu_here": here_after - here_before,
    }


if __name__ == "__main__":
    main()
