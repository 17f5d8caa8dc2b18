"""Measure fact extraction: cables per second on one core, and its cost next to reading.

Generates Cablegate-style cables with cablegate_gen.py (built from the seed paragraphs, 6-7 KB
bodies on average), reads them with the real reader, then times `briefgen.extract.extract` alone
and reading alone on the same cables, in this one process.

    .venv/bin/python benchmarks/bench_extract.py                  # 2,000 generated cables
    .venv/bin/python benchmarks/bench_extract.py --cables 500
    .venv/bin/python benchmarks/bench_extract.py --folder examples/cables --repeat 200

With --old-ref, extract the same cables (--folder, or a .csv.gz unpacked first) with the code of
that commit too (unpacked by `git archive`), each version in its own process reading the cables
with its own reader, and print both CPU figures side by side (process time, best of --repeat):

    .venv/bin/python benchmarks/bench_extract.py --folder cables-3406.csv.gz --old-ref 77b3776

With --db, extract the facts of a corpus already ingested (by `briefgen ingest --no-extract`
or benchmarks/bench_corpus.py --keep-db) on every core, as `briefgen ingest` does, then time
name lookups and entity profiles on it. Work on a copy: the facts are written into the file.

    .venv/bin/python benchmarks/bench_extract.py --db corpus-copy.db --workers 2
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cablegate_gen
from bench_reader import old_checkout

from briefgen.extract import extract
from briefgen.facts.query import get_entity, resolve_name
from briefgen.facts.store import update_facts
from briefgen.models import Cable
from briefgen.read import read_paths
from briefgen.store import Corpus

LOOKUPS: tuple[tuple[str, str | None, int | None], ...] = (
    ("Feminist League", None, None),
    ("feminist leage", None, None),
    ("Morozova", None, None),
    ("Feminist League", "org", 40),
    ("Galina Morozova", "person", 40),
)
"""Names looked up on the corpus: (name, kind, max_cables); max_cables None is resolve_name."""


def _read(path: Path) -> tuple[list[Cable], float]:
    started = time.perf_counter()
    cables = [c for c in read_paths([str(path)]) if isinstance(c, Cable)]
    return cables, time.perf_counter() - started


T = TypeVar("T")

ROOT = Path(__file__).resolve().parents[1]

# Run in the process of each version: read the cables, extract them, print a JSON line.
RUN = r"""
import json, sys, time
from briefgen.extract import extract
from briefgen.models import Cable
from briefgen.read import read_paths

path, repeat = sys.argv[1], int(sys.argv[2])
cables = [c for c in read_paths([path]) if isinstance(c, Cable)]
extract(cables[0])  # builds the gazetteer automaton once, as a long ingest would
best = None
for _ in range(repeat):
    start = time.process_time()
    for cable in cables:
        extract(cable)
    seconds = time.process_time() - start
    best = seconds if best is None else min(best, seconds)
print(json.dumps({"seconds": best, "cables": len(cables)}))
"""


def _timed(call: Callable[[], T], repeat: int = 5) -> tuple[float, float, T]:
    """Return the first and the median time of `call()` in ms, and its last result."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - started) * 1000)
    return times[0], statistics.median(times), result


def _size_mb(db: Path) -> float:
    return sum(p.stat().st_size for p in db.parent.glob(db.name + "*")) / 1e6


def bench_corpus(db: Path, workers: int | None) -> None:
    """Extract the facts of the corpus at `db`, then time name lookups and profiles on it."""
    before = _size_mb(db)
    with Corpus.open(db, create=False) as corpus:
        cables = len(corpus)
        started = time.perf_counter()
        cpu = os.times()
        done = update_facts(corpus, workers=workers)
        seconds = time.perf_counter() - started
        spent = os.times()
        child = spent.children_user + spent.children_system - cpu.children_user
        child -= cpu.children_system
        main_cpu = spent.user + spent.system - cpu.user - cpu.system
        print(f"corpus: {cables:,} cables, {before:,.0f} MB before extraction")
        if done:
            print(
                f"extract: {done:,} cables in {seconds:.0f} s ({done / seconds:,.0f} cables/s, "
                f"processes {workers or os.cpu_count()}; CPU: writer {main_cpu:.0f} s, "
                f"workers {child:.0f} s; load average {os.getloadavg()[0]:.1f})"
            )
        else:
            print(f"extract: nothing to do ({seconds * 1000:.1f} ms to find out)")
        print(f"database: {_size_mb(db):,.0f} MB after extraction")
        first, median, _ = _timed(lambda: update_facts(corpus))
        print(f"catch-up check, nothing changed: {median:.1f} ms (first {first:.1f} ms)")
        for name, kind, top in LOOKUPS:
            if top is None:
                first, median, hit = _timed(partial(resolve_name, corpus, name, kind))
                print(f"resolve_name({name!r}) = {hit}: {median:.1f} ms (first {first:.1f} ms)")
                continue
            first, median, profile = _timed(
                partial(get_entity, corpus, name, kind, max_cables=top), repeat=3
            )
            print(
                f"get_entity({name!r}, {kind!r}, max_cables={top}): {median:.0f} ms "
                f"(first {first:.0f} ms); {len(profile.cables)} of "
                f"{profile.total_cables:,} cables"
            )


def bench_side_by_side(source: Path, ref: str, repeat: int) -> None:
    """Extract the cables of `source` with the code of commit `ref` and with this tree, each in
    its own process, and print their CPU figures."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if source.suffix == ".gz":
            unpacked = folder / source.stem
            with gzip.open(source, "rb") as packed, unpacked.open("wb") as sink:
                shutil.copyfileobj(packed, sink)
            source = unpacked
        versions = [(f"old {ref}", old_checkout(ref, folder)), ("new", ROOT)]
        print(f"extract: {source.name}, CPU time of one process, best of {repeat}")
        for label, code in versions:
            out = subprocess.run(
                [sys.executable, "-c", RUN, str(source), str(repeat)],
                check=True,
                capture_output=True,
                text=True,
                env={"PYTHONPATH": str(code), "PATH": "/usr/bin:/bin"},
                cwd=code,
            ).stdout
            result = json.loads(out.strip().splitlines()[-1])
            cables, seconds = result["cables"], result["seconds"]
            print(
                f"  {label:<12} {cables} cables  {seconds:7.2f} s CPU  "
                f"{seconds * 1000 / cables:6.2f} ms/cable  {cables / seconds:6.0f} cables/s"
            )


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cables", type=int, default=2000, help="generated cables to use")
    parser.add_argument("--folder", type=Path, help="read these cables instead of generating")
    parser.add_argument("--repeat", type=int, default=1, help="extract every cable this often")
    parser.add_argument("--db", type=Path, help="extract this ingested corpus, time lookups")
    parser.add_argument("--workers", type=int, help="extraction processes (default: all cores)")
    parser.add_argument("--old-ref", help="also extract --folder with the code of this commit")
    args = parser.parse_args()
    if args.old_ref is not None:
        if args.folder is None:
            raise SystemExit("--old-ref needs --folder")
        bench_side_by_side(args.folder.resolve(), args.old_ref, args.repeat)
        return
    if args.db is not None:
        bench_corpus(args.db, args.workers)
        return
    with tempfile.TemporaryDirectory() as tmp:
        source = args.folder
        if source is None:
            source = Path(tmp) / "cables.csv"
            cablegate_gen.write_csv(source, args.cables)
        cables, read_seconds = _read(source)
    if not cables:
        raise SystemExit("no cables read")
    extract(cables[0])  # builds the gazetteer automaton once, as a long ingest would
    chars = sum(len(p.text) for c in cables for p in c.paragraphs)
    started = time.perf_counter()
    figures = mentions = 0
    for _ in range(args.repeat):
        for cable in cables:
            facts = extract(cable)
            figures += len(facts.figures)
            mentions += len(facts.mentions)
    seconds = time.perf_counter() - started
    done = len(cables) * args.repeat
    per_second = done / seconds
    read_rate = len(cables) / read_seconds
    print(f"cables: {len(cables)} (average body {chars / len(cables) / 1000:.1f} KB)")
    print(f"extract: {per_second:,.0f} cables/s on one core ({seconds * 1000 / done:.2f} ms each)")
    print(f"  {mentions / done:.1f} mentions and {figures / done:.1f} figures per cable")
    print(f"read:    {read_rate:,.0f} cables/s on one core")
    print(f"extract adds {read_rate / per_second * 100:.0f}% to reading time")


if __name__ == "__main__":
    main()
