"""The stamps a batch run leaves beside each job's files, to skip the job while they match.

A stamp (`<out>/.briefgen-batch-<key>.json`, one per job: several jobs may share a folder)
records what the job was made from (its fingerprint: the corpus's path, change counter and
facts version, the briefgen version, the job, the style and the templates) and a hash of
every file written.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from briefgen.batch.plan import Job
from briefgen.deliver.files import write_atomic

STAMP_PREFIX = ".briefgen-batch-"


def stamp_path(job: Job) -> Path:
    """Return where the job's stamp goes: its output folder, named by what it makes."""
    request = job.request
    origin = request.origins[0] if request.origins else None
    tag = request.tags[0] if request.tags else None
    key = json.dumps([request.kind, request.subject, origin, tag])
    return job.out / f"{STAMP_PREFIX}{digest(key.encode())[:16]}.json"


def write_stamp(
    stamp: Path, fingerprint: Mapping[str, Any], outputs: tuple[Path, ...], draft: Path | None
) -> None:
    """Write the stamp of a job just made: its fingerprint and a hash of each file."""
    files = [*outputs, *([draft] if draft is not None else [])]
    data = {
        "fingerprint": fingerprint,
        "files": {p.name: digest(p.read_bytes()) for p in files},
        "outputs": [p.name for p in outputs],
        "draft": None if draft is None else draft.name,
    }
    write_atomic(stamp, json.dumps(data, indent=2, sort_keys=True).encode())


def up_to_date(
    stamp: Path, fingerprint: Mapping[str, Any]
) -> tuple[tuple[Path, ...], Path | None] | None:
    """Return (outputs, draft) when the stamp matches and every file is unchanged, else None."""
    try:
        data = json.loads(stamp.read_text(encoding="utf-8"))
        if data["fingerprint"] != json.loads(json.dumps(fingerprint)):
            return None
        for name, hashed in data["files"].items():
            if digest((stamp.parent / name).read_bytes()) != hashed:
                return None
        outputs = tuple(stamp.parent / name for name in data["outputs"])
        draft = None if data["draft"] is None else stamp.parent / data["draft"]
    except (OSError, ValueError, KeyError, TypeError):
        return None  # no stamp, a damaged one, or a file gone: make it again
    return outputs, draft


def digest(data: bytes) -> str:
    """Return the SHA-256 of `data` in hex."""
    return hashlib.sha256(data).hexdigest()


def tree_hash(folder: Path) -> str:
    """Return a digest of every template in `folder`: a user template may include neighbours."""
    hashed = hashlib.sha256()
    for path in sorted(folder.glob("*.j2")):
        hashed.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return hashed.hexdigest()


def template_hash(template: Path | None) -> str | None:
    """Return a digest of a user template's folder; packaged ones are in the base fingerprint."""
    if template is None or not template.is_file():
        return None if template is None else str(template)
    return tree_hash(template.resolve().parent)
