"""Load and check a batch plan (TOML) and expand it into concrete briefing jobs.

A plan is a list of `[[briefing]]` items. Each names a `kind` and what it covers; lists and
quarter ranges expand into one job per combination:

    [defaults]                                  # optional; every item inherits these
    out = "briefings/{kind}/{subject}"          # placeholders: see PLACEHOLDERS
    formats = ["pdf", "docx"]

    [[briefing]]
    label = "KTIP quarterlies"                  # optional; names the item in messages
    kind = "quarterly"
    quarters = "2009Q1..2009Q4"                 # a quarter, a range, or a list of either
    origins = { min_cables = 5 }                # or "Embassy Astana", or a list of posts
    tag = "KTIP"
    out = "quarterly/{origin}/{quarter}"
    email = { to = ["desk@example.org"], subject = "KTIP {quarter}: {origin}" }

    [[briefing]]
    kind = "ngo"
    names = ["Krizis Center", "Feminist League"]

Loading never touches the corpus: `{ min_cables = N }` stays a selector until `Plan.jobs`
is given the cable counts per post. Each job carries the BriefingRequest that
`pipeline.make_briefing` makes, as the briefing commands do. Every error is a DeliveryError
naming the plan file and the item
(`batch.toml: briefing 2 (KTIP quarterlies): unknown key 'nmes'`).

A plan is refused whole, before anything is made, when two of its jobs are one briefing
written into one folder (`Feminist League` and `the feminist league`: each run would write
the files of the other), when a quarter range spans more than MAX_QUARTERS, or when it makes
more than MAX_JOBS briefings.
"""

from __future__ import annotations

import re
import string
import sys
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from briefgen.deliver.email import EmailRequest
from briefgen.errors import BriefgenError, DeliveryError
from briefgen.facts.catalog import name_key
from briefgen.models import Record
from briefgen.pipeline import KINDS, BriefingRequest, Kind
from briefgen.render import FORMATS
from briefgen.resources import asset_dir
from briefgen.store import origin_key
from briefgen.store.filters import id_candidates

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

PLACEHOLDERS = ("kind", "subject", "quarter", "origin", "tag", "name", "cable")
"""What `out` and an e-mail subject may contain; `{subject}` is the name, cable or quarter."""
MAX_QUARTERS = 400
"""The longest quarter range of an item: a century, more than any archive of cables spans."""
MAX_JOBS = 10_000
"""The most briefings a plan makes (a typo in a range must not start hours of work)."""
_QUARTER = re.compile(r"^(\d{4})Q([1-4])$")
_COMMON_KEYS = frozenset({"out", "formats", "style", "template", "email"})
_ITEM_KEYS: dict[Kind, frozenset[str]] = {
    "quarterly": frozenset({"quarters", "origins", "tag"}),
    "ngo": frozenset({"names"}),
    "program": frozenset({"names"}),
    "cable": frozenset({"ids"}),
}
_EMAIL_KEYS = frozenset({"to", "cc", "from", "subject", "send"})


@dataclass(frozen=True, slots=True)
class PlanItem(Record):
    """One `[[briefing]]` of a plan, checked, its lists and quarter ranges expanded."""

    number: int
    """The item's place in the plan, counted from 1."""
    label: str | None
    """The item's own `label`, if it has one."""
    kind: Kind
    """`ngo`, `program`, `quarterly` or `cable`."""
    subjects: tuple[str, ...]
    """NGO or program names, cable ids, or (quarterly) the quarters, like `2009Q3`."""
    origins: tuple[str, ...] = ()
    """Quarterly only: the posts named; empty with `min_cables` None means the whole corpus."""
    min_cables: int | None = None
    """Quarterly only: every post with at least this many matching cables (from the corpus)."""
    tag: str | None = None
    """Quarterly only: the TAGS code to restrict to (`KTIP`)."""
    out: str = "{kind}/{subject}"
    """The output folder template, relative to the plan's folder."""
    formats: tuple[str, ...] = FORMATS
    """The output formats (`pdf`, `docx`)."""
    style: str | None = None
    """A style name or path (paths relative to the plan's folder), or None for the default."""
    template: str | None = None
    """A template path (relative to the plan's folder), or None for the packaged one."""
    email: EmailRequest | None = None
    """Where to e-mail the results (the subject may hold placeholders), or None."""

    @property
    def title(self) -> str:
        """Return how messages name the item: `briefing 2 (NGO profiles)`."""
        return f"briefing {self.number}" + (f" ({self.label})" if self.label else "")


@dataclass(frozen=True, slots=True)
class Job(Record):
    """One briefing to make: the unit the batch runner runs, skips or reports as failed."""

    item: str
    """The title of the plan item it comes from (`briefing 2 (NGO profiles)`)."""
    request: BriefingRequest
    """The briefing: kind, subject (a quarterly's post and tag), style, template, formats."""
    out: Path
    """The folder the outputs (and the .eml draft) go to."""
    email: EmailRequest | None = None
    """The e-mail to write (and maybe send), its subject expanded; None for no e-mail."""

    @property
    def name(self) -> str:
        """Return a short description for progress lines (`quarterly 2009Q3 Astana KTIP`)."""
        request = self.request
        parts = [request.kind, request.subject, *request.origins, *request.tags]
        return " ".join(part for part in parts if part)


OriginCounts = Callable[[PlanItem], Mapping[str, int]]
"""Return, for a quarterly item, the matching cables per post over its quarters and tag."""
JobKey = Callable[["Job"], Hashable]
"""Return what a job makes, so that two jobs making one briefing compare equal."""


def text_key(job: Job) -> Hashable:
    """Return what a job makes, as far as its text tells: names without case, spacing or a
    leading article, cable ids without leading zeros, posts in any form (`Embassy Astana`)."""
    request = job.request
    if request.kind == "cable":
        subject = id_candidates(request.subject)[-1]
    elif request.kind == "quarterly":
        subject = request.subject.upper()
    else:
        subject = name_key(request.subject)
    posts = tuple(sorted(origin_key(o) or "" for o in request.origins))
    tags = tuple(sorted(t.upper() for t in request.tags))
    return (request.kind, subject, posts, tags, tuple(sorted(request.cables)))


@dataclass(frozen=True, slots=True)
class Plan:
    """A checked batch plan."""

    path: Path
    """The plan file; relative paths in it start from its folder."""
    items: tuple[PlanItem, ...]
    """The `[[briefing]]` items in file order."""

    def jobs(
        self,
        origin_counts: OriginCounts | None = None,
        *,
        default_style: str | None = None,
        key: JobKey = text_key,
    ) -> tuple[Job, ...]:
        """Return every job of the plan in order, `{ min_cables = N }` resolved by
        `origin_counts` (required when an item uses it), `default_style` (the configured
        style) for items that name none.

        Raise DeliveryError naming the item when a job's e-mail subject is unsafe, when two
        jobs make one briefing (by `key`) in one folder, or when there are more than MAX_JOBS.
        """
        jobs = self._expand(origin_counts, default_style, skip_selectors=False)
        self._check(jobs, key)
        return jobs

    def _expand(
        self, counts: OriginCounts | None, style: str | None, *, skip_selectors: bool
    ) -> tuple[Job, ...]:
        jobs: list[Job] = []
        for item in self.items:
            if skip_selectors and item.min_cables is not None:
                continue
            where = f"{self.path}: {item.title}"
            for origin in self._origins(item, counts, where):
                for subject in item.subjects:
                    jobs.append(self._job(item, subject, origin, where, style))
                if len(jobs) > MAX_JOBS:
                    return tuple(jobs)  # enough for _check to refuse the plan
        return tuple(jobs)

    def _check(self, jobs: Iterable[Job], key: JobKey) -> None:
        """Raise DeliveryError for too many jobs, or two making one briefing in one folder."""
        seen: dict[tuple[str, Hashable], Job] = {}
        for count, job in enumerate(jobs, start=1):
            if count > MAX_JOBS:
                raise DeliveryError(
                    f"{self.path}: the plan makes more than {MAX_JOBS:,} briefings; "
                    "split it, or narrow its quarter ranges and posts"
                )
            # Folders compare without case: on macOS and Windows `Ngo` and `ngo` are one.
            first = seen.setdefault((str(job.out).casefold(), key(job)), job)
            if first is not job:
                raise DeliveryError(
                    f"{self.path}: {job.item}: {job.name!r} is the same briefing as "
                    f"{first.item}'s {first.name!r}, in the same folder {job.out}: each would "
                    "overwrite the other's files; name it once"
                )

    def _origins(
        self, item: PlanItem, counts: OriginCounts | None, where: str
    ) -> Sequence[str | None]:
        if item.min_cables is None:
            return item.origins or [None]
        if counts is None:
            raise DeliveryError(f"{where}: min_cables needs the corpus to pick the posts")
        found = counts(item)
        return sorted(post for post, n in found.items() if n >= item.min_cables)

    def _job(
        self, item: PlanItem, subject: str, origin: str | None, where: str, style: str | None
    ) -> Job:
        fields = {
            "kind": item.kind,
            "subject": subject,
            "quarter": subject if item.kind == "quarterly" else "",
            "origin": origin or "",
            "tag": item.tag or "",
            "name": subject if item.kind in ("ngo", "program") else "",
            "cable": subject if item.kind == "cable" else "",
        }
        folder = item.out.format_map({k: _slug(v) for k, v in fields.items()})
        try:
            email = item.email
            if email is not None and email.subject is not None:
                email = replace(email, subject=email.subject.format_map(fields))
            request = BriefingRequest(
                kind=item.kind,
                subject=subject,
                origins=(origin,) if origin else (),
                tags=(item.tag,) if item.tag else (),
                style=item.style or style or "default",
                template=_template_path(item.template),
                formats=item.formats,
            )
        except BriefgenError as exc:
            raise DeliveryError(f"{where}: {exc}") from None
        return Job(item.title, request, self.path.parent / folder, email)


def load_plan(path: Path, *, default_sender: str | None = None) -> Plan:
    """Read and check the batch plan at `path`; raise DeliveryError naming file and item.

    `default_sender` (the configured `email_from`) is the From of items that give none.
    """
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise DeliveryError(f"{path}: invalid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise DeliveryError(f"{path}: invalid TOML: not UTF-8 text") from None
    except OSError as exc:
        raise DeliveryError(f"{path}: cannot read the plan ({exc.strerror})") from None
    unknown = set(data) - {"defaults", "briefing"}
    if unknown:
        raise DeliveryError(
            f"{path}: unknown key {sorted(unknown)[0]!r} (a plan has [defaults] and [[briefing]])"
        )
    defaults = data.get("defaults", {})
    if not isinstance(defaults, dict):
        raise DeliveryError(f"{path}: defaults: expected a table")
    bad = set(defaults) - _COMMON_KEYS
    if bad:
        raise DeliveryError(f"{path}: defaults: unknown key {sorted(bad)[0]!r}")
    briefings = data.get("briefing", [])
    if not isinstance(briefings, list) or not briefings:
        raise DeliveryError(f"{path}: no [[briefing]] items")
    items = []
    for number, raw in enumerate(briefings, start=1):
        items.append(_item(path, number, raw, defaults, default_sender))
    labels = [item.label for item in items if item.label is not None]
    for label in labels:
        if labels.count(label) > 1:
            raise DeliveryError(f"{path}: two items are labelled {label!r}")
    plan = Plan(path=path, items=tuple(items))
    # What needs no corpus is checked now: posts picked by min_cables wait for the run.
    plan._check(plan._expand(None, None, skip_selectors=True), text_key)
    return plan


def _item(
    path: Path, number: int, raw: Any, defaults: Mapping[str, Any], default_sender: str | None
) -> PlanItem:
    """Return one checked item; errors name it."""
    where = f"{path}: briefing {number}"
    if not isinstance(raw, dict):
        raise DeliveryError(f"{where}: expected a table")
    label = raw.get("label")
    if label is not None:
        if not isinstance(label, str) or not label.strip():
            raise DeliveryError(f"{where}: label: expected a non-empty string")
        where = f"{where} ({label})"
    kind = raw.get("kind")
    if kind not in KINDS:
        raise DeliveryError(f"{where}: kind: expected one of {', '.join(KINDS)}, got {kind!r}")
    allowed = _ITEM_KEYS[kind] | _COMMON_KEYS | {"label", "kind"}
    for key in raw:
        if key not in allowed:
            raise DeliveryError(f"{where}: unknown key {key!r} for a {kind} briefing")
    merged = {**defaults, **raw}
    try:
        return _build_item(path, number, label, kind, merged, default_sender)
    except (DeliveryError, ValueError) as exc:
        raise DeliveryError(f"{where}: {exc}") from None


def _build_item(
    path: Path,
    number: int,
    label: str | None,
    kind: Kind,
    raw: Mapping[str, Any],
    default_sender: str | None,
) -> PlanItem:
    """Return the PlanItem for merged values; raise ValueError or DeliveryError, unnamed."""
    if kind == "quarterly":
        subjects = _quarters(_strings(raw.get("quarters"), "quarters"))
    else:
        key = "ids" if kind == "cable" else "names"
        subjects = _strings(raw.get(key), key)
    origins: tuple[str, ...] = ()
    min_cables = None
    selector = raw.get("origins")
    if isinstance(selector, dict):
        if set(selector) != {"min_cables"}:
            raise ValueError("origins: expected a post, a list of posts, or { min_cables = N }")
        min_cables = selector["min_cables"]
        if isinstance(min_cables, bool) or not isinstance(min_cables, int) or min_cables < 1:
            raise ValueError(f"origins.min_cables: expected an integer >= 1, got {min_cables!r}")
    elif selector is not None:
        origins = _strings(selector, "origins")
    tag = raw.get("tag")
    if tag is not None and (not isinstance(tag, str) or not re.fullmatch(r"[A-Za-z]{2,8}", tag)):
        raise ValueError(f"tag: expected a TAGS code like KTIP, got {tag!r}")
    formats = _strings(raw.get("formats", list(FORMATS)), "formats")
    for name in formats:
        if name not in FORMATS:
            raise ValueError(f"formats: expected {' and/or '.join(FORMATS)}, got {name!r}")
    out = raw.get("out", "{kind}/{subject}")
    if not isinstance(out, str) or not out.strip():
        raise ValueError("out: expected a folder")
    _check_template(out, "out")
    return PlanItem(
        number=number,
        label=label,
        kind=kind,
        subjects=subjects,
        origins=origins,
        min_cables=min_cables,
        tag=None if tag is None else tag.upper(),
        out=out,
        formats=formats,
        style=_path_or_name(raw.get("style"), path, "style"),
        template=_path_or_name(raw.get("template"), path, "template"),
        email=_email(raw.get("email"), default_sender),
    )


def _email(raw: Any, default_sender: str | None) -> EmailRequest | None:
    """Return the checked e-mail plan, addresses validated now so typos fail before a run."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise ValueError("email: expected a table with to, cc, from, subject, send")
    for key in raw:
        if key not in _EMAIL_KEYS:
            raise ValueError(f"email: unknown key {key!r}")
    subject = raw.get("subject")
    if subject is not None:
        if not isinstance(subject, str):
            raise ValueError("email.subject: expected a string")
        _check_template(subject, "email.subject")
    send = raw.get("send", False)
    if not isinstance(send, bool):
        raise ValueError("email.send: expected true or false")
    sender = raw.get("from", default_sender)
    if sender is not None and not isinstance(sender, str):
        raise ValueError("email.from: expected an address")
    return EmailRequest(
        to=_strings(raw.get("to"), "email.to"),
        cc=_strings(raw.get("cc", []), "email.cc", allow_empty=True),
        sender=sender or "",
        subject=subject,
        send=send,
    )


def _strings(value: Any, key: str, *, allow_empty: bool = False) -> tuple[str, ...]:
    """Return a string or list of strings as a tuple, each stripped and non-empty."""
    values = [value] if isinstance(value, str) else value
    if value is None or not isinstance(values, list):
        raise ValueError(f"{key}: expected a string or a list of strings")
    if not values and not allow_empty:
        raise ValueError(f"{key}: the list is empty")
    for entry in values:
        if not isinstance(entry, str) or not entry.strip():
            raise ValueError(f"{key}: expected non-empty strings, got {entry!r}")
    return tuple(dict.fromkeys(entry.strip() for entry in values))


def _quarters(specs: Sequence[str]) -> tuple[str, ...]:
    """Return the quarters of `2009Q3`, `2009Q1..2009Q4` and lists of them, in order."""
    found: list[str] = []
    for spec in specs:
        first, sep, last = spec.partition("..")
        start, end = _quarter(first), _quarter(last if sep else first)
        if end < start:
            raise ValueError(f"quarters: {spec!r} runs backwards")
        if end - start >= MAX_QUARTERS:
            raise ValueError(
                f"quarters: {spec!r} spans {end - start + 1:,} quarters; at most {MAX_QUARTERS}"
            )
        found += [f"{n // 4}Q{n % 4 + 1}" for n in range(start, end + 1)]
    return tuple(dict.fromkeys(found))


def _quarter(text: str) -> int:
    """Return a quarter (`2009Q3`, `2009q3`) as a count of quarters since year 0."""
    match = _QUARTER.match(text.strip().upper())
    if match is None:
        raise ValueError(f"quarters: {text.strip()!r} is not a quarter like 2009Q3")
    return int(match.group(1)) * 4 + int(match.group(2)) - 1


def _check_template(text: str, key: str) -> None:
    """Raise ValueError unless `text` uses only plain `{placeholder}` fields."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise ValueError(f"{key}: {exc}") from None
    for _, field, spec, conversion in parsed:
        if field is None:
            continue
        # Only bare names: `{name.__class__}` or `{name!r}` could reach Python internals.
        if field not in PLACEHOLDERS or spec or conversion:
            known = ", ".join(f"{{{p}}}" for p in PLACEHOLDERS)
            raise ValueError(f"{key}: unknown placeholder {{{field}}} (known: {known})")


def _path_or_name(value: Any, plan: Path, key: str) -> str | None:
    """Return a style/template value: a bare name as is, a path made relative to the plan."""
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{key}: expected a name or a path")
    if "/" in value or "\\" in value or "." in value:
        return str(plan.parent / value)
    return value


def _template_path(template: str | None) -> Path | None:
    """Return an item's template as a path; a packaged name (`ngo.md.j2`) stays a bare name."""
    if template is None:
        return None
    path = Path(template)
    if not path.is_file() and (asset_dir("templates") / path.name).is_file():
        return Path(path.name)
    return path


def _slug(text: str) -> str:
    """Return `text` as one safe folder name: no separators, no dots in front, no spaces."""
    slug = re.sub(r"[^\w.-]+", "-", text, flags=re.UNICODE).strip("-.")
    return slug[:80] or "all"
