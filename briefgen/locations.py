"""Tell where a corpus is: a SQLite file's path, or a PostgreSQL database's URL, which may hold
a password that no message or listing shows."""

from __future__ import annotations

import re

SCHEMES = ("postgresql://", "postgres://")

_PASSWORD = re.compile(r"(://[^:/@]*:)[^@/]*@")


def is_postgres_url(location: object) -> bool:
    """Return True when a corpus location names a PostgreSQL database (`postgresql://...`)."""
    return isinstance(location, str) and location.strip().lower().startswith(SCHEMES)


def without_password(text: str, mask: str = "***") -> str:
    """Return `text` with the password of any URL in it replaced by `mask`."""
    return _PASSWORD.sub(lambda m: f"{m.group(1)}{mask}@", text)
