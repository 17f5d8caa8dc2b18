"""Load house styles: TOML files that drive both the PDF and the DOCX renderer."""

from __future__ import annotations

import math
import re
import string
import sys
from dataclasses import asdict, dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from typing import Any

from briefgen.errors import StyleError
from briefgen.resources import asset_dir

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PAGE_SIZES_MM = {"A4": (210.0, 297.0), "LETTER": (215.9, 279.4)}
FONT_FAMILIES = ("sans", "serif", "mono")
PLACEHOLDERS = (
    "title",
    "subtitle",
    "date",
    "classification",
    "prepared_by",
    "organization",
    "author",
    "footer",
    "page",
    "pages",
)
MIN_TEXT_MM = (80.0, 100.0)
"""The smallest text block (width, height) the margins may leave: room for a table and a chart."""
RANGES: dict[str, tuple[float, float]] = {
    "headings.sizes": (5.0, 40.0),
    "headings.space_before": (0.0, 72.0),
    "table.font_size": (4.0, 20.0),
    "text.toc_min_sections": (0, 1000),
}
"""The bounds of numeric style values (inclusive) checked on their own; fonts, margins and the
logo are checked together with the values they depend on."""
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True, slots=True)
class PageSpec:
    """Paper and margins."""

    size: str = "A4"
    """`A4` or `Letter`."""
    margin_top: float = 24.0
    """Top margin in millimetres (the header and banner sit inside it); every margin is at
    least 5 mm, and they leave a text block of at least 80 x 100 mm."""
    margin_bottom: float = 22.0
    """Bottom margin in millimetres (the footer and banner sit inside it)."""
    margin_left: float = 22.0
    """Left margin in millimetres."""
    margin_right: float = 22.0
    """Right margin in millimetres."""


@dataclass(frozen=True, slots=True)
class FontSpec:
    """Type families and sizes; families are the bundled DejaVu `sans`, `serif` or `mono`."""

    body: str = "serif"
    """Family of running text."""
    heading: str = "sans"
    """Family of headings, the title block, tables and the key-facts box."""
    mono: str = "mono"
    """Family of code."""
    size: float = 10.0
    """Body size in points."""
    leading: float = 1.42
    """Line height as a multiple of the size."""
    small: float = 8.0
    """Size of header, footer, captions and notes."""


@dataclass(frozen=True, slots=True)
class ColorSpec:
    """Colours as `#rrggbb`."""

    text: str = "#1f2328"
    """Running text."""
    heading: str = "#1b365d"
    """Headings and the title."""
    accent: str = "#1b365d"
    """Rules, the key-facts bar and chart bars."""
    muted: str = "#5b6573"
    """Subtitle, header, footer and captions."""
    rule: str = "#c8d0d9"
    """Hairlines between table rows and under the header."""
    link: str = "#1a4f8b"
    """Hyperlinks."""
    table_header_bg: str = "#1b365d"
    """Background of a table's header row."""
    table_header_text: str = "#ffffff"
    """Text of a table's header row."""
    table_stripe: str = "#f3f5f8"
    """Background of every second body row (same as white for no stripes)."""
    keyfacts_bg: str = "#eef2f7"
    """Background of the key-facts box."""


@dataclass(frozen=True, slots=True)
class HeadingSpec:
    """Heading sizes and spacing, level 1 first."""

    sizes: tuple[float, ...] = (15.0, 12.5, 11.0, 10.0)
    """Point size per level, 5 to 40; deeper levels use the last."""
    space_before: tuple[float, ...] = (16.0, 12.0, 9.0, 8.0)
    """Space above per level, in points, 0 to 72."""
    rule_under_h1: bool = True
    """Draw a hairline under level-1 headings."""
    uppercase_h1: bool = False
    """Set level-1 headings in capitals."""


@dataclass(frozen=True, slots=True)
class TableSpec:
    """How tables look."""

    font_size: float = 8.5
    """Cell text size in points, 4 to 20."""
    stripes: bool = True
    """Shade every second body row."""
    grid: str = "rows"
    """`rows` (hairlines between rows), `full` (every cell boxed) or `none`."""


@dataclass(frozen=True, slots=True)
class TextSpec:
    """Running header and footer lines and fixed labels; `{page}`, `{title}` etc. are filled in
    as they are (a placeholder takes no format spec)."""

    header_left: str = "{title}"
    """Header, left."""
    header_right: str = "{date}"
    """Header, right."""
    footer_left: str = "{footer}"
    """Footer, left (`{footer}`: the identity's footer text, else its organization)."""
    footer_right: str = "Page {page} of {pages}"
    """Footer, right."""
    contents_title: str = "Contents"
    """Heading of the table of contents."""
    sources_title: str = "Sources"
    """Heading of the list of sources the renderer prints at the end."""
    sources_intro: str = (
        "Every cable this briefing cites. Citations in the text give the cable and paragraph "
        "(\u00b6) and lead here."
    )
    """The sentence under the Sources heading (empty for none)."""
    toc_min_sections: int = 3
    """Print a table of contents when the document has at least this many level-1/2 headings
    (0 to 1000)."""


@dataclass(frozen=True, slots=True)
class BannerSpec:
    """The classification banner printed at the top and bottom of every page."""

    show: bool = True
    """Print the banner when the document has a classification."""
    colors: dict[str, str] = field(
        default_factory=lambda: {
            "UNCLASSIFIED": "#2e6b34",
            "CONFIDENTIAL": "#1f4e9a",
            "SECRET": "#b3261e",
            "TOP SECRET": "#c25e00",
        }
    )
    """Banner colour by the classification's first word(s); others use `colors.text`."""


@dataclass(frozen=True, slots=True)
class LogoSpec:
    """A logo or letterhead image placed in the title block."""

    path: str = ""
    """Image file (PNG or JPEG), relative to the style file; empty for none."""
    width: float = 30.0
    """Printed width in millimetres, from 5 to the text width."""


@dataclass(frozen=True, slots=True)
class IdentitySpec:
    """Who sends the document: the byline, the running footer and the file properties."""

    organization: str = ""
    """The office that prepared the briefing (byline, `{organization}`, DOCX company)."""
    author: str = ""
    """The author stored in the file properties (empty: the organization)."""
    footer: str = ""
    """The office's footer text, printed by `{footer}` (empty: the organization)."""
    language: str = "en-US"
    """The document language (BCP 47), declared in the PDF and the DOCX."""


@dataclass(frozen=True, slots=True)
class SourcesSpec:
    """The Sources list at the end of every briefing."""

    url: str = ""
    """Where a cable can be read, as a pattern with `{id}`, e.g.
    `https://wikileaks.org/plusd/cables/{id}_a.html`; empty (the default) for no links."""


@dataclass(frozen=True, slots=True)
class WordSpec:
    """DOCX only: the office's own Word template and how tables are styled."""

    reference_docx: str = ""
    """An office's .docx whose styles, page setup, header and footer the DOCX uses, relative
    to the style file; empty for briefgen's own styles."""
    table_style: str = "Briefing Table"
    """The Word table style of tables; added by briefgen when the document lacks it."""
    box_style: str = "Briefing Box"
    """The Word table style of key-facts boxes; added by briefgen when the document lacks it."""
    embed_fonts: bool = True
    """Embed the DejaVu faces used when briefgen's own styles are used (no reference docx)."""


@dataclass(frozen=True, slots=True)
class Style:
    """A house style: one TOML file, read by both renderers."""

    name: str = "default"
    """The style's name."""
    page: PageSpec = field(default_factory=PageSpec)
    """Paper and margins."""
    fonts: FontSpec = field(default_factory=FontSpec)
    """Type."""
    colors: ColorSpec = field(default_factory=ColorSpec)
    """Colours."""
    headings: HeadingSpec = field(default_factory=HeadingSpec)
    """Headings."""
    table: TableSpec = field(default_factory=TableSpec)
    """Tables."""
    text: TextSpec = field(default_factory=TextSpec)
    """Header, footer and labels."""
    banner: BannerSpec = field(default_factory=BannerSpec)
    """Classification banner."""
    logo: LogoSpec = field(default_factory=LogoSpec)
    """Logo image."""
    identity: IdentitySpec = field(default_factory=IdentitySpec)
    """The office: organization, author, footer text, language."""
    sources: SourcesSpec = field(default_factory=SourcesSpec)
    """The Sources list."""
    word: WordSpec = field(default_factory=WordSpec)
    """Word (DOCX) options."""

    def with_settings(
        self,
        *,
        organization: str | None = None,
        author: str | None = None,
        footer: str | None = None,
        source_url: str | None = None,
        reference_docx: str | Path | None = None,
    ) -> Style:
        """Return the style with the settings given (None keeps the style's own), checked.

        Settings (`briefgen.toml`, the command line) override what the style file says.
        """
        ident = self.identity
        identity = replace(
            ident,
            organization=ident.organization if organization is None else organization,
            author=ident.author if author is None else author,
            footer=ident.footer if footer is None else footer,
        )
        sources = self.sources if source_url is None else replace(self.sources, url=source_url)
        word = self.word
        if reference_docx is not None:
            path = Path(reference_docx).expanduser()
            if str(reference_docx) and not _is_file(path):
                raise StyleError(f"reference docx not found: {path}")
            word = replace(word, reference_docx=str(path.resolve()) if str(reference_docx) else "")
        _validate(sources, "sources")
        return replace(self, identity=identity, sources=sources, word=word)

    def source_url(self, cable_id: str) -> str:
        """Return the public address of source `cable_id` by the `sources.url` pattern, or ''."""
        return self.sources.url.format(id=cable_id) if self.sources.url else ""

    def heading_size(self, level: int) -> float:
        """Return the point size of heading `level`."""
        sizes = self.headings.sizes
        return sizes[min(level, len(sizes)) - 1]

    def heading_space(self, level: int) -> float:
        """Return the space above heading `level` in points."""
        spaces = self.headings.space_before
        return spaces[min(level, len(spaces)) - 1]

    def page_mm(self) -> tuple[float, float]:
        """Return the page width and height in millimetres."""
        return PAGE_SIZES_MM[self.page.size.upper()]

    def banner_color(self, classification: str) -> str:
        """Return the banner colour for `classification`."""
        upper = classification.upper()
        best = ""
        for key in self.banner.colors:
            if upper.startswith(key.upper()) and len(key) > len(best):
                best = key
        return self.banner.colors[best] if best else self.colors.text

    def as_dict(self) -> dict[str, Any]:
        """Return the style as a JSON-ready dict."""
        return asdict(self)


def load_style(name_or_path: str | Path) -> Style:
    """Load a style by packaged name (`default`, `memo`) or from a TOML file.

    A style may say `extends = "default"` (a name, or a path relative to itself) and give only
    what differs. Raises StyleError for a missing file, bad TOML, an unknown key or a bad value.
    """
    data = _load_table(name_or_path, seen=())
    data.pop("extends", None)
    style: Style = _build(Style, data, "style")
    return style


def available_styles() -> list[str]:
    """Return the names of the packaged styles."""
    return sorted(p.stem for p in asset_dir("styles").glob("*.toml"))


def _locate(name_or_path: str | Path, relative_to: Path | None) -> Path:
    path = Path(name_or_path)
    candidates = [path]
    if relative_to is not None and not path.is_absolute():
        candidates.insert(0, relative_to / path)
    if path.suffix != ".toml" and len(path.parts) == 1:
        candidates.append(asset_dir("styles") / f"{path.name}.toml")
    for candidate in candidates:
        if _is_file(candidate):
            return candidate.resolve()
    names = ", ".join(available_styles())
    raise StyleError(f"style not found: {name_or_path} (packaged styles: {names})")


def _load_table(
    name_or_path: str | Path, seen: tuple[Path, ...], relative_to: Path | None = None
) -> dict[str, Any]:
    path = _locate(name_or_path, relative_to)
    if path in seen:
        raise StyleError(f"{path}: style extends itself")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise StyleError(f"{path}: cannot read style: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise StyleError(f"{path}: not valid TOML: {exc}") from None
    for table, key, what in (
        ("logo", "path", "logo image"),
        ("word", "reference_docx", "reference docx"),
    ):
        section = data.get(table)
        if isinstance(section, dict) and isinstance(section.get(key), str) and section[key]:
            found = (path.parent / section[key]).expanduser()
            if not _is_file(found):
                raise StyleError(f"{path}: {what} not found: {found}")
            section[key] = str(found.resolve())
    base = data.get("extends")
    if base is None:
        return data
    if not isinstance(base, str):
        raise StyleError(f"{path}: extends must be a style name or path")
    return _merge(_load_table(base, (*seen, path), path.parent), data)


def _is_file(path: Path) -> bool:
    """Return True for an existing file; False for anything else, a name the system cannot
    even look up (a NUL byte in it, too long) included."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict) and key != "colors":
            out[key] = _merge(out[key], value)
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = {**out[key], **value}
        else:
            out[key] = value
    return out


def _build(cls: Any, data: dict[str, Any], where: str) -> Any:
    if not isinstance(data, dict):
        raise StyleError(f"{where} must be a table")
    known = {f.name: f for f in fields(cls)}
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise StyleError(f"unknown style key(s) in [{where}]: {', '.join(unknown)}")
    defaults = cls()
    values: dict[str, Any] = {}
    for name, value in data.items():
        default = getattr(defaults, name)
        key = f"{where}.{name}"
        if is_dataclass(default):
            values[name] = _build(type(default), value, name)
        else:
            values[name] = _check(key, value, default)
    built = cls(**values)
    _validate(built, where)
    return built


def _check(key: str, value: Any, default: Any) -> Any:
    if isinstance(default, bool):
        ok = isinstance(value, bool)
    elif isinstance(default, float):
        ok = _finite(value)
        value = float(value) if ok else value
    elif isinstance(default, int):
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif isinstance(default, str):
        ok = isinstance(value, str)
    elif isinstance(default, tuple):
        ok = isinstance(value, list) and bool(value) and all(_finite(v) for v in value)
        value = tuple(float(v) for v in value) if ok else value
    elif isinstance(default, dict):
        ok = isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
    else:  # pragma: no cover - every field type is listed above
        ok = False
    if not ok:
        raise StyleError(f"style key {key} has a bad value: {value!r}")
    return value


def _finite(value: Any) -> bool:
    """Return True for an int or float that is a finite number (TOML has inf and nan)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    return math.isfinite(value)


def _in_range(key: str, values: Any) -> None:
    """Raise StyleError unless every number of `values` lies within RANGES[key]."""
    low, high = RANGES[key]
    numbers = values if isinstance(values, tuple) else (values,)
    if not all(low <= number <= high for number in numbers):
        shown = list(numbers) if isinstance(values, tuple) else values
        raise StyleError(f"{key} must be from {low:g} to {high:g}, not {shown}")


def _validate(obj: Any, where: str) -> None:
    if isinstance(obj, PageSpec):
        if obj.size.upper() not in PAGE_SIZES_MM:
            raise StyleError(f"page.size must be A4 or Letter, not {obj.size!r}")
        if min(obj.margin_top, obj.margin_bottom, obj.margin_left, obj.margin_right) < 5:
            raise StyleError("page margins must be at least 5 mm")
        width, height = PAGE_SIZES_MM[obj.size.upper()]
        text = (
            width - obj.margin_left - obj.margin_right,
            height - obj.margin_top - obj.margin_bottom,
        )
        if text[0] < MIN_TEXT_MM[0] or text[1] < MIN_TEXT_MM[1]:
            raise StyleError(
                f"page margins must leave a text block of at least {MIN_TEXT_MM[0]:g} x "
                f"{MIN_TEXT_MM[1]:g} mm on {obj.size} paper ({width:g} x {height:g} mm); "
                f"these leave {text[0]:g} x {text[1]:g} mm"
            )
    elif isinstance(obj, FontSpec):
        for name in ("body", "heading", "mono"):
            if getattr(obj, name) not in FONT_FAMILIES:
                raise StyleError(f"fonts.{name} must be one of {', '.join(FONT_FAMILIES)}")
        if not 5 <= obj.size <= 20 or not 1 <= obj.leading <= 3 or not 4 <= obj.small <= 20:
            raise StyleError("fonts: size 5-20, small 4-20 and leading 1-3 are allowed")
    elif isinstance(obj, HeadingSpec):
        _in_range("headings.sizes", obj.sizes)
        _in_range("headings.space_before", obj.space_before)
    elif isinstance(obj, (ColorSpec, BannerSpec)):
        colours = asdict(obj) if isinstance(obj, ColorSpec) else obj.colors
        for key, value in colours.items():
            if not isinstance(value, str) or not _HEX.match(value):
                raise StyleError(f"{where}.{key} must be a colour like #1b365d, not {value!r}")
    elif isinstance(obj, TableSpec):
        if obj.grid not in ("rows", "full", "none"):
            raise StyleError("table.grid must be rows, full or none")
        _in_range("table.font_size", obj.font_size)
    elif isinstance(obj, TextSpec):
        for key in ("header_left", "header_right", "footer_left", "footer_right"):
            _check_placeholders(f"text.{key}", getattr(obj, key), PLACEHOLDERS)
        _in_range("text.toc_min_sections", obj.toc_min_sections)
    elif isinstance(obj, IdentitySpec):
        if not _LANGUAGE.match(obj.language):
            raise StyleError(
                f"identity.language must be a language tag like en-US, not {obj.language!r}"
            )
    elif isinstance(obj, SourcesSpec) and obj.url:
        names = set(_fields("sources.url", obj.url))
        if names != {"id"}:
            raise StyleError(f"sources.url must hold {{id}} and no other placeholder: {obj.url!r}")
    elif isinstance(obj, Style):
        page_width = obj.page_mm()[0]
        room = page_width - obj.page.margin_left - obj.page.margin_right
        if not 5 <= obj.logo.width <= room:
            raise StyleError(
                f"logo.width must be from 5 to the text width ({room:g} mm), not {obj.logo.width:g}"
            )


def _check_placeholders(key: str, text: str, known: tuple[str, ...]) -> None:
    """Raise StyleError for an unknown placeholder in `text`, or for any format spec or
    conversion: `{page:0>300000000}` would make a 300 MB footer."""
    for name in _fields(key, text):
        if name not in known:
            raise StyleError(f"{key}: unknown placeholder {{{name}}} (use {', '.join(known)})")


def _fields(key: str, text: str) -> list[str]:
    """Return the placeholders of `text`; raise StyleError for a malformed one or one with a
    format spec or conversion."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise StyleError(f"{key}: {exc}") from None
    fields = []
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if spec or conversion:
            raise StyleError(f"{key}: a placeholder takes no format or conversion: {{{name}}}")
        fields.append(name)
    return fields
