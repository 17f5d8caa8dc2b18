"""Snippets of a PostgreSQL corpus: the fast scan for terms finds what the one pattern finds."""

from __future__ import annotations

import pytest

from briefgen.store.postgres.snippets import Terms, snippet

TEXTS = (
    "Victims of trafficking found SHELTER in Kokshetau; the shelter's victims.",
    "The ’shelter’ “victims” – Xарьков (Cyrillic X) and Shelters for VICTIMS.",
    "Humanitarian aid, human rights and the Human Rights Commission: humanitarians.",
    "A dotless ı and a long ſ: ſhelter, vıctims, İstanbul victims and shelter.",
    "Kelvin \u212aokshetau and Kokshetau; 2009 victims2009 shelter_victims.",
    "",
)
QUERIES = (
    (frozenset({"shelter", "victims"}), frozenset()),
    (frozenset({"human", "rights"}), frozenset({"humanit"})),
    (frozenset({"kokshetau", "2009"}), frozenset({"shelter", "vic"})),
    (frozenset(), frozenset({"h"})),
    (frozenset({"istanbul"}), frozenset()),
)


def slow_hits(terms: Terms, text: str) -> list[tuple[int, int, str | None]]:
    """Return the hits as the single case-blind pattern finds them, word edges checked."""
    hits = []
    for m in terms.pattern.finditer(text):
        start, end = m.start(), m.end()
        before = start > 0 and text[start - 1].isalnum()
        if not before and not (end < len(text) and text[end].isalnum()):
            hits.append((start, end, terms.find(m.group(0))))
    return hits


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize(("words", "prefixes"), QUERIES)
def test_the_fast_scan_finds_the_patterns_hits(
    text: str, words: frozenset[str], prefixes: frozenset[str]
) -> None:
    terms = Terms(words, prefixes)
    assert terms.hits(text) == slow_hits(terms, text)


def test_a_word_matched_by_a_longer_term_first_is_not_marked_by_a_prefix() -> None:
    # The pattern tries whole words before prefixes at each place: `human` wins at the start
    # of `humanitarian`, and is then no whole word; the scan keeps that behaviour.
    terms = Terms(frozenset({"human"}), frozenset({"humanit"}))
    assert terms.hits("humanitarian human") == [(13, 18, "human")]
    assert snippet("humanitarian human", terms, 16) == "humanitarian **human**"
