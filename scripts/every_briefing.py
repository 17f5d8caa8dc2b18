#!/usr/bin/env python3
"""Make every briefing of a folder of cables and report what failed, by kind.

    .venv/bin/python scripts/every_briefing.py CABLES [--db PATH] [--kinds ngo,program,...]
        [--sample N] [--render N] [--workers N] [--seed S] [--json REPORT] [-v]

The cables (a folder, a file or a CSV dump) are ingested into a scratch database (or `--db`,
reused when it exists) and extracted whole. Then every briefing is made:

  ngo        an NGO profile for every organization mentioned at least twice
  program    a program sheet for the same organizations (the query is the name)
  quarterly  a quarterly summary for every post and quarter, and every quarter of all posts
  cable      a digest of every cable

Each is summarized, templated and parsed into the document model; the first `--render N` of
each kind (default 50, all with -1) are also rendered to PDF and DOCX. A BriefgenError is the
one-line message a user would see ("declined"); anything else is a traceback, the defect this
script hunts. `--sample N` takes N subjects per kind at random (`--seed`) for a long corpus.
The report lists, per kind, how many were made, declined (by message) and failed (grouped by
exception and the line that raised it, with an example subject and the traceback).
Exit status 1 when any traceback was found.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import re
import sys
import tempfile
import time
import traceback
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader

from briefgen.errors import BriefgenError
from briefgen.facts import ensure_facts
from briefgen.pipeline import BriefingRequest, ingest, summarize, to_markdown
from briefgen.pool import ordered_map
from briefgen.store import Corpus

KINDS = ("ngo", "program", "quarterly", "cable")


@dataclass(frozen=True, slots=True)
class Job:
    """One briefing to make."""

    kind: str
    subject: str
    origins: tuple[str, ...] = ()
    render: bool = False


@dataclass(frozen=True, slots=True)
class Outcome:
    """What making one briefing gave."""

    job: Job
    status: str  # made, declined, traceback
    message: str = ""
    where: str = ""
    trace: str = ""
    seconds: float = 0.0
    pages: int = 0


@dataclass
class Tally:
    """The outcomes of one kind."""

    made: int = 0
    declined: Counter[str] = field(default_factory=Counter)
    failures: dict[str, list[Outcome]] = field(default_factory=lambda: defaultdict(list))
    seconds: float = 0.0
    pages: list[int] = field(default_factory=list)


def main() -> int:
    """Ingest, enumerate, make every briefing and print the report."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("cables", type=Path, help="a folder of cables, a file or a CSV dump")
    parser.add_argument("--db", type=Path, help="the corpus database (default: a scratch one)")
    parser.add_argument("--kinds", default=",".join(KINDS), help="kinds to make, comma-separated")
    parser.add_argument("--sample", type=int, default=0, help="subjects per kind (0: all)")
    parser.add_argument("--render", type=int, default=50, help="render to PDF+DOCX the first N")
    parser.add_argument("--workers", type=int, default=1, help="processes (default 1)")
    parser.add_argument("--seed", type=int, default=13, help="seed of --sample")
    parser.add_argument(
        "--min-mentions", type=int, default=2, help="organizations named this often"
    )
    parser.add_argument("--json", type=Path, help="also write the report as JSON here")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every traceback")
    args = parser.parse_args()
    kinds = [k for k in args.kinds.split(",") if k]
    with tempfile.TemporaryDirectory() as scratch:
        db = args.db or Path(scratch) / "corpus.db"
        started = time.perf_counter()
        with Corpus.open(db) as corpus:
            if len(corpus) == 0:
                ingest(corpus, [args.cables])
            ensure_facts(corpus, workers=args.workers)
            jobs = list(_jobs(corpus, kinds, args.min_mentions))
        print(f"corpus ready in {time.perf_counter() - started:.0f} s: {db}", file=sys.stderr)
        jobs = _sampled(jobs, args.sample, args.seed)
        jobs = _marked_for_render(jobs, args.render)
        counts = Counter(j.kind for j in jobs)
        print("jobs: " + ", ".join(f"{k} {counts[k]}" for k in kinds), file=sys.stderr)
        tallies: dict[str, Tally] = {k: Tally() for k in kinds}
        for done, outcome in enumerate(
            ordered_map(_make, jobs, args.workers, chunk=4, initializer=_open, initargs=(str(db),)),
            start=1,
        ):
            _count(tallies[outcome.job.kind], outcome)
            if done % 200 == 0:
                print(f"  {done}/{len(jobs)}", file=sys.stderr)
    _print(tallies, args.verbose)
    if args.json:
        args.json.write_text(json.dumps(_as_json(tallies), indent=1))
    return 1 if any(t.failures for t in tallies.values()) else 0


def _jobs(corpus: Corpus, kinds: list[str], min_mentions: int) -> Iterator[Job]:
    facts = ensure_facts(corpus)
    if "ngo" in kinds or "program" in kinds:
        orgs = [e for e in facts.entities(kind="org") if e.mentions >= min_mentions]
        for kind in ("ngo", "program"):
            if kind in kinds:
                yield from (Job(kind, e.name) for e in orgs)
    summaries = corpus.cables(limit=None)
    if "quarterly" in kinds:
        pairs: set[tuple[str, str]] = set()
        quarters: set[str] = set()
        for summary in summaries:
            if summary.created is None:
                continue
            quarter = f"{summary.created.year}Q{(summary.created.month - 1) // 3 + 1}"
            quarters.add(quarter)
            if summary.origin:
                pairs.add((summary.origin, quarter))
        yield from (Job("quarterly", q) for q in sorted(quarters))
        yield from (Job("quarterly", q, (o,)) for o, q in sorted(pairs))
    if "cable" in kinds:
        yield from (Job("cable", s.id) for s in summaries)


def _sampled(jobs: list[Job], sample: int, seed: int) -> list[Job]:
    if sample <= 0:
        return jobs
    rng = random.Random(seed)
    by_kind: dict[str, list[Job]] = defaultdict(list)
    for job in jobs:
        by_kind[job.kind].append(job)
    return [
        j for kind in by_kind for j in rng.sample(by_kind[kind], min(sample, len(by_kind[kind])))
    ]


def _marked_for_render(jobs: list[Job], render: int) -> list[Job]:
    seen: Counter[str] = Counter()
    out = []
    for job in jobs:
        seen[job.kind] += 1
        wanted = render < 0 or seen[job.kind] <= render
        out.append(Job(job.kind, job.subject, job.origins, wanted))
    return out


_CORPUS: list[Corpus] = []


def _open(path: str) -> None:
    """Open the corpus read-only once per worker process."""
    _CORPUS.append(Corpus.open(path, read_only=True))


def _make(job: Job) -> Outcome:
    """Make one briefing; never raise."""
    corpus = _CORPUS[0]
    started = time.perf_counter()
    try:
        request = BriefingRequest(job.kind, job.subject, origins=job.origins)  # type: ignore[arg-type]
        brief = summarize(corpus, request)
        from briefgen.document import parse_markdown

        document = parse_markdown(to_markdown(brief))
        pages = 0
        if job.render:
            from briefgen.render import load_style, render

            style = load_style("default")
            pdf = render(document, "pdf", style)
            render(document, "docx", style)
            pages = len(PdfReader(io.BytesIO(pdf)).pages)
    except BriefgenError as exc:
        return Outcome(job, "declined", str(exc), seconds=time.perf_counter() - started)
    except Exception as exc:  # the defect this script reports
        frames = traceback.extract_tb(exc.__traceback__)
        ours = [f for f in frames if "briefgen" in f.filename] or frames
        last = ours[-1]
        where = f"{Path(last.filename).name}:{last.lineno} in {last.name}"
        return Outcome(
            job,
            "traceback",
            f"{type(exc).__name__}: {exc}",
            where,
            traceback.format_exc(),
            time.perf_counter() - started,
        )
    return Outcome(job, "made", seconds=time.perf_counter() - started, pages=pages)


def _count(tally: Tally, outcome: Outcome) -> None:
    tally.seconds += outcome.seconds
    if outcome.status == "made":
        tally.made += 1
        if outcome.pages:
            tally.pages.append(outcome.pages)
    elif outcome.status == "declined":
        # Group messages by their shape: names and numbers differ, the reason does not.
        shape = re.sub(r"'[^']*'|\"[^\"]*\"|\d+", "…", outcome.message)[:140]
        tally.declined[shape] += 1
    else:
        tally.failures[f"{outcome.message.splitlines()[0][:160]} @ {outcome.where}"].append(outcome)


def _label(job: Job) -> str:
    return job.subject + (f" --origin {job.origins[0]!r}" if job.origins else "")


def _print(tallies: dict[str, Tally], verbose: bool) -> None:
    for kind, tally in tallies.items():
        failed = sum(len(v) for v in tally.failures.values())
        total = tally.made + sum(tally.declined.values()) + failed
        pages = ""
        if tally.pages:
            ordered = sorted(tally.pages)
            median = ordered[len(ordered) // 2]
            pages = f"; rendered {len(ordered)}: {ordered[0]}-{ordered[-1]} pages, median {median}"
        print(
            f"\n{kind}: {total} asked, {tally.made} made, {sum(tally.declined.values())} declined, "
            f"{failed} tracebacks ({tally.seconds / max(1, total):.2f} s each{pages})"
        )
        for shape, n in tally.declined.most_common(8):
            print(f"  declined {n:5d}  {shape}")
        for key, outcomes in sorted(tally.failures.items(), key=lambda t: -len(t[1])):
            print(f"  TRACEBACK {len(outcomes):4d}  {key}")
            print(f"      e.g. {_label(outcomes[0].job)}")
            if verbose:
                print("      " + outcomes[0].trace.replace("\n", "\n      "))


def _as_json(tallies: dict[str, Tally]) -> dict[str, object]:
    return {
        kind: {
            "made": t.made,
            "declined": dict(t.declined),
            "tracebacks": {
                key: {
                    "count": len(v),
                    "examples": [_label(o.job) for o in v[:5]],
                    "trace": v[0].trace,
                }
                for key, v in t.failures.items()
            },
            "pages": t.pages,
        }
        for kind, t in tallies.items()
    }


if __name__ == "__main__":
    sys.exit(main())
