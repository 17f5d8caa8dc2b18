"""A user template's work is bounded: loops, output and memory end in a clear TemplateError.

Each case runs in a child process with a hard timeout, so that a regression fails the test
instead of hanging the suite; the bound asserted is the error within a few seconds.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefgen.errors import TemplateError
from briefgen.template import render_markdown

NESTED_RANGES = (
    "# Title\n\n{% for i in range(100000) %}{% for j in range(100000) %}"
    "{% endfor %}{% endfor %}done\n"
)

RENDER = """
import json, sys
from briefgen.errors import TemplateError
from briefgen.template import render_markdown
try:
    out = render_markdown(sys.argv[1], {"brief": {"name": "League", "items": list(range(300))}})
except TemplateError as exc:
    print(json.dumps({"error": str(exc)}))
else:
    print(json.dumps({"size": len(out)}))
"""


def render_bounded(tmp_path: Path, source: str) -> tuple[dict[str, object], float]:
    """Render `source` as a user template in a child process; return its outcome and time."""
    path = tmp_path / "user.md.j2"
    path.write_text(source, encoding="utf-8")
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", RENDER, str(path)], capture_output=True, text=True, timeout=120
    )
    elapsed = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout), elapsed


@pytest.mark.parametrize(
    ("source", "words"),
    [
        (NESTED_RANGES, "took longer than"),
        # Loops over data, not ranges: three deep over 300 items is 27 million steps.
        (
            "{% for a in brief.items %}{% for b in brief.items %}{% for c in brief.items %}"
            "{{ c }}{% endfor %}{% endfor %}{% endfor %}",
            "",
        ),
        ('{{ "x" * 10000000000 }}', "too large"),
        ("{{ [1, 2] * 10000000000 }}", "too large"),
        ("{{ 7 ** 1000000000 }}", "too large"),
        ('{{ "%0999999999d" % 1 }}', "too large"),
        ('{{ "{:>9999999999}".format(1) }}', "too large"),
        ('{{ "x".ljust(10000000000) }}', "too large"),
        ('{{ "x" | center(10000000000) }}', "too large"),
        ("{{ brief.items | slice(1000000000) | list }}", "too large"),
        ("{{ lipsum(1000000000) }}", "lipsum"),
        ('{% for i in range(100000) %}{{ "y" * 900000 }}{% endfor %}', ""),
    ],
)
def test_runaway_templates_end_in_a_clear_error(tmp_path: Path, source: str, words: str) -> None:
    outcome, elapsed = render_bounded(tmp_path, source)
    assert "error" in outcome, outcome
    message = str(outcome["error"])
    assert words in message
    assert "user.md.j2" in message  # it names the template
    assert elapsed < 30


def test_the_error_names_the_line_of_the_loop(tmp_path: Path) -> None:
    outcome, _ = render_bounded(tmp_path, NESTED_RANGES)
    assert "user.md.j2, line 3" in str(outcome["error"])


def test_big_numbers_as_values_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "ok.md.j2"
    path.write_text(
        '{{ "{:,}".format(1500000000) }} {{ 2500000 | money }} {{ "%d" % 31000000 }}'
        " {{ 2 ** 20 }} {{ 'ab' * 3 }} {{ 'x'.ljust(12) }}|\n",
        encoding="utf-8",
    )
    assert render_markdown(path, {}).strip() == (
        "1,500,000,000 $2,500,000 31000000 1048576 ababab x |"
    )


def test_a_slow_template_is_stopped_even_in_a_thread(tmp_path: Path) -> None:
    import threading

    path = tmp_path / "loops.md.j2"
    path.write_text(NESTED_RANGES, encoding="utf-8")
    errors: list[BaseException] = []

    def work() -> None:
        try:
            render_markdown(path, {})
        except TemplateError as exc:
            errors.append(exc)

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    thread.join(60)
    assert not thread.is_alive()
    assert errors and "took longer than" in str(errors[0])
