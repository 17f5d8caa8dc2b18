"""A corpus on a PostgreSQL server: the SQLite corpus's tables, versions and queries, shared by
a team (several people ingesting and briefing at once, from several machines).

`connection.py` opens the database and runs the store's SQL on it (with the session settings
a statement needs); `schema.py` holds each schema version in PostgreSQL's words; `search.py`
answers the FTS5 query syntax users type with PostgreSQL's own text search, `snippets.py` cuts
its snippets as FTS5 does; `views.py` reads a whole cable in one statement.
"""
