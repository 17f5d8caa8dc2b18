"""The reader's fast paths give what their plain form gives, on any text.

Each speed-up finds what it looks for by a rarer character or one pattern instead of a look
at every line or several searches of the whole text. Each test here states the plain form
(as the reader wrote it before) and checks the fast path against it on texts made of the
characters that matter to it.
"""

from __future__ import annotations

import io
import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.read import body, cleaning, encoding, tabular

PROPERTY = settings(
    max_examples=int(os.environ.get("BRIEFGEN_HYPOTHESIS_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def texts(alphabet: str, pieces: list[str], max_size: int = 120) -> st.SearchStrategy[str]:
    """Return texts mixing the characters and whole pieces that a fast path looks for."""
    part = st.sampled_from(pieces) | st.text(alphabet=alphabet, max_size=3)
    return st.lists(part, max_size=max_size).map("".join)


PILCROW_TEXT = texts("¶\n a1.&", ["¶", "\n¶\n", "\n¶ \n", "¶\n", "&para;", "\n&para;\n", "2."])


@PROPERTY
@given(PILCROW_TEXT)
def test_pilcrows_opening_a_line_go_as_a_plain_replace_drops_them(text: str) -> None:
    plain = ("\n" + text).replace("\n¶", "\n")[1:]
    assert cleaning._without_line_pilcrows(text.split("¶")) == plain


@PROPERTY
@given(PILCROW_TEXT)
def test_a_lone_pilcrow_line_is_told_as_by_plain_searches(text: str) -> None:
    plain = ("¶" in text or "&para;" in text) and (
        any(mark in text for mark in ("\n¶\n", "\n&para;\n", "\n¶ \n"))
        or text.startswith(("¶\n", "&para;\n"))
    )
    assert cleaning._pilcrow_line(text, text.split("¶")) == plain


@PROPERTY
@given(texts("#\na ", ["#" * 70, "\n#", "a#"]))
def test_a_line_opening_with_a_mark_is_found_however_many_marks_come_first(text: str) -> None:
    assert cleaning._opens_a_line(text, "#") == ("\n#" in text or text.startswith("#"))


BREAK_TEXT = texts(
    "\nOF0 1",
    ["ASTANA 00001985 002 OF 003", "HARARE 00005461 002.3 OF 003", " OF 0", "\n", "OF 0OF 0"],
)


@PROPERTY
@given(BREAK_TEXT)
def test_break_lines_are_those_a_look_at_every_line_finds(text: str) -> None:
    lines = text.split("\n")
    plain = [
        i for i, line in enumerate(lines) if "OF 0" in line and cleaning._BREAK_LINE.match(line)
    ]
    assert cleaning._break_lines(text) == plain


@PROPERTY
@given(texts("\n \ta", ["\n\n\n", "\n \n", "\n\t", "  \n"]))
def test_blank_line_shapes_are_found_in_one_pass_as_by_plain_searches(text: str) -> None:
    assert (cleaning._BLANK_RUN.search(text) is not None) == ("\n\n\n" in text or "\n \n" in text)
    assert (cleaning.SPACED_BLANK.search(text) is not None) == ("\n \n" in text or "\n\t" in text)


def plain_has_inline_number(text: str) -> bool:
    """Look at each `. (` and `.(`, as the reader did before one pattern did the whole test."""
    for dot in (". (", ".("):
        start = text.find(dot)
        while start >= 0:
            if body._DOT_MARK.match(text, start) is not None:
                first = start
                while first > max(0, start - 2) and text[first - 1].isdigit():
                    first -= 1
                if first < start and body._inside_line(text, first):
                    return True
            start = text.find(dot, start + 1)
    return False


@PROPERTY
@given(texts("12² .x\n", [". (C) ", ".(S) ", " 2. (C) ", "12. (U) ", ".²3. (C) ", ". (SBU) "]))
def test_an_inline_paragraph_number_is_told_as_by_a_look_at_each_mark(text: str) -> None:
    assert body._has_inline_number(text) == plain_has_inline_number(text)


def plain_unflatten(text: str) -> str:
    """Unflatten a one-line body with patterns tried at every character, as before."""
    if text.count("\n") > 3 or len(text) < 200:
        return text
    text = re.sub(r"(?<!\s)\s{2,}(?=(?:¶\s*)?\d{1,3}\.\s{1,2}(?:\(|[A-Z]))", "\n\n", text)
    text = re.sub(r"(?<=\S)\s*(?=¶\s*\d{1,3}\.)", "\n\n", text)
    return re.sub(r"(?<=\S)\s{2,}(?=\S)", "\n", text)


@PROPERTY
@given(texts("a ¶1.\n(C", ["  2. (C) ", "¶ 3. ", " ¶4.", "   ", "x¶5.", "  ¶ 6. A"], max_size=200))
def test_a_flattened_json_body_is_unflattened_as_by_patterns_tried_everywhere(text: str) -> None:
    text = text.ljust(200, "a")
    assert tabular.unflatten(text) == plain_unflatten(text)


def plain_lines(text: str) -> list[str]:
    """Split a block's text at newlines, keeping them, one line at a time as before."""
    if "\r" in text and "\n" not in text:
        text = text.replace("\r", "\n")
    lines = text.split("\n")
    last = lines.pop()
    return [line + "\n" for line in lines] + ([last] if last else [])


@PROPERTY
@given(st.lists(st.text(alphabet="ab\r\n\x00é", max_size=30), max_size=40))
def test_the_lines_of_a_rows_file_are_those_of_its_text(parts: list[str]) -> None:
    data = "".join(parts).encode("utf-8")
    lines = list(encoding.decode_lines(io.BytesIO(data), "utf-8"))
    # One block (the data is far below the block size): its whole lines, then the rest.
    cut = data.rfind(b"\n") + 1
    whole, rest = data[:cut].decode().replace("\x00", ""), data[cut:].decode().replace("\x00", "")
    assert lines == plain_lines(whole) + plain_lines(rest)


@PROPERTY
@given(
    texts("\n 0185", ["UNCLAS ASTANA 001985", "\nCONFIDENTIAL ASTANA 001985\n", "001985", "\n"]),
    st.integers(0, 60),
)
def test_a_later_serial_line_is_found_as_by_a_look_at_every_line(text: str, after: int) -> None:
    after = min(after, len(text))
    # `after` starts a line, as the rule calls it: the line after the first serial line.
    after = text.rfind("\n", 0, after) + 1
    lines = text[after:].split("\n")
    plain = any(x.endswith("001985") and cleaning.SERIAL_LINE.match(x) for x in lines)
    assert cleaning._later_serial_line(text, "001985", after) == plain


@PROPERTY
@given(texts("01 \n", ["0101", "010", "1"]), st.sampled_from(["0101", "01", "010", "1"]))
def test_a_word_occurs_twice_as_a_count_says(text: str, word: str) -> None:
    assert cleaning._twice(text, word) == (text.count(word) >= 2)
