"""Finish a DOCX package: embedded fonts, font table, theme fonts, app properties, fixed dates.

python-docx writes what it loaded from its default template as it was (an app.xml that says
"Microsoft Macintosh Word", a thumbnail, a font table and theme naming Calibri, Cambria and
MS Mincho). This pass rewrites those parts and the zip itself, byte for byte reproducibly.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
import uuid
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from briefgen.cache import read_cached, write_cached
from briefgen.render.xml_text import escape
from briefgen.resources import asset_dir

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
FONT_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
FONT_TYPE = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
_DROP = re.compile(r"^docProps/thumbnail\.\w+$|^word/stylesWithEffects\.xml$")
_FACE_SLOTS = ("Regular", "Bold", "Italic", "BoldItalic")


@dataclass(frozen=True, slots=True)
class EmbeddedFamily:
    """A font family carried inside the DOCX: its Word name and the faces embedded."""

    name: str
    """The family name documents use (`DejaVu Sans`)."""
    faces: tuple[tuple[str, str], ...]
    """(slot, file stem) pairs: slot is Regular, Bold, Italic or BoldItalic."""


@dataclass(frozen=True, slots=True)
class AppProperties:
    """What docProps/app.xml says: the application, the company, the word count."""

    company: str
    words: int


def font_key(stem: str) -> str:
    """Return the fixed GUID that obfuscates face `stem` (fixed, so files are reproducible)."""
    return "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"briefgen:font:{stem}")).upper() + "}"


def obfuscate(data: bytes, key: str) -> bytes:
    """Return font `data` obfuscated (or plain again) with GUID `key`, per ECMA-376 17.8.1.

    The first 32 bytes are XORed with the GUID's 16 bytes taken in reverse order.
    """
    digits = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    head = bytes(b ^ digits[i % 16] for i, b in enumerate(data[:32]))
    return head + data[32:]


@lru_cache(maxsize=16)
def _font_entry(stem: str) -> tuple[bytes, int, int]:
    """Return a face's obfuscated bytes deflated, their CRC-32 and size (computed once per
    process, and kept in the user's cache for the next: deflating the faces is most of a
    DOCX's cost)."""
    data = obfuscate((asset_dir("fonts") / f"{stem}.ttf").read_bytes(), font_key(stem))
    crc, size = zlib.crc32(data), len(data)
    # Named by the obfuscated face's CRC and size; the cache's own digest refuses a damaged
    # file, which costs a hash of the stream rather than inflating it again.
    key = f"{stem}-{crc:08x}-{size}.packed"
    packed = read_cached("fonts", key)
    if packed is not None:
        return packed, crc, size
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    packed = packer.compress(data) + packer.flush()
    write_cached("fonts", key, packed)
    return packed, crc, size


def finish_package(
    data: bytes,
    when: dt.datetime,
    *,
    app: AppProperties,
    fonts: Sequence[EmbeddedFamily] = (),
    theme_fonts: tuple[str, str] | None = None,
) -> bytes:
    """Return the DOCX `data` finished: parts rewritten, fonts embedded, dates fixed.

    With `fonts`, the font table lists exactly those families, each face embedded; with
    `theme_fonts` (major, minor), the theme names those instead of its Office fonts.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        parts = {
            i.filename: src.read(i.filename) for i in src.infolist() if not _DROP.match(i.filename)
        }
    parts["docProps/app.xml"] = _app_xml(app)
    embedding = any(family.faces for family in fonts)
    parts["[Content_Types].xml"] = _content_types(parts["[Content_Types].xml"], embedding)
    rels = "word/_rels/document.xml.rels"
    parts[rels] = re.sub(
        rb'<Relationship [^>]*Target="stylesWithEffects\.xml"[^>]*/>', b"", parts[rels]
    )
    root_rels = "_rels/.rels"
    parts[root_rels] = re.sub(
        rb'<Relationship [^>]*Target="docProps/thumbnail\.\w+"[^>]*/>', b"", parts[root_rels]
    )
    font_entries: dict[str, str] = {}
    if fonts:
        table, font_rels, font_entries = _font_table(fonts)
        parts["word/fontTable.xml"] = table
        if font_entries:
            parts["word/_rels/fontTable.xml.rels"] = font_rels
            parts["word/settings.xml"] = _embed_setting(parts["word/settings.xml"])
        else:
            parts.pop("word/_rels/fontTable.xml.rels", None)
    parts["word/settings.xml"] = _update_fields(parts["word/settings.xml"])
    if theme_fonts is not None:
        name = "word/theme/theme1.xml"
        if name in parts:
            parts[name] = _theme(parts[name], *theme_fonts)
    return _write_zip(parts, font_entries, when)


def _app_xml(app: AppProperties) -> bytes:
    company = f"<Company>{escape(app.company)}</Company>" if app.company else ""
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
        f'2006/docPropsVTypes"><Application>briefgen</Application><DocSecurity>0</DocSecurity>'
        f"<ScaleCrop>false</ScaleCrop>{company}<Words>{app.words}</Words>"
        "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
    ).encode()


def _content_types(xml: bytes, fonts: bool) -> bytes:
    xml = re.sub(rb'<Override PartName="/docProps/thumbnail\.\w+"[^>]*/>', b"", xml)
    xml = re.sub(rb'<Override PartName="/word/stylesWithEffects\.xml"[^>]*/>', b"", xml)
    if fonts and b'Extension="odttf"' not in xml:
        xml = xml.replace(
            b"</Types>", f'<Default Extension="odttf" ContentType="{FONT_TYPE}"/></Types>'.encode()
        )
    return xml


def _font_table(fonts: Sequence[EmbeddedFamily]) -> tuple[bytes, bytes, dict[str, str]]:
    rels, entries, xml_fonts = [], {}, []
    number = 0
    for family in fonts:
        embeds = []
        for slot, stem in family.faces:
            number += 1
            rid = f"rIdFont{number}"
            target = f"fonts/font{number}.odttf"
            rels.append(f'<Relationship Id="{rid}" Type="{FONT_REL}" Target="{target}"/>')
            entries[f"word/{target}"] = stem
            embeds.append(f'<w:embed{slot} r:id="{rid}" w:fontKey="{font_key(stem)}"/>')
        xml_fonts.append(
            f'<w:font w:name="{escape(family.name)}"><w:charset w:val="00"/>'
            '<w:family w:val="auto"/><w:pitch w:val="variable"/>' + "".join(embeds) + "</w:font>"
        )
    table = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<w:fonts xmlns:w="{W_NS}" xmlns:r="{R_NS}">' + "".join(xml_fonts) + "</w:fonts>"
    )
    rel_xml = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(rels)
        + "</Relationships>"
    )
    return table.encode(), rel_xml.encode(), entries


# CT_Settings is a sequence: each element has its place (ECMA-376 Part 1, 17.15.1.78).
_ANY_CHILD = re.compile(rb"<\w+:\w+\b")
_AFTER_UPDATE = re.compile(
    rb"<(?:w:hdrShapeDefaults|w:footnotePr|w:endnotePr|w:compat|w:docVars|w:rsids|m:mathPr"
    rb"|w:attachedSchema|w:themeFontLang|w:clrSchemeMapping|w:doNotIncludeSubdocsInStats"
    rb"|w:doNotAutoCompressPictures|w:forceUpgrade|w:captions|w:readModeInkLockDown"
    rb"|w:smartTagType|sl:schemaLibrary|w:shapeDefaults|w:doNotEmbedSmartTags|w:decimalSymbol"
    rb"|w:listSeparator)\b"
)
_BEFORE_EMBED = (
    b"writeProtection",
    b"view",
    b"zoom",
    b"removePersonalInformation",
    b"removeDateAndTime",
    b"doNotDisplayPageBoundaries",
    b"displayBackgroundShape",
    b"printPostScriptOverText",
    b"printFractionalCharacterWidth",
    b"printFormsData",
)


def _insert_before(
    xml: bytes, element: bytes, follows: re.Pattern[bytes], skip: tuple[bytes, ...] = ()
) -> bytes:
    """Insert `element` before the first child of w:settings that `follows` it."""
    body = xml.index(b">", xml.index(b"<w:settings")) + 1
    for match in re.finditer(rb"<(?:w|m|sl):(\w+)\b", xml[body:]):
        if match.group(1) in skip:
            continue
        if follows.match(xml, body + match.start()):
            at = body + match.start()
            return xml[:at] + element + xml[at:]
    return xml.replace(b"</w:settings>", element + b"</w:settings>")


def _embed_setting(xml: bytes) -> bytes:
    """Add `w:embedTrueTypeFonts` in its place: after zoom and the print options."""
    if b"<w:embedTrueTypeFonts" in xml:
        return xml
    return _insert_before(xml, b"<w:embedTrueTypeFonts/>", _ANY_CHILD, _BEFORE_EMBED)


def _update_fields(xml: bytes) -> bytes:
    """Ask Word to update fields on opening, so the contents show their page numbers."""
    if b"<w:updateFields" in xml:
        return xml
    return _insert_before(xml, b'<w:updateFields w:val="true"/>', _AFTER_UPDATE)


def _theme(xml: bytes, major: str, minor: str) -> bytes:
    def fonts(name: str) -> bytes:
        return (
            f'<a:latin typeface="{escape(name)}"/><a:ea typeface=""/><a:cs typeface=""/>'.encode()
        )

    xml = re.sub(
        rb"<a:majorFont>.*?</a:majorFont>",
        b"<a:majorFont>" + fonts(major) + b"</a:majorFont>",
        xml,
        flags=re.S,
    )
    return re.sub(
        rb"<a:minorFont>.*?</a:minorFont>",
        b"<a:minorFont>" + fonts(minor) + b"</a:minorFont>",
        xml,
        flags=re.S,
    )


def _write_zip(parts: dict[str, bytes], fonts: dict[str, str], when: dt.datetime) -> bytes:
    """Write the zip by hand: fixed dates and modes, and the fonts' deflate cached per process."""
    stamp_time = 0
    stamp_date = ((max(1980, when.year) - 1980) << 9) | (when.month << 5) | when.day
    out = io.BytesIO()
    central: list[bytes] = []
    names = list(parts)
    names.remove("[Content_Types].xml")
    order = ["[Content_Types].xml", *names, *sorted(fonts)]
    for name in order:
        if name in fonts:
            packed, crc, size = _font_entry(fonts[name])
        else:
            raw = parts[name]
            packer = zlib.compressobj(6, zlib.DEFLATED, -15)
            packed, crc, size = packer.compress(raw) + packer.flush(), zlib.crc32(raw), len(raw)
        encoded = name.encode()
        offset = out.tell()
        out.write(
            struct.pack(
                "<IHHHHHIIIHH",
                0x04034B50,
                20,
                0,
                8,
                stamp_time,
                stamp_date,
                crc,
                len(packed),
                size,
                len(encoded),
                0,
            )
        )
        out.write(encoded)
        out.write(packed)
        central.append(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                0x0314,
                20,
                0,
                8,
                stamp_time,
                stamp_date,
                crc,
                len(packed),
                size,
                len(encoded),
                0,
                0,
                0,
                0,
                0o644 << 16,
                offset,
            )
            + encoded
        )
    start = out.tell()
    for entry in central:
        out.write(entry)
    size = out.tell() - start
    out.write(
        struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), size, start, 0)
    )
    return out.getvalue()


def word_count(document_xml: bytes) -> int:
    """Return how many words the body holds (runs of text between spaces), as Word counts."""
    text = " ".join(
        m.decode("utf-8", "replace")
        for m in re.findall(rb"<w:t(?: [^>]*)?>([^<]*)</w:t>", document_xml)
    )
    return len(text.split())


def faces_used(xml_parts: Iterable[bytes]) -> tuple[bool, bool]:
    """Return whether italic and bold italic are used anywhere in `xml_parts`."""
    italic = bold_italic = False
    for xml in xml_parts:
        if b"<w:i/>" in xml or b'<w:i w:val="1"/>' in xml or b'<w:i w:val="true"/>' in xml:
            italic = True
            if re.search(rb"<w:b/>(?:<[^>]*>)*?<w:i/>", xml):
                bold_italic = True
    return italic, bold_italic
