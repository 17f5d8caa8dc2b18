"""Run a batch plan: every job in a process pool, up-to-date ones skipped, failures reported.

    plan = load_plan(Path("batch.toml"))
    report = run_plan(Path("briefgen.db"), plan)
    print(report.summary_line())          # 4 done, 0 skipped, 1 failed

Each job is one `pipeline.make_briefing`, as a briefing command makes it, in a worker process
of its own: a job that runs past its timeout is stopped, and one whose worker dies (killed,
out of memory) is tried again once; either way the other jobs go on. Each finished job leaves
a stamp in its output folder (see stamps.py); a later run skips the job while the stamp still
matches and the files are unchanged.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal

from briefgen import __version__
from briefgen.batch.plan import Job, Plan, PlanItem, text_key
from briefgen.batch.stamps import (
    digest,
    stamp_path,
    template_hash,
    tree_hash,
    up_to_date,
    write_stamp,
)
from briefgen.config import Settings
from briefgen.errors import BriefgenError
from briefgen.facts import ensure_facts
from briefgen.facts.query import resolve_name
from briefgen.facts.store import META_KEY
from briefgen.models import Record
from briefgen.pipeline import make_briefing
from briefgen.pool import WorkerTimeout, ordered_map
from briefgen.resources import asset_dir
from briefgen.store import Corpus

Status = Literal["done", "skipped", "failed"]

JOB_SECONDS = 600.0
"""How long one briefing may take before its worker is stopped: a briefing takes seconds, the
first one of a large corpus whose facts were left for later a minute at most."""


@dataclass(frozen=True, slots=True)
class ItemResult(Record):
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
        """Return the result as JSON-ready data, its time to the millisecond."""
        return Record.as_dict(self) | {"seconds": round(self.seconds, 3)}


@dataclass(frozen=True, slots=True)
class BatchReport(Record):
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
        """Return the report as JSON-ready data, with its summary line."""
        return Record.as_dict(self) | {
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
    fingerprint: Mapping[str, Any]
    stamp: Path
    settings: Settings
    now: datetime


def run_plan(
    db_path: Path | str,
    plan: Plan,
    *,
    force: bool = False,
    workers: int | None = None,
    progress: Progress | None = None,
    settings: Settings | None = None,
    now: datetime | None = None,
    facts_progress: Callable[[int, int], None] | None = None,
    timeout: float | None = JOB_SECONDS,
) -> BatchReport:
    """Run every job of `plan` against the corpus at `db_path` and return what became of each.

    Facts are first brought up to date, calling `facts_progress(done, total)` as batches are
    written. Jobs then run on `workers` processes (default: every core), each opening the
    corpus read-only. A failing job is reported and the others go on; a job whose stamp shows
    it up to date is skipped unless `force`. `settings` gives the default style and the SMTP
    server for jobs that send; `now` is the e-mails' Date (default: the time the run starts).
    A job running longer than `timeout` seconds (None: no limit) is stopped and fails.
    Raises BriefgenError only for what stops every job: no corpus, or a plan that cannot expand
    (two of its jobs make one briefing in one folder: the names are resolved in the corpus
    first, so `Feminist Leage` is `Feminist League`).
    """
    started = time.monotonic()
    moment = now if now is not None else datetime.now(timezone.utc)
    settings = settings if settings is not None else Settings()
    with Corpus.open(db_path, create=False) as corpus:
        location = corpus.path
        # Facts are written here, once, so that the read-only workers find them all.
        ensure_facts(corpus, progress=facts_progress)
        jobs = [
            # The office's identity in briefgen.toml dresses every job, as it does a command's.
            replace(
                job,
                request=replace(
                    job.request,
                    organization=settings.organization,
                    author=settings.author,
                    footer=settings.footer,
                    source_url=settings.source_url,
                    reference_docx=settings.reference_docx,
                ),
            )
            for job in plan.jobs(
                _origin_counts(corpus), default_style=settings.style, key=_resolved_key(corpus)
            )
        ]
        empty = _empty_selected(corpus, plan, jobs)
        base = {
            "corpus": corpus.name if corpus.is_postgres else str(Path(db_path).resolve()),
            "change_seq": corpus.change_seq(),
            "facts": corpus.get_meta(META_KEY),
            "briefgen": __version__,
            "templates": tree_hash(asset_dir("templates")),
        }
    results: dict[int, ItemResult] = {}

    def finish(index: int, result: ItemResult) -> None:
        results[index] = result
        if progress is not None:
            progress(result, len(results), len(jobs))

    tasks: list[_Task] = []
    for index, job in enumerate(jobs):
        if index in empty:
            # A post picked by `min_cables` over a range need not have cables in every quarter.
            reason = f"no cables from {job.request.origins[0]} in {job.request.subject}"
            finish(index, ItemResult(job, "skipped", reason=reason))
            continue
        ready = _prepare(index, job, base, settings, moment, force)
        if isinstance(ready, ItemResult):
            finish(index, ready)
        else:
            tasks.append(ready)
    for index, result in _execute(location, tasks, workers, timeout):
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


def _resolved_key(corpus: Corpus) -> Callable[[Job], object]:
    """Return the plan's collision key with names resolved as the briefing resolves them:
    `Feminist Leage` and `the Feminist League` are one NGO; a cable id its stored form."""
    from briefgen.store.queries import find_rowid

    def key(job: Job) -> object:
        request = job.request
        try:
            if request.kind == "ngo":
                name, _kind = resolve_name(corpus, request.subject, "org")
                request = replace(request, subject=name)
            elif request.kind == "cable":
                found = find_rowid(corpus.connection, request.subject)
                if found is not None:
                    request = replace(request, subject=found[1])
        except BriefgenError:
            pass  # not found or ambiguous: the job fails on its own, with that message
        return text_key(replace(job, request=request))

    return key


def _empty_selected(corpus: Corpus, plan: Plan, jobs: Iterable[Job]) -> set[int]:
    """Return the indexes of quarterly jobs for a post picked by `min_cables` with no cables."""
    selected = {item.title for item in plan.items if item.min_cables is not None}
    counts: dict[tuple[str, str | None], Counter[str]] = {}
    empty = set()
    for index, job in enumerate(jobs):
        request = job.request
        if request.kind != "quarterly" or job.item not in selected or not request.origins:
            continue
        tag = request.tags[0] if request.tags else None
        key = (request.subject, tag)
        if key not in counts:
            rows = corpus.cables(quarter=request.subject, tag=tag)
            counts[key] = Counter(row.origin for row in rows if row.origin)
        if not counts[key][request.origins[0]]:
            empty.add(index)
    return empty


def _prepare(
    index: int,
    job: Job,
    base: Mapping[str, Any],
    settings: Settings,
    now: datetime,
    force: bool,
) -> _Task | ItemResult:
    """Return the job's task, or its result when it fails to prepare or is up to date."""
    from briefgen.render import load_style

    stamp = stamp_path(job)
    try:
        style_data = load_style(job.request.style).as_dict()
    except BriefgenError as exc:
        return ItemResult(job, "failed", reason=str(exc))
    # The label may change and the folder be named another way without changing the output.
    made = {k: v for k, v in job.as_dict().items() if k not in ("item", "out")}
    fingerprint = {
        **base,
        "job": made,
        "style": digest(json.dumps(style_data, sort_keys=True, default=str).encode()),
        "template": template_hash(job.request.template),
    }
    if not force:
        found = up_to_date(stamp, fingerprint)
        if found is not None:
            outputs, draft = found
            return ItemResult(job, "skipped", outputs, draft, reason="up to date")
    return _Task(index, job, fingerprint, stamp, settings, now)


def _execute(
    db_path: Path | str, tasks: list[_Task], workers: int | None, timeout: float | None
) -> Iterable[tuple[int, ItemResult]]:
    """Yield (index, result) for each task, in order, each made in a worker process.

    Even one worker is a process of its own: a job that hangs or crashes must not take the
    run with it.
    """
    if not tasks:
        return
    count = min(workers if workers is not None else (os.cpu_count() or 1), len(tasks))
    results = ordered_map(
        _run_task,
        tasks,
        count,
        initializer=_open_worker,
        initargs=(db_path,),
        failed=_lost,
        timeout=timeout,
    )
    yield from zip((task.index for task in tasks), results, strict=True)


def _lost(task: _Task, exc: BaseException) -> ItemResult:
    """Return the result of a task whose worker died (killed, out of memory) or timed out."""
    reason = f"timed out: {exc}" if isinstance(exc, WorkerTimeout) else str(exc)
    return ItemResult(task.job, "failed", reason=reason)


# --- in the worker process ------------------------------------------------------------------

_CORPUS: Corpus | None = None


def _open_worker(db_path: Path | str) -> None:
    """Open this process's own read-only connection to the corpus."""
    global _CORPUS
    _CORPUS = Corpus.open(db_path, create=False, read_only=True)


def _run_task(task: _Task) -> ItemResult:
    """Make one briefing, write its files, its e-mail and its stamp; never raise."""
    started = time.monotonic()
    job = task.job
    try:
        if _CORPUS is None:
            raise RuntimeError("the worker has no corpus open")
        made = make_briefing(
            _CORPUS,
            job.request,
            job.out,
            email=job.email,
            smtp=task.settings.smtp,
            now=task.now,
        )
        write_stamp(task.stamp, task.fingerprint, made.files, made.draft)
    except BriefgenError as exc:
        return ItemResult(job, "failed", reason=str(exc), seconds=time.monotonic() - started)
    except Exception as exc:
        # A bug in one briefing must not stop the batch; the type name points at it.
        reason = f"unexpected {type(exc).__name__}: {' '.join(str(exc).split())}"
        return ItemResult(job, "failed", reason=reason, seconds=time.monotonic() - started)
    return ItemResult(job, "done", made.files, made.draft, seconds=time.monotonic() - started)
