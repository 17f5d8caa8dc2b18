"""Batch runs over the seed cables: made once, skipped when up to date, failures reported."""

from __future__ import annotations

import email
import os
import shutil
import signal
import subprocess
import sys
import time
from email import policy
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from briefgen.batch.plan import load_plan
from briefgen.batch.run import ItemResult, run_plan
from briefgen.cli import app
from briefgen.config import Settings
from briefgen.errors import DeliveryError
from briefgen.facts import ensure_facts
from briefgen.store import Corpus
from tests.deliver.conftest import StartServer

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "cables"
PLAN = """
[defaults]
out = "out/{kind}/{subject}"

[[briefing]]
label = "seed quarterlies"
kind = "quarterly"
quarters = ["2009Q3", "2009Q4"]

[[briefing]]
label = "NGO profiles"
kind = "ngo"
names = ["Feminist League", "Union of Crisis Centers"]
"""


@pytest.fixture(scope="module")
def seed_db(module_location: str) -> str:
    """Return a corpus of the three seed cables with their facts extracted, on each backend."""
    with Corpus.open(module_location) as corpus:
        corpus.ingest([SEEDS], workers=1)
        ensure_facts(corpus)
    return module_location


def write_plan(folder: Path, text: str) -> Path:
    plan = folder / "plan.toml"
    plan.write_text(text, encoding="utf-8")
    return plan


def pdf_text(path: Path) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages)


def test_batch_makes_every_briefing_then_skips_them(seed_db: Path, tmp_path: Path) -> None:
    plan = load_plan(write_plan(tmp_path, PLAN))
    seen: list[tuple[str, int, int]] = []

    def progress(result: ItemResult, finished: int, total: int) -> None:
        seen.append((result.status, finished, total))

    first = run_plan(seed_db, plan, workers=2, progress=progress)
    assert (len(first.done), len(first.skipped), len(first.failed)) == (4, 0, 0)
    assert [r.job.name for r in first.done] == [
        "quarterly 2009Q3",
        "quarterly 2009Q4",
        "ngo Feminist League",
        "ngo Union of Crisis Centers",
    ]
    assert [(n, t) for _, n, t in seen] == [(1, 4), (2, 4), (3, 4), (4, 4)]
    for result in first.done:
        assert [p.suffix for p in result.outputs] == [".pdf", ".docx"]
        assert all(p.is_file() and p.stat().st_size > 1000 for p in result.outputs)
    league = first.done[2].outputs[0]
    assert league.parent == tmp_path / "out" / "ngo" / "Feminist-League"
    assert "Feminist League" in pdf_text(league)
    assert "2009" in pdf_text(first.done[1].outputs[0])
    stamps = sorted(tmp_path.glob("out/*/*/.briefgen-batch-*.json"))
    assert len(stamps) == 4

    made = {p: p.stat().st_mtime_ns for r in first.done for p in r.outputs}
    second = run_plan(seed_db, plan, workers=2)
    assert (len(second.done), len(second.skipped), len(second.failed)) == (0, 4, 0)
    assert {p for r in second.skipped for p in r.outputs} == set(made)
    assert all(p.stat().st_mtime_ns == made[p] for p in made)  # nothing rewritten
    assert second.summary_line().startswith("0 done, 4 skipped, 0 failed")

    forced = run_plan(seed_db, plan, workers=1, force=True)
    assert len(forced.done) == 4


def test_a_changed_output_or_corpus_is_made_again(location: str, tmp_path: Path) -> None:
    db = location  # a corpus of its own, since this test changes it
    with Corpus.open(db) as corpus:
        corpus.ingest([SEEDS], workers=1)
        ensure_facts(corpus)
    plan = load_plan(write_plan(tmp_path, PLAN))
    first = run_plan(db, plan, workers=1)
    assert len(first.done) == 4

    damaged = first.done[3].outputs[1]
    damaged.write_bytes(b"edited by hand")
    again = run_plan(db, plan, workers=1)
    assert [r.job.name for r in again.done] == ["ngo Union of Crisis Centers"]
    assert damaged.read_bytes().startswith(b"PK")  # a DOCX again

    cable = (SEEDS / "09ASTANA2101.txt").read_text(encoding="utf-8")
    changed = tmp_path / "09ASTANA2101.txt"
    changed.write_text(cable.replace("Feminist League", "Feminist League (FL)", 1), "utf-8")
    with Corpus.open(db) as corpus:
        corpus.ingest([changed], workers=1)
    after = run_plan(db, plan, workers=1)
    assert len(after.done) == 4  # the corpus changed: every briefing may have


def test_a_bad_item_fails_alone(seed_db: Path, tmp_path: Path) -> None:
    plan = load_plan(
        write_plan(
            tmp_path,
            PLAN.replace('"Union of Crisis Centers"', '"No Such Organization"'),
        )
    )
    report = run_plan(seed_db, plan, workers=2)
    assert not report.ok
    assert [r.job.name for r in report.done] == [
        "quarterly 2009Q3",
        "quarterly 2009Q4",
        "ngo Feminist League",
    ]
    (failed,) = report.failed
    assert failed.job.item == "briefing 2 (NGO profiles)"
    assert "No Such Organization" in failed.reason
    assert failed.line().startswith("briefing 2 (NGO profiles): ngo No Such Organization: ")
    assert all(p.is_file() for r in report.done for p in r.outputs)

    again = run_plan(seed_db, plan, workers=2)
    assert (len(again.done), len(again.skipped), len(again.failed)) == (0, 3, 1)


def test_posts_picked_by_min_cables_skip_their_empty_quarters(
    seed_db: Path, tmp_path: Path
) -> None:
    plan = load_plan(
        write_plan(
            tmp_path,
            """
[[briefing]]
kind = "quarterly"
quarters = "2009Q2..2009Q4"
origins = { min_cables = 2 }
out = "out/{origin}/{quarter}"
formats = ["pdf"]

[[briefing]]
kind = "quarterly"
quarters = "2009Q4"
origins = { min_cables = 4 }
""",
        )
    )
    report = run_plan(seed_db, plan, workers=1)
    assert [r.job.name for r in report.done] == [
        "quarterly 2009Q3 Embassy Astana",
        "quarterly 2009Q4 Embassy Astana",
    ]
    assert [(r.job.name, r.reason) for r in report.skipped] == [
        ("quarterly 2009Q2 Embassy Astana", "no cables from Embassy Astana in 2009Q2")
    ]
    assert not report.failed
    (made,) = report.done[1].outputs
    assert made.parent == tmp_path / "out" / "Embassy-Astana" / "2009Q4"


def test_the_same_briefing_twice_in_one_folder_is_refused_when_read(tmp_path: Path) -> None:
    text = '[[briefing]]\nkind = "ngo"\nnames = ["Feminist League"]\nformats = ["pdf"]\n'
    with pytest.raises(DeliveryError, match="is the same briefing as briefing 1's"):
        load_plan(write_plan(tmp_path, text * 2))


def test_one_ngo_in_two_spellings_is_refused_before_anything_is_made(
    seed_db: Path, tmp_path: Path
) -> None:
    # A typo the plan's text cannot tell, which the corpus resolves to the same NGO: each run
    # would write the files of the other, and both were reported done.
    text = (
        '[defaults]\nout = "ngo"\nformats = ["pdf"]\n'
        '[[briefing]]\nkind = "ngo"\nnames = ["Feminist League"]\n'
        '[[briefing]]\nkind = "ngo"\nnames = ["Feminist Leage"]\n'
        '[[briefing]]\nkind = "cable"\nids = ["09ASTANA1985"]\n'
    )
    plan = load_plan(write_plan(tmp_path, text))
    with pytest.raises(DeliveryError, match=r"briefing 2: 'ngo Feminist Leage' is the same"):
        run_plan(seed_db, plan, workers=1)
    assert not (tmp_path / "ngo").exists()


def test_drafts_and_sending(seed_db: Path, tmp_path: Path, smtp_server: StartServer) -> None:
    inbox, port = smtp_server()
    text = """
[[briefing]]
kind = "quarterly"
quarters = "2009Q4"
out = "drafts"
email = { to = ["Desk <desk@example.org>"], from = "bg@example.org", subject = "Q {quarter}" }

[[briefing]]
kind = "ngo"
names = ["Feminist League"]
out = "sent"
formats = ["pdf"]
email = { to = ["desk@example.org"], from = "bg@example.org", send = true }
"""
    plan = load_plan(write_plan(tmp_path, text))
    unsent = run_plan(seed_db, plan, workers=1)
    assert len(unsent.done) == 1
    (failed,) = unsent.failed
    assert "no SMTP server configured" in failed.reason
    assert (tmp_path / "sent").is_dir() and not inbox.envelopes  # files kept, nothing sent

    settings = Settings(smtp_host="127.0.0.1", smtp_port=port, smtp_security="none")
    report = run_plan(seed_db, plan, workers=1, settings=settings)
    assert [r.job.request.kind for r in report.done] == ["ngo"]
    assert [r.job.request.kind for r in report.skipped] == ["quarterly"]
    (envelope,) = inbox.envelopes
    assert envelope.rcpt_tos == ["desk@example.org"]

    draft = report.skipped[0].draft
    assert draft is not None and draft.suffix == ".eml"
    message = email.message_from_bytes(draft.read_bytes(), policy=policy.default)
    assert message["Subject"] == "Q 2009Q4"
    names = [part.get_filename() for part in message.iter_attachments()]
    assert names == [p.name for p in report.skipped[0].outputs]
    again = run_plan(seed_db, plan, workers=1, settings=settings)
    assert len(again.skipped) == 2 and len(inbox.envelopes) == 1  # never sent twice


def test_cli_reports_failures_and_exits_1(seed_db: Path, tmp_path: Path) -> None:
    plan = write_plan(
        tmp_path,
        '[[briefing]]\nkind = "ngo"\nnames = ["Feminist League", "Nobody Here"]\n'
        'formats = ["pdf"]\n',
    )
    result = CliRunner().invoke(app, ["batch", str(plan), "--db", str(seed_db), "-j", "1"])
    assert result.exit_code == 1, result.output
    assert result.stdout.startswith("1 done, 0 skipped, 1 failed")
    assert result.stderr.startswith("briefgen: failed: briefing 1: ngo Nobody Here: ")

    env = {**os.environ, "BRIEFGEN_DB": str(seed_db)}
    done = subprocess.run(
        [sys.executable, "-m", "briefgen", "batch", str(plan), "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert '"summary": "0 done, 1 skipped, 1 failed' in done.stdout
    assert done.stderr == ""  # --json: the failures are in the JSON, no progress bar in a pipe


def test_cli_errors_are_one_line(seed_db: Path, tmp_path: Path) -> None:
    bad = write_plan(tmp_path, '[[briefing]]\nkind = "ngo"\nnmes = ["x"]\n')
    result = CliRunner().invoke(app, ["batch", str(bad), "--db", str(seed_db)])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"briefgen: error: {bad}: briefing 1: unknown key 'nmes' for a ngo briefing"
    )
    missing = CliRunner().invoke(app, ["batch", str(bad), "--db", str(tmp_path / "none.db")])
    assert missing.stderr.startswith("briefgen: error: ")


@pytest.mark.parametrize(
    "stamp",
    [b"", b"not json", b"[]", b'{"fingerprint": 1}', b'{"fingerprint": {}, "files": {}}'],
)
def test_a_damaged_stamp_means_make_it_again(seed_db: Path, tmp_path: Path, stamp: bytes) -> None:
    plan = load_plan(write_plan(tmp_path, '[[briefing]]\nkind = "cable"\nids = ["09ASTANA1206"]\n'))
    assert len(run_plan(seed_db, plan, workers=1).done) == 1
    (written,) = tmp_path.glob("cable/09ASTANA1206/.briefgen-batch-*.json")
    written.write_bytes(stamp)
    assert len(run_plan(seed_db, plan, workers=1).done) == 1
    assert len(run_plan(seed_db, plan, workers=1).skipped) == 1


def test_the_example_plan_runs_over_the_seeds(seed_db: Path, tmp_path: Path) -> None:
    examples = SEEDS.parent
    shutil.copy(examples / "batch.toml", tmp_path / "batch.toml")
    shutil.copytree(examples / "custom", tmp_path / "custom")
    report = run_plan(seed_db, load_plan(tmp_path / "batch.toml"), workers=2)
    assert report.ok, [r.line() for r in report.failed]
    names = [r.job.name for r in report.done]
    assert "quarterly 2009Q4 Embassy Astana KTIP" in names and "cable 09ASTANA2101" in names
    assert all(r.reason.startswith("no cables from Embassy Astana") for r in report.skipped)
    drafts = sorted(tmp_path.glob("output/batch/quarterly/2009Q*/*.eml"))
    assert len(drafts) == 2
    (desk,) = [r for r in report.done if r.job.item == "briefing 5 (desk profiles)"]
    assert "Desk note" in pdf_text(desk.outputs[0])
    assert round(float(PdfReader(desk.outputs[0]).pages[0].mediabox.width)) == 612


def test_cli_sends_through_the_smtp_option(
    seed_db: Path, tmp_path: Path, smtp_server: StartServer
) -> None:
    inbox, port = smtp_server()
    plan = write_plan(
        tmp_path,
        '[[briefing]]\nkind = "cable"\nids = ["09ASTANA1985"]\nformats = ["pdf"]\n'
        'email = { to = ["desk@example.org"], from = "bg@example.org", send = true }\n',
    )
    args = ["batch", str(plan), "--db", str(seed_db), "--smtp", f"127.0.0.1:{port}"]
    result = CliRunner().invoke(app, args, env={"BRIEFGEN_SMTP_SECURITY": "none"})
    assert result.exit_code == 0, result.output
    (envelope,) = inbox.envelopes
    message = email.message_from_bytes(envelope.content, policy=policy.default)
    assert message["To"] == "desk@example.org"
    assert [p.get_filename() for p in message.iter_attachments()] == [
        "09astana1985_cable-digest_2009-11-10.pdf"
    ]


LOOPS = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n"


def test_a_runaway_template_fails_its_job_and_the_batch_ends(seed_db: Path, tmp_path: Path) -> None:
    (tmp_path / "loops.md.j2").write_text(LOOPS, encoding="utf-8")
    text = (
        '[defaults]\nformats = ["pdf"]\n'
        '[[briefing]]\nkind = "ngo"\nnames = ["Feminist League"]\ntemplate = "loops.md.j2"\n'
        '[[briefing]]\nkind = "cable"\nids = ["09ASTANA1985", "09ASTANA1206"]\n'
    )
    report = run_plan(seed_db, load_plan(write_plan(tmp_path, text)), workers=2)
    (failed,) = report.failed
    assert "loops.md.j2, line 1: the template took longer than 5 s" in failed.reason
    assert len(report.done) == 2
    assert report.seconds < 60


class SilentServer:
    """A TCP server that accepts connections and never says a word (a hung SMTP server)."""

    def __init__(self) -> None:
        import socket

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]

    def close(self) -> None:
        self.sock.close()


def test_a_hanging_job_times_out_and_the_others_are_made(seed_db: Path, tmp_path: Path) -> None:
    server = SilentServer()
    try:
        text = (
            '[defaults]\nformats = ["pdf"]\n'
            '[[briefing]]\nkind = "cable"\nids = ["09ASTANA1985"]\n'
            'email = { to = ["desk@example.org"], from = "bg@example.org", send = true }\n'
            '[[briefing]]\nkind = "cable"\nids = ["09ASTANA1206", "09ASTANA2101"]\n'
        )
        settings = Settings(
            smtp_host="127.0.0.1", smtp_port=server.port, smtp_security="none", smtp_timeout=3600
        )
        plan = load_plan(write_plan(tmp_path, text))
        report = run_plan(seed_db, plan, workers=2, settings=settings, timeout=10)
    finally:
        server.close()
    assert len(report.failed) == 1, [r.line() for r in report.failed]
    (failed,) = report.failed
    assert failed.job.name == "cable 09ASTANA1985"
    assert failed.reason.startswith("timed out: took longer than 10 s")
    assert [r.job.name for r in report.done] == ["cable 09ASTANA1206", "cable 09ASTANA2101"]
    assert report.seconds < 60


def _batch_process(tmp_path: Path, seed_db: Path, jobs: int) -> subprocess.Popen[str]:
    ids = ", ".join(f'"{c}"' for c in ("09ASTANA1985", "09ASTANA1206", "09ASTANA2101"))
    text = '[defaults]\nformats = ["pdf", "docx"]\n' + "".join(
        f'[[briefing]]\nkind = "cable"\nids = [{ids}]\nout = "run{n}/{{cable}}"\n'
        for n in range(jobs // 3)
    )
    plan = write_plan(tmp_path, text)
    return subprocess.Popen(
        [sys.executable, "-m", "briefgen", "batch", str(plan), "--db", str(seed_db), "-j", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
        start_new_session=True,
    )


def _workers_of(proc: subprocess.Popen[str]) -> list[Any]:
    """Wait for the batch's two worker processes to start; return them."""
    import psutil

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        children = psutil.Process(proc.pid).children()
        if len(children) >= 2:
            return children
        time.sleep(0.05)
    raise AssertionError("the batch started no workers")


def test_a_killed_worker_loses_no_job(seed_db: Path, tmp_path: Path) -> None:
    proc = _batch_process(tmp_path, seed_db, jobs=18)
    workers = _workers_of(proc)
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob("run*/*/*.pdf")) and time.monotonic() < deadline:
        time.sleep(0.05)
    workers[0].kill()  # kill -9, as the OOM killer would
    out, err = proc.communicate(timeout=600)
    # Before: BrokenProcessPool failed every job pending with the one that died.
    assert proc.returncode == 0, err
    assert out.startswith("18 done, 0 skipped, 0 failed"), out


def test_ctrl_c_stops_a_batch_without_a_worker_traceback(seed_db: Path, tmp_path: Path) -> None:
    proc = _batch_process(tmp_path, seed_db, jobs=18)
    _workers_of(proc)
    time.sleep(0.5)  # the workers are starting: importing, opening the corpus
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal's Ctrl-C does: the whole group
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert err.strip().splitlines()[-1] == "briefgen: error: interrupted"
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
