"""Property tests: no input, however broken, makes the reader raise anything but ReadError."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.errors import ReadError
from briefgen.models import Cable, Rejection
from briefgen.read import Source, parse_source, read_text

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = [
    *(ROOT / "examples" / "cables").glob("*.txt"),
    *(ROOT / "tests" / "fixtures" / "read" / "formats").glob("*.*"),
]
TEXTS = [path.read_text(encoding="utf-8") for path in sorted(SAMPLES)]
PROPERTY = settings(
    max_examples=int(os.environ.get("BRIEFGEN_HYPOTHESIS_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def check_source(source: Source) -> None:
    result = parse_source(source)
    assert isinstance(result, (Cable, Rejection))
    if isinstance(result, Cable):
        result.as_dict()
        result.content_hash()


@PROPERTY
@given(st.binary(max_size=4000), st.sampled_from(["file", "pdf", "jsonl"]))
def test_random_bytes_never_crash(data: bytes, kind: str) -> None:
    check_source(Source("random.bin", None, data, kind))


@PROPERTY
@given(st.lists(st.text(max_size=200), max_size=10))
def test_random_csv_fields_never_crash(fields: list[str]) -> None:
    check_source(Source("random.csv", 1, "\x00".join(f.replace("\x00", "") for f in fields), "csv"))


@st.composite
def mutated_cables(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(TEXTS))
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["cut", "insert", "duplicate", "truncate", "swap", "case"]))
        lines = text.split("\n")
        if kind == "cut" and text:
            start = draw(st.integers(0, len(text) - 1))
            text = text[:start] + text[start + draw(st.integers(1, 400)) :]
        elif kind == "insert":
            start = draw(st.integers(0, len(text)))
            junk = draw(
                st.text(max_size=80) | st.sampled_from(["\n\n", "¶", "SUBJECT:", "REF:", "1."])
            )
            text = text[:start] + junk + text[start:]
        elif kind == "duplicate" and lines:
            start = draw(st.integers(0, len(lines) - 1))
            text = "\n".join(lines[: start + 20] + lines[start:])
        elif kind == "truncate":
            text = text[: draw(st.integers(0, len(text)))]
        elif kind == "swap" and len(lines) > 2:
            a, b = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[a], lines[b] = lines[b], lines[a]
            text = "\n".join(lines)
        elif kind == "case":
            text = text.lower() if draw(st.booleans()) else text.upper()
    return text


@PROPERTY
@given(mutated_cables())
def test_mutated_cables_raise_only_read_error(text: str) -> None:
    try:
        cable = read_text(text, "mutated.txt")
    except ReadError:
        return
    assert cable.id
    cable.as_dict()


@PROPERTY
@given(mutated_cables(), st.sampled_from(["utf-8", "cp1252", "utf-16"]))
def test_mutated_cable_bytes_never_crash(text: str, encoding: str) -> None:
    check_source(Source("mutated.txt", None, text.encode(encoding, errors="replace"), "file"))
