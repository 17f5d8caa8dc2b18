"""Measure the reader on real cables in one process, and compare with another version of it.

    python benchmarks/bench_reader.py [PAGES_DIR ...] [--csv CABLES.csv(.gz)] [--old-ref REF]
                                      [--repeat N] [--profile] [--instructions]

PAGES_DIR are folders of real cable files (WikiLeaks pages, text copies, JSON records: by
default ../shared/corpus/topical and ../shared/corpus/real when present); every file is read
into memory once and parse_source timed over all of them (`pages/s`). --csv times
read_paths over a real cables.csv, streaming included (`rows/s`). Times are CPU seconds of
the process (time.process_time), the best of --repeat runs. With --old-ref the same runs
are made with the reader of that commit (unpacked by `git archive` into a temporary folder)
in its own process, and both are printed side by side. --instructions also counts the
instructions one pass takes per page and per row, with valgrind's cachegrind (where `perf stat`
has no hardware counters; a pass with no parsing is subtracted): a figure that other processes
on the machine do not disturb, at the price of minutes for the CSV.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"

# Run in the process of each version: time one kind of input, print a JSON line.
RUN = r"""
import json, sys, time
from pathlib import Path
from briefgen.models import Cable
from briefgen.read import Source, parse_source, read_paths

kind, repeat, target = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
best, cables, items = None, 0, []  # repeat 0: load only (the base of an instruction count)
if kind == "pages":
    files = [Path(p) for p in target]
    sources = [Source(str(p), None, p.read_bytes(), "file") for p in files]
    size = sum(len(s.data) for s in sources)
    for _ in range(repeat):
        start = time.process_time()
        cables = sum(isinstance(parse_source(s), Cable) for s in sources)
        seconds = time.process_time() - start
        best = seconds if best is None else min(best, seconds)
    count = len(sources)
else:
    size = Path(target[0]).stat().st_size
    for _ in range(repeat):
        start = time.process_time()
        items = list(read_paths(target))
        seconds = time.process_time() - start
        best = seconds if best is None else min(best, seconds)
    count = len(items)
    cables = sum(isinstance(i, Cable) for i in items)
print(json.dumps({"seconds": best, "count": count, "cables": cables, "bytes": size}))
"""

_SKIP = {".md", ".json"}
TARGET_PAGES = 1500
"""Real cable pages per second of CPU in one process (issue 14)."""


def page_files(folders: list[Path]) -> list[Path]:
    """Return the cable files under the folders (manifests and READMEs left out)."""
    files = []
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if (
                path.is_file() and path.suffix not in _SKIP and "expected" not in path.parts[-2]
            ) or (path.suffix == ".json" and path.name != "manifest.json"):
                files.append(path)
    return files


def measure(code: Path, kind: str, repeat: int, target: list[str]) -> dict[str, float]:
    """Return the timing one version of the reader gives, run in its own process."""
    out = subprocess.run(
        [sys.executable, "-c", RUN, kind, str(repeat), *target],
        check=True,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(code), "PATH": "/usr/bin:/bin"},
        cwd=code,
    ).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


_CACHEGRIND = ("valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null")


def instructions(code: Path, kind: str, target: list[str]) -> float:
    """Return the instructions one pass of a version's reader takes per input (cachegrind)."""
    counts = []
    for repeat in ("0", "1"):
        run = subprocess.run(
            [*_CACHEGRIND, sys.executable, "-c", RUN, kind, repeat, *target],
            check=True,
            capture_output=True,
            text=True,
            env={"PYTHONPATH": str(code), "PATH": "/usr/bin:/bin"},
            cwd=code,
        )
        found = re.search(r"I\s+refs:\s+([\d,]+)", run.stderr)
        assert found is not None, run.stderr[-500:]
        counts.append(int(found.group(1).replace(",", "")))
    count = json.loads(run.stdout.strip().splitlines()[-1])["count"]
    return (counts[1] - counts[0]) / max(count, 1)


def old_checkout(ref: str, folder: Path) -> Path:
    """Unpack commit `ref` of this repository's package into `folder`; return its path."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", ref, "briefgen"],
        check=True,
        capture_output=True,
    ).stdout
    target = folder / "old"
    target.mkdir()
    with tempfile.TemporaryFile() as handle:
        handle.write(archive)
        handle.seek(0)
        with tarfile.open(fileobj=handle) as tar:
            tar.extractall(target, filter="data")
    return target


def line(label: str, result: dict[str, float], unit: str) -> str:
    rate = result["count"] / result["seconds"]
    return (
        f"{label:<10} {int(result['cables']):>6}/{int(result['count'])} cables  "
        f"{result['seconds']:7.2f} s CPU  {rate:8.0f} {unit}  "
        f"{result['bytes'] / result['seconds'] / 1e6:6.2f} MB/s"
    )


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", type=Path)
    parser.add_argument("--csv", type=Path, default=SHARED / "cablegate" / "cables-3406.csv.gz")
    parser.add_argument("--old-ref", help="Also time the reader of this commit (e.g. 77b3776).")
    parser.add_argument("--repeat", type=int, default=3, help="Report the best of N runs.")
    parser.add_argument("--profile", action="store_true", help="Profile the pages run instead.")
    parser.add_argument(
        "--instructions", action="store_true", help="Also count instructions (valgrind)."
    )
    args = parser.parse_args()
    folders = args.pages or [p for p in (SHARED / "topical", SHARED / "real") if p.is_dir()]
    folders = [folder.resolve() for folder in folders]
    files = page_files(folders)
    if args.profile:
        import cProfile
        import pstats

        from briefgen.read import Source, parse_source

        sources = [Source(str(p), None, p.read_bytes(), "file") for p in files]
        profiler = cProfile.Profile()
        profiler.runcall(lambda: [parse_source(s) for s in sources for _ in range(3)])
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        csv_path = args.csv.resolve()
        if csv_path.suffix == ".gz" and csv_path.is_file():
            csv_path = folder / csv_path.stem
            with gzip.open(args.csv.resolve(), "rb") as source, csv_path.open("wb") as sink:
                shutil.copyfileobj(source, sink)
        versions = [("new", ROOT)]
        if args.old_ref:
            versions.insert(0, (f"old {args.old_ref}", old_checkout(args.old_ref, folder)))
        size = sum(p.stat().st_size for p in files) / max(len(files), 1) / 1024
        print(f"pages: {len(files)} real cable files (avg {size:.1f} KB), best of {args.repeat}")
        for label, code in versions:
            result = measure(code, "pages", args.repeat, [str(p) for p in files])
            print("  " + line(label, result, "pages/s"))
            if args.instructions:
                per_page = instructions(code, "pages", [str(p) for p in files])
                print(f"  {label:<10} {per_page / 1e6:.2f} M instructions per page")
        rate = result["count"] / result["seconds"]
        verdict = "met" if rate >= TARGET_PAGES else "MISSED"
        print(f"  target: {TARGET_PAGES:,} pages/s or more in one process: {verdict}")
        if csv_path.is_file():
            print(f"csv: {args.csv.name}, read_paths, best of {args.repeat}")
            for label, code in versions:
                result = measure(code, "csv", args.repeat, [str(csv_path)])
                print("  " + line(label, result, "rows/s"))
                if args.instructions:
                    per_row = instructions(code, "csv", [str(csv_path)])
                    print(f"  {label:<10} {per_row / 1e6:.2f} M instructions per row")


if __name__ == "__main__":
    main()
