"""Draw bar and line charts once, as vector drawings for PDF and as PNG for DOCX."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors

from briefgen.document import Figure
from briefgen.render.fonts import family
from briefgen.render.style import Style

# Series after the first fade from the accent towards grey, restrained rather than rainbow.
_SERIES_TINTS = (0.0, 0.45, 0.7, 0.25, 0.85)


def _palette(style: Style) -> list[colors.Color]:
    accent = colors.HexColor(style.colors.accent)
    grey = colors.HexColor("#9aa5b1")
    return [colors.linearlyInterpolatedColor(accent, grey, 0, 1, t) for t in _SERIES_TINTS]


def chart_drawing(figure: Figure, style: Style, width: float) -> Drawing:
    """Return the chart of `figure` as a Drawing `width` points wide."""
    height = width * 0.42
    font = family(style.fonts.heading)
    legend_room = 16 if len(figure.series) > 1 else 0
    drawing = Drawing(width, height)
    chart: VerticalBarChart | HorizontalLineChart
    chart = VerticalBarChart() if figure.kind == "bar" else HorizontalLineChart()
    chart.x, chart.y = 38, 30 + legend_room
    chart.width, chart.height = width - 50, height - 40 - legend_room
    chart.data = [list(s.values) for s in figure.series]
    chart.categoryAxis.categoryNames = list(figure.categories)
    palette = _palette(style)
    for i in range(len(figure.series)):
        colour = palette[i % len(palette)]
        if isinstance(chart, VerticalBarChart):
            chart.bars[i].fillColor = colour
            chart.bars[i].strokeColor = None
        else:
            chart.lines[i].strokeColor = colour
            chart.lines[i].strokeWidth = 1.6
    if isinstance(chart, VerticalBarChart):
        chart.barSpacing = 1
        chart.groupSpacing = 6
    grid = colors.HexColor(style.colors.rule)
    muted = colors.HexColor(style.colors.muted)
    axis = chart.valueAxis
    axis.valueMin = min(0.0, *(v for s in figure.series for v in s.values))
    axis.visibleGrid = True
    axis.gridStrokeColor = grid
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
        legend.x, legend.y = 38, 10
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
    return drawing


def _number(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 10 or value == int(value) else f"{value:,.1f}"


def chart_png(figure: Figure, style: Style, width: float, scale: int = 3) -> bytes:
    """Return the chart of `figure` as PNG bytes, `width` points wide, drawn at `scale`x.

    reportlab's own rasterizer needs pycairo, so the PNG for Word is drawn with Pillow on
    the same proportions, palette and type as the PDF's vector chart.
    """
    from briefgen.render.chart_png import draw_png

    return draw_png(figure, style, width, scale, [_hex(c) for c in _palette(style)])


def _hex(colour: colors.Color) -> str:
    return "#" + str(colour.hexval())[2:]
