"""Time the commands a user runs most, from process start to their last byte or file.

    .venv/bin/python benchmarks/bench_startup.py                       # ngo on the seeds, stats
    .venv/bin/python benchmarks/bench_startup.py --stats-db big.db     # stats on a big corpus
    .venv/bin/python benchmarks/bench_startup.py --profile ngo         # where ngo's time goes

Each run is a fresh process, as a user starts it: imports, pattern compiling and font loading
are included. briefgen's modules are compiled to bytecode first, as installing it does: a
checkout run with PYTHONDONTWRITEBYTECODE set would otherwise compile every module from
source on every run (about 0.12 s of CPU and 0.7 G instructions for `ngo`), which no
installed briefgen does. Wall time is what the user waits; CPU time (user + system, of the
process and its children) is shown beside it because on a shared machine the wall time of a
short command mostly measures the other processes (the load average is printed with each
figure). With --profile, one in-process run shows the time of each stage of a briefing:
imports by package, then summarize, template, Markdown, PDF and DOCX.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BRIEFGEN = str(Path(sys.executable).parent / "briefgen")
TARGETS = {"ngo": 0.5, "stats": 0.2}
"""Seconds from process start to the files written (ngo) or the counts printed (stats)."""


def compile_bytecode() -> None:
    """Compile briefgen's modules to bytecode beside their source, as installing it does."""
    spec = importlib.util.find_spec("briefgen")
    if spec is None or spec.origin is None:
        raise SystemExit("briefgen is not installed in this Python")
    if not compileall.compile_dir(Path(spec.origin).parent, quiet=1):
        print("note: some of briefgen's modules could not be compiled (a read-only install?);")
        print("      where none was kept, every run compiles them again, and the figures show it")


def run_once(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Return (wall, CPU) seconds of one run of `command`, which must succeed."""
    started = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        assert proc.stderr is not None
        raise SystemExit(f"{' '.join(command)} failed: {proc.stderr.read().decode().strip()}")
    return wall, usage.ru_utime + usage.ru_stime


def measure(name: str, command: list[str], runs: int, check: object = None) -> None:
    """Run `command` `runs` times after one warm-up; print its figures as a table row."""
    env = dict(os.environ)
    run_once(command, env)  # warm the OS file cache
    walls, cpus = [], []
    load_before = os.getloadavg()[0]
    for _ in range(runs):
        wall, cpu = run_once(command, env)
        walls.append(wall)
        cpus.append(cpu)
        if callable(check):
            check()
    load_after = os.getloadavg()[0]
    target = TARGETS.get(name)
    print(
        f"| {name} | wall min {min(walls):.3f} s, median {statistics.median(walls):.3f} s | "
        f"CPU min {min(cpus):.3f} s, median {statistics.median(cpus):.3f} s | "
        f"load {load_before:.1f} -> {load_after:.1f} | "
        f"{f'< {target} s' if target else ''} |"
    )


def seeds_db(folder: Path) -> Path:
    """Return a corpus of the three seed cables (ingested now, facts extracted)."""
    db = folder / "seeds.db"
    subprocess.run(
        [BRIEFGEN, "ingest", "--db", str(db), str(ROOT / "examples" / "cables")],
        check=True,
        capture_output=True,
    )
    return db


def profile_briefing(db: Path) -> None:
    """Print the CPU time of each stage of `ngo "Feminist League"` in this process."""
    clock = time.process_time
    marks: list[tuple[str, float]] = [("start", clock())]

    def mark(stage: str) -> None:
        marks.append((stage, clock()))

    import typer  # noqa: F401

    mark("import typer")
    import briefgen.cli

    mark("import briefgen.cli")
    from briefgen.store import Corpus

    mark("import store")
    import briefgen.facts

    mark("import facts (extraction rules left out)")
    import briefgen.summarize.ngo

    mark("import summarize.ngo")
    from briefgen.pipeline import BriefingRequest, summarize, to_markdown

    mark("import the rest of pipeline")
    from briefgen.document import parse_markdown
    from briefgen.render import load_style, render

    mark("import document, render")
    import briefgen.render.pdf

    mark("import render.pdf (reportlab)")
    import briefgen.render.docx  # noqa: F401

    mark("import render.docx (python-docx)")
    with Corpus.open(db) as corpus:
        brief = summarize(corpus, BriefingRequest("ngo", "Feminist League"))
    mark("summarize")
    markdown = to_markdown(brief)
    mark("template (jinja2 compiles it)")
    document = parse_markdown(markdown)
    mark("Markdown to document")
    style = load_style("default")
    render(document, "pdf", style)
    mark("PDF (fonts registered)")
    render(document, "docx", style)
    mark("DOCX (fonts embedded)")
    for (_, before), (stage, after) in itertools.pairwise(marks):
        print(f"  {stage:<42} {1000 * (after - before):7.1f} ms")
    print(f"  {'total':<42} {1000 * (marks[-1][1] - marks[0][1]):7.1f} ms of CPU")


def main() -> None:
    """Parse arguments, run the commands and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--stats-db", type=Path, help="corpus for stats (default: the seeds)")
    parser.add_argument("--profile", choices=["ngo"], help="time the stages of one briefing")
    args = parser.parse_args()
    compile_bytecode()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = seeds_db(folder)
        if args.profile:
            profile_briefing(db)
            return
        out = folder / "out"
        ngo = [BRIEFGEN, "ngo", "Feminist League", "--db", str(db), "--out", str(out)]

        def both_files() -> None:
            written = sorted(p.suffix for p in out.iterdir())
            if written != [".docx", ".pdf"]:
                raise SystemExit(f"expected a PDF and a DOCX, got {written}")

        print("| command | wall | CPU | load average | target |\n|---|---|---|---|---|")
        measure("ngo", [*ngo, "--pdf", "--docx"], args.runs, both_files)
        stats_db = args.stats_db or db
        measure("stats", [BRIEFGEN, "stats", "--db", str(stats_db)], args.runs)
        measure("--version", [BRIEFGEN, "--version"], args.runs)
        print(f"(stats on {stats_db if args.stats_db else 'the 3 seed cables'})")


if __name__ == "__main__":
    main()
