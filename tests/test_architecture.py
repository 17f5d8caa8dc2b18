"""The architecture as docs/architecture.md states it: import order, pure and leaf stages,
help on every command and option, and the package's public names."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer

import briefgen
from briefgen.cli import app

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "briefgen"
ARCHITECTURE = ROOT / "docs" / "architecture.md"


def layers() -> list[set[str]]:
    """Return the layers of the import order, lowest first, as the architecture page lists."""
    text = ARCHITECTURE.read_text(encoding="utf-8")
    section = text.split("## Import order", 1)[1].split("\n## ", 1)[0]
    found = [
        set(re.findall(r"`([\w]+)`", line))
        for line in section.splitlines()
        if re.match(r"\d+\. `", line)
    ]
    assert found, "docs/architecture.md lists no layers under ## Import order"
    return found


def top_name(module: str) -> str:
    """Return the stage a module belongs to: `briefgen.facts.store` -> `facts`."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def module_of(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> Iterator[tuple[int, str]]:
    """Yield (line, module) for every import in a file, in functions and TYPE_CHECKING too."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            assert node.level == 0, f"{path}:{node.lineno}: use absolute imports"
            yield node.lineno, node.module
            for alias in node.names:
                # `from briefgen import facts` imports the subpackage briefgen.facts.
                sub = f"{node.module}.{alias.name}"
                if node.module.startswith("briefgen") and _exists(sub):
                    yield node.lineno, sub


def _exists(module: str) -> bool:
    path = ROOT.joinpath(*module.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


SOURCES = sorted(PACKAGE.rglob("*.py"))


def test_every_module_has_a_place_in_the_import_order() -> None:
    listed = set().union(*layers())
    stages = {top_name(module_of(path)) for path in SOURCES} - {""}
    assert stages == listed, "docs/architecture.md must list every top-level module once"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_point_only_to_earlier_stages(path: Path) -> None:
    rank = {name: index for index, group in enumerate(layers()) for name in group}
    importer = top_name(module_of(path))
    if not importer:
        return  # the package's __init__ names the public API of every stage
    for line, module in imports(path):
        if not module.startswith("briefgen.") or top_name(module) == importer:
            continue
        assert rank[top_name(module)] <= rank[importer], (
            f"{path.relative_to(ROOT)}:{line}: {importer} imports {module}, a later stage"
        )


def _imported(stage: str) -> set[str]:
    return {module for path in (PACKAGE / stage).rglob("*.py") for _, module in imports(path)}


def test_extraction_is_pure_cable_in_facts_out() -> None:
    reached = _imported("extract")
    assert "sqlite3" not in reached
    assert not {m for m in reached if m.startswith(("briefgen.store", "briefgen.facts"))}


def test_delivery_is_a_leaf() -> None:
    ours = {m for m in _imported("deliver") if m.startswith("briefgen.")}
    assert {top_name(m) for m in ours} <= {"deliver", "errors", "models"}


def test_summarizers_only_read_the_facts_they_are_given() -> None:
    reached = _imported("summarize")
    facts = {m for m in reached if m.startswith("briefgen.facts")}
    assert facts == {"briefgen.facts"}, "summarizers take a Facts handle, nothing else of facts"
    assert "sqlite3" not in reached


def test_the_command_line_is_glue() -> None:
    reached = {module for _, module in imports(PACKAGE / "cli.py")}
    for library in ("sqlite3", "rich", "email", "smtplib", "reportlab", "docx", "jinja2"):
        assert not {m for m in reached if m.split(".")[0] == library}, library


# --- help text -------------------------------------------------------------------------------


def commands(group: Any, path: str = "briefgen") -> Iterator[tuple[str, Any]]:
    """Yield every command of the app (groups too) with its name as a user types it."""
    yield path, group
    for name, command in getattr(group, "commands", {}).items():
        yield from commands(command, f"{path} {name}")


COMMANDS = list(commands(typer.main.get_command(app)))


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[name for name, _ in COMMANDS])
def test_every_command_and_option_has_help(name: str, command: Any) -> None:
    assert (command.help or "").strip(), f"{name} has no help text"
    for param in command.params:
        text = getattr(param, "help", None)
        assert (text or "").strip(), f"{name} {param.opts[0]} has no help text"


def test_the_briefing_commands_share_their_options() -> None:
    by_name = dict(COMMANDS)
    shared = [p.opts for p in by_name["briefgen cable"].params if p.opts[0].startswith("--")]
    assert len(shared) == 15
    for kind in ("ngo", "program", "quarterly"):
        options = [p.opts for p in by_name[f"briefgen {kind}"].params]
        assert options[-len(shared) :] == shared


# --- the public API --------------------------------------------------------------------------


def test_the_public_names_import() -> None:
    for name in briefgen.__all__:
        assert getattr(briefgen, name) is not None, name
    documented = re.findall(r"from briefgen import (.+)", briefgen.__doc__ or "")
    assert documented
    for names in documented:
        for name in (n.strip() for n in names.split(",")):
            assert name in briefgen.__all__ and getattr(briefgen, name) is not None, name
    with pytest.raises(AttributeError):
        briefgen.no_such_name  # noqa: B018


@pytest.mark.parametrize("page", [ROOT / "README.md", ARCHITECTURE], ids=lambda p: p.name)
def test_the_imports_the_docs_show_work(page: Path) -> None:
    blocks = re.findall(r"```python\n(.*?)```", page.read_text(encoding="utf-8"), re.S)
    lines = [line for block in blocks for line in block.splitlines()]
    shown = [
        line for line in lines if re.match(r"(from briefgen[\w.]* import|import briefgen)", line)
    ]
    assert shown
    for line in shown:
        exec(line, {})
