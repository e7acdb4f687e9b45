"""The timeline's data file: dates, order, references, and the HTML it becomes."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import ROOT
from readkit.errors import ContentError
from readkit.timeline import Date, load_timeline, parse_date, span_words, timeline_html

DATA = ROOT / "teaching" / "timeline.yml"


def write(tmp_path, body: str, top: str = 'article_date: "2023-11-30"\narticle_date_exact: false\n'):
    path = tmp_path / "timeline.yml"
    path.write_text(top + "events:\n" + textwrap.dedent(body), encoding="utf-8")
    return path


def load(path, **kw):
    kw.setdefault("paragraphs", 12)
    return load_timeline(path, **kw)


def html_of(tl):
    return timeline_html(
        tl,
        para_href=lambda n: f"read/x/#p-{n}",
        term=lambda i: (i.upper(), f"glossary/#{i}"),
        source=lambda i: (f"Title {i}", f"https://example.org/{i}", "checked"),
    )


# -- dates ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2023-11-30", Date(2023, 11, 30)),
        ("2023-11", Date(2023, 11)),
        ("2006", Date(2006)),
        ("2024-02-29", Date(2024, 2, 29)),
    ],
)
def test_dates_known_to_the_day_month_or_year(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["2023-02-29", "2023-13-01", "2023-00", "30 Nov 2023", "2023-1-5", "", "2023-11-31"])
def test_impossible_or_malformed_dates_are_refused(text):
    assert parse_date(text) is None


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_every_real_day_round_trips(day):
    parsed = parse_date(day.isoformat())
    assert parsed is not None and parsed.iso == day.isoformat()
    assert parsed.first_day == (day.year, day.month, day.day)


@pytest.mark.parametrize(
    "start, end, words",
    [
        ("2023-09-12", "2023-09-17", "12–17 September 2023"),
        ("2024-10-24", "2024-11-11", "24 October–11 November 2024"),
        ("2014-03", "2014-04", "March–April 2014"),
        ("2023-12-30", "2024-01-02", "30 December 2023–2 January 2024"),
    ],
)
def test_spans_are_written_without_repeating_what_they_share(start, end, words):
    assert span_words(parse_date(start), parse_date(end)) == words


# -- the real data file -------------------------------------------------------------


def test_the_timeline_runs_from_the_2006_resolution_to_the_treaty_in_force():
    tl = load(DATA)
    assert tl.events[0].date.iso == "2006-10-14"
    assert tl.events[-1].date.iso == "2024-12-04"
    for a, b in zip(tl.events, tl.events[1:]):
        common = min(a.date.precision, b.date.precision)  # "late October" sits among October's days
        assert a.date.key(common) <= b.date.key(common), (a.title, b.title)
    # Later means after 30 November 2023, the latest date the article cites.
    assert [e.date.iso for e in tl.later][0] == "2024-02-19"
    assert all(e.date.first_day <= (2023, 11, 30) for e in tl.before)
    assert not tl.article_date_exact


# -- errors name the file and line ------------------------------------------------


def test_an_impossible_date_stops_at_its_line(tmp_path):
    path = write(
        tmp_path,
        """\
        - date: "2023-11-21"
          title: A
          text: a
        - date: "2023-02-30"
          title: B
          text: b
    """,
    )
    with pytest.raises(ContentError) as err:
        load(path)
    assert str(err.value).startswith(f"{path}:7: event 2: date '2023-02-30' is not a real date")


def test_events_out_of_order_stop_the_build_naming_both_lines(tmp_path):
    path = write(
        tmp_path,
        """\
        - date: "2024-06-19"
          title: A
          text: a
        - date: "2023-11-21"
          title: B
          text: b
    """,
    )
    with pytest.raises(
        ContentError, match=r":7: event 2: events must be in date order: 2023-11-21 comes after 2024-06-19 \(line 4\)"
    ):
        load(path)


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("paras", "[3, 13]", "there is no paragraph 13"),
        ("terms", "[icbm, no-such-term]", "unknown glossary term 'no-such-term'"),
        ("sources", "[known, missing]", "unknown source 'missing'"),
        ("colour", "red", "unknown field 'colour'"),
        ("approximate", "maybe", "approximate must be true or false"),
    ],
)
def test_unknown_references_stop_at_the_line(tmp_path, field, value, message):
    path = write(
        tmp_path,
        f"""\
        - date: "2023-11-21"
          title: A
          text: a
          {field}: {value}
    """,
    )
    with pytest.raises(ContentError) as err:
        load(path, terms={"icbm"}, sources={"known"})
    assert f"{path}:7: event 1: {message}" in str(err.value)


def test_without_a_date_for_the_article_the_file_must_give_one(tmp_path):
    path = write(tmp_path, '- date: "2020"\n  title: A\n  text: a\n', top="")
    with pytest.raises(ContentError, match="the article's date is unknown"):
        load(path)
    # The manifest's date is used when the file has none, and it is exact.
    assert load(path, article_date="2019-05-01").article_date_exact


@settings(max_examples=60)
@given(st.lists(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 1, 1)), min_size=2, max_size=8))
def test_a_file_loads_exactly_when_its_dates_are_in_order(tmp_path_factory, days):
    path = tmp_path_factory.mktemp("tl") / "timeline.yml"
    body = "".join(f'  - date: "{d.isoformat()}"\n    title: T{i}\n    text: t\n' for i, d in enumerate(days))
    path.write_text('article_date: "2015-01-01"\nevents:\n' + body, encoding="utf-8")
    if days == sorted(days):
        tl = load(path)
        assert [e.date.iso for e in tl.events] == [d.isoformat() for d in days]
        assert [e.date.iso for e in tl.later] == [d.isoformat() for d in days if d > dt.date(2015, 1, 1)]
    else:
        with pytest.raises(ContentError, match="events must be in date order"):
            load(path)


# -- HTML ---------------------------------------------------------------------------


def test_one_ordered_list_with_the_article_in_its_place_and_later_events_labelled(tmp_path):
    path = write(
        tmp_path,
        """\
        - date: "2023-11-21"
          title: Before
          text: b
          paras: [2]
          terms: [icbm]
          sources: [known]
        - date: "2023-12"
          title: After
          text: a
    """,
    )
    html = html_of(load(path))
    assert html.startswith('<ol class="tl') and html.count("<ol") == 1
    items = html.split('<li class="tl-item')[1:]
    assert ['id="tl-article"' in i for i in items] == [False, True, False]
    assert "After the article" not in items[0] and "After the article" in items[2]
    assert '<time datetime="2023-11-21">21 November 2023</time>' in items[0]
    assert '<time datetime="2023-12">December 2023</time>' in items[2]
    assert 'href="read/x/#p-2"' in items[0] and 'href="glossary/#icbm">ICBM</a>' in items[0]
    assert "on or after 30 November 2023" in items[1]


def test_data_text_is_escaped(tmp_path):
    path = write(
        tmp_path,
        """\
        - date: "2023-11-21"
          title: "<script>alert(1)</script>"
          text: 'x" onmouseover="alert(1)'
    """,
    )
    html = html_of(load(path))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "x&quot; onmouseover=&quot;alert(1)" in html
