"""'Check the numbers': a stock-over-time figure for estimates in an article.

The data file names the article's figures (each anchored to an exact quote
and tied to its sources) and the scenarios the chart draws. Everything the
page shows (SVG chart, table, the what-if form's starting values) is made
here from the same `Scenario` objects, so the chart cannot disagree with the
table. The browser script redraws one extra line with the same formula and
the scale written on the SVG (`data-*` attributes).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import authoring
from .yamlio import Fields, LineList, load_yaml

DAYS_PER_YEAR = 365
DAYS_PER_MONTH = DAYS_PER_YEAR / 12

# Chart geometry (SVG user units); the script reads these from data-* attributes.
WIDTH, HEIGHT = 560, 360
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 64


@dataclass(frozen=True)
class Figure:
    id: str
    label: str
    value: int
    unit: str
    anchor: str
    para: int  # paragraph the anchor is in
    estimate: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Scenario:
    id: str
    label: str
    stock: int
    daily_use: int
    production: int  # a year
    imports: int  # a year
    note: str | None
    sources: tuple[str, ...]

    @property
    def net_per_day(self) -> float:
        """Change of the stock per day (negative: it shrinks)."""
        return (self.production + self.imports) / DAYS_PER_YEAR - self.daily_use

    @property
    def days_until_empty(self) -> float | None:
        net = self.net_per_day
        return self.stock / -net if net < 0 else None

    def stock_at(self, day: float) -> float:
        return max(0.0, self.stock + self.net_per_day * day)


FIELDS = ("stock", "daily_use", "production", "imports")


@dataclass(frozen=True)
class ShellData:
    path: Path
    caution: str
    figures: tuple[Figure, ...]
    scenarios: tuple[Scenario, ...]
    months: int
    title: str = "Stock over time, under the estimates"
    x_label: str = "Months from now"
    y_label: str = "Stock (millions)"
    # field -> (label, hint): the form's inputs and the table's rows
    fields: dict[str, tuple[str, str]] = field(default_factory=dict)

    def label(self, key: str) -> str:
        return self.fields.get(key, (key.replace("_", " ").capitalize(), ""))[0]

    def hint(self, key: str) -> str:
        return self.fields.get(key, ("", ""))[1]


def _count(f: Fields, key: str, minimum: int = 0) -> int:
    value = f.data.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise f.error(
            key,
            f"'{key}' must be a whole number of at least {minimum} (got {value!r})",
            "Write digits only, e.g. 2000000",
        )
    return value


def _ids(f: Fields, key: str, known: set[str] | None) -> tuple[str, ...]:
    ids = f.text_list(key)
    values = f.data.get(key)
    if known is not None:
        authoring.check_sources(
            ids, known, f.path, lambda i: values.line_of(i) if isinstance(values, LineList) else f.line(key), f.what
        )
    return tuple(ids)


def load_shells(path: str | Path, *, locate: Callable[[str], list], sources: Iterable[str] | None = None) -> ShellData:
    """Load and check the data file. `locate(quote)` -> [(paragraph, offset)] (Reading.locate)."""
    path = Path(path)
    known = set(sources) if sources is not None else None
    data = load_yaml(path)
    top = Fields(data, path, "shell data")
    top.only({"caution", "figures", "chart", "fields", "scenarios"})
    caution = " ".join(top.text("caution").split())

    figures = []
    for i, item in enumerate(_list(top, "figures")):
        f = Fields(item, path, f"figure {i + 1}", data["figures"].line_of(i))
        f.only({"id", "label", "value", "unit", "anchor", "estimate", "sources"})
        anchor = f.text("anchor")
        hits = locate(anchor)
        if len(hits) != 1:
            found = "is not in the article" if not hits else f"occurs {len(hits)} times in the article"
            raise f.error(
                "anchor", f"anchor {anchor!r} {found}", "Copy a short exact phrase from the article that occurs once"
            )
        figures.append(
            Figure(
                f.text("id"),
                f.text("label"),
                _count(f, "value", 1),
                f.text("unit"),
                anchor,
                hits[0][0].number,
                " ".join(f.text("estimate").split()),
                _ids(f, "sources", known),
            )
        )
        if not figures[-1].sources:
            raise f.error(
                "sources",
                "every figure needs at least one source",
                "List ids from the sources registry under `sources:`",
            )

    chart = Fields(data.get("chart") or {}, path, "chart", top.line("chart"))
    chart.only({"months", "title", "x_label", "y_label"})
    months = _count(chart, "months", 1) if "months" in chart.data else 48
    words = {key: chart.text(key, required=False) for key in ("title", "x_label", "y_label")}
    fields = {}
    raw_fields = Fields(data.get("fields") or {}, path, "fields", top.line("fields"))
    raw_fields.only(set(FIELDS))
    for key in FIELDS:
        if key in raw_fields.data:
            ff = Fields(raw_fields.data[key], path, f"field '{key}'", raw_fields.line(key))
            ff.only({"label", "hint"})
            fields[key] = (ff.text("label"), ff.text("hint", required=False) or "")

    scenarios = []
    seen: set[str] = set()
    for i, item in enumerate(_list(top, "scenarios")):
        f = Fields(item, path, f"scenario {i + 1}", data["scenarios"].line_of(i))
        f.only({"id", "label", "stock", "daily_use", "production", "imports", "note", "sources"})
        sid = f.text("id")
        if sid in seen:
            raise f.error("id", f"duplicate scenario id {sid!r}", "Give each scenario its own id")
        seen.add(sid)
        note = f.text("note", required=False)
        scenarios.append(
            Scenario(
                sid,
                f.text("label"),
                _count(f, "stock", 1),
                _count(f, "daily_use"),
                _count(f, "production"),
                _count(f, "imports"),
                " ".join(note.split()) if note else None,
                _ids(f, "sources", known),
            )
        )
    return ShellData(
        path, caution, tuple(figures), tuple(scenarios), months, **{k: v for k, v in words.items() if v}, fields=fields
    )


def _list(top: Fields, key: str) -> list:
    value = top.data.get(key)
    if not isinstance(value, list) or not value:
        raise top.error(key, f"'{key}' must be a list with at least one item", "Start each item with `- id: ...`")
    return value


# -- Words and numbers shown on the page (the browser script formats alike) ---


def number(n: float) -> str:
    return f"{math.floor(n + 0.5):,}"


def millions(n: float) -> str:
    return f"{n / 1_000_000:.2f} million" if n > 0 else "none left"


def lasts_words(s: Scenario) -> str:
    days = s.days_until_empty
    if days is None:
        return "never runs out at these rates"
    return f"runs out after about {math.floor(days / DAYS_PER_MONTH + 0.5)} months ({days / DAYS_PER_YEAR:.1f} years)"


def change_words(s: Scenario) -> str:
    net = s.net_per_day
    if net < 0:
        return f"falls by {number(-net)} a day"
    return f"grows by {number(net)} a day" if net > 0 else "stays the same"


# -- Chart --------------------------------------------------------------------


def nice_max(peak: float) -> tuple[int, int]:
    """Top of the vertical axis (with some headroom) and its tick step."""
    step = 10 ** max(0, math.floor(math.log10(peak))) if peak > 0 else 1
    top = math.ceil(peak * 1.1 / step) * step
    while top / step > 8:
        step *= 2
        top = math.ceil(top / step) * step
    return top, step


class Scale:
    """Maps (month, stock) to SVG coordinates; the script does the same from data-*."""

    def __init__(self, months: int, ymax: int, ystep: int) -> None:
        self.months, self.ymax, self.ystep = months, ymax, ystep

    # Same operations in the same order as shells.js, so both round alike.
    def x(self, month: float) -> float:
        return tenth(LEFT + month / self.months * (WIDTH - RIGHT - LEFT))

    def y(self, value: float) -> float:
        return tenth(TOP + (1 - value / self.ymax) * (HEIGHT - BOTTOM - TOP))


def tenth(v: float) -> float:
    """Round to 0.1 half up (JavaScript's Math.floor(v * 10 + 0.5) / 10)."""
    return math.floor(v * 10 + 0.5) / 10


def coord(v: float) -> str:
    """Shortest text for a number, like JavaScript's String(v): 76, 87.3."""
    text = repr(float(v))
    return text[:-2] if text.endswith(".0") else text


def line_points(s: Scenario, months: int) -> list[tuple[float, float]]:
    """(month, stock) corners of the scenario's line over the horizon."""
    points = [(0.0, float(s.stock))]
    days = s.days_until_empty
    if days is not None and days / DAYS_PER_MONTH < months:
        points.append((days / DAYS_PER_MONTH, 0.0))
    points.append((float(months), s.stock_at(months * DAYS_PER_MONTH)))
    return points


def path_d(points: list[tuple[float, float]], scale: Scale) -> str:
    return " ".join(
        f"{'M' if i == 0 else 'L'}{coord(scale.x(m))},{coord(scale.y(v))}" for i, (m, v) in enumerate(points)
    )


def chart_scale(data: ShellData) -> Scale:
    peak = max(max(s.stock, s.stock_at(data.months * DAYS_PER_MONTH)) for s in data.scenarios)
    return Scale(data.months, *nice_max(peak))
