"""Measure fact extraction: cables per second on one core, and its cost next to reading.

Generates Cablegate-style cables with cablegate_gen.py (built from the seed paragraphs, 6-7 KB
bodies on average), reads them with the real reader, then times `briefgen.extract.extract` alone
and reading alone on the same cables, in this one process.

    .venv/bin/python benchmarks/bench_extract.py                  # 2,000 generated cables
    .venv/bin/python benchmarks/bench_extract.py --cables 500
    .venv/bin/python benchmarks/bench_extract.py --folder examples/cables --repeat 200
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cablegate_gen

from briefgen.extract import extract
from briefgen.models import Cable
from briefgen.read import read_paths


def _read(path: Path) -> tuple[list[Cable], float]:
    started = time.perf_counter()
    cables = [c for c in read_paths([str(path)]) if isinstance(c, Cable)]
    return cables, time.perf_counter() - started


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cables", type=int, default=2000, help="generated cables to use")
    parser.add_argument("--folder", type=Path, help="read these cables instead of generating")
    parser.add_argument("--repeat", type=int, default=1, help="extract every cable this often")
    args = parser.parse_args()
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
