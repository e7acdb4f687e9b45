"""Real `mkdocs build`s with the glossary hook: what the pages hold, parsed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from helpers import ROOT, build, page_ids, parse, parsed, resolve

FIXTURE = ROOT / "tests" / "fixtures" / "glossary-site"


def fixture_copy(dst: Path, config_edit=None) -> Path:
    """The fixture site in dst, its hooks pointing at this repository's."""
    shutil.copytree(FIXTURE, dst)
    config = dst / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("../../../hooks/", f"{ROOT}/hooks/")
    if config_edit:
        text = config_edit(text)
    config.write_text(text, encoding="utf-8")
    shutil.copytree(ROOT / "docs" / "assets", dst / "docs" / "assets")
    return config


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("glossary-fixture")
    code, output = build(fixture_copy(root / "src"), root / "site")
    assert code == 0, output
    assert "WARNING" not in output, output
    return root / "site"


def terms(soup) -> list[tuple[str, str]]:
    return [(a["data-term"], a.get_text()) for a in soup.select("article a.gl-term")]


def test_first_occurrence_per_page_is_marked_with_its_own_wording(fixture_site):
    start = parsed(fixture_site / "read" / "start" / "index.html")
    # "Space Agency" is NASA's alias; later "NASA"s on the page are not marked
    # again; "nasa" is not the acronym; plurals count; "CPUs-like", "anti-NASA" are not terms.
    assert terms(start) == [("nasa", "Space Agency"), ("ballistic-missile", "Ballistic Missiles")]
    treaty = parsed(fixture_site / "read" / "treaty" / "index.html")
    # mark: every for the treaty; mark: none for "UN"; "UN" is not found inside "UNOOSA".
    assert terms(treaty) == [("outer-space-treaty", "Outer Space Treaty"), ("orbit", "orbit"), ("unoosa", "UNOOSA")]


def test_terms_stay_out_of_code_links_and_headings(fixture_site):
    home = parsed(fixture_site / "index.html")
    assert terms(home) == [
        ("outer-space-treaty", "Outer Space Treaty"),
        ("outer-space-treaty", "Outer Space Treaty"),
        ("escaping", "Hidden Entry"),
    ]
    assert home.select_one("article code").get_text() == "NASA"
    assert home.select_one("article h2").get_text(strip=True).startswith("NASA in a heading")


def test_marking_leaves_the_articles_words_unchanged(fixture_site):
    seed = (FIXTURE / "seeds" / "space.txt").read_text(encoding="utf-8")
    for slug in ["start", "treaty"]:
        for p in parsed(fixture_site / "read" / slug / "index.html").select("p.ar-para .ar-text"):
            assert p.get_text() in seed


def test_each_term_links_to_its_entry_and_is_described_on_its_page(fixture_site):
    for page in [fixture_site / "index.html", fixture_site / "read" / "start" / "index.html"]:
        soup = parsed(page)
        for a in soup.select("a.gl-term"):
            target, fragment = resolve(fixture_site, page, a["href"])
            assert fragment in page_ids(target), a["href"]
            desc = soup.find(id=a["aria-describedby"])
            assert desc is not None and desc.find_parent("div", class_="gl-defs").has_attr("hidden")
            assert desc.get_text() == a["title"]


def test_tooltip_data_links_other_entries_through_the_glossary_page(fixture_site):
    soup = parsed(fixture_site / "read" / "start" / "index.html")
    link = soup.find(id="gl-def-nasa").find("a")
    assert link["href"] == "../../glossary/#outer-space-treaty"
    assert soup.find(id="gl-def-nasa").find("em").get_text() == "space agency"
    sources = soup.select_one('.gl-def[data-term="nasa"] .gl-def-sources')
    # Two sources named, the rest counted; an unchecked address says so.
    assert sources.get_text() == "Sources: The agency's own site, Treaty text (address not checked) and 1 more"


def test_markup_in_a_definition_shows_as_text_everywhere(fixture_site):
    shown = 'Shown as text: <script>alert(1)</script> and "onmouseover=alert(1) x'
    for page in [fixture_site / "index.html", fixture_site / "glossary" / "index.html"]:
        soup = parsed(page)
        assert not [s for s in soup.find_all("script") if "alert" in s.get_text()]
        assert not soup.find_all(attrs={"onmouseover": True}) and not soup.find_all(attrs={"onerror": True})
    home = parsed(fixture_site / "index.html")
    assert home.find(id="gl-def-escaping").get_text() == shown
    assert home.select_one('a[data-term="escaping"]')["title"] == shown
    entry = parsed(fixture_site / "glossary" / "index.html").find(id="escaping")
    assert entry.select_one(".gl-entry-def").get_text() == shown
    assert entry.select_one(".gl-entry-note").get_text() == "A note with <img src=x onerror=alert(1)> in it."


def test_glossary_page_lists_entries_alphabetically_with_everything(fixture_site):
    page = fixture_site / "glossary" / "index.html"
    soup = parsed(page)
    entries = soup.select("article.gl-entry")
    assert [e.select_one("h3").get_text() for e in entries] == [
        "ballistic missile",
        "Hidden Entry",
        "NASA",
        "orbit",
        "Outer Space Treaty",
        "UN",
        "UNOOSA",
    ]
    assert [e["id"] for e in entries] == [
        "ballistic-missile",
        "escaping",
        "nasa",
        "orbit",
        "outer-space-treaty",
        "un",
        "unoosa",
    ]
    nasa = soup.find(id="nasa")
    assert nasa["data-category"] == "organisation"
    assert nasa.select_one(".gl-entry-category").get_text() == "Organisation"
    # Sources with their status; an unverified one is not a link.
    items = nasa.select(".gl-entry-sources li")
    assert [li.select_one(".gl-status").get_text() for li in items] == ["checked", "address not checked", "unverified"]
    assert items[0].a["href"] == "https://agency.example.org/" and "2024-01-02" in items[0].get_text()
    assert items[2].a is None
    # Related terms and back-links to the article's paragraphs, all landing somewhere real.
    assert [a.get_text() for a in nasa.select(".gl-entry-related a")] == ["Outer Space Treaty"]
    uses = nasa.select(".gl-entry-uses a")
    assert [a.get_text() for a in uses] == ["¶1", "¶2"]
    for a in [*uses, *soup.select(".gl-entry-related a"), *soup.select(".gl-jump a"), *soup.select(".gl-cat-list a")]:
        target, fragment = resolve(fixture_site, page, a["href"])
        assert fragment in page_ids(target), a["href"]
    assert soup.find(id="orbit").select_one(".gl-entry-uses").get_text() == "In the article: ¶3"
    # Jump bar: letters with entries are links, the others are not.
    assert [a.get_text() for a in soup.select(".gl-jump a")] == ["B", "H", "N", "O", "U", "By category"]
    # The category filter needs JavaScript; the list by category works without it.
    assert soup.select_one("form.gl-filter").has_attr("hidden")
    cats = {
        h.get_text(): [a.get_text() for a in h.find_next_sibling("ul").select("a")]
        for h in soup.select(".gl-by-category h3")
    }
    assert cats["Organisation"] == ["NASA", "UN", "UNOOSA"]
    # The glossary page itself is not annotated.
    assert not soup.select("a.gl-term")


def test_a_term_found_nowhere_is_a_warning_that_strict_mode_turns_into_failure(tmp_path):
    config = fixture_copy(tmp_path / "src")
    lonely = tmp_path / "src" / "glossary" / "lonely.yml"
    lonely.write_text(
        "term: Lonely Word\ncategory: concept\ndefinition: Nobody uses it.\nsources: [agency-site]\n", encoding="utf-8"
    )
    code, output = build(config, tmp_path / "site", strict=True)
    assert code != 0
    assert f"{lonely}:1: glossary entry 'lonely' (Lonely Word) occurs nowhere in the site" in output
    # Listed as related by an entry that is used, it is reachable: no warning.
    orbit = tmp_path / "src" / "glossary" / "orbit.yml"
    orbit.write_text(orbit.read_text(encoding="utf-8").replace("related: []", "related: [lonely]"), encoding="utf-8")
    code, output = build(config, tmp_path / "site", strict=True)
    assert code == 0, output


def test_bad_glossary_data_stops_the_build_with_path_and_line(tmp_path):
    config = fixture_copy(tmp_path / "src")
    bad = tmp_path / "src" / "glossary" / "orbit.yml"
    bad.write_text(
        bad.read_text(encoding="utf-8").replace("sources: [agency-site]", "sources: [agency-site, missing-one]"),
        encoding="utf-8",
    )
    code, output = build(config, tmp_path / "site", strict=False)
    assert code != 0
    # The path as the maintainer types it, relative to the project.
    assert "glossary/orbit.yml:4: " in output and "unknown source 'missing-one'" in output, output
    assert str(tmp_path) not in output.split("ERROR", 1)[1], output
    assert "Traceback" not in output


def test_site_wide_policy_every_and_offline_urls(tmp_path):
    def edit(text: str) -> str:
        text = text.replace("    glossary: glossary\n", "    glossary: glossary\n    glossary_mark: every\n")
        return "use_directory_urls: false\n" + text

    code, output = build(fixture_copy(tmp_path / "src", edit), tmp_path / "site")
    assert code == 0, output
    page = tmp_path / "site" / "read" / "start.html"
    soup = parse(page)
    assert terms(soup) == [
        ("nasa", "Space Agency"),
        ("nasa", "NASA"),
        ("nasa", "space agency"),
        ("ballistic-missile", "Ballistic Missiles"),
        ("nasa", "NASA"),
    ]
    target, fragment = resolve(tmp_path / "site", page, soup.select_one("a.gl-term")["href"])
    assert target.name == "glossary.html" and fragment in page_ids(target)


def test_a_bad_site_wide_policy_is_an_error(tmp_path):
    edit = lambda t: t.replace("    glossary: glossary\n", "    glossary: glossary\n    glossary_mark: often\n")  # noqa: E731
    code, output = build(fixture_copy(tmp_path / "src", edit), tmp_path / "site", strict=False)
    assert code != 0 and "extra.reading.glossary_mark is 'often'" in output


# -- The real site -----------------------------------------------------------------


def test_real_site_marks_the_articles_hard_terms(built_site):
    marked: dict[str, str] = {}
    for page in (built_site / "read").glob("*/index.html"):
        for term, text in terms(parsed(page)):
            marked.setdefault(term, text)
    assert marked["roscosmos"] == "Roscosmos"
    assert marked["icbm"] == "Intercontinental Ballistic Missiles"
    assert marked["unscr-1718"] == "one of the resolutions adopted by the UN Security Council"
    assert marked["unscr-2270"] == "a resolution from 2016"
    assert marked["un-security-council"] == "UN Security Council"
    assert marked["wmd"] in {"weapons of mass destruction", "WMD"}


def test_real_glossary_page_entries_and_back_links_land(built_site):
    page = built_site / "glossary" / "index.html"
    soup = parsed(page)
    entries = soup.select("article.gl-entry")
    assert len(entries) >= 35
    for a in soup.select(".gl-entry-uses a"):
        target, fragment = resolve(built_site, page, a["href"])
        assert fragment.startswith("p-") and fragment in page_ids(target)
    for required in ["un-security-council", "unscr-1718", "unscr-2270", "unscr-2321", "roscosmos", "icbm"]:
        assert soup.find(id=required) is not None
    uses = soup.find(id="unscr-2270").select_one(".gl-entry-uses").get_text()
    assert "¶4" in uses


def test_hidden_definitions_stay_out_of_the_search_index(fixture_site):
    docs = json.loads((fixture_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    hits = {d["location"].split("#")[0] for d in docs if "keeps every orbit free" in d["text"]}
    assert hits == {"glossary/"}


def test_a_glossary_page_without_its_marker_is_an_error(tmp_path):
    config = fixture_copy(tmp_path / "src")
    page = tmp_path / "src" / "docs" / "glossary.md"
    page.write_text("# Words\n\nNo marker here.\n", encoding="utf-8")
    code, output = build(config, tmp_path / "site", strict=False)
    assert (
        code != 0
        and "docs/glossary.md:1: the glossary page needs exactly one '<!-- glossary:index -->' (found 0)" in output
    )
