#!/usr/bin/env python3
"""Score attribution against the hand-labelled statements in tests/extract/fixtures.

Each labelled line is a sentence of a real cable, the text before it in its paragraph, a party
and how the sentence stands to the party (`actor`, `speaker`, `recipient`, `none`). This runs
extraction on the paragraph (context + sentence) and reports how often briefgen gives the
sentence to the party when the label does (recall) and how often it is right when it does
(precision), overall and per label.

    .venv/bin/python scripts/attribution_report.py [-v]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "extract"))

from attribution_eval import evaluate, load_labels  # noqa: E402


def main() -> None:
    """Print precision and recall, and with -v every miss."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    result = evaluate(load_labels())
    print(result.report())
    if args.verbose:
        for line in result.misses:
            print(line)


if __name__ == "__main__":
    main()
