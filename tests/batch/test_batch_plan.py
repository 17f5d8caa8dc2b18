"""Batch plans: loading, checking (errors name the item) and expansion into jobs."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.batch.plan import PlanItem, load_plan
from briefgen.errors import DeliveryError

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "batch.toml"


def write(tmp_path: Path, text: str) -> Path:
    plan = tmp_path / "plan.toml"
    plan.write_text(text, encoding="utf-8")
    return plan


def test_ranges_lists_and_selectors_expand_into_jobs(tmp_path: Path) -> None:
    plan = load_plan(
        write(
            tmp_path,
            """
[defaults]
out = "out/{kind}/{subject}"
formats = ["pdf"]

[[briefing]]
label = "KTIP quarterlies"
kind = "quarterly"
quarters = ["2008Q4..2009Q2", "2009Q1"]
origins = { min_cables = 2 }
tag = "ktip"
out = "out/q/{origin}/{quarter}"

[[briefing]]
kind = "ngo"
names = ["Feminist League", "Krizis Center / Astana"]
email = { to = ["desk@example.org"], subject = "Profile: {name}", send = true }
""",
        ),
        default_sender="Briefing Desk <briefgen@example.org>",
    )
    quarterly, ngo = plan.items
    assert quarterly.subjects == ("2008Q4", "2009Q1", "2009Q2")
    assert (quarterly.min_cables, quarterly.tag, quarterly.formats) == (2, "KTIP", ("pdf",))
    assert (ngo.title, quarterly.title) == ("briefing 2", "briefing 1 (KTIP quarterlies)")
    assert ngo.formats == ("pdf",)

    seen: list[PlanItem] = []

    def counts(item: PlanItem) -> dict[str, int]:
        seen.append(item)
        return {"Embassy Astana": 3, "Embassy Almaty": 1, "Consulate Almaty": 2}

    jobs = plan.jobs(counts)
    assert seen == [quarterly]
    assert [job.name for job in jobs[:3]] == [
        "quarterly 2008Q4 Consulate Almaty KTIP",
        "quarterly 2009Q1 Consulate Almaty KTIP",
        "quarterly 2009Q2 Consulate Almaty KTIP",
    ]
    assert len(jobs) == 3 * 2 + 2
    assert jobs[3].out == tmp_path / "out" / "q" / "Embassy-Astana" / "2008Q4"
    profile = jobs[-1]
    assert profile.out == tmp_path / "out" / "ngo" / "Krizis-Center-Astana"
    assert profile.email is not None and profile.email.send
    assert profile.email.subject == "Profile: Krizis Center / Astana"
    assert profile.email.sender == "Briefing Desk <briefgen@example.org>"
    assert profile.as_dict()["email"]["to"] == ["desk@example.org"]


def test_min_cables_needs_the_corpus(tmp_path: Path) -> None:
    text = '[[briefing]]\nkind = "quarterly"\nquarters = "2009Q3"\norigins = { min_cables = 1 }'
    plan = load_plan(write(tmp_path, text))
    with pytest.raises(DeliveryError, match=r"briefing 1: min_cables needs the corpus"):
        plan.jobs()


def test_the_example_plan_loads() -> None:
    plan = load_plan(EXAMPLE)
    jobs = plan.jobs(lambda item: {"Embassy Astana": 3})
    names = [job.name for job in jobs]
    assert "quarterly 2009Q3" in names and "quarterly 2009Q4" in names
    assert "ngo Feminist League" in names
    assert "quarterly 2009Q4 Embassy Astana KTIP" in names
    assert all(job.out.is_relative_to(EXAMPLE.parent) for job in jobs)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("kind = 3", r"plan\.toml: unknown key 'kind' \(a plan has"),
        ("[[briefing]]\nkind = = 1", r"plan\.toml: invalid TOML"),
        ("", r"no \[\[briefing\]\] items"),
        ('[[briefing]]\nkind = "memo"', r"briefing 1: kind: expected one of ngo, program"),
        (
            '[[briefing]]\nlabel = "profiles"\nkind = "ngo"\nnmes = ["x"]',
            r"briefing 1 \(profiles\): unknown key 'nmes' for a ngo briefing",
        ),
        ('[[briefing]]\nkind = "ngo"\nnames = []', r"briefing 1: names: the list is empty"),
        ('[[briefing]]\nkind = "ngo"', r"briefing 1: names: expected a string or a list"),
        (
            '[[briefing]]\nkind = "ngo"\nnames = "x"\n[[briefing]]\nkind = "quarterly"\n'
            'quarters = "2009Q4..2009Q1"',
            r"briefing 2: quarters: '2009Q4\.\.2009Q1' runs backwards",
        ),
        (
            '[[briefing]]\nkind = "quarterly"\nquarters = "2009Q5"',
            r"briefing 1: quarters: '2009Q5' is not a quarter",
        ),
        (
            '[[briefing]]\nkind = "quarterly"\nquarters = "2009Q1"\norigins = { min = 3 }',
            r"briefing 1: origins: expected a post, a list of posts, or \{ min_cables = N \}",
        ),
        (
            '[[briefing]]\nkind = "quarterly"\nquarters = "2009Q1"\norigins = { min_cables = 0 }',
            r"origins\.min_cables: expected an integer >= 1",
        ),
        ('[[briefing]]\nkind = "cable"\nids = "x"\nformats = ["odt"]', r"formats: expected pdf"),
        (
            '[[briefing]]\nkind = "cable"\nids = "x"\nout = "{name.__class__}"',
            r"briefing 1: out: unknown placeholder \{name\.__class__\}",
        ),
        ('[[briefing]]\nkind = "cable"\nids = "x"\nout = "{nme}"', r"unknown placeholder \{nme\}"),
        (
            '[[briefing]]\nkind = "ngo"\nnames = "x"\n'
            'email = { to = ["a@"], from = "b@example.org" }',
            r"briefing 1: To address 'a@' is not a valid",
        ),
        (
            '[[briefing]]\nkind = "ngo"\nnames = "x"\nemail = { to = ["a@example.org"] }',
            r"briefing 1: an e-mail needs a sender",
        ),
        (
            '[[briefing]]\nkind = "ngo"\nnames = "x"\n'
            'email = { to = ["a@example.org"], from = "b@example.org", bcc = [] }',
            r"briefing 1: email: unknown key 'bcc'",
        ),
        (
            '[[briefing]]\nlabel = "a"\nkind = "ngo"\nnames = "x"\n'
            '[[briefing]]\nlabel = "a"\nkind = "ngo"\nnames = "y"',
            r"two items are labelled 'a'",
        ),
        ('[defaults]\nnames = ["x"]\n[[briefing]]\nkind = "ngo"', r"defaults: unknown key 'names'"),
        # Plans that would lose or flood work are refused when read, before anything is made.
        (
            '[[briefing]]\nkind = "quarterly"\nquarters = "2009Q1..4508Q4"',
            r"briefing 1: quarters: '2009Q1\.\.4508Q4' spans 10,000 quarters; at most 400",
        ),
        (
            '[defaults]\nout = "all"\n[[briefing]]\nkind = "quarterly"\n'
            'quarters = ["1910Q1..2009Q4", "2010Q1..2109Q4"]\n'
            'origins = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M"]',
            r"the plan makes more than 10,000 briefings",
        ),
        (
            '[defaults]\nout = "ngo"\n[[briefing]]\nkind = "ngo"\nnames = ["Feminist League"]\n'
            '[[briefing]]\nkind = "ngo"\nnames = "the  feminist LEAGUE"',
            r"briefing 2: 'ngo the  feminist LEAGUE' is the same briefing as briefing 1's "
            r"'ngo Feminist League', in the same folder",
        ),
        (
            '[[briefing]]\nkind = "ngo"\nnames = ["Feminist League", "FEMINIST LEAGUE"]',
            r"is the same briefing as briefing 1's 'ngo Feminist League'",
        ),
        (
            '[[briefing]]\nkind = "cable"\nids = ["09ASTANA1985", "09astana01985"]\nout = "c"',
            r"'cable 09astana01985' is the same briefing",
        ),
        (
            '[[briefing]]\nkind = "quarterly"\nquarters = "2009Q4"\nout = "q"\n'
            'origins = ["Embassy Astana", "ASTANA"]',
            r"'quarterly 2009Q4 ASTANA' is the same briefing",
        ),
    ],
)
def test_bad_plans_name_the_item(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(DeliveryError, match=message) as caught:
        load_plan(write(tmp_path, text))
    assert str(caught.value).startswith(str(tmp_path / "plan.toml"))


def test_unsafe_subject_from_a_name_is_caught_when_expanding(tmp_path: Path) -> None:
    text = (
        '[[briefing]]\nlabel = "evil"\nkind = "ngo"\nnames = ["A\\r\\nBcc: v@example.org"]\n'
        'email = { to = ["a@example.org"], from = "b@example.org", subject = "P: {name}" }'
    )
    with pytest.raises(DeliveryError, match=r"briefing 1 \(evil\): subject contains a control"):
        load_plan(write(tmp_path, text))


def test_missing_plan_file(tmp_path: Path) -> None:
    with pytest.raises(DeliveryError, match=r"missing\.toml: cannot read the plan"):
        load_plan(tmp_path / "missing.toml")


def test_one_name_in_two_folders_is_two_briefings(tmp_path: Path) -> None:
    text = (
        '[[briefing]]\nkind = "ngo"\nnames = "Feminist League"\nout = "desk-a"\n'
        '[[briefing]]\nkind = "ngo"\nnames = "the feminist league"\nout = "desk-b"\n'
    )
    assert len(load_plan(write(tmp_path, text)).jobs()) == 2
