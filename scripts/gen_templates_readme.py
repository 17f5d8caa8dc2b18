"""Write templates/README.md from the briefing records (`--check`: exit 1 if it is stale)."""

from __future__ import annotations

import argparse
import sys

from briefgen.resources import asset_dir
from briefgen.template_docs import templates_readme


def main() -> int:
    """Write (or with --check, compare) the template reference; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="Only check; exit 1 if stale.")
    args = parser.parse_args()
    path = asset_dir("templates") / "README.md"
    text = templates_readme()
    current = path.read_text(encoding="utf-8") if path.exists() else ""
    if args.check:
        if current != text:
            print(f"{path} is stale: run scripts/gen_templates_readme.py", file=sys.stderr)
            return 1
        return 0
    if current != text:
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
