"""Run a batch plan: every job in a process pool, up-to-date ones skipped, failures reported.

    plan = load_plan(Path("batch.toml"))
    report = run_plan(Path("briefgen.db"), plan)
    print(report.summary_line())          # 4 done, 0 skipped, 1 failed

Each finished job leaves a small JSON stamp in its output folder (`.briefgen-batch-*.json`)
recording what it was made from: the corpus (path, change counter, facts version), the
briefgen version, the job's options, the style and the templates, and a hash of every file
written. A later run skips the job when the stamp still matches and the files are unchanged.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal

from briefgen import __version__
from briefgen.batch.plan import Job, Plan, PlanItem
from briefgen.config import Settings
from briefgen.deliver.email import SmtpSettings
from briefgen.deliver.files import write_atomic
from briefgen.errors import BriefgenError, ConfigError
from briefgen.pipeline import Output, email_briefing, summarize, write_files
from briefgen.pool import ordered_map
from briefgen.resources import asset_dir
from briefgen.store import Corpus

Status = Literal["done", "skipped", "failed"]
STAMP_PREFIX = ".briefgen-batch-"
"""Stamps are `<out>/.briefgen-batch-<key>.json`, one per job (several jobs may share a folder)."""


@dataclass(frozen=True, slots=True)
class ItemResult:
    """What became of one job."""

    job: Job
    """The job."""
    status: Status
    """`done` (made now), `skipped` (already up to date) or `failed`."""
    outputs: tuple[Path, ...] = ()
    """The PDF/DOCX files (written now, or found up to date)."""
    draft: Path | None = None
    """The .eml draft, when the job has an e-mail."""
    reason: str = ""
    """Why it failed (one line), or why it was skipped."""
    seconds: float = 0.0
    """How long the job took."""

    def line(self) -> str:
        """Return one line naming the item, the job and the outcome."""
        detail = self.reason or ", ".join(p.name for p in self.outputs)
        return f"{self.job.item}: {self.job.name}: {detail}"

    def as_dict(self) -> dict[str, Any]:
        """Return the result as a JSON-ready dict."""
        return {
            "job": self.job.as_dict(),
            "status": self.status,
            "outputs": [str(p) for p in self.outputs],
            "draft": None if self.draft is None else str(self.draft),
            "reason": self.reason,
            "seconds": round(self.seconds, 3),
        }


@dataclass(frozen=True, slots=True)
class BatchReport:
    """The outcome of a batch run, each list in plan order."""

    done: tuple[ItemResult, ...]
    """Jobs made in this run."""
    skipped: tuple[ItemResult, ...]
    """Jobs whose outputs were already up to date."""
    failed: tuple[ItemResult, ...]
    """Jobs that failed, each with its reason."""
    seconds: float = 0.0
    """Wall-clock time of the run."""

    @property
    def ok(self) -> bool:
        """Return True when no job failed."""
        return not self.failed

    def summary_line(self) -> str:
        """Return `N done, N skipped, N failed in S s`."""
        return (
            f"{len(self.done)} done, {len(self.skipped)} skipped, {len(self.failed)} failed"
            f" in {self.seconds:.1f} s"
        )

    def as_dict(self) -> dict[str, Any]:
        """Return the report as a JSON-ready dict."""
        return {
            "done": [r.as_dict() for r in self.done],
            "skipped": [r.as_dict() for r in self.skipped],
            "failed": [r.as_dict() for r in self.failed],
            "seconds": round(self.seconds, 3),
            "summary": self.summary_line(),
        }


Progress = Callable[[ItemResult, int, int], None]
"""Called in the calling process after each job with (result, jobs finished, jobs in all)."""


@dataclass(frozen=True, slots=True)
class _Task:
    """One job ready to run in a worker: everything it needs, picklable."""

    index: int
    job: Job
    output: Output
    fingerprint: Mapping[str, Any]
    stamp: Path
    smtp: SmtpSettings | None
    smtp_error: str
    now: datetime
    options: Mapping[str, Any] = field(default_factory=dict)


def run_plan(
    db_path: Path,
    plan: Plan,
    *,
    force: bool = False,
    workers: int | None = None,
    progress: Progress | None = None,
    settings: Settings | None = None,
    now: datetime | None = None,
) -> BatchReport:
    """Run every job of `plan` against the corpus at `db_path` and return what became of each.

    Jobs run on `workers` processes (default: every core), each opening the corpus read-only.
    A failing job is reported and the others go on; a job whose stamp shows it up to date is
    skipped unless `force`. `settings` gives the default style and the SMTP server for jobs
    that send; `now` is the e-mails' Date (default: the time the run starts).
    Raises BriefgenError only for what stops every job: no corpus, or a plan that cannot expand.
    """
    started = time.monotonic()
    moment = now if now is not None else datetime.now(timezone.utc)
    with Corpus.open(db_path, create=False) as corpus:
        # Facts are written here, once, so that the read-only workers find them all.
        from briefgen.facts import ensure_facts
        from briefgen.facts.store import META_KEY

        ensure_facts(corpus)
        jobs = plan.jobs(_origin_counts(corpus))
        empty = _empty_selected(corpus, plan, jobs)
        base = {
            "corpus": str(Path(db_path).resolve()),
            "change_seq": corpus.change_seq(),
            "facts": corpus.get_meta(META_KEY),
            "briefgen": __version__,
            "templates": _tree_hash(asset_dir("templates")),
        }
    results: dict[int, ItemResult] = {}

    def finish(index: int, result: ItemResult) -> None:
        results[index] = result
        if progress is not None:
            progress(result, len(results), len(jobs))

    tasks: list[_Task] = []
    stamps: dict[Path, Job] = {}
    for index, job in enumerate(jobs):
        if index in empty:
            # A post picked by `min_cables` over a range need not have cables in every quarter.
            reason = f"no cables from {job.origin} in {job.subject}"
            finish(index, ItemResult(job, "skipped", reason=reason))
            continue
        ready = _prepare(index, job, base, stamps, settings, moment, force)
        if isinstance(ready, ItemResult):
            finish(index, ready)
        else:
            tasks.append(ready)
    for index, result in _execute(Path(db_path), tasks, workers):
        finish(index, result)
    ordered = [results[i] for i in sorted(results)]
    return BatchReport(
        done=tuple(r for r in ordered if r.status == "done"),
        skipped=tuple(r for r in ordered if r.status == "skipped"),
        failed=tuple(r for r in ordered if r.status == "failed"),
        seconds=time.monotonic() - started,
    )


def _origin_counts(corpus: Corpus) -> Callable[[PlanItem], Mapping[str, int]]:
    """Return the plan's `min_cables` resolver: matching cables per post over an item's quarters."""

    def counts(item: PlanItem) -> Mapping[str, int]:
        found: Counter[str] = Counter()
        for quarter in item.subjects:
            for row in corpus.cables(quarter=quarter, tag=item.tag):
                if row.origin:
                    found[row.origin] += 1
        return found

    return counts


def _empty_selected(corpus: Corpus, plan: Plan, jobs: Iterable[Job]) -> set[int]:
    """Return the indexes of quarterly jobs for a post picked by `min_cables` with no cables."""
    selected = {item.title for item in plan.items if item.min_cables is not None}
    counts: dict[tuple[str, str | None], Counter[str]] = {}
    empty = set()
    for index, job in enumerate(jobs):
        if job.kind != "quarterly" or job.item not in selected or job.origin is None:
            continue
        key = (job.subject, job.tag)
        if key not in counts:
            rows = corpus.cables(quarter=job.subject, tag=job.tag)
            counts[key] = Counter(row.origin for row in rows if row.origin)
        if not counts[key][job.origin]:
            empty.add(index)
    return empty


def _prepare(
    index: int,
    job: Job,
    base: Mapping[str, Any],
    stamps: dict[Path, Job],
    settings: Settings | None,
    now: datetime,
    force: bool,
) -> _Task | ItemResult:
    """Return the job's task, or its result when it fails to prepare or is up to date."""
    from briefgen.render import load_style

    key = json.dumps([job.kind, job.subject, job.origin, job.tag])
    stamp = job.out / f"{STAMP_PREFIX}{hashlib.sha256(key.encode()).hexdigest()[:16]}.json"
    first = stamps.setdefault(stamp, job)
    if first is not job:
        reason = f"the same briefing as {first.item} in the same folder {job.out}"
        return ItemResult(job, "failed", reason=reason)
    style = job.style or (settings.style if settings is not None else None) or "default"
    template = _template_path(job.template)
    try:
        style_data = load_style(style).as_dict()
    except BriefgenError as exc:
        return ItemResult(job, "failed", reason=str(exc))
    # The label may change and the folder be named another way without changing the output.
    options = {k: v for k, v in job.as_dict().items() if k not in ("item", "out")}
    fingerprint = {
        **base,
        "job": options,
        "style": _digest(json.dumps(style_data, sort_keys=True, default=str).encode()),
        "template": _template_hash(template),
    }
    if not force:
        found = _up_to_date(stamp, fingerprint)
        if found is not None:
            outputs, draft = found
            return ItemResult(job, "skipped", outputs, draft, reason="up to date")
    smtp, smtp_error = None, ""
    if job.send:
        try:
            smtp = (settings or Settings()).smtp()
        except BriefgenError as exc:
            smtp_error = str(exc)
    output = Output(out_dir=job.out, formats=job.formats, style=style, template=template)
    kind_options: dict[str, Any] = {}
    if job.kind == "quarterly":
        kind_options = {
            "origins": (job.origin,) if job.origin else (),
            "tags": (job.tag,) if job.tag else (),
        }
    return _Task(index, job, output, fingerprint, stamp, smtp, smtp_error, now, kind_options)


def _template_path(template: str | None) -> Path | None:
    """Return the job's template as a path; a packaged name (`ngo.md.j2`) stays a bare name."""
    if template is None:
        return None
    path = Path(template)
    if not path.is_file() and (asset_dir("templates") / path.name).is_file():
        return Path(path.name)
    return path


def _template_hash(template: Path | None) -> str | None:
    """Return a digest of a user template's folder; packaged ones are in the base fingerprint."""
    if template is None or not template.is_file():
        return None if template is None else str(template)
    return _tree_hash(template.resolve().parent)


def _execute(
    db_path: Path, tasks: list[_Task], workers: int | None
) -> Iterable[tuple[int, ItemResult]]:
    """Yield (index, result) for each task, in order, on a pool of processes."""
    if not tasks:
        return
    count = min(workers if workers is not None else (os.cpu_count() or 1), len(tasks))
    if count <= 1:
        _open_worker(db_path)
        try:
            for task in tasks:
                yield task.index, _run_task(task)
        finally:
            _close_worker()
        return
    results = ordered_map(
        _run_task, tasks, count, initializer=_open_worker, initargs=(db_path,), failed=_lost
    )
    yield from zip((task.index for task in tasks), results, strict=True)


def _lost(task: _Task, exc: BaseException) -> ItemResult:
    """Return the result of a task whose worker died (killed, out of memory)."""
    return ItemResult(task.job, "failed", reason=f"worker failed: {type(exc).__name__}: {exc}")


# --- in the worker process ------------------------------------------------------------------

_CORPUS: Corpus | None = None


def _open_worker(db_path: Path) -> None:
    """Open this process's own read-only connection to the corpus."""
    global _CORPUS
    uri = Path(db_path).resolve().as_uri() + "?mode=ro"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 10000")
    _CORPUS = Corpus(conn, Path(db_path))


def _close_worker() -> None:
    global _CORPUS
    if _CORPUS is not None:
        _CORPUS.close()
        _CORPUS = None


def _run_task(task: _Task) -> ItemResult:
    """Make one briefing, write its files, its e-mail and its stamp; never raise."""
    started = time.monotonic()
    job = task.job
    try:
        if _CORPUS is None:
            raise RuntimeError("the worker has no corpus open")
        brief = summarize(_CORPUS, job.kind, job.subject, **task.options)
        outputs = tuple(write_files(brief, task.output))
        draft = None
        if job.email is not None:
            if job.send and task.smtp is None:
                raise ConfigError(task.smtp_error)
            draft = email_briefing(
                brief,
                outputs,
                job.email,
                message_date=task.now,
                smtp=task.smtp if job.send else None,
            )
        _write_stamp(task, outputs, draft)
    except BriefgenError as exc:
        return ItemResult(job, "failed", reason=str(exc), seconds=time.monotonic() - started)
    except Exception as exc:
        # A bug in one briefing must not stop the batch; the type name points at it.
        reason = f"unexpected {type(exc).__name__}: {' '.join(str(exc).split())}"
        return ItemResult(job, "failed", reason=reason, seconds=time.monotonic() - started)
    return ItemResult(job, "done", outputs, draft, seconds=time.monotonic() - started)


# --- stamps ---------------------------------------------------------------------------------


def _write_stamp(task: _Task, outputs: tuple[Path, ...], draft: Path | None) -> None:
    files = [*outputs, *([draft] if draft is not None else [])]
    data = {
        "fingerprint": task.fingerprint,
        "files": {p.name: _digest(p.read_bytes()) for p in files},
        "outputs": [p.name for p in outputs],
        "draft": None if draft is None else draft.name,
    }
    write_atomic(task.stamp, json.dumps(data, indent=2, sort_keys=True).encode())


def _up_to_date(
    stamp: Path, fingerprint: Mapping[str, Any]
) -> tuple[tuple[Path, ...], Path | None] | None:
    """Return (outputs, draft) when the stamp matches and every file is unchanged, else None."""
    try:
        data = json.loads(stamp.read_text(encoding="utf-8"))
        if data["fingerprint"] != json.loads(json.dumps(fingerprint)):
            return None
        for name, digest in data["files"].items():
            if _digest((stamp.parent / name).read_bytes()) != digest:
                return None
        outputs = tuple(stamp.parent / name for name in data["outputs"])
        draft = None if data["draft"] is None else stamp.parent / data["draft"]
    except (OSError, ValueError, KeyError, TypeError):
        return None  # no stamp, a damaged one, or a file gone: make it again
    return outputs, draft


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _tree_hash(folder: Path) -> str:
    """Return a digest of every template in `folder`: a user template may include neighbours."""
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.j2")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
