"""The PDF's XMP metadata packet: title, author, subject, keywords, language, classification."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from briefgen.document import xml_safe
from briefgen.render.xml_text import escape

BRIEFGEN_NS = "https://briefgen.invalid/ns/xmp/1.0/"
"""The namespace of briefgen's own XMP properties (`briefgen:Classification`)."""


def xmp_packet(
    *,
    title: str,
    author: str,
    subject: str,
    keywords: Sequence[str],
    language: str,
    classification: str,
    organization: str,
    created: dt.datetime,
) -> str:
    """Return an XMP packet (Dublin Core, PDF and XMP basic schemas) for the catalog."""

    def text(value: str) -> str:
        return escape(xml_safe(value))

    stamp = created.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    words = "".join(f"<rdf:li>{text(k)}</rdf:li>" for k in keywords)
    fields = [
        "<dc:format>application/pdf</dc:format>",
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{text(title)}</rdf:li>'
        "</rdf:Alt></dc:title>",
        f"<dc:language><rdf:Bag><rdf:li>{text(language)}</rdf:li></rdf:Bag></dc:language>",
        f"<xmp:CreateDate>{stamp}</xmp:CreateDate>",
        f"<xmp:ModifyDate>{stamp}</xmp:ModifyDate>",
        f"<xmp:MetadataDate>{stamp}</xmp:MetadataDate>",
        "<xmp:CreatorTool>briefgen</xmp:CreatorTool>",
        "<pdf:Producer>ReportLab PDF Library - www.reportlab.com</pdf:Producer>",
    ]
    if author:
        fields.append(
            f"<dc:creator><rdf:Seq><rdf:li>{text(author)}</rdf:li></rdf:Seq></dc:creator>"
        )
    if subject:
        fields.append(
            "<dc:description><rdf:Alt>"
            f'<rdf:li xml:lang="x-default">{text(subject)}</rdf:li></rdf:Alt></dc:description>'
        )
    if keywords:
        fields.append(f"<dc:subject><rdf:Bag>{words}</rdf:Bag></dc:subject>")
        fields.append(f"<pdf:Keywords>{text(', '.join(keywords))}</pdf:Keywords>")
    if organization:
        fields.append(
            f"<dc:publisher><rdf:Bag><rdf:li>{text(organization)}</rdf:li></rdf:Bag></dc:publisher>"
        )
    if classification:
        fields.append(f"<briefgen:Classification>{text(classification)}</briefgen:Classification>")
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" '
        f'xmlns:briefgen="{BRIEFGEN_NS}">' + "".join(fields) + "</rdf:Description></rdf:RDF>"
        '</x:xmpmeta>\n<?xpacket end="w"?>'
    )
