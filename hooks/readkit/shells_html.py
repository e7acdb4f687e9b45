"""HTML for 'Check the numbers': the figures, the SVG chart, its table and
the what-if form. Everything comes from one `ShellData`, so the chart, the
table and the form's starting values agree by construction.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from .pagepass import Part, blocks
from .render import esc
from .shells import (
    BOTTOM,
    DAYS_PER_MONTH,
    DAYS_PER_YEAR,
    FIELDS,
    HEIGHT,
    LEFT,
    RIGHT,
    TOP,
    WIDTH,
    ShellData,
    change_words,
    chart_scale,
    coord,
    lasts_words,
    line_points,
    millions,
    number,
    path_d,
)

SourceInfo = Callable[[str], tuple[str, str, str]]  # id -> (title, url, status label)


def _sources(ids: tuple[str, ...], source: SourceInfo) -> str:
    cites = []
    for ident in ids:
        title, url, status = source(ident)
        cites.append(f'<a href="{esc(url)}">{esc(title)}</a> <span class="ts-status">({esc(status)})</span>')
    return "; ".join(cites)


def figures_html(data: ShellData, *, para_href: Callable[[int], str], source: SourceInfo) -> str:
    """The article's numbers as cards, each labelled as an estimate with its sources."""
    return _caution(data) + "\n" + _cards(data, para_href, source)


def figures_parts(data: ShellData, *, para_href: Callable[[int], str], source: SourceInfo) -> list[Part]:
    """`figures_html` as page parts: the caution is prose (its terms get marked), the cards are not."""
    return [*blocks(_caution(data), prose=True), *blocks(_cards(data, para_href, source))[1:]]


def _caution(data: ShellData) -> str:
    return f'<p class="ts-caution"><strong>Estimates, not facts.</strong> {esc(data.caution)}</p>'


def _cards(data: ShellData, para_href: Callable[[int], str], source: SourceInfo) -> str:
    cards = []
    for f in data.figures:
        cards.append(
            f'<li class="ts-figure" id="figure-{esc(f.id)}">'
            f'<p class="ts-figure-label"><span class="ts-badge">Estimate</span> {esc(f.label)}</p>'
            f'<p class="ts-figure-value"><strong>{number(f.value)}</strong> {esc(f.unit)}</p>'
            f'<p class="ts-figure-where">In the article: <a href="{esc(para_href(f.para))}">¶{f.para}</a></p>'
            f'<p class="ts-figure-estimate">{esc(f.estimate)}</p>'
            f'<p class="ts-figure-sources">Sources: {_sources(f.sources, source)}</p>'
            "</li>"
        )
    return '<ul class="ts-figures no-annotate">' + "".join(cards) + "</ul>"


def chart_html(data: ShellData, *, source: SourceInfo) -> str:
    """Figure (SVG + legend + caption), the table of the same numbers, and the form."""
    return (
        '<figure class="ts-figure-chart no-annotate">'
        + chart_svg(data)
        + legend_html(data)
        + "<figcaption>How long the stock lasts under each set of estimates. "
        "A dot marks the month the stock runs out. The numbers behind every line are in the table below.</figcaption>"
        "</figure>" + table_html(data, source=source) + form_html(data)
    )


def chart_svg(data: ShellData, ident: str = "ts-chart") -> str:
    scale = chart_scale(data)
    xstep = 6 if data.months <= 60 else 12
    x0, x1, y0, y1 = LEFT, WIDTH - RIGHT, TOP, HEIGHT - BOTTOM
    c = coord
    out = [
        f'<svg class="ts-chart" id="{ident}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" data-months="{data.months}" data-ymax="{scale.ymax}" '
        f'data-x0="{x0}" data-x1="{x1}" data-y0="{y0}" data-y1="{y1}">',
        f'<title id="{ident}-title">{esc(data.title)}</title>',
        f'<desc id="{ident}-desc">{esc(chart_description(data))}</desc>',
        # Lines that grow past the top are cut at the plot's edge.
        f'<defs><clipPath id="{ident}-clip"><rect x="{x0}" y="{y0 - 4}" width="{x1 - x0 + 4}" height="{y1 - y0 + 8}"/></clipPath></defs>',
        '<g class="ts-grid">',
    ]
    for v in range(0, scale.ymax + 1, scale.ystep):
        y = c(scale.y(v))
        out.append(f'<line x1="{x0}" x2="{x1}" y1="{y}" y2="{y}"/>')
        out.append(
            f'<text class="ts-tick" x="{x0 - 8}" y="{y}" text-anchor="end" dominant-baseline="middle">{v / 1_000_000:g}</text>'
        )
    for m in range(0, data.months + 1, xstep):
        x = c(scale.x(m))
        out.append(f'<line class="ts-xtick" x1="{x}" x2="{x}" y1="{y1}" y2="{y1 + 6}"/>')
        out.append(f'<text class="ts-tick" x="{x}" y="{y1 + 24}" text-anchor="middle">{m}</text>')
    out.append(f'<line class="ts-axis" x1="{x0}" x2="{x1}" y1="{y1}" y2="{y1}"/>')
    out.append(f'<line class="ts-axis" x1="{x0}" x2="{x0}" y1="{y0}" y2="{y1}"/>')
    out.append(
        f'<text class="ts-axis-title" x="{c((x0 + x1) / 2)}" y="{HEIGHT - 8}" text-anchor="middle">'
        f"{esc(data.x_label)}</text>"
    )
    out.append(
        f'<text class="ts-axis-title" transform="translate(18 {c((y0 + y1) / 2)}) rotate(-90)" text-anchor="middle">'
        f"{esc(data.y_label)}</text>"
    )
    out.append("</g>")
    for i, s in enumerate(data.scenarios):
        out.append(f'<g class="ts-series ts-series-{i}" data-scenario="{esc(s.id)}" clip-path="url(#{ident}-clip)">')
        out.append(f'<path class="ts-line" d="{path_d(line_points(s, data.months), scale)}"/>')
        days = s.days_until_empty
        if days is not None and days / DAYS_PER_MONTH < data.months:
            x = c(scale.x(days / DAYS_PER_MONTH))
            out.append(f'<circle class="ts-empty" cx="{x}" cy="{y1}" r="5"/>')
            # Beside the dot, raised a little more for each series so labels do not collide.
            out.append(
                f'<text class="ts-empty-label" x="{c(scale.x(days / DAYS_PER_MONTH) + 8)}" y="{y1 - 12 - 20 * i}">'
                f"{math.floor(days / DAYS_PER_MONTH + 0.5)} mo</text>"
            )
        out.append("</g>")
    # The script draws "your numbers" here.
    out.append(f'<g class="ts-series ts-series-user" data-scenario="user" clip-path="url(#{ident}-clip)"></g>')
    out.append("</svg>")
    return "".join(out)


def chart_description(data: ShellData) -> str:
    parts = [f"Line chart: {data.y_label} over {data.months} months."]
    for s in data.scenarios:
        parts.append(f"{s.label}: the stock starts at {millions(s.stock)}, {change_words(s)} and {lasts_words(s)}.")
    parts.append("The same numbers are in the table below the chart.")
    return " ".join(parts)


def legend_html(data: ShellData) -> str:
    items = []
    for i, s in enumerate(data.scenarios):
        items.append(f"<li>{_swatch(str(i))}{esc(s.label)}</li>")
    items.append(f'<li class="ts-legend-user" hidden>{_swatch("user")}Your numbers</li>')
    return '<ul class="ts-legend">' + "".join(items) + "</ul>"


def _swatch(series: str) -> str:
    return (
        f'<svg class="ts-swatch ts-series-{series}" viewBox="0 0 40 12" aria-hidden="true" focusable="false">'
        '<line class="ts-line" x1="2" x2="38" y1="6" y2="6"/></svg>'
    )


# Rows of the table: (label, value of a scenario as text).
def _rows(data: ShellData) -> list[tuple[str, Callable]]:
    rows: list[tuple[str, Callable]] = [(data.label(key), lambda s, key=key: number(getattr(s, key))) for key in FIELDS]
    rows.append(("Change in stock a day", change_words))
    for year in range(1, data.months // 12 + 1):
        rows.append(
            (
                f"Stock after {year} year{'s' if year > 1 else ''}",
                lambda s, y=year: millions(s.stock_at(y * DAYS_PER_YEAR)),
            )
        )
    rows.append(("How long the stock lasts", lasts_words))
    return rows


def table_html(data: ShellData, *, source: SourceInfo) -> str:
    head = "".join(f'<th scope="col" data-scenario="{esc(s.id)}">{esc(s.label)}</th>' for s in data.scenarios)
    body = []
    for label, value in _rows(data):
        cells = "".join(f"<td>{esc(value(s))}</td>" for s in data.scenarios)
        body.append(f'<tr><th scope="row">{esc(label)}</th>{cells}</tr>')
    notes = []
    for s in data.scenarios:
        if s.note:
            cite = f" Source: {_sources(s.sources, source)}." if s.sources else ""
            notes.append(f"<li><strong>{esc(s.label)}:</strong> {esc(s.note)}{cite}</li>")
    return (
        '<div class="ts-table-wrap no-annotate"><table class="ts-table">'
        "<caption>The numbers behind the chart (all estimates; a year is counted as 365 days)</caption>"
        f'<thead><tr><th scope="col">Scenario</th>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>'
        + (f'<ul class="ts-scenario-notes no-annotate">{"".join(notes)}</ul>' if notes else "")
    )


def form_html(data: ShellData) -> str:
    """The what-if form: hidden until the script runs (it needs the script to work)."""
    first = data.scenarios[0]
    fields = []
    for key in FIELDS:
        label, hint, value = data.label(key), data.hint(key), getattr(first, key)
        described = f' aria-describedby="ts-{key}-hint"' if hint else ""
        fields.append(
            f'<div class="ts-field"><label for="ts-{key}">{esc(label)}</label>'
            f'<input id="ts-{key}" name="{key}" type="number" min="0" step="any" inputmode="numeric" '
            f'value="{value}" data-default="{value}"{described}>'
            + (f'<span class="ts-hint" id="ts-{key}-hint">{esc(hint)}</span>' if hint else "")
            + "</div>"
        )
    return (
        '<form class="ts-whatif no-annotate" data-chart="ts-chart" hidden novalidate>'
        "<fieldset><legend>Try your own numbers</legend>"
        + "".join(fields)
        + '<div class="ts-buttons"><button type="submit" class="md-button md-button--primary">Show how long it lasts</button>'
        '<button type="button" class="md-button" data-ts-reset>Back to the article’s figures</button></div>'
        "</fieldset>"
        '<p class="ts-result" role="status" aria-live="polite" aria-atomic="true"></p>'
        "</form>"
    )
