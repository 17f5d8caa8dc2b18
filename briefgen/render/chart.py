"""Draw bar and line charts once, as a reportlab Drawing: vector in the PDF, PNG in Word.

The same Drawing object is handed to platypus for the PDF and rasterized by reportlab's
renderPM (its rlPyCairo backend) for the DOCX, so both formats show the same figure.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from typing import TYPE_CHECKING

from reportlab.lib import colors

from briefgen.document import Figure
from briefgen.errors import RenderError
from briefgen.render.fonts import family
from briefgen.render.layout import format_day, partial_periods
from briefgen.render.style import Style

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing

# Series after the first fade from the accent towards grey, restrained rather than rainbow.
_SERIES_TINTS = (0.0, 0.45, 0.7, 0.25, 0.85)
PARTIAL_MARK = "*"
"""Appended to the label of a period the sources cover only in part."""


def _palette(style: Style) -> list[colors.Color]:
    accent = colors.HexColor(style.colors.accent)
    grey = colors.HexColor("#9aa5b1")
    return [colors.linearlyInterpolatedColor(accent, grey, 0, 1, t) for t in _SERIES_TINTS]


def nice_axis(low: float, high: float, steps: int = 4) -> tuple[float, float, float]:
    """Return (minimum, maximum, step) of a value axis holding `low`..`high` with round ticks.

    The maximum leaves room above the highest value for its label.
    """
    low, high = min(0.0, low), max(0.0, high)
    # A span too small for a quarter of it to be a float above zero (5e-324) has no scale.
    span = (high - low) if high - low > 1e-300 else 1.0
    raw = span / steps
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if step < 1 and high == int(high) and low == int(low):
        step = 1.0  # counts of a few things: no ticks at 0.5
    top = math.ceil((high + span * 0.08) / step) * step
    bottom = math.floor(low / step) * step if low < 0 else 0.0
    if bottom > low:  # low / step rounded to -0.0 (a value of -5e-324)
        bottom -= step
    return bottom, top, step


def chart_labels(figure: Figure, date: dt.date | None) -> tuple[list[str], tuple[bool, ...]]:
    """Return the category labels as printed (partial periods marked) and which are partial."""
    partial = partial_periods(figure.categories, date)
    labels = [
        c + (PARTIAL_MARK if p else "") for c, p in zip(figure.categories, partial, strict=True)
    ]
    return labels, partial


def partial_note(figure: Figure, date: dt.date | None) -> str:
    """Return the note printed under a chart with partial periods, or ''."""
    _, partial = chart_labels(figure, date)
    if not any(partial) or date is None:
        return ""
    return f"{PARTIAL_MARK} Partial period: the sources end on {format_day(date)}."


def alt_text(figure: Figure, date: dt.date | None) -> str:
    """Return the chart's alternative text: what it shows and every value, read in order."""
    labels, partial = chart_labels(figure, date)
    kind = "Bar chart" if figure.kind == "bar" else "Line chart"
    parts = []
    for series in figure.series:
        values = "; ".join(
            f"{label.rstrip(PARTIAL_MARK)}: {_number(v)}" + (" (partial)" if p else "")
            for label, v, p in zip(labels, series.values, partial, strict=False)
        )
        name = f"{series.name}: " if len(figure.series) > 1 else ""
        parts.append(f"{name}{values}")
    title = f", {figure.title}" if figure.title else ""
    return f"{kind}{title}. " + ". ".join(parts) + "."


def chart_drawing(figure: Figure, style: Style, width: float, date: dt.date | None) -> Drawing:
    """Return the chart of `figure` as a Drawing `width` points wide."""
    # reportlab's chart classes are imported only by a briefing that draws a chart: loading
    # them costs more than drawing one.
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.charts.linecharts import HorizontalLineChart
    from reportlab.graphics.shapes import Drawing, String

    height = width * 0.42
    font = family(style.fonts.heading)
    muted = colors.HexColor(style.colors.muted)
    text = colors.HexColor(style.colors.text)
    labels, partial = chart_labels(figure, date)
    note = partial_note(figure, date)
    legend_room = 16 if len(figure.series) > 1 else 0
    note_room = 12 if note else 0
    drawing = Drawing(width, height)
    chart: VerticalBarChart | HorizontalLineChart
    chart = VerticalBarChart() if figure.kind == "bar" else HorizontalLineChart()
    bottom = 22 + legend_room + note_room
    chart.x, chart.y = 38, bottom
    chart.width, chart.height = width - 48, height - bottom - 6
    chart.data = [list(s.values) or [0.0] for s in figure.series]
    chart.categoryAxis.categoryNames = labels
    palette = _palette(style)
    values = [v for s in figure.series for v in s.values] or [0.0]
    low, high, step = nice_axis(min(values), max(values))
    if isinstance(chart, VerticalBarChart):
        for i in range(len(figure.series)):
            chart.bars[i].fillColor = palette[i % len(palette)]
            chart.bars[i].strokeColor = None
            for j, is_partial in enumerate(partial):
                if is_partial:
                    # A paler bar with a dashed outline: counted so far, not the period's total.
                    colour = palette[i % len(palette)]
                    pale = colors.linearlyInterpolatedColor(colour, colors.white, 0, 1, 0.55)
                    chart.bars[(i, j)].fillColor = pale
                    chart.bars[(i, j)].strokeColor = colour
                    chart.bars[(i, j)].strokeWidth = 0.8
                    chart.bars[(i, j)].strokeDashArray = (2, 1.5)
        chart.barSpacing = 1
        chart.groupSpacing = 8 if len(figure.categories) > 6 else 14
        chart.barLabelFormat = _number
        chart.barLabels.fontName = font
        chart.barLabels.fontSize = 7
        chart.barLabels.fillColor = text
        chart.barLabels.nudge = 6
    else:
        for i in range(len(figure.series)):
            chart.lines[i].strokeColor = palette[i % len(palette)]
            chart.lines[i].strokeWidth = 1.6
        chart.lineLabelFormat = _number
        chart.lineLabels.fontName = font
        chart.lineLabels.fontSize = 7
        chart.lineLabels.fillColor = text
        chart.lineLabels.dy = 6
    axis = chart.valueAxis
    axis.valueMin, axis.valueMax, axis.valueStep = low, high, step
    axis.visibleGrid = True
    axis.gridStrokeColor = colors.HexColor(style.colors.rule)
    axis.gridStrokeWidth = 0.4
    axis.strokeColor = None
    axis.labels.fontName = font
    axis.labels.fontSize = 7
    axis.labels.fillColor = muted
    axis.labelTextFormat = _number
    cat = chart.categoryAxis
    cat.strokeColor = muted
    cat.strokeWidth = 0.5
    cat.labels.fontName = font
    cat.labels.fontSize = 7
    cat.labels.fillColor = muted
    cat.labels.boxAnchor = "n"
    if len(figure.categories) > 8:
        cat.labels.angle = 30
        cat.labels.boxAnchor = "ne"
    drawing.add(chart)
    if legend_room:
        legend = Legend()
        legend.x, legend.y = 38, 6 + note_room
        legend.alignment = "right"
        legend.columnMaximum = 1
        legend.deltax = 90
        legend.fontName = font
        legend.fontSize = 7
        legend.fillColor = muted
        legend.boxAnchor = "sw"
        legend.colorNamePairs = [
            (palette[i % len(palette)], s.name) for i, s in enumerate(figure.series)
        ]
        drawing.add(legend)
    if note:
        drawing.add(String(38, 3, note, fontName=font, fontSize=7, fillColor=muted))
    return drawing


def _number(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 10 or value == int(value) else f"{value:,.1f}"


def drawing_png(drawing: Drawing, scale: float = 3.0) -> bytes:
    """Return `drawing` rasterized by renderPM at `scale` pixels per point, as PNG bytes."""
    from PIL import Image
    from reportlab.graphics import renderPM

    try:
        canvas = renderPM.drawToPMCanvas(drawing, dpi=72 * scale)
    except Exception as exc:  # renderPM reports a missing backend as a bare error
        raise RenderError(f"cannot draw the chart for Word (renderPM): {exc}") from None
    surface = getattr(getattr(canvas, "_gs", None), "surface", None)
    if surface is not None:
        # rlPyCairo's own conversion swaps bytes in a Python loop (0.4 s a chart); Pillow
        # reads cairo's BGRA buffer directly.
        surface.flush()
        size = (surface.get_width(), surface.get_height())
        data = bytes(surface.get_data())
        image = Image.frombuffer("RGBA", size, data, "raw", "BGRA", surface.get_stride(), 1)
        image = image.convert("RGB")
    else:  # pragma: no cover - another renderPM backend
        image = canvas.toPIL()
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=6)
    return out.getvalue()
