"""Measure a PostgreSQL corpus beside a SQLite one: ingest, size, query latency, search ranking.

    python benchmarks/bench_postgres.py --url postgresql://user@host:port/db [--rows 251287]
        [--sqlite PATH] [--keep-csv PATH] [--schema NAME] [--skip-ingest]
    python benchmarks/bench_postgres.py --url ... --compare FOLDER

The 3,406 real rows of ../shared/corpus/cablegate are cycled to --rows rows with new ids and
dates (bench_ingest_cycled.py), ingested with `briefgen ingest --no-extract` into a schema of
their own on the server (`bench_<rows>` unless --schema), and into a SQLite file unless
--sqlite names one already made from the same file; then the same queries are timed on both,
in this process: first (cold) and median of five. Printed: wall and CPU seconds of each ingest
(CPU of the client process tree; the server's own is not counted), the database sizes, and a
table of latencies side by side.

--compare FOLDER ingests the folder into both and reports, for a list of searches, whether
they match the same cables, how many pairs of the top 20 come in the same order, and whether
the top three agree.
"""

from __future__ import annotations

import argparse
import itertools
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ingest_cycled import CSV, RELEASE_ROWS, cycled, read_rows, write

from briefgen.store import Corpus

TARGET_MS = 100.0
TARGET_RATIO = 2.0
"""PostgreSQL's latency may be at most twice SQLite's (issue 17)."""

SEARCHES = (
    "shelter AND Kokshetau",
    "shelter",
    '"Feminist League"',
    "traffick*",
    "shelter OR campaign",
    "trafficking NOT Kokshetau",
    "(police OR judges) AND training",
    '"information campaign"',
    "IOM",
    "NGO AND funding",
    "victims",
    "labor OR labour",
    "Uzbekistan AND cotton",
    "grant*",
    "government",
    "minister AND visit",
    "women OR children",
    "corruption",
    '"human rights" AND NGO',
)
"""The README's example searches and others of each operator, rare and common words."""


def schema_url(server: str, schema: str) -> str:
    """Return a URL whose tables go to `schema` (created if missing)."""
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
    separator = "&" if "?" in server else "?"
    return f"{server}{separator}options=-csearch_path%3D{schema}"


def ingest(location: str, csv_path: Path) -> tuple[float, float, str]:
    """Run `briefgen ingest --no-extract`; return wall and CPU seconds and its last line."""
    command = [sys.executable, "-m", "briefgen", "ingest", "--db", location, "--no-extract"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([*command, str(csv_path)], capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    lines = (done.stdout + done.stderr).strip().splitlines()
    return wall, cpu, lines[-1] if lines else f"exit {done.returncode}"


def size_mb(corpus: Corpus) -> float:
    """Return the database's size on disk: the SQLite file, or the schema's relations."""
    if not corpus.is_postgres:
        path = Path(str(corpus.path))
        return sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 1e6
    row = corpus.connection.execute(
        "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class AS c JOIN pg_namespace AS n "
        "ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'"
    ).fetchone()
    return float(row[0] or 0) / 1e6


def timed(func: Callable[[], object], repeat: int = 5) -> tuple[float, float]:
    """Return the first (cold) and median latency of `func`, in milliseconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        times.append((time.perf_counter() - started) * 1000)
    return times[0], statistics.median(times)


def cases(corpus: Corpus) -> dict[str, Callable[[], object]]:
    """Return the queries of the SQLite benchmark (bench_corpus.py), on real text."""
    busiest = corpus.stats().by_origin[0][0]
    cited = corpus.connection.execute(
        "SELECT ref_id FROM refs JOIN cables ON cables.id = refs.ref_id ORDER BY ref_id LIMIT 1"
    ).fetchone()
    cable_id = cited[0] if cited else corpus.cables(limit=1)[0].id
    return {
        f"origin + quarter ({busiest}, 2009Q4)": lambda: corpus.cables(
            origin=busiest, quarter="2009Q4", limit=100
        ),
        "tag + dates (KTIP, 2008)": lambda: corpus.cables(
            tag="KTIP", date_from="2008", date_to="2008", limit=100
        ),
        "tag + classification (KTIP, SECRET)": lambda: corpus.cables(
            tag="KTIP", classification="SECRET", limit=100
        ),
        "rare word (Kokshetau)": lambda: corpus.cables(search="Kokshetau", limit=20),
        "common word (government)": lambda: corpus.cables(search="government", limit=20),
        "AND (shelter AND victims)": lambda: corpus.cables(search="shelter AND victims", limit=20),
        'phrase ("human rights")': lambda: corpus.cables(search='"human rights"', limit=20),
        "prefix (traffick*)": lambda: corpus.cables(search="traffick*", limit=20),
        f"common word + origin ({busiest})": lambda: corpus.cables(
            search="government", origin=busiest, limit=20
        ),
        "common word + tag + quarter": lambda: corpus.cables(
            search="government", tag="KTIP", quarter="2009Q4", limit=20
        ),
        f"show ({cable_id})": lambda: corpus.view(cable_id),
        "stats": corpus.stats,
    }


def compare_latency(lite: str, pg: str) -> None:
    """Print the latency of every case on both databases, side by side."""
    with Corpus.open(lite, create=False) as one, Corpus.open(pg, create=False) as other:
        print(f"  size: SQLite {size_mb(one):,.0f} MB, PostgreSQL {size_mb(other):,.0f} MB")
        print(f"  {'query':<44} {'SQLite ms':>16} {'PostgreSQL ms':>16} {'ratio':>6}")
        for (name, on_lite), on_pg in zip(cases(one).items(), cases(other).values(), strict=True):
            first_lite, lite_ms = timed(on_lite)
            first_pg, pg_ms = timed(on_pg)
            ratio = pg_ms / lite_ms if lite_ms else float("inf")
            flag = "" if pg_ms < TARGET_MS and ratio <= TARGET_RATIO else "  <- over target"
            print(
                f"  {name:<44} {lite_ms:8.1f} ({first_lite:5.0f}) {pg_ms:8.1f} ({first_pg:5.0f})"
                f" {ratio:6.2f}{flag}"
            )


def concordance(one: list[str], other: list[str]) -> float:
    """Return the share of pairs of `one` that `other` puts in the same order."""
    common = [x for x in one if x in other]
    pairs = list(itertools.combinations(common, 2))
    if not pairs:
        return 1.0
    return sum(1 for a, b in pairs if other.index(a) < other.index(b)) / len(pairs)


def compare_ranking(folder: Path, server: str) -> None:
    """Ingest `folder` into both databases and compare what each search finds, and its order."""
    with tempfile.TemporaryDirectory() as tmp:
        lite = str(Path(tmp) / "corpus.db")
        pg = schema_url(server, "bench_compare")
        for location in (lite, pg):
            with Corpus.open(location) as corpus:
                corpus.ingest([str(folder)], workers=1)
        same = 0
        orders = []
        tops = 0
        with Corpus.open(lite) as one, Corpus.open(pg) as other:
            for query in SEARCHES:
                a = [row.id for row in one.cables(search=query)]
                b = [row.id for row in other.cables(search=query)]
                same += sorted(a) == sorted(b)
                orders.append(concordance(a[:20], b[:20]))
                tops += a[:3] == b[:3]
                print(f"  {query:<34} {len(a):4} / {len(b):4} cables  order {orders[-1]:.2f}")
        print(
            f"  same cables {same}/{len(SEARCHES)}; pairs of the top 20 in the same order "
            f"{statistics.mean(orders):.1%}; same top three {tops}/{len(SEARCHES)}"
        )


def main() -> None:
    """Ingest (or reuse) both corpora and compare them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="A server URL (a schema is made there).")
    parser.add_argument("--rows", type=int, default=RELEASE_ROWS)
    parser.add_argument("--schema", help="The schema of the PostgreSQL corpus.")
    parser.add_argument("--sqlite", type=Path, help="A SQLite corpus of the same rows.")
    parser.add_argument("--keep-csv", type=Path, help="Write (or reuse) the cycled CSV here.")
    parser.add_argument("--skip-ingest", action="store_true", help="Reuse both corpora.")
    parser.add_argument("--compare", type=Path, help="Compare search results on a folder.")
    args = parser.parse_args()
    if args.compare:
        compare_ranking(args.compare, args.url)
        return
    pg = schema_url(args.url, args.schema or f"bench_{args.rows}")
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = args.keep_csv or Path(tmp) / "cycled.csv"
        lite = args.sqlite or Path(tmp) / "corpus.db"
        if not args.skip_ingest:
            if not csv_path.exists():
                write(cycled(read_rows(CSV), args.rows), csv_path)
            print(f"{args.rows} rows cycled from {CSV.name}")
            targets = [("PostgreSQL", pg)] + ([] if args.sqlite else [("SQLite", str(lite))])
            for label, location in targets:
                wall, cpu, line = ingest(location, csv_path)
                print(f"  ingest {label:<10} {wall:8.1f} s wall {cpu:8.1f} s CPU  {line}")
        compare_latency(str(lite), pg)


if __name__ == "__main__":
    main()
