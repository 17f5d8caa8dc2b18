"""Batch runs: a plan (TOML) of many briefings, each made by the pipeline, in parallel.

    plan = load_plan(Path("batch.toml"))
    report = run_plan(Path("briefgen.db"), plan)

Above the pipeline: plans are expanded into jobs (plan.py), jobs run on a process pool and
are skipped while their stamps (stamps.py) show them up to date (run.py).
"""

from __future__ import annotations

from briefgen.batch.plan import Job, Plan, PlanItem, load_plan
from briefgen.batch.run import BatchReport, ItemResult, run_plan

__all__ = ["BatchReport", "ItemResult", "Job", "Plan", "PlanItem", "load_plan", "run_plan"]
