"""Compare what two versions of the reader make of one cable file, field by field.

    python benchmarks/compare_reader.py CABLES [--old-ref 77b3776] [--samples 8] [--seed 1]

The old reader is taken from a git commit of this repository (`git archive`, unpacked into
a temporary folder, so the working tree is never touched), the new one is this checkout.
Each runs in its own process over CABLES (a cables.csv, optionally gzipped, a folder or any
file `briefgen parse` reads) and the records are matched by input row and path. The report
gives the number of ids repaired (`given_id` set) and changed, rejections, and the number
of cables whose references, tags, classified-by, subject, signers, recipients, summary,
comment or paragraph numbering changed, with a random sample of each change to check by eye.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_reader import ROOT, old_checkout

FIELDS = (
    "id", "references", "tags", "classified_by", "subject", "signers", "recipients",
    "summary", "comment", "paragraphs",
)  # fmt: skip

# Run inside the process of each version: print one JSON line per record.
DUMP = """
import json, sys
from briefgen.models import Cable
from briefgen.read import read_paths
for item in read_paths(sys.argv[1:]):
    data = item.as_dict()
    if isinstance(item, Cable):
        data["paragraphs"] = [p["number"] for p in data["paragraphs"]]
        data["kind"] = "cable"
    else:
        data["kind"] = "rejection"
    print(json.dumps(data, ensure_ascii=False))
"""


def dump(code: Path, inputs: list[str]) -> dict[tuple[str, int | None], dict[str, object]]:
    """Return the records one version of the reader makes of the inputs, by (path, row)."""
    out = subprocess.run(
        [sys.executable, "-c", DUMP, *inputs],
        check=True,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(code), "PATH": "/usr/bin:/bin"},
        # `python -c` puts the working folder first on sys.path: run inside the version's own.
        cwd=code,
    ).stdout
    records = {}
    for line in out.splitlines():
        record = json.loads(line)
        records[(str(record["path"]), record["row"])] = record
    return records


def unpack(path: Path, folder: Path) -> Path:
    """Return a readable copy of a gzipped input (the reader skips `.gz` files), else `path`."""
    if path.suffix != ".gz":
        return path
    target = folder / path.stem
    with gzip.open(path, "rb") as source, target.open("wb") as sink:
        shutil.copyfileobj(source, sink)
    return target


def main() -> None:
    """Run both readers and print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cables", type=Path)
    parser.add_argument("--old-ref", default="77b3776", help="The commit of the old reader.")
    parser.add_argument("--samples", type=int, default=8, help="Changes shown per field.")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = unpack(args.cables, folder)
        old = dump(old_checkout(args.old_ref, folder), [str(source)])
        new = dump(ROOT, [str(source)])
    rng = random.Random(args.seed)
    keys = sorted(set(old) | set(new), key=lambda k: (k[0], k[1] or 0))
    pairs = [(k, old.get(k, {}), new.get(k, {})) for k in keys]
    cables = sum(1 for _, _, b in pairs if b.get("kind") == "cable")
    print(f"inputs {len(keys)}, cables now {cables}")
    for kind in ("rejection",):
        before = sum(1 for _, a, _ in pairs if a.get("kind") == kind)
        after = sum(1 for _, _, b in pairs if b.get("kind") == kind)
        print(f"rejections: {before} before, {after} after")
    repaired = [(k, b) for k, _, b in pairs if b.get("given_id")]
    print(f"ids repaired (given_id set): {len(repaired)}")
    for (_, row), b in rng.sample(repaired, min(args.samples, len(repaired))):
        print(f"    row {row}: {b['given_id']} -> {b['id']}")
    both = [(k, a, b) for k, a, b in pairs if a.get("kind") == b.get("kind") == "cable"]
    for field in FIELDS:
        changed = [(k, a, b) for k, a, b in both if a.get(field) != b.get(field)]
        print(f"{field}: changed in {len(changed)} of {len(both)} cables")
        for (_, row), a, b in rng.sample(changed, min(args.samples, len(changed))):
            print(
                f"    row {row} {b['id']}:\n      old {a.get(field)!r}\n      new {b.get(field)!r}"
            )


if __name__ == "__main__":
    main()
