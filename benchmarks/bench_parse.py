"""Measure the cable reader on one core: parse a large generated corpus, print cables/s and MB/s.

Times are CPU seconds of this process (time.process_time), so that other work on a shared
machine does not distort the one-core figure.

    python benchmarks/bench_parse.py [--cables N] [--seed S] [--profile]

The corpus is made deterministically from the seed cables in examples/cables: each generated
cable takes one seed, then changes its post, serial, date-time group, references and the order
and length of its body, so no two cables are alike (about 5 to 10 KB each). Half are written as
raw telegrams and half as WikiLeaks text copies; the same cables also make one cables.csv file.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import tempfile
import time
from pathlib import Path

from briefgen.models import Cable
from briefgen.read import Source, parse_source, read_paths

SEEDS = Path(__file__).resolve().parents[1] / "examples" / "cables"
POSTS = [
    ("AMEMBASSY", "Embassy", "ASTANA"), ("AMEMBASSY", "Embassy", "BISHKEK"),
    ("AMEMBASSY", "Embassy", "TASHKENT"), ("AMEMBASSY", "Embassy", "NEW DELHI"),
    ("AMEMBASSY", "Embassy", "BUENOS AIRES"), ("AMCONSUL", "Consulate", "SAO PAULO"),
    ("AMEMBASSY", "Embassy", "PARIS"), ("AMEMBASSY", "Embassy", "ANKARA"),
]  # fmt: skip
MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]


def generate(count: int, seed: int) -> list[tuple[str, str]]:
    """Return `count` (name, text) cables made from the seeds, the same for the same seed."""
    rng = random.Random(seed)
    seeds = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    out = []
    for index in range(count):
        text = seeds[index % len(seeds)]
        prefix, kind, city = POSTS[rng.randrange(len(POSTS))]
        year = rng.randrange(2004, 2011)
        serial = rng.randrange(100, 9999)
        month, day = rng.randrange(12), rng.randrange(1, 29)
        hour, minute = rng.randrange(24), rng.randrange(60)
        text = re.sub(r"\b(?:\d\d)?ASTANA 0*\d+\b", f"{city} {serial:06d}", text, count=2)
        text = text.replace("ASTANA", city).replace("Astana", city.title())
        text = text.replace("AMEMBASSY", prefix).replace(
            "Embassy " + city.title(), f"{kind} {city.title()}"
        )
        text = re.sub(
            r"\b\d{6}Z [A-Z]{3} \d\d\b",
            f"{day:02d}{hour:02d}{minute:02d}Z {MONTHS[month]} {year % 100:02d}",
            text,
        )
        text = re.sub(r"\b09[A-Z]+\d+\b", f"{year % 100:02d}{city.replace(' ', '')}{serial}", text)
        text = re.sub(
            r"2009-\d\d-\d\d \d\d:\d\d:\d\d",
            f"{year}-{month + 1:02d}-{day:02d} {hour:02d}:{minute:02d}:00",
            text,
        )
        body_start = text.find("\n1. ")
        if body_start > 0:
            paragraphs = text[body_start:].split("\n\n\n")
            rng.shuffle(paragraphs)
            # Keep half to all of the body, so cables run from about 5 to 10 KB.
            paragraphs = paragraphs[: max(1, round(len(paragraphs) * rng.uniform(0.5, 1.0)))]
            text = text[:body_start] + "\n\n\n".join(paragraphs)
        if index % 2 and text.startswith("Identifier"):
            text = text[text.find("VZCZC") :]
        out.append((f"{year % 100:02d}{city.replace(' ', '')}{serial}-{index}.txt", text))
    return out


def bench_memory(cables: list[tuple[str, str]]) -> tuple[float, int, int]:
    """Return seconds, bytes and cables parsed for in-memory sources (the parse work alone)."""
    sources = [Source(name, None, text.encode("utf-8"), "file") for name, text in cables]
    size = sum(len(s.data) for s in sources)
    start = time.process_time()
    parsed = sum(isinstance(parse_source(source), Cable) for source in sources)
    return time.process_time() - start, size, parsed


def bench_csv(cables: list[tuple[str, str]], folder: Path) -> tuple[float, int, int]:
    """Return seconds, bytes and cables read from a cables.csv-style file (streaming included)."""
    path = folder / "cables.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL, escapechar="\\", doublequote=False)
        for row, (name, text) in enumerate(cables, 1):
            split = text.find("\nUNCLAS")
            header, body = text[:split], text[split + 1 :]
            date = f"{1 + row % 12}/{1 + row % 28}/{2004 + row % 7} {row % 24}:{row % 60:02d}"
            writer.writerow([row, date, name.split("-")[0], "", "UNCLASSIFIED", "", header, body])
    start = time.process_time()
    parsed = sum(isinstance(item, Cable) for item in read_paths([path]))
    return time.process_time() - start, path.stat().st_size, parsed


def report(label: str, seconds: float, size: int, parsed: int, total: int) -> None:
    print(
        f"{label:<28} {parsed:>7}/{total} cables  {seconds:7.2f} s CPU  "
        f"{parsed / seconds:8.0f} cables/s  {size / seconds / 1e6:6.2f} MB/s  "
        f"(avg {size / max(total, 1) / 1024:.1f} KB)"
    )


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cables", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="Report the best of N runs.")
    parser.add_argument("--profile", action="store_true", help="Print the top functions.")
    args = parser.parse_args()
    cables = generate(args.cables, args.seed)
    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.runcall(bench_memory, cables)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        return
    # The best of several runs, as timeit does: other work on the machine only ever slows a run.
    runs = max(1, args.repeat)
    report("parse_source (in memory)", *min(bench_memory(cables) for _ in range(runs)), len(cables))
    with tempfile.TemporaryDirectory() as folder:
        best = min(bench_csv(cables, Path(folder)) for _ in range(runs))
        report("read_paths (cables.csv)", *best, len(cables))


if __name__ == "__main__":
    main()
