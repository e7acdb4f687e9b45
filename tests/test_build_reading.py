"""Real builds of the site: the article's pages as a student's browser gets them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers import ROOT, article_text, build, copy_project, parse, parsed
from readkit.seed import load_reading

READING = load_reading(ROOT / "seeds" / "necessity-knows-no-law.yml")
CHROME = ["Have an idea for a Commentary", "View profile", "Explore our related content"]


def section_html(site: Path, slug: str):
    return parsed(site / READING.section_dir / slug / "index.html")


def test_each_section_page_holds_its_paragraphs_in_order_word_for_word(built_site):
    for section in READING.sections:
        soup = section_html(built_site, section.slug)
        paras = soup.select("article p.ar-para")
        assert [int(p["data-para"]) for p in paras] == [p.number for p in section.paragraphs]
        for p, expected in zip(paras, section.paragraphs):
            assert p["id"] == f"p-{expected.number}"
            assert article_text(p.select_one(".ar-text")) == expected.text


def test_page_heading_is_the_articles_heading_or_its_title(built_site):
    for section in READING.sections:
        h1 = section_html(built_site, section.slug).select("article h1")
        assert len(h1) == 1
        assert h1[0].get_text().replace("¶", "").strip() == (section.heading or READING.title)


def test_pull_quotes_are_shown_once_and_hidden_from_screen_readers(built_site):
    quotes = []
    for section in READING.sections:
        for aside in section_html(built_site, section.slug).select("aside.ar-pullquote"):
            assert aside.get("aria-hidden") == "true"
            quotes.append(aside.get_text())
    assert quotes == [
        "While Russia does not have much to offer, a struggling North Korea is unlikely to turn down cooperation with anyone, especially if they can deliver food and fuel",
        "In the end, it is North Korea that is set to benefit the most from this partnership",
    ]


def test_typography_and_markdown_characters_come_through_unchanged(built_site):
    text = article_text(section_html(built_site, "sanctions").select_one("#p-4"))
    for fragment in [
        "‘“direct or indirect supply, sale, or transfer” to North Korea, of […] [materials]",
        " – of which Russia is a permanent member – ",
    ]:
        assert fragment in text
    opening = article_text(section_html(built_site, "opening").select_one("#p-3"))
    assert "(WMD) programs’." in opening


def test_no_chrome_lines_on_any_page(built_site):
    for page in built_site.rglob("*.html"):
        text = parsed(page).get_text()
        for chrome in CHROME:
            assert chrome not in text, f"{chrome!r} on {page}"


def test_the_articles_prose_is_never_copied_into_docs():
    for md in (ROOT / "docs").rglob("*.md"):
        source = md.read_text(encoding="utf-8")
        for p in READING.paragraphs:
            # Any 60-character stretch of a paragraph would be a copy.
            for start in range(0, max(1, len(p.text) - 60), 60):
                assert p.text[start : start + 60] not in source, f"¶{p.number} copied into {md}"


def test_home_page_has_attribution_original_link_and_reading_time(built_site):
    soup = parsed(built_site / "index.html")
    attribution = soup.select_one("dl.ar-attribution")
    assert attribution is not None
    text = attribution.get_text(" ")
    assert "Juliana Suess" in text and "Royal United Services Institute" in text
    assert "Not given in our copy" in text and "on or after 30 November 2023" in text
    assert re.search(r"about \d+ minutes", text)
    assert soup.select_one(f'a[href="{READING.url}"]') is not None
    links = [a["href"] for a in soup.select("article ol a")]
    assert links == [f"{READING.section_dir}/{s.slug}/" for s in READING.sections]


def test_about_page_has_the_authors_disclaimer(built_site):
    soup = parsed(built_site / "about" / "index.html")
    assert soup.select_one("blockquote.ar-disclaimer").get_text() == READING.disclaimer


def test_previous_and_next_links_follow_the_article(built_site):
    for i, section in enumerate(READING.sections):
        soup = section_html(built_site, section.slug)
        nxt = soup.select_one("a.md-footer__link--next")
        if i + 1 < len(READING.sections):
            assert nxt["href"] == f"../{READING.sections[i + 1].slug}/"


def test_search_index_covers_the_article(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    corpus = " ".join(doc["text"] for doc in index["docs"])
    for phrase in ["Vostochny Cosmodrome", "demilitarised zone", "Beggars Can’t be Choosers"]:
        assert phrase in corpus


def test_pages_load_nothing_from_other_hosts(built_site):
    for page in built_site.rglob("*.html"):
        soup = parsed(page)
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("source", "src")):
            for node in soup.find_all(tag):
                url = node.get(attr) or ""
                if (
                    tag == "link"
                    and "stylesheet" not in (node.get("rel") or [])
                    and "preload" not in (node.get("rel") or [])
                ):
                    continue
                assert not re.match(r"^(https?:)?//", url), f"{page}: {tag} loads {url}"


def test_palette_toggle_is_ours_not_materials_component(built_site):
    """Material's palette component restyles the whole page three times as it
    starts (bench/lighthouse.py shows it in blocking time); our toggle
    (palette.js) must stay the one that runs."""
    soup = section_html(built_site, READING.sections[0].slug)
    assert soup.select("[data-md-component=palette]") == []
    form = soup.select_one("header form[data-ar-palette]")
    options = form.select("input.md-option")
    assert [o["data-md-color-scheme"] for o in options] == ["default", "default", "slate"]
    assert all(label.has_attr("hidden") for label in form.select("label"))  # palette.js shows one
    assert soup.select_one('meta[name="theme-color"]')["content"].startswith("#")
    assert "data-ar-palette" in (built_site / "assets" / "site.js").read_text(encoding="utf-8")


# -- bad input stops the build with path:line ---------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def test_build_stops_on_a_manifest_heading_missing_from_the_seed(project, tmp_path):
    manifest = project / "seeds" / "necessity-knows-no-law.yml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace('"Russian Strife in Space"', '"Russian Strife"'), encoding="utf-8"
    )
    code, output = build(project / "mkdocs.yml", tmp_path / "site")
    assert code != 0
    assert re.search(r"necessity-knows-no-law\.yml:\d+: heading 'Russian Strife' is not a line of the seed", output), (
        output
    )


@pytest.mark.parametrize(
    "marker, message",
    [
        ("reading:disclamer", "unknown marker 'reading:disclamer'"),  # a hook refuses it
        ("glosary:index", "marker 'glosary:index' was not expanded by any hook"),  # no hook owns it
    ],
)
def test_build_stops_on_an_unknown_marker(project, tmp_path, marker, message):
    about = project / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + f"\nText.\n\n<!-- {marker} -->\n", encoding="utf-8")
    line = about.read_text(encoding="utf-8").splitlines().index(f"<!-- {marker} -->") + 1
    code, output = build(project / "mkdocs.yml", tmp_path / "site")
    assert code != 0
    assert f"about.md:{line}: {message}" in output, output


def test_build_stops_when_a_section_page_loses_its_article_marker(project, tmp_path):
    page = project / "docs" / "read" / "sanctions.md"
    page.write_text(page.read_text(encoding="utf-8").replace("<!-- reading:article -->", ""), encoding="utf-8")
    code, output = build(project / "mkdocs.yml", tmp_path / "site")
    assert code != 0
    assert "sanctions.md:1: a section page needs exactly one '<!-- reading:article -->'" in output, output


def test_a_marker_shown_in_a_code_block_is_left_alone(project, tmp_path):
    about = project / "docs" / "about.md"
    about.write_text(
        about.read_text(encoding="utf-8") + "\n```text\n<!-- reading:anything -->\n```\n", encoding="utf-8"
    )
    code, output = build(project / "mkdocs.yml", tmp_path / "site")
    assert code == 0, output
    assert "&lt;!-- reading:anything --&gt;" in (tmp_path / "site" / "about" / "index.html").read_text(encoding="utf-8")


# -- a second article needs data only -----------------------------------------


def test_a_second_article_builds_with_the_same_hooks(tmp_path):
    fixture = ROOT / "tests" / "fixtures" / "second-article"
    code, output = build(fixture / "mkdocs.yml", tmp_path / "site")
    assert code == 0, output
    soup = parse(tmp_path / "site" / "chapters" / "second" / "index.html")
    assert soup.select_one("article h1").get_text().replace("¶", "").strip() == "The Second Part"
    assert [p["id"] for p in soup.select("p.ar-para")] == ["p-3"]
    first = parse(tmp_path / "site" / "chapters" / "first" / "index.html")
    # Markdown and HTML characters in a seed stay characters.
    assert first.select_one("#p-1 .ar-text").get_text() == "First paragraph of the opening, with *stars* and <tags>."
    assert first.select_one("#p-1 em") is None and first.select_one("#p-1 tags") is None


def test_hooks_never_name_an_article():
    names = {READING.title, READING.author.name, "necessity", "rusi", "korea", "russia", "suess"}
    for py in (ROOT / "hooks").rglob("*.py"):
        source = py.read_text(encoding="utf-8").lower()
        for name in names:
            assert name.lower() not in source, f"{py} names {name!r}"


def test_contents_name_each_sections_paragraphs(built_site):
    items = [li.get_text(" ", strip=True) for li in parsed(built_site / "index.html").select("article ol > li")][:5]
    assert "(¶1–3," in items[0] and "(¶12," in items[4] and "12–12" not in items[4]


def test_marker_lines_count_front_matter_for_every_hook(project, tmp_path):
    """index.md has front matter and reading: markers that the reading hook
    expands first; a later hook must still report the line in the file."""
    index = project / "docs" / "index.md"
    text = index.read_text(encoding="utf-8")
    assert text.startswith("---\n") and "<!-- reading:contents -->" in text
    index.write_text(text + "\n<!-- sources:nonsense -->\n", encoding="utf-8")
    line = index.read_text(encoding="utf-8").splitlines().index("<!-- sources:nonsense -->") + 1
    code, output = build(project / "mkdocs.yml", tmp_path / "site")
    assert code != 0
    assert f"index.md:{line}: unknown marker 'sources:nonsense'" in output, output
