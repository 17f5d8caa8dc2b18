"""Draw a chart as PNG with Pillow, matching the PDF's vector chart, for the DOCX renderer."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

from briefgen.document import Figure
from briefgen.render.style import Style
from briefgen.resources import asset_dir

_FONT_FILES = {"sans": "DejaVuSans.ttf", "serif": "DejaVuSerif.ttf", "mono": "DejaVuSansMono.ttf"}


def _label(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 10 or value == int(value) else f"{value:,.1f}"


def _ticks(low: float, high: float) -> list[float]:
    span = (high - low) or 1.0
    raw = span / 5
    magnitude = 10 ** len(str(int(raw))) / 10 if raw >= 1 else 0.1
    step = min((m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw), default=raw)
    ticks, value = [], low
    while value <= high + step * 0.001:
        ticks.append(value)
        value += step
    return ticks


def draw_png(figure: Figure, style: Style, width: float, scale: int, palette: list[str]) -> bytes:
    """Return the PNG bytes of a bar or line chart `width` points wide."""
    w, h = int(width * scale), int(width * 0.42 * scale)
    image = Image.new("RGB", (w, h), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(asset_dir("fonts") / _FONT_FILES[style.fonts.heading]), 7 * scale)
    muted, grid = style.colors.muted, style.colors.rule
    legend = 16 * scale if len(figure.series) > 1 else 0
    left, right, top, bottom = 38 * scale, w - 12 * scale, 10 * scale, h - 30 * scale - legend
    values = [v for s in figure.series for v in s.values] or [0.0]
    low = min(0.0, *values)
    ticks = _ticks(low, max(values) if max(values) > low else low + 1)
    high = ticks[-1] if ticks[-1] > low else low + 1

    def y_of(v: float) -> float:
        return bottom - (v - low) / (high - low) * (bottom - top)

    for tick in ticks:
        y = y_of(tick)
        draw.line([(left, y), (right, y)], fill=grid, width=max(1, scale // 2))
        text = _label(tick)
        draw.text((left - 4 * scale, y), text, font=font, fill=muted, anchor="rm")
    draw.line([(left, bottom), (right, bottom)], fill=muted, width=max(1, scale // 2))
    count = max(1, len(figure.categories))
    slot = (right - left) / count
    series = len(figure.series) or 1
    for i, name in enumerate(figure.categories):
        x0 = left + i * slot
        draw.text((x0 + slot / 2, bottom + 4 * scale), name, font=font, fill=muted, anchor="ma")
        if figure.kind == "bar":
            inner = slot - 6 * scale
            bar = (inner - (series - 1) * scale) / series
            for j, s in enumerate(figure.series):
                bx = x0 + 3 * scale + j * (bar + scale)
                y = y_of(s.values[i]) if i < len(s.values) else bottom
                colour = palette[j % len(palette)]
                draw.rectangle([bx, min(y, y_of(0)), bx + bar, max(y, y_of(0))], fill=colour)
    if figure.kind == "line":
        for j, s in enumerate(figure.series):
            points = [(left + (i + 0.5) * slot, y_of(v)) for i, v in enumerate(s.values)]
            draw.line(points, fill=palette[j % len(palette)], width=int(1.6 * scale), joint="curve")
    if legend:
        x = left
        for j, s in enumerate(figure.series):
            y = h - 14 * scale
            draw.rectangle([x, y, x + 7 * scale, y + 7 * scale], fill=palette[j % len(palette)])
            draw.text((x + 10 * scale, y + 3.5 * scale), s.name, font=font, fill=muted, anchor="lm")
            x += 90 * scale
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()
