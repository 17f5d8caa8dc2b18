#!/usr/bin/env python3
"""Make a program sheet for every program a folder of cables names, and count the failures.

Programs are found as a reader would ask for them: the phrases of the cables that end in a
word for a program (`Centers for Drug Information (CDI) Training Conference`, `G/TIP-funded
anti-trafficking programs`, `USAID-funded PRODES program`), each asked for once. Every sheet is
summarized and laid out as a document (template and Markdown included); every `--render`-th one
is also rendered to PDF and DOCX. A lookup may fail with a one-line BriefgenError (no program,
several to choose from): those are counted by kind. Anything else is a traceback, printed with
its query: there must be none.

    .venv/bin/python scripts/sweep_programs.py CABLES_OR_DB [--limit N] [--render K]
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

from briefgen import pipeline
from briefgen.document import parse_markdown
from briefgen.errors import BriefgenError
from briefgen.pipeline import BriefingRequest
from briefgen.render import load_style, render
from briefgen.store import Corpus

PROGRAM = re.compile(
    r"\b(?!(?:The|This|That|These|Those|Its|Our|Their|His|Her|Of|And|A|An|In|On)\b)"
    r"(?:[A-Z][\w/&'’-]*\s+|[\w/]+-(?:funded|sponsored)\s+|anti-[\w-]+\s+|(?:of|for|and)\s+"
    r"(?=[A-Z])|\([A-Z][\w/&-]*\)\s+){1,6}(?:programs?|projects?|campaigns?|trainings?|"
    r"seminars?|workshops?|courses?|conferences?|initiatives?|grants?)\b"
)
"""A phrase naming a program: capitalized or `-funded` words before a word for a program
(`Centers for Drug Information (CDI) Training Conference`), never a sentence's `The`."""


def queries(corpus: Corpus) -> list[str]:
    """Return the program phrases of the corpus's cables, each once, most frequent first."""
    found: Counter[str] = Counter()
    for cable in corpus.iter_cables():
        for para in cable.paragraphs:
            for match in PROGRAM.finditer(para.text):
                phrase = " ".join(match.group(0).split())
                if len(phrase) >= 8 and not phrase.isupper():
                    found[phrase] += 1
    return [phrase for phrase, _ in found.most_common()]


def sweep(corpus: Corpus, asked: list[str], every: int) -> int:
    """Make the sheets, print the failures by kind, and return how many tracebacks."""
    outcomes: Counter[str] = Counter()
    crashes = 0
    style = load_style("default")
    started = time.perf_counter()
    for number, query in enumerate(asked):
        try:
            request = BriefingRequest("program", query)
            brief = pipeline.summarize(corpus, request)
            document = parse_markdown(pipeline.to_markdown(brief))
            if every and number % every == 0:
                for fmt in ("pdf", "docx"):
                    render(document, fmt, style)
            outcomes["sheet"] += 1
        except BriefgenError as error:
            outcomes[type(error).__name__] += 1
            assert "\n" not in str(error), f"{query!r}: a message of several lines"
        except Exception:  # the point is to find any
            crashes += 1
            print(f"TRACEBACK for {query!r}:")
            traceback.print_exc()
    seconds = time.perf_counter() - started
    print(
        f"{len(asked)} queries in {seconds:.0f} s: "
        + ", ".join(f"{kind} {count}" for kind, count in outcomes.most_common())
        + f", tracebacks {crashes}"
    )
    return crashes


def main() -> int:
    """Sweep a corpus database or a folder of cables (ingested into a temporary one)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("source", type=Path, help="a corpus database, or cables to ingest")
    parser.add_argument("--limit", type=int, default=0, help="at most this many queries")
    parser.add_argument("--render", type=int, default=10, help="render every K-th sheet")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        db = args.source
        if not (db.is_file() and db.suffix == ".db"):
            db = Path(scratch) / "sweep.db"
            with Corpus.open(db) as corpus:
                pipeline.ingest(corpus, [args.source])
        with Corpus.open(db) as corpus:
            asked = queries(corpus)
            if args.limit:
                asked = asked[: args.limit]
            return 1 if sweep(corpus, asked, args.render) else 0


if __name__ == "__main__":
    raise SystemExit(main())
