"""List the packaged briefing templates and copy one out for a user to start from."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from briefgen.errors import TemplateError
from briefgen.models import Record
from briefgen.resources import asset_dir

_DESCRIPTION = re.compile(r"\A\s*\{#-?(.*?)-?#\}", re.DOTALL)


@dataclass(frozen=True, slots=True)
class TemplateInfo(Record):
    """A packaged template: its name, what it is for and the blocks a user may override."""

    name: str
    """The file name, which `--template`, `{% extends %}` and `{% import %}` use (`ngo.md.j2`)."""
    description: str
    """One line from the template's opening `{#- ... -#}` comment."""
    extends: str | None
    """The template it extends, if any (`base.md.j2`)."""
    blocks: tuple[str, ...]
    """Its `{% block %}` names in file order (those of the template it extends not included)."""
    macros: tuple[str, ...]
    """The macros it defines (`{% import "_briefing.md.j2" as m %}` then `m.cite(...)`)."""
    path: Path
    """Where the packaged file is."""

    @property
    def is_partial(self) -> bool:
        """Return True for a helper meant to be imported or extended, not used as is (`_*`)."""
        return self.name.startswith("_")


def list_templates() -> tuple[TemplateInfo, ...]:
    """Return every packaged template, in name order."""
    return tuple(_info(path) for path in sorted(asset_dir("templates").glob("*.j2")))


def template_info(name: str) -> TemplateInfo:
    """Return the packaged template `name` (`ngo.md.j2`, or `ngo`); raise TemplateError if none."""
    found = {info.name: info for info in list_templates()}
    for candidate in (name, f"{name}.md.j2"):
        if candidate in found:
            return found[candidate]
    known = ", ".join(n for n in found if not n.startswith("_"))
    raise TemplateError(f"no packaged template named {name!r} (packaged: {known})")


def copy_template(name: str, folder: Path, *, overwrite: bool = False) -> Path:
    """Copy the packaged template `name` into `folder` (created if missing); return the copy.

    Raises TemplateError when the copy exists already (unless `overwrite`) or cannot be written.
    """
    info = template_info(name)
    target = folder / info.name
    if target.exists() and not overwrite:
        raise TemplateError(f"{target} exists already (remove it, or copy with --force)")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(info.path, target)
    except OSError as exc:
        raise TemplateError(f"cannot copy {info.name} to {folder}: {exc.strerror or exc}") from None
    return target


def extends_example(info: TemplateInfo) -> str:
    """Return a starter template that extends `info` and overrides its first block."""
    # `body` wraps every section; the first section inside it makes a better example.
    block = next((b for b in info.blocks if b != "body"), "body")
    stem = info.name.split(".", 1)[0]
    return (
        f"{{#- my-{stem}.md.j2: the packaged {info.name} with one section changed. -#}}\n"
        f'{{% extends "{info.name}" %}}\n'
        f"{{% block {block} %}}\n"
        "{{ super() }}\n\n"
        "Your own text, after the packaged section.\n"
        "{% endblock %}\n"
    )


def _info(path: Path) -> TemplateInfo:
    """Read a template's description, parent and block names."""
    from jinja2 import nodes

    from briefgen.template import environment

    source = path.read_text(encoding="utf-8")
    match = _DESCRIPTION.match(source)
    description = " ".join(match.group(1).split()) if match else ""
    try:
        tree = environment().parse(source, path.name, str(path))
    except Exception as exc:  # a broken packaged template is a bug; name it
        raise TemplateError(f"{path}: {exc}") from None
    parents = [node.template for node in tree.find_all(nodes.Extends)]
    parent = parents[0].value if parents and isinstance(parents[0], nodes.Const) else None
    blocks = tuple(dict.fromkeys(node.name for node in tree.find_all(nodes.Block)))
    macros = tuple(node.name for node in tree.find_all(nodes.Macro))
    return TemplateInfo(path.name, description, parent, blocks, macros, path)
