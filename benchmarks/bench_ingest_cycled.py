"""Time `briefgen ingest` on the real cablegate CSV cycled to the release's size, old and new.

    python benchmarks/bench_ingest_cycled.py [--rows 251287] [--workers N] [--old-ref 77b3776]

The 3,406 real rows of ../shared/corpus/cablegate/cables-3406.csv.gz are written again and
again, each round with new ids and shifted dates (the id's two-digit year moved by the round,
so that the cable's own serial line, which names no year, still confirms the new id), until
--rows rows; then `briefgen ingest --no-extract` reads the file into a fresh database, with
this checkout and, with --old-ref, with that commit's package (unpacked by `git archive`),
each in its own process. Printed: wall seconds, CPU seconds of the whole process tree, rows
per wall second, and the summary line of each run. On a shared machine the CPU seconds are
the steadier figure.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_reader import ROOT, SHARED, old_checkout

CSV = SHARED / "cablegate" / "cables-3406.csv.gz"
RELEASE_ROWS = 251_287
TARGET_SECONDS = 180.0
"""Wall seconds for the release's 251,287 rows (issue 14); scaled to --rows for fewer."""


def read_rows(path: Path) -> list[list[str]]:
    """Return the rows of the cablegate CSV, its backslash-escaped quotes read as quotes."""
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        text = handle.read()
    # As briefgen reads it (read/sources.py).
    reader = csv.reader(io.StringIO(text), escapechar="\\", strict=False)
    return [row for row in reader if len(row) == 8]


def cycled(rows: list[list[str]], count: int) -> list[list[str]]:
    """Return `count` rows: the real rows over and over, with new ids and dates each round."""
    out: list[list[str]] = []
    seen: set[str] = set()
    number = 0
    round_ = 0
    while len(out) < count:
        for row in rows:
            if len(out) >= count:
                break
            number += 1
            _serial, date, cable_id, origin, marking, refs, header, body = row
            shift = round_
            new_id = cable_id
            while True:
                year = (int(cable_id[:2]) + shift) % 100 if cable_id[:2].isdigit() else None
                new_id = f"{year:02d}{cable_id[2:]}" if year is not None else cable_id
                if new_id not in seen:
                    break
                shift += 100 // 7  # another year, far from this round's
                if shift > 1000:
                    break
            seen.add(new_id)
            month_day, _, rest = date.rpartition("/")
            year_text, _, clock = rest.partition(" ")
            new_date = date
            if year_text.isdigit():
                new_date = f"{month_day}/{int(year_text) + shift}{' ' + clock if clock else ''}"
            out.append([str(number), new_date, new_id, origin, marking, refs, header, body])
        round_ += 1
    return out


def write(rows: list[list[str]], path: Path) -> None:
    """Write rows in the release's layout: every field quoted, quotes escaped by backslashes."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(
            handle, quoting=csv.QUOTE_ALL, escapechar="\\", doublequote=False, lineterminator="\n"
        )
        writer.writerows(rows)


def ingest(code: Path, csv_path: Path, db: Path, workers: int | None) -> dict[str, object]:
    """Run `briefgen ingest` of one version; return wall and CPU seconds and its last line."""
    command = [sys.executable, "-m", "briefgen", "ingest", "--db", str(db), "--no-extract"]
    command += [str(csv_path)] + (["--workers", str(workers)] if workers else [])
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(code), "PATH": "/usr/bin:/bin"},
        cwd=code,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    lines = (done.stdout + done.stderr).strip().splitlines()
    return {"wall": wall, "cpu": cpu, "summary": lines[-1] if lines else f"exit {done.returncode}"}


def main() -> None:
    """Make the cycled file and time the ingest of each version."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=RELEASE_ROWS)
    parser.add_argument("--workers", type=int, help="Passed to ingest (default: all cores).")
    parser.add_argument("--old-ref", help="Also time the ingest of this commit (e.g. 77b3776).")
    parser.add_argument("--keep", type=Path, help="Write the cycled CSV here and keep it.")
    parser.add_argument(
        "--keep-db", type=Path, help="Keep the new version's database at this path (a new file)."
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        csv_path = args.keep or folder / "cycled.csv"
        if not csv_path.exists():
            write(cycled(read_rows(CSV), args.rows), csv_path)
        size = csv_path.stat().st_size / 1e6
        print(f"{args.rows} rows cycled from {CSV.name} ({size:.0f} MB), workers {args.workers}")
        versions = [("new", ROOT)]
        if args.old_ref:
            versions.insert(0, (f"old {args.old_ref}", old_checkout(args.old_ref, folder)))
        for label, code in versions:
            db = folder / f"{label.split()[0]}.db"
            if label == "new" and args.keep_db:
                db = args.keep_db
            result = ingest(code, csv_path, db, args.workers)
            wall, cpu = float(str(result["wall"])), float(str(result["cpu"]))
            print(
                f"  {label:<12} {wall:8.1f} s wall  {cpu:8.1f} s CPU  "
                f"{args.rows / wall:7.0f} rows/s  {result['summary']}"
            )
        target = TARGET_SECONDS * args.rows / RELEASE_ROWS
        verdict = "met" if wall < target else "MISSED"
        cores = os.cpu_count() or 1
        print(
            f"  target: under {target:.0f} s wall ({TARGET_SECONDS:.0f} s for {RELEASE_ROWS:,} "
            f"rows): {verdict}; CPU / {cores} cores = {cpu / cores:.0f} s, what an idle machine "
            f"could do at best; load average now {os.getloadavg()[0]:.1f}"
        )


if __name__ == "__main__":
    main()
