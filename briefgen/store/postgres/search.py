"""Answer the FTS5 query syntax users type (`shelter AND Kokshetau`, `"night stars"`, `traffick*`,
`a OR b NOT c`, parentheses) with PostgreSQL's text search over the `cables_fts.document` column.

A query is parsed here, as FTS5 parses it (NOT binds tighter than AND, AND than OR; words side
by side are ANDed), into a tsquery expression: each word or phrase is split into runs of
letters and digits, as the index split the cables' text (postgres/schema.py), and becomes a
`phraseto_tsquery` (words in order) or, with `*`, a prefix `to_tsquery`.
Column filters, NEAR and `^` are FTS5 features this translation does not offer; they are
refused with a one-line reason rather than answered differently.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from briefgen.errors import InvalidArgumentError
from briefgen.store.postgres.connection import PgConnection
from briefgen.store.postgres.snippets import Terms, snippet
from briefgen.store.records import CableSummary
from briefgen.store.rows import PG_SUMMARY_COLUMNS, summary_of

CONFIG = "'simple'"
"""The text search configuration of the index: lower case, every word kept, no stemming."""
WEIGHTS = "'{0.1, 0.2, 0.25, 1.0}'"
"""The rank's weights of D, C, B, A: a subject word (A) counts four body words (B), as in the
SQLite corpus's bm25(4.0, 1.0)."""
RANKED_MATCHES = 5_000
"""Above this many matching cables a search lists them newest first instead of by rank (the
SQLite corpus ranks up to 10,000): ranking reads each match's stored tsvector back, about
12 µs a cable where FTS5's bm25 takes 1 µs, so 5,000 keep a ranked search near 60 ms."""
NORMALIZATION = 8
"""ts_rank_cd divides by the number of different words of the cable: a long cable's many
mentions count less. Of ts_rank and ts_rank_cd with each normalization, this ranks closest to
the SQLite corpus's bm25: on 20 searches of the seeds and the 98 topical cables, 92% of pairs
in the top 20 in the same order, the same top three for 14 of the 20 (on the topical cables
alone 87% and 11 of 19: `benchmarks/bench_postgres.py --compare`)."""

_TOKEN = re.compile(r'\s+|"(?:[^"]|"")*"?|[()*:^+{}]|[^\s"()*:^+{}]+')
_BAREWORD = re.compile(r"[\w\x1a\u0080-\U0010ffff]+")
_WORD = re.compile(r"[^\W_]+")
"""A word as the index splits text: a run of letters and digits."""


@dataclass(frozen=True, slots=True)
class TsQuery:
    """A tsquery as SQL: an expression and its parameters, in order; and its loose form."""

    sql: str
    params: tuple[str, ...]
    loose: tuple[str, tuple[str, ...]] | None = None
    """A tsquery matching every cable `sql` matches and maybe more, without word positions
    (phrases as their words anywhere), so that the index answers it without reading the
    cables back; None when `sql` itself has no positions."""

    @property
    def bound(self) -> tuple[str, tuple[str, ...]]:
        """Return the loose form, or the query itself when it has no positions."""
        return self.loose or (self.sql, self.params)


def translate(query: str) -> TsQuery:
    """Return the tsquery expression matching what the FTS5 `query` matches.

    Raise InvalidArgumentError naming the fault for a query FTS5 would refuse (an unclosed
    quote or parenthesis, an operator with nothing to join) or one using a feature this
    translation lacks.
    """
    return _parse(query)[0]


def _parse(query: str) -> tuple[TsQuery, Terms]:
    """Return the tsquery of an FTS5 query and the words a snippet marks (none under NOT)."""
    parser = _Parser(_tokens(query), query)
    result = parser.or_expr()
    if parser.peek() is not None:
        raise parser.error(f'syntax error near "{parser.peek()}"')
    return result, Terms(frozenset(parser.words), frozenset(parser.prefixes))


def _tokens(query: str) -> list[str]:
    tokens: list[str] = []
    for match in _TOKEN.finditer(query):
        token = match.group(0)
        if token.isspace():
            continue
        if token.startswith('"') and (len(token) == 1 or not token.endswith('"')):
            raise InvalidArgumentError(f"invalid search {query!r}: unterminated string")
        tokens.append(token)
    return tokens


class _Parser:
    """A recursive-descent parser of FTS5 queries, building tsquery SQL as it goes."""

    def __init__(self, tokens: list[str], query: str) -> None:
        self.tokens = tokens
        self.query = query
        self.at = 0
        self.words: set[str] = set()
        self.prefixes: set[str] = set()
        self.negated = 0

    def peek(self) -> str | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> str:
        token = self.tokens[self.at]
        self.at += 1
        return token

    def error(self, reason: str) -> InvalidArgumentError:
        return InvalidArgumentError(f"invalid search {self.query!r}: {reason}")

    def or_expr(self) -> TsQuery:
        left = self.and_expr()
        while self.peek() == "OR":
            self.take()
            left = _join("||", left, self.and_expr())
        return left

    def and_expr(self) -> TsQuery:
        left = self.not_expr()
        while (token := self.peek()) is not None and token not in ("OR", ")"):
            if token == "AND":
                self.take()
            left = _join("&&", left, self.not_expr())
        return left

    def not_expr(self) -> TsQuery:
        left = self.primary()
        while self.peek() == "NOT":
            self.take()
            self.negated += 1
            right = self.primary()
            self.negated -= 1
            # Leaving out a phrase's cables leaves out fewer than leaving out its words': the
            # loose form drops the condition rather than bound it the wrong way.
            loose_sql, loose_params = left.bound
            if right.loose is None:
                loose_sql = f"({loose_sql} && !!{right.sql})"
                loose_params += right.params
            left = TsQuery(
                f"({left.sql} && !!{right.sql})",
                left.params + right.params,
                None if (left.loose is right.loose is None) else (loose_sql, loose_params),
            )
        return left

    def primary(self) -> TsQuery:
        token = self.peek()
        if token is None:
            raise self.error("syntax error: the query ends where a word was expected")
        if token == "(":
            self.take()
            inner = self.or_expr()
            if self.peek() != ")":
                raise self.error('syntax error: "(" is never closed')
            self.take()
            return inner
        if token in ("AND", "OR", "NOT", ")", "*", "+"):
            raise self.error(f'syntax error near "{token}"')
        if token in (":", "^", "{", "}") or (token == "NEAR" and self._next_is("(")):
            raise self.error(
                f'"{token}" (column filters, NEAR and ^) is not offered on a PostgreSQL corpus'
            )
        return self.phrase()

    def _next_is(self, token: str) -> bool:
        return self.at + 1 < len(self.tokens) and self.tokens[self.at + 1] == token

    def phrase(self) -> TsQuery:
        """Read one phrase: words or quoted strings joined by `+`, the last maybe a prefix."""
        parts = [self._string(self.take())]
        while self.peek() == "+":
            self.take()
            if self.peek() is None:
                raise self.error('syntax error: "+" joins nothing')
            parts.append(self._string(self.take()))
        if self.peek() == ":":
            raise self.error('":" (column filters) is not offered on a PostgreSQL corpus')
        text = " ".join(parts)
        prefix = self.peek() == "*"
        if prefix:
            self.take()
        words = [w.lower() for w in _WORD.findall(text)]
        if not self.negated:
            self.words.update(words[:-1] if prefix else words)
            if prefix and words:
                self.prefixes.add(words[-1])
        if prefix:
            return _prefix(words)
        text = " ".join(words)
        loose = (f"plainto_tsquery({CONFIG}, ?)", (text,)) if len(words) > 1 else None
        return TsQuery(f"phraseto_tsquery({CONFIG}, ?)", (text,), loose)

    def _string(self, token: str) -> str:
        if token.startswith('"'):
            return token[1:-1].replace('""', '"')
        if not _BAREWORD.fullmatch(token):
            raise self.error(f'syntax error near "{token}"')
        return token


def _join(operator: str, left: TsQuery, right: TsQuery) -> TsQuery:
    loose = None
    if left.loose is not None or right.loose is not None:
        (one, one_params), (other, other_params) = left.bound, right.bound
        loose = (f"({one} {operator} {other})", one_params + other_params)
    return TsQuery(f"({left.sql} {operator} {right.sql})", left.params + right.params, loose)


def _prefix(words: list[str]) -> TsQuery:
    """Return a phrase whose last word is a prefix (`"night sta"*`): words followed in order."""
    if not words:
        return TsQuery(f"phraseto_tsquery({CONFIG}, ?)", ("",))
    lexemes = [f"'{w}'" for w in words]
    lexemes[-1] += ":*"
    loose = (f"to_tsquery({CONFIG}, ?)", (" & ".join(lexemes),)) if len(words) > 1 else None
    return TsQuery(f"to_tsquery({CONFIG}, ?)", (" <-> ".join(lexemes),), loose)


def matches_sql(query: TsQuery) -> tuple[str, Sequence[object]]:
    """Return the condition on `cables_fts AS f` that the query matches, and its parameters."""
    return f"f.document @@ {query.sql}", query.params


def rank_sql(query: TsQuery) -> tuple[str, Sequence[object]]:
    """Return the rank of `cables_fts AS f` for the query (higher is better), and parameters."""
    return f"ts_rank_cd({WEIGHTS}, f.document, {query.sql}, {NORMALIZATION})", query.params


TEXT = "coalesce(f.subject, '') || chr(10) || f.body"
"""The text of `cables_fts AS f` a snippet is cut from: subject, then body."""


def search_cables(
    conn: PgConnection,
    query: str,
    clauses: Sequence[str],
    params: Sequence[object],
    paging: Sequence[object],
    *,
    ranked_matches: int | None,
    snippet_words: int,
) -> list[CableSummary]:
    """Return the cables matching the FTS5 `query` and every clause on `cables AS c`, as the
    SQLite search does: best first up to `ranked_matches` (RANKED_MATCHES) matches, else
    newest first."""
    ranked_matches = RANKED_MATCHES if ranked_matches is None else ranked_matches
    with conn.index_scans():
        return _search(conn, query, clauses, params, paging, ranked_matches, snippet_words)


def _search(
    conn: PgConnection,
    query: str,
    clauses: Sequence[str],
    params: Sequence[object],
    paging: Sequence[object],
    ranked_matches: int,
    snippet_words: int,
) -> list[CableSummary]:
    tsquery, terms = _parse(query)
    match, match_params = matches_sql(tsquery)
    rank, rank_params = rank_sql(tsquery)
    # Counted by the loose form: a phrase's matches must each be read back to check the order
    # of its words (150 ms for 5,000), its words' matches need not. Where the words are in
    # more cables than ranked_matches but the phrase in fewer, the list is newest first.
    bound, bound_params = tsquery.bound
    where = " AND ".join([match, *clauses])
    # One statement, one round trip: the count decides which of the two pages is made (the
    # other's condition is false before any row is read), and the last ORDER BY sorts each
    # as its own does: by score then id, or (no score) newest first then id.
    sql = (
        "WITH counted AS (SELECT count(*) AS n FROM (SELECT 1 FROM cables_fts AS f "
        f"WHERE f.document @@ {bound} LIMIT ?) AS m), "
        f"ranked AS (SELECT c.rowid, {rank} AS score FROM cables_fts AS f "
        f"JOIN cables AS c ON c.rowid = f.rowid WHERE {where} "
        "AND (SELECT n FROM counted) <= ? ORDER BY score DESC, c.id LIMIT ? OFFSET ?), "
        "newest AS (SELECT c.rowid, NULL::real AS score FROM cables AS c "
        f"JOIN cables_fts AS f ON f.rowid = c.rowid WHERE {where} "
        "AND (SELECT n FROM counted) > ? ORDER BY c.created DESC, c.id LIMIT ? OFFSET ?) "
        f"SELECT {PG_SUMMARY_COLUMNS}, {TEXT}, page.score "
        "FROM (SELECT * FROM ranked UNION ALL SELECT * FROM newest) AS page "
        "JOIN cables AS c ON c.rowid = page.rowid JOIN cables_fts AS f ON f.rowid = page.rowid "
        "ORDER BY page.score DESC, CASE WHEN page.score IS NULL THEN c.created END DESC, c.id"
    )
    page_params = [
        *bound_params,
        ranked_matches + 1,
        *rank_params,
        *match_params,
        *params,
        ranked_matches,
        *paging,
        *match_params,
        *params,
        ranked_matches,
        *paging,
    ]
    rows = conn.execute(sql, page_params).fetchall()
    # Lower is better, as bm25 scores are.
    return [
        summary_of(
            row[:6],
            snippet(row[6], terms, snippet_words),
            -row[7] if row[7] is not None else None,
        )
        for row in rows
    ]


def best_matches(conn: PgConnection, query: str, limit: int) -> list[str]:
    """Return the ids of the `limit` cables best matching the FTS5 `query`, best first."""
    tsquery = translate(query)
    match, match_params = matches_sql(tsquery)
    rank, rank_params = rank_sql(tsquery)
    with conn.index_scans():
        rows = conn.execute(
            f"SELECT c.id, {rank} AS score FROM cables_fts AS f JOIN cables AS c "
            f"ON c.rowid = f.rowid WHERE {match} ORDER BY score DESC, c.id LIMIT ?",
            (*rank_params, *match_params, limit),
        ).fetchall()
    return [str(row[0]) for row in rows]


def count_matches(conn: PgConnection, query: str) -> int:
    """Return how many cables match the FTS5 `query`."""
    match, match_params = matches_sql(translate(query))
    with conn.index_scans():
        row = conn.execute(f"SELECT count(*) FROM cables_fts AS f WHERE {match}", match_params)
        return int(row.fetchone()[0])


def known_words(conn: PgConnection, words: Sequence[str]) -> list[str]:
    """Return those of `words` some cable holds (one index lookup each, in one statement)."""
    if not words:
        return []
    with conn.index_scans():
        rows = conn.execute(
            "SELECT w FROM unnest(?::text[]) AS w WHERE EXISTS (SELECT 1 FROM cables_fts AS f "
            f"WHERE f.document @@ phraseto_tsquery({CONFIG}, w))",
            (list(words),),
        ).fetchall()
    return [str(row[0]) for row in rows]
