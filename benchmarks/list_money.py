"""List every money figure and funding statement extraction finds in a folder of cables.

For reading the rules' output against the cables: each line gives what was found and the
sentence it was found in, so that a sample can be labelled by hand (precision of value, scale,
currency and noun for figures; of funder, recipient and status for fundings).

    .venv/bin/python benchmarks/list_money.py /tmp/cg                   # every one, as text
    .venv/bin/python benchmarks/list_money.py /tmp/cg --sample 100 --seed 1
    .venv/bin/python benchmarks/list_money.py /tmp/cg --json > money.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

from briefgen.extract import extract
from briefgen.extract.records import Figure, Funding
from briefgen.models import Cable
from briefgen.read import read_paths


def _figure_line(figure: Figure) -> str:
    parts = [f"value={figure.value:g}", f"unit={figure.unit}"]
    if figure.high is not None:
        parts.append(f"high={figure.high:g}")
    if figure.scale:
        parts.append(f"scale={figure.scale}")
    if figure.hedge:
        parts.append(f"hedge={figure.hedge!r}")
    if figure.per:
        parts.append(f"per={figure.per}")
    if figure.converted_value is not None:
        parts.append(f"conv={figure.converted_value:g} {figure.converted_unit}")
    if figure.what:
        parts.append(f"what={figure.what!r}")
    if figure.role:
        parts.append(f"role={figure.role}")
    if figure.subject:
        parts.append(f"party={figure.subject!r}")
    return f"FIGURE {figure.text!r} " + " ".join(parts)


def _funding_line(funding: Funding) -> str:
    parts = [
        f"rule={funding.rule}",
        f"kind={funding.kind}",
        f"status={funding.status}",
        f"funder={funding.funder!r}",
        f"recipient={funding.recipient!r}",
    ]
    if funding.channel:
        parts.append(f"channel={funding.channel!r}")
    if funding.amount:
        parts.append(f"amount={funding.amount!r}")
    if funding.period or funding.year:
        parts.append(f"period={funding.period or ''}{funding.year or ''}-{funding.end_year or ''}")
    if funding.purpose:
        parts.append(f"purpose={funding.purpose[:80]!r}")
    return "FUNDING " + " ".join(parts)


def main() -> None:
    """Extract every cable under the paths given and print its money and funding facts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path, help="cable files, folders or CSV dumps")
    parser.add_argument("--sample", type=int, help="print this many, drawn at random")
    parser.add_argument("--seed", type=int, default=1, help="seed of the random draw")
    parser.add_argument("--kind", choices=("figure", "funding"), help="list only this kind")
    parser.add_argument("--json", action="store_true", help="print JSON Lines")
    args = parser.parse_args()
    found: list[tuple[str, Figure | Funding]] = []
    for cable in read_paths([str(p) for p in args.paths]):
        if not isinstance(cable, Cable):
            continue
        facts = extract(cable)
        if args.kind != "funding":
            found.extend(("figure", f) for f in facts.figures if f.kind == "money")
        if args.kind != "figure":
            found.extend(("funding", f) for f in facts.fundings)
    counts = Counter(kind for kind, _ in found)
    print(f"# {counts['figure']} money figures, {counts['funding']} fundings", file=sys.stderr)
    if args.sample is not None:
        found = random.Random(args.seed).sample(found, min(args.sample, len(found)))
    for number, (kind, fact) in enumerate(found, 1):
        if args.json:
            print(json.dumps({"kind": kind, **fact.as_dict()}, ensure_ascii=False))
            continue
        line = _figure_line(fact) if isinstance(fact, Figure) else _funding_line(fact)
        where = f"{fact.source.cable_id} ¶{fact.source.paragraph}"
        print(f"[{number}] {where}: {line}\n    | {fact.source.sentence}\n")


if __name__ == "__main__":
    main()
