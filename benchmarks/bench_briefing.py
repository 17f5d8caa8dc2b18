"""Time `briefgen ngo NAME --pdf --docx` end to end: process start to files written.

    .venv/bin/python benchmarks/bench_briefing.py                     # on the seed cables
    .venv/bin/python benchmarks/bench_briefing.py --db big.db         # on a corpus you built
    .venv/bin/python benchmarks/bench_briefing.py --db big.db --name "Union of Crisis Centers"

With no --db, the seed cables in examples/cables are ingested into a scratch database first.
Each run is a fresh process, so import and start-up costs are included, as a user sees them.
The first run is reported apart: it also extracts the facts a briefing reads on a corpus whose
facts `ingest` left for later (see README, "Facts").
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BRIEFGEN = str(Path(sys.executable).parent / "briefgen")


def run_once(db: Path, kind: str, subject: str, out: Path) -> float:
    """Return the wall time of one briefing command, checking it wrote both files."""
    env = dict(os.environ, BRIEFGEN_DB=str(db))
    started = time.perf_counter()
    proc = subprocess.run(
        [BRIEFGEN, kind, subject, "--pdf", "--docx", "--out", str(out)],
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"briefing failed: {proc.stderr.strip()}")
    written = sorted(p.suffix for p in out.iterdir())
    if written != [".docx", ".pdf"]:
        raise SystemExit(f"expected a PDF and a DOCX, got {written}")
    return elapsed


def main() -> None:
    """Parse arguments, run the briefing several times and print the timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an existing corpus (default: the seeds)")
    parser.add_argument("--kind", default="ngo", help="briefing command (default: ngo)")
    parser.add_argument("--name", default="Feminist League", help="subject of the briefing")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "seeds.db"
            subprocess.run(
                [BRIEFGEN, "ingest", "--db", str(db), str(ROOT / "examples" / "cables")],
                check=True,
                capture_output=True,
            )
        times = []
        for run in range(args.runs + 1):
            out = Path(tmp) / f"out{run}"
            out.mkdir()
            times.append(run_once(db, args.kind, args.name, out))
    # The first run warms the OS file cache and, on a corpus whose facts ingest left for later,
    # extracts the cables the briefing reads: it is shown apart from the others.
    first, rest = times[0], times[1:]
    print(f"corpus: {args.db or 'the 3 seed cables'}")
    print(f"briefgen {args.kind} {args.name!r} --pdf --docx, first run and {args.runs} more:")
    print(
        f"  first {first:.2f} s; then median {statistics.median(rest):.2f} s, "
        f"min {min(rest):.2f} s, max {max(rest):.2f} s"
    )


if __name__ == "__main__":
    main()
