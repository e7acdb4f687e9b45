"""Real builds of the teaching pages: the timeline, "check the numbers", the
section guides, the whole reading for print, and their content errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers import ROOT, article_text, build, copy_project, link_fault, parsed
from readkit.quiz import load_page
from readkit.seed import load_reading
from readkit.shells import DAYS_PER_MONTH, DAYS_PER_YEAR
from readkit.yamlio import load_yaml

READING = load_reading(ROOT / "seeds" / "necessity-knows-no-law.yml")
TIMELINE = load_yaml(ROOT / "teaching" / "timeline.yml")
SHELLS = load_yaml(ROOT / "teaching" / "shells.yml")


def assert_link_lands(site: Path, page_url: str, href: str) -> None:
    fault = link_fault(site, page_url, href)
    assert fault is None, fault


# -- timeline -----------------------------------------------------------------------


def test_the_timeline_is_one_list_of_the_data_files_events_in_order(built_site):
    soup = parsed(built_site / "timeline" / "index.html")
    (ol,) = soup.select("article ol.tl")
    items = ol.find_all("li", recursive=False)
    events = TIMELINE["events"]
    assert len(items) == len(events) + 1  # and the article itself
    dated = [li for li in items if li.get("id") != "tl-article"]
    assert [li.select_one(".tl-date time")["datetime"] for li in dated] == [e["date"] for e in events]
    assert [li.select_one(".tl-title").get_text() for li in dated] == [e["title"] for e in events]
    assert dated[0].select_one("time")["datetime"] == "2006-10-14"
    assert dated[-1].select_one("time")["datetime"] == "2024-12-04"


def test_later_events_are_labelled_in_words_after_the_article_marker(built_site):
    soup = parsed(built_site / "timeline" / "index.html")
    items = soup.select("article ol.tl > li")
    marker = [li.get("id") for li in items].index("tl-article")
    for i, li in enumerate(items):
        if li.get("id") == "tl-article":
            assert "on or after 30 November 2023" in li.get_text()
            continue
        later = li.select_one("time")["datetime"] > "2023-11-30"
        assert ("tl-later" in li["class"]) == later == (i > marker)
        assert ("After the article" in li.get_text()) == later


def test_timeline_links_reach_paragraphs_terms_and_sources(built_site):
    soup = parsed(built_site / "timeline" / "index.html")
    sources = {s["id"]: s["url"] for s in load_yaml(ROOT / "sources" / "sources.yml")}
    checked = 0
    for li, event in zip(
        [li for li in soup.select("article ol.tl > li") if li.get("id") != "tl-article"], TIMELINE["events"]
    ):
        hrefs = [a["href"] for a in li.select(".tl-links a")]
        for n in event.get("paras") or []:
            (href,) = [h for h in hrefs if h.endswith(f"#p-{n}")]
            assert_link_lands(built_site, "timeline/", href)
            checked += 1
        for term in event.get("terms") or []:
            (href,) = [h for h in hrefs if h.endswith(f"#{term}")]
            assert_link_lands(built_site, "timeline/", href)
        for sid in event.get("sources") or []:
            assert sources[sid] in hrefs
    assert checked > 30


# -- check the numbers -------------------------------------------------------------


def numbers(text: str) -> float:
    return float(text.replace(",", ""))


def test_the_chart_is_drawn_from_the_numbers_the_table_shows(built_site):
    """Recompute every line from the table alone, with the scale the SVG declares."""
    soup = parsed(built_site / "numbers" / "index.html")
    svg = soup.select_one("svg.ts-chart")
    d = {k: float(svg[f"data-{k}"]) for k in ("months", "ymax", "x0", "x1", "y0", "y1")}
    table = soup.select_one("table.ts-table")
    ids = [th["data-scenario"] for th in table.select("thead th[data-scenario]")]
    rows = {tr.th.get_text(): [td.get_text() for td in tr.find_all("td")] for tr in table.select("tbody tr")}
    assert ids == [s["id"] for s in SHELLS["scenarios"]]

    def x(month: float) -> float:
        return d["x0"] + month / d["months"] * (d["x1"] - d["x0"])

    def y(value: float) -> float:
        return d["y0"] + (1 - value / d["ymax"]) * (d["y1"] - d["y0"])

    for i, sid in enumerate(ids):
        label = {key: SHELLS["fields"][key]["label"] for key in ("stock", "daily_use", "production", "imports")}
        stock = numbers(rows[label["stock"]][i])
        use = numbers(rows[label["daily_use"]][i])
        made = numbers(rows[label["production"]][i])
        bought = numbers(rows[label["imports"]][i])
        net = (made + bought) / 365 - use
        expected = [(0, stock)]
        if net < 0 and stock / -net / DAYS_PER_MONTH < d["months"]:
            expected.append((stock / -net / DAYS_PER_MONTH, 0))
        expected.append((d["months"], max(0, stock + net * d["months"] * DAYS_PER_MONTH)))
        path = svg.select_one(f'g[data-scenario="{sid}"] path.ts-line')["d"]
        drawn = [tuple(map(float, p.split(","))) for p in re.findall(r"[ML]([-\d.]+,[-\d.]+)", path)]
        assert len(drawn) == len(expected), sid
        for (px, py), (m, v) in zip(drawn, expected):
            assert px == pytest.approx(x(m), abs=0.051) and py == pytest.approx(y(v), abs=0.051), sid
        # The table's own derived rows agree with its inputs.
        for year in range(1, int(d["months"]) // 12 + 1):
            left = max(0, stock + net * year * DAYS_PER_YEAR)
            label = "Stock after 1 year" if year == 1 else f"Stock after {year} years"
            shown = rows[label][i]
            assert shown == ("none left" if left <= 0 else f"{left / 1e6:.2f} million"), (sid, label)
        if net < 0:
            assert f"about {round(stock / -net / DAYS_PER_MONTH)} months" in rows["How long the stock lasts"][i]


def test_the_articles_scenario_and_the_form_start_from_the_article_figures(built_site):
    soup = parsed(built_site / "numbers" / "index.html")
    first = SHELLS["scenarios"][0]
    assert "runs out after about 29 months (2.4 years)" in soup.select_one("table.ts-table").get_text()
    form = soup.select_one("form.ts-whatif")
    assert form.has_attr("hidden"), "without the script the form cannot work, so it stays hidden"
    for key in ("stock", "daily_use", "production", "imports"):
        field = form.select_one(f"#ts-{key}")
        assert field["value"] == str(first[key]) == field["data-default"]
        assert form.select_one(f'label[for="ts-{key}"]') is not None


def test_the_figures_are_labelled_estimates_with_sources_and_the_chart_has_a_text_alternative(built_site):
    soup = parsed(built_site / "numbers" / "index.html")
    cards = soup.select("li.ts-figure")
    assert [c.select_one(".ts-figure-value strong").get_text() for c in cards] == [
        f"{f['value']:,}" for f in SHELLS["figures"]
    ]
    for card in cards:
        assert card.select_one(".ts-badge").get_text() == "Estimate"
        (para,) = card.select(".ts-figure-where a")
        assert para["href"].endswith("#p-10")
        assert_link_lands(built_site, "numbers/", para["href"])
        assert card.select(".ts-figure-sources a[href^='https://']")
    assert "Estimates, not facts." in soup.select_one(".ts-caution").get_text()
    svg = soup.select_one("svg.ts-chart")
    assert svg["role"] == "img"
    title_id, desc_id = svg["aria-labelledby"].split()
    assert svg.find(id=title_id).name == "title" and "runs out after about 29 months" in svg.find(id=desc_id).get_text()


# -- section guides ----------------------------------------------------------------


def test_each_section_opens_with_a_question_and_ends_with_key_points_before_the_quiz(built_site):
    for section in READING.sections:
        soup = parsed(built_site / "read" / section.slug / "index.html")
        # The reading-modes form (hidden without JavaScript) sits under the meta line.
        body = [
            el
            for el in soup.select_one("article").find_all(recursive=False)
            if el.name != "a" and "ar-modes" not in el.get("class", [])
        ]
        assert body[0].name == "h1"
        assert "ar-meta" in body[1].get("class", []), (
            f"{section.slug}: the section's place and reading time sit under the H1"
        )
        assert "ar-guide" in body[2].get("class", []), f"{section.slug}: the question comes before the article"
        assert body[2].select_one(".admonition-title").get_text() == "Keep in mind while reading"
        headings = [h.get_text().strip("¶ ") for h in soup.select("article h2")]
        assert (
            headings.index("Key points") < headings.index("For discussion") < headings.index("Check your understanding")
        )
        html = str(soup.select_one("article"))
        assert html.rindex('class="ar-para"') < html.index('id="key-points"'), "key points come after the article"
        assert 2 <= len(soup.select("#key-points + ul > li")) <= 3


# -- the whole reading ----------------------------------------------------------------


def test_the_whole_reading_holds_every_paragraph_notes_glossary_and_answer_key(built_site):
    soup = parsed(built_site / "print" / "index.html")
    paras = soup.select("article p.ar-para")
    assert [int(p["data-para"]) for p in paras] == list(range(1, len(READING.paragraphs) + 1))
    for p, expected in zip(paras, READING.paragraphs):
        assert article_text(p.select_one(".ar-text")) == expected.text
    h2 = [h.get_text().strip("¶ ") for h in soup.select("article h2")]
    assert h2 == [s.heading or s.title for s in READING.sections] + ["Glossary", "Answer key"]
    notes = load_yaml(ROOT / "sources" / "notes.yml") or []
    assert sorted(a["id"] for a in soup.select("aside.pr-note")) == sorted(f"pr-note-{n['id']}" for n in notes)
    terms = {load_yaml(p)["term"] for p in (ROOT / "glossary").glob("*.yml")}
    assert {dt.get_text() for dt in soup.select("dl.pr-glossary dt")} == terms
    questions = [
        q
        for s in READING.sections
        for q in load_page((ROOT / "docs" / "read" / f"{s.slug}.md").read_text(encoding="utf-8"), "x", "x")
    ]
    key = soup.select_one("details.pr-key")
    assert key.has_attr("open")
    assert len(key.select("ol.pr-key-list > li")) == len(questions) > 0
    # The handout is a copy: search sends readers to the section pages instead.
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d for d in index["docs"] if d["location"].startswith("print/")]


def test_only_links_to_other_sites_are_marked_for_printing_their_address(built_site):
    for name in ("print", "timeline", "numbers"):
        soup = parsed(built_site / name / "index.html")
        marked = soup.select("a[data-print-url]")
        assert marked
        assert all(a["href"].startswith(("http://", "https://")) for a in marked)
        assert not [
            a for a in soup.select("a[href]:not([data-print-url])") if a["href"].startswith(("http://", "https://"))
        ]


# -- content errors stop the build at their line -----------------------------------------


@pytest.mark.parametrize(
    "file, old, new, message",
    [
        ("teaching/timeline.yml", 'date: "2016-04-28"', 'date: "2016-04-31"', "date '2016-04-31' is not a real date"),
        (
            "teaching/timeline.yml",
            "terms: [vostochny-cosmodrome]",
            "terms: [vostochny]",
            "unknown glossary term 'vostochny'",
        ),
        (
            "teaching/shells.yml",
            'anchor: "around 2 million"',
            'anchor: "about 2 million"',
            "anchor 'about 2 million' is not in the article",
        ),
    ],
)
def test_a_data_error_stops_the_build_with_file_and_line(tmp_path, file, old, new, message):
    project = copy_project(tmp_path / "project")
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    code, output = build(project / "mkdocs.yml", tmp_path / "site")
    assert code != 0
    assert f"{file}:{line}:" in output and message in output, output
    assert "Traceback" not in output
