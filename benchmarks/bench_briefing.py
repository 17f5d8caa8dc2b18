"""Time `briefgen ngo NAME --pdf --docx` end to end: process start to files written.

    .venv/bin/python benchmarks/bench_briefing.py                     # on the seed cables
    .venv/bin/python benchmarks/bench_briefing.py --db big.db         # on a corpus you built
    .venv/bin/python benchmarks/bench_briefing.py --db big.db --name "Union of Crisis Centers"

With no --db, the seed cables in examples/cables are ingested into a scratch database first.
The large corpus of issue 13 is the real cablegate sample cycled to the release's size, with
the seeds added so that the NGO exists:

    .venv/bin/python benchmarks/bench_ingest_cycled.py --keep-db big.db
    .venv/bin/briefgen ingest --db big.db examples/cables

Each run is a fresh process, so import and start-up costs are included, as a user sees them.
The first run is reported apart: it also extracts the facts a briefing reads on a corpus whose
facts `ingest` left for later (see README, "Facts"). briefgen's modules are compiled to
bytecode first, as installing it does (see bench_startup.py). Wall and CPU seconds (the
process's user + system time) are printed with the load average, against the targets: under
1 s on the seeds, under 2 s on a 251,287-cable corpus. On a shared machine the CPU figure is
the steadier.
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

from bench_startup import compile_bytecode

ROOT = Path(__file__).resolve().parents[1]
BRIEFGEN = str(Path(sys.executable).parent / "briefgen")
TARGETS = {"seeds": 1.0, "large": 2.0}
"""Seconds from process start to both files (issue 13)."""


def run_once(db: Path, kind: str, subject: str, out: Path) -> tuple[float, float]:
    """Return (wall, CPU) seconds of one briefing command, checking it wrote both files."""
    env = dict(os.environ, BRIEFGEN_DB=str(db))
    command = [BRIEFGEN, kind, subject, "--pdf", "--docx", "--out", str(out)]
    started = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        assert proc.stderr is not None
        raise SystemExit(f"briefing failed: {proc.stderr.read().decode().strip()}")
    written = sorted(p.suffix for p in out.iterdir())
    if written != [".docx", ".pdf"]:
        raise SystemExit(f"expected a PDF and a DOCX, got {written}")
    return elapsed, usage.ru_utime + usage.ru_stime


def main() -> None:
    """Parse arguments, run the briefing several times and print the timings."""
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.epilog = "\n".join(__doc__.splitlines()[1:])
    parser.add_argument("--db", type=Path, help="an existing corpus (default: the seeds)")
    parser.add_argument("--kind", default="ngo", help="briefing command (default: ngo)")
    parser.add_argument("--name", default="Feminist League", help="subject of the briefing")
    parser.add_argument("--runs", type=int, default=3, help="runs after the first (default 3)")
    args = parser.parse_args()
    compile_bytecode()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "seeds.db"
            subprocess.run(
                [BRIEFGEN, "ingest", "--db", str(db), str(ROOT / "examples" / "cables")],
                check=True,
                capture_output=True,
            )
        load = os.getloadavg()[0]
        times = []
        for run in range(args.runs + 1):
            out = Path(tmp) / f"out{run}"
            out.mkdir()
            times.append(run_once(db, args.kind, args.name, out))
    # The first run warms the OS file cache and, on a corpus whose facts ingest left for later,
    # extracts the cables the briefing reads: it is shown apart from the others.
    (first_wall, first_cpu), rest = times[0], times[1:]
    walls, cpus = [w for w, _ in rest], [c for _, c in rest]
    target = TARGETS["large" if args.db else "seeds"]
    median = statistics.median(walls)
    print(f"corpus: {args.db or 'the 3 seed cables'}; load average {load:.1f} -> ", end="")
    print(f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"briefgen {args.kind} {args.name!r} --pdf --docx, first run and {args.runs} more:")
    print(f"  first: wall {first_wall:.2f} s, CPU {first_cpu:.2f} s")
    print(
        f"  then:  wall median {median:.2f} s (min {min(walls):.2f}, max {max(walls):.2f}); "
        f"CPU median {statistics.median(cpus):.2f} s (min {min(cpus):.2f})"
    )
    verdict = "met" if median < target else "MISSED"
    print(f"  target: under {target:.0f} s from process start to both files (wall): {verdict}")


if __name__ == "__main__":
    main()
