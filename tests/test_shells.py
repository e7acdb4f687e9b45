"""The shell arithmetic: the formula, the chart's scale and path, the data
file's checks, and the escaping of everything it shows."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import ROOT
from readkit.errors import ContentError
from readkit.seed import load_reading
from readkit.shells import (
    DAYS_PER_MONTH,
    Scale,
    Scenario,
    ShellData,
    coord,
    lasts_words,
    line_points,
    load_shells,
    millions,
    nice_max,
    path_d,
    tenth,
)
from readkit.shells_html import chart_html, chart_svg, figures_html, form_html, table_html

READING = load_reading(ROOT / "seeds" / "necessity-knows-no-law.yml")
DATA = ROOT / "teaching" / "shells.yml"
SOURCE = lambda i: (f"Title {i}", f"https://example.org/{i}", "checked")  # noqa: E731


def scenario(stock=4_000_000, daily_use=10_000, production=2_000_000, imports=0, label="S"):
    return Scenario("s", label, stock, daily_use, production, imports, None, ())


# -- the formula ----------------------------------------------------------------------


def test_the_articles_figures_run_out_after_about_29_months():
    s = scenario()
    assert s.net_per_day == pytest.approx(2_000_000 / 365 - 10_000)
    assert s.days_until_empty == pytest.approx(4_000_000 / (10_000 - 2_000_000 / 365))
    assert lasts_words(s) == "runs out after about 29 months (2.4 years)"


def test_a_supply_that_covers_the_use_never_runs_out():
    s = scenario(imports=1_650_000)  # 3.65 million a year = 10,000 a day
    assert s.net_per_day == pytest.approx(0)
    assert s.days_until_empty is None
    assert lasts_words(s) == "never runs out at these rates"


counts = st.integers(min_value=0, max_value=50_000_000)


@given(
    stock=st.integers(min_value=1, max_value=50_000_000),
    use=st.integers(min_value=0, max_value=200_000),
    made=counts,
    bought=counts,
)
def test_the_stock_is_empty_exactly_when_the_formula_says(stock, use, made, bought):
    s = scenario(stock, use, made, bought)
    days = s.days_until_empty
    if days is None:
        assert s.net_per_day >= 0 and s.stock_at(10_000) >= stock
    else:
        assert s.stock_at(days) == pytest.approx(0, abs=1e-6 * stock)
        assert s.stock_at(days / 2) == pytest.approx(stock / 2, rel=1e-9)
        assert s.stock_at(days * 2) == 0


# -- the chart's scale and line -------------------------------------------------------


@given(st.floats(min_value=1, max_value=1e12))
def test_the_axis_leaves_headroom_in_round_steps(peak):
    top, step = nice_max(peak)
    assert top >= peak * 1.1 - 1e-6 * peak
    assert top % step == 0 and 1 <= top // step <= 8


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False))
def test_coordinates_are_rounded_half_up_and_written_like_javascript(v):
    r = tenth(v)
    assert abs(r - v) <= 0.05 + 1e-9
    text = coord(r)
    assert float(text) == r and not text.endswith(".0")


def test_line_corners_start_full_hit_zero_and_end_at_the_horizon():
    s = scenario()
    points = line_points(s, 48)
    assert points[0] == (0.0, 4_000_000.0)
    assert points[1][1] == 0 and points[1][0] == pytest.approx(s.days_until_empty / DAYS_PER_MONTH)
    assert points[2] == (48.0, 0.0)
    # A stock lasting past the horizon is a straight line to what is left.
    slow = scenario(imports=1_000_000)
    assert [m for m, _ in line_points(slow, 48)] == [0.0, 48.0]
    assert line_points(slow, 48)[1][1] == pytest.approx(slow.stock_at(48 * DAYS_PER_MONTH))


def test_the_path_maps_stock_to_the_plot_area():
    scale = Scale(48, 5_000_000, 1_000_000)
    d = path_d(line_points(scenario(), 48), scale)
    nums = [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", d)]
    x0, y0, x1, y1, x2, y2 = nums
    assert (x0, y2) == (scale.x(0), scale.y(0)) and y1 == y2 and x2 == scale.x(48)
    assert y0 == scale.y(4_000_000) and y0 < y1


# -- the real data file ---------------------------------------------------------------


def test_each_figure_is_anchored_in_paragraph_10_and_sourced():
    data = load_shells(DATA, locate=READING.locate)
    assert [(f.id, f.value) for f in data.figures] == [
        ("daily-use", 10_000),
        ("stockpile", 4_000_000),
        ("production", 2_000_000),
        ("first-year", 10_000_000),
    ]
    assert {f.para for f in data.figures} == {10}
    assert all(f.sources for f in data.figures)
    assert data.scenarios[0].label == "The article's figures"
    assert (data.scenarios[0].stock, data.scenarios[0].daily_use, data.scenarios[0].production) == (
        4_000_000,
        10_000,
        2_000_000,
    )


# -- errors ---------------------------------------------------------------------------------

BASE = """\
caution: Estimates.
figures:
  - id: f
    label: L
    value: 10000
    unit: a day
    anchor: "{anchor}"
    estimate: E
    sources: [{source}]
scenarios:
  - id: a
    label: A
    stock: {stock}
    daily_use: 10000
    production: 0
    imports: 0
"""


@pytest.mark.parametrize(
    "anchor, source, stock, line, message",
    [
        ("up to 99,000 shells", "known", 4, 7, "anchor 'up to 99,000 shells' is not in the article"),
        ("North Korea", "known", 4, 7, "occurs"),
        ("up to 10,000 shells", "missing", 4, 9, "unknown source 'missing'"),
        ("up to 10,000 shells", "known", -5, 13, "'stock' must be a whole number of at least 1"),
    ],
)
def test_data_errors_stop_at_their_line(tmp_path, anchor, source, stock, line, message):
    path = tmp_path / "shells.yml"
    path.write_text(BASE.format(anchor=anchor, source=source, stock=stock), encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_shells(path, locate=READING.locate, sources={"known"})
    assert str(err.value).startswith(f"{path}:{line}:") and message in str(err.value)


# -- HTML --------------------------------------------------------------------------------------


def hostile() -> ShellData:
    s = Scenario("a", "<script>x</script>", 100, 10, 0, 0, 'n" onmouseover="y', ())
    from readkit.shells import Figure

    f = Figure("f", "<b>L</b>", 5, "<i>u</i>", "q", 10, "<img src=x>", ("s",))
    return ShellData(DATA, "<em>c</em>", (f,), (s,), 12)


def test_everything_from_the_data_file_is_escaped():
    data = hostile()
    html = figures_html(data, para_href=lambda n: "#p", source=SOURCE) + chart_html(data, source=SOURCE)
    for raw in ("<script>x", "<b>L", "<i>u", "<img", "<em>c"):
        assert raw not in html
    assert "n&quot; onmouseover=&quot;y" in html


def test_the_chart_has_a_text_alternative_and_the_form_waits_for_the_script():
    data = load_shells(DATA, locate=READING.locate)
    svg = chart_svg(data)
    assert 'role="img"' in svg and 'aria-labelledby="ts-chart-title ts-chart-desc"' in svg
    desc = re.search(r'<desc id="ts-chart-desc">(.*?)</desc>', svg).group(1)
    for s in data.scenarios:
        assert lasts_words(s) in desc
    form = form_html(data)
    assert form.startswith('<form class="ts-whatif no-annotate" data-chart="ts-chart" hidden')
    for key in ("stock", "daily_use", "production", "imports"):
        assert f'<label for="ts-{key}">' in form and f'id="ts-{key}"' in form
    assert 'role="status"' in form


def test_the_table_shows_the_numbers_the_lines_are_drawn_from():
    data = load_shells(DATA, locate=READING.locate)
    table = table_html(data, source=SOURCE)
    for s in data.scenarios:
        assert f"<td>{s.daily_use:,}</td>" in table and f"<td>{s.stock:,}</td>" in table
        assert f"<td>{millions(s.stock_at(365))}</td>" in table
    assert math.floor(data.scenarios[0].days_until_empty / DAYS_PER_MONTH + 0.5) == 29
