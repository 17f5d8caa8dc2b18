"""Measure the corpus store at Cablegate scale: ingest speed, peak memory, size, query latency.

Generates (once, cached) a Cablegate-sized cables.csv with cablegate_gen.py, ingests it with
the real `briefgen ingest` command in a child process while sampling the memory of its whole
process tree, then times typical queries on the finished database.

    .venv/bin/python benchmarks/bench_corpus.py                 # the full 251,287 cables
    .venv/bin/python benchmarks/bench_corpus.py --cables 20000  # a quick run
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cablegate_gen

from briefgen.store import Corpus

TARGET_SECONDS = 300.0
TARGET_RSS_MB = 500.0
TARGET_QUERY_MS = 100.0


STORE_INGEST = """
import sys
from briefgen.store import Corpus
with Corpus.open(sys.argv[1]) as corpus:
    workers = int(sys.argv[3]) if len(sys.argv) > 3 else None
    print(corpus.ingest([sys.argv[2]], workers=workers).summary_line())
"""
"""The store's ingest alone; `briefgen ingest` also runs fact extraction afterwards."""


def ingest(csv: Path, db: Path, workers: int | None, cli: bool) -> dict[str, float]:
    """Ingest `csv` in a child process; return wall time and peak RSS (MB) of its tree."""
    if cli:
        command = [str(Path(sys.executable).parent / "briefgen"), "ingest", "--db", str(db)]
        command += [str(csv), *(["--workers", str(workers)] if workers else [])]
    else:
        command = [sys.executable, "-c", STORE_INGEST, str(db), str(csv)]
        command += [str(workers)] if workers else []
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = psutil.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak_main = peak_tree = main_cpu = 0.0
    while process.poll() is None:
        try:
            main_rss = process.memory_info().rss
            tree = main_rss + sum(
                child.memory_info().rss for child in process.children(recursive=True)
            )
            times = process.cpu_times()
        except psutil.Error:
            continue
        main_cpu = times.user + times.system
        peak_main = max(peak_main, main_rss / 1e6)
        peak_tree = max(peak_tree, tree / 1e6)
        time.sleep(0.2)
    out, err = process.communicate()
    elapsed = time.perf_counter() - started
    # CPU of the ingest and its parser processes, once reaped: the machine is shared, so
    # wall time alone says little about the code.
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    load = os.getloadavg()[0]
    if process.returncode != 0:
        raise SystemExit(f"ingest failed ({process.returncode}): {err.strip()[-500:]}")
    print(f"  ingest: {out.strip()}")
    return {
        "seconds": elapsed,
        "cpu_seconds": cpu,
        "main_cpu_seconds": main_cpu,
        "load_average_at_end": load,
        "peak_rss_main_mb": peak_main,
        "peak_rss_tree_mb": peak_tree,
    }


def timed(func: Callable[[], object], repeat: int = 5) -> dict[str, float]:
    """Return the first (cold) and median (warm) latency of `func`, in milliseconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        times.append((time.perf_counter() - started) * 1000)
    return {"first_ms": times[0], "median_ms": statistics.median(times)}


def queries(db: Path) -> dict[str, dict[str, float]]:
    """Time the typical queries on the ingested corpus."""
    with Corpus.open(db, create=False) as corpus:
        busiest = corpus.connection.execute(
            "SELECT origin FROM cables GROUP BY origin ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()[0]
        some_id = corpus.connection.execute(
            "SELECT ref_id FROM refs JOIN cables ON cables.id = refs.ref_id LIMIT 1"
        ).fetchone()
        cable_id = some_id[0] if some_id else corpus.cables(limit=1)[0].id
        cases: dict[str, Callable[[], object]] = {
            f"origin+quarter ({busiest}, 2009Q4)": lambda: corpus.cables(
                origin=busiest, quarter="2009Q4", limit=100
            ),
            "tag+classification (KTIP, SECRET)": lambda: corpus.cables(
                tag="KTIP", classification="SECRET", limit=100
            ),
            f"FTS rare word ({cablegate_gen.RARE_WORD})": lambda: corpus.cables(
                search=cablegate_gen.RARE_WORD, limit=20
            ),
            f"FTS common word ({cablegate_gen.COMMON_WORD})": lambda: corpus.cables(
                search=cablegate_gen.COMMON_WORD, limit=20
            ),
            "FTS AND query (shelter AND Kokshetau)": lambda: corpus.cables(
                search="shelter AND Kokshetau", limit=20
            ),
            'FTS phrase ("night stars")': lambda: corpus.cables(search='"night stars"', limit=20),
            f"FTS common word + origin ({busiest})": lambda: corpus.cables(
                search=cablegate_gen.COMMON_WORD, origin=busiest, limit=20
            ),
            "FTS common word + tag + quarter (KTIP, 2009Q4)": lambda: corpus.cables(
                search=cablegate_gen.COMMON_WORD, tag="KTIP", quarter="2009Q4", limit=20
            ),
            "tag alone (KTIP)": lambda: corpus.cables(tag="KTIP", limit=100),
            f"get ({cable_id})": lambda: corpus.get(cable_id),
            f"show ({cable_id}, refs + cited-by)": lambda: corpus.view(cable_id),
        }
        results = {name: timed(func) for name, func in cases.items()}
        results["stats (whole corpus)"] = timed(corpus.stats, repeat=2)
        counts = {
            "rare word hits": len(corpus.cables(search=cablegate_gen.RARE_WORD)),
            "cables": len(corpus),
        }
    print(f"  {counts}")
    return results


def main() -> None:
    """Generate, ingest, query, and print the figures (and write them as JSON if asked)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cables", type=int, default=cablegate_gen.CABLEGATE_SIZE)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()))
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--json", type=Path, default=None, help="Write the figures here.")
    parser.add_argument("--keep-db", action="store_true", help="Keep the database afterwards.")
    parser.add_argument(
        "--cli",
        action="store_true",
        help="Time the whole `briefgen ingest` command (store, then fact extraction).",
    )
    args = parser.parse_args()

    csv = args.workdir / f"cablegate-{args.cables}.csv"
    if not csv.exists():
        print(f"generating {csv} ...")
        started = time.perf_counter()
        cablegate_gen.write_csv(csv, args.cables)
        print(f"  {time.perf_counter() - started:.0f} s")
    db = args.workdir / f"bench-{args.cables}-{os.getpid()}.db"
    print(f"ingesting {args.cables} cables ({csv.stat().st_size / 1e6:.0f} MB CSV) into {db} ...")
    figures: dict[str, object] = {"cables": args.cables, "csv_mb": csv.stat().st_size / 1e6}
    run = ingest(csv, db, args.workers, args.cli)
    size = sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))
    figures |= run | {"cables_per_second": args.cables / run["seconds"], "db_mb": size / 1e6}
    print("querying ...")
    latency = queries(db)
    figures["queries"] = latency

    print()
    print("| measure | value | target |\n|---|---|---|")
    print(
        f"| ingest {args.cables:,} cables | {run['seconds']:.0f} s "
        f"({figures['cables_per_second']:.0f} cables/s) | < {TARGET_SECONDS:.0f} s (full) |"
    )
    print(
        f"| CPU, ingest + parsers | {run['cpu_seconds']:.0f} s, of which the writer "
        f"{run['main_cpu_seconds']:.0f} s "
        f"(load average {run['load_average_at_end']:.1f} at the end) | |"
    )
    rss = run["peak_rss_main_mb"]
    print(f"| peak RSS, ingest process | {rss:.0f} MB | < {TARGET_RSS_MB:.0f} MB |")
    print(f"| peak RSS, with parser processes | {run['peak_rss_tree_mb']:.0f} MB | |")
    print(f"| database size | {size / 1e6:.0f} MB | |")
    for name, times in latency.items():
        target = f"< {TARGET_QUERY_MS:.0f} ms" if not name.startswith("stats") else ""
        print(
            f"| {name} | {times['median_ms']:.1f} ms (first {times['first_ms']:.1f} ms) "
            f"| {target} |"
        )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    if not args.keep_db:
        for path in db.parent.glob(db.name + "*"):
            path.unlink()


if __name__ == "__main__":
    main()
