"""The real site, built: source markers after the right words, the article's
text untouched, each section's sources and citation, the Sources page, and
content errors that stop the build with file and line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from helpers import ROOT, build, copy_project, parse, parsed, text_before, without_inserts
from readkit.claims import load_claims, load_notes
from readkit.seed import load_reading
from readkit.sources import load_sources

READING = load_reading(ROOT / "seeds" / "necessity-knows-no-law.yml")
SOURCES = load_sources(ROOT / "sources" / "sources.yml")
CLAIMS = load_claims(ROOT / "sources" / "claims.yml", READING, SOURCES)
NOTES = load_notes(ROOT / "sources" / "notes.yml", READING, SOURCES)


def section_page(site: Path, section):
    return parsed(site / READING.section_dir / section.slug / "index.html")


@pytest.fixture(scope="module")
def pages(built_site):
    return {s.slug: section_page(built_site, s) for s in READING.sections}


# -- Markers in the text --------------------------------------------------------------


def test_the_site_links_at_least_fifteen_claims_and_six_notes(pages):
    markers = [m for soup in pages.values() for m in soup.select("sup.ar-src[data-ar-key]")]
    notes = [n for soup in pages.values() for n in soup.select("aside.ar-note")]
    assert len(markers) == len(CLAIMS) >= 15
    assert len(notes) == len(NOTES) >= 6


def test_each_marker_follows_its_quote_in_its_paragraph(pages):
    for item in [*CLAIMS, *NOTES]:
        section = READING.paragraph(item.anchor.para).section
        [marker] = pages[section.slug].select(f'[data-ar-key="{item.key}"]')
        assert marker.find_parent("p", class_="ar-para")["id"] == f"p-{item.anchor.para}"
        assert text_before(marker).endswith(item.quote), (item.key, item.quote)


def test_the_articles_text_is_unchanged_apart_from_markers(pages):
    for section in READING.sections:
        soup = pages[section.slug]
        for p in section.paragraphs:
            para = without_inserts(soup.find(id=p.anchor))
            assert para.select_one(".ar-text").get_text() == p.text


def test_the_dossiers_topics_are_all_linked():
    # The claim-by-claim section of the research dossier, topic by topic.
    topics = {
        "2023 launches": "after two failed attempts",
        "2012 and 2016 satellites": "launched satellites in 2012 and 2016",
        "US Treasury sanctions": "a fresh set of sanctions",
        "Secretary-General": "has urged Russia to exercise caution",
        "Resolution 1718": "“direct or indirect supply, sale, or transfer”",
        "Resolution 2270": "including aerospace engineering",
        "Vostochny summit": "rubbing shoulders at Vostochny Cosmodrome",
        "Putin's remark": "helping North Korea build satellites was why the latter was there",
        "vetoes": "opposing new sanctions against North Korea within the UN Security Council (together with China)",
        "Roscosmos and sanctions": "sanctions, first established in 2014 and further extended in 2022",
        "ISS": "still a partner aboard the International Space Station",
        "South Korean intelligence": "Russia is receiving shells from its new North Korean partners",
        "CSIS imagery": "CSIS analysis of satellite imagery",
        "shell figures": "a remaining stockpile of 4 million",
        "artillery figures": "artillery pieces along the demilitarised zone with South Korea",
    }
    quotes = {c.quote: c for c in CLAIMS}
    for topic, quote in topics.items():
        assert quote in quotes, f"no claim links {topic}"
        assert quotes[quote].sources


def test_marker_numbers_lead_to_the_list_and_appear_in_reading_order(pages):
    for slug, soup in pages.items():
        ids = {li["id"] for li in soup.select("ol.ar-sources > li")}
        for ref in soup.select("article a.ar-src-ref"):
            n = int(ref["data-ar-source"])
            assert ref["href"] == f"#source-{n}" and f"source-{n}" in ids
            assert soup.find(id=ref["aria-describedby"]) is not None
        # Reading order: the markers in the text; a note marker counts its note's sources.
        first_seen: list[int] = []
        for marker in soup.select(".ar-text sup.ar-src, .ar-text a.ar-note-ref"):
            refs = (
                marker.select("a.ar-src-ref")
                if marker.name == "sup"
                else soup.find(id=marker["href"][1:]).select("a.ar-src-ref")
            )
            for ref in refs:
                if int(ref["data-ar-source"]) not in first_seen:
                    first_seen.append(int(ref["data-ar-source"]))
        assert first_seen == list(range(1, len(ids) + 1)), slug


# -- End of each section page ---------------------------------------------------------


def test_each_section_ends_with_its_sources_and_a_citation(pages):
    for section in READING.sections:
        soup = pages[section.slug]
        headings = [h.get_text(" ", strip=True).rstrip("¶").strip() for h in soup.select("article h2")]
        at = headings.index("Sources for this section")
        assert headings[at + 1] == "Cite this section", headings
        if "Check your understanding" in headings:  # after the quiz, too
            assert headings.index("Check your understanding") < at
        last_paragraph = soup.find(id=section.paragraphs[-1].anchor)
        assert soup.find(id="sources-for-this-section") in last_paragraph.find_all_next("h2")
        # Sources cited in this section's paragraphs only, each with its details.
        cited = {
            sid
            for item in [*CLAIMS, *NOTES]
            if READING.paragraph(item.anchor.para).section is section
            for sid in item.sources
        }
        items = soup.select("ol.ar-sources > li")
        assert {li["data-source-id"] for li in items} == cited
        for li in items:
            source = SOURCES[li["data-source-id"]]
            text = li.get_text(" ")
            assert source.title in text and source.publisher in text
            assert ("Primary source" if source.kind == "primary" else "Secondary source") in text
            assert li.select_one("a.ar-source-url")["href"] == source.url
            assert li.select_one(".ar-badge").get_text() == source.status_label
            for a in li.select('a[href^="#p-"]'):
                assert int(a["href"][3:]) in {p.number for p in section.paragraphs}
        cite = soup.select_one(".ar-cite-text").get_text()
        assert cite.startswith("Suess, J. (n.d.).") and READING.url in cite
        assert (section.heading or section.title) in cite
        original = soup.select_one(".ar-original a")
        assert original["href"] == READING.url and "rusi.org" in original.get_text()


def test_no_unchecked_address_is_shown_as_checked(built_site):
    unchecked = {s.url: s for s in SOURCES.values() if not s.checked}
    assert unchecked, "the registry has derived and unverified addresses to test with"
    found = 0
    for html in built_site.rglob("*.html"):
        soup = parsed(html)
        for a in soup.find_all("a", href=True):
            source = unchecked.get(a["href"])
            if source is None or a.find_parent(class_="ar-source") is None:
                continue
            found += 1
            badges = a.find_parent(class_="ar-source").select(".ar-badge")
            assert [b.get_text() for b in badges] == [source.status_label], (html, a["href"])
            assert "checked" != badges[0].get_text()
            assert "ar-badge--seen" not in badges[0]["class"]
    assert found >= len(unchecked), "every unchecked address appears at least once (Sources page)"


# -- The Sources page ------------------------------------------------------------------


def test_the_sources_page_lists_every_source_by_kind_with_back_links(built_site):
    soup = parsed(built_site / "sources" / "index.html")
    for kind in ("primary", "secondary"):
        heading = soup.find(id=f"{kind}-sources")
        listing = heading.find_next("ul", class_="ar-source-index")
        ids = [li["id"][len("src-") :] for li in listing.find_all("li", recursive=False)]
        assert ids and all(SOURCES[i].kind == kind for i in ids)
    every = [li["id"][len("src-") :] for li in soup.select("ul.ar-source-index > li")]
    assert sorted(every) == sorted(SOURCES), "each registry source is listed exactly once"
    for claim in CLAIMS:
        section = READING.paragraph(claim.anchor.para).section
        for sid in claim.sources:
            links = {a["href"] for a in soup.find(id=f"src-{sid}").select(".ar-uses a")}
            assert f"../{READING.section_dir}/{section.slug}/#p-{claim.anchor.para}" in links
    for note in NOTES:
        section = READING.paragraph(note.anchor.para).section
        for sid in note.sources:
            links = {a["href"] for a in soup.find(id=f"src-{sid}").select(".ar-uses a")}
            assert f"../{READING.section_dir}/{section.slug}/#note-{note.id}" in links
    notes_index = soup.select("ul.ar-notes-index a")
    assert len(notes_index) == len(NOTES)


def test_the_sources_page_is_in_the_navigation(built_site):
    soup = parsed(built_site / "index.html")
    assert any(a.get_text(strip=True) == "Sources" for a in soup.select("nav.md-nav--primary a"))


# -- Content errors stop the build (or warn) with file and line ---------------------------


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def append(path: Path, text: str) -> int:
    """Append text; return the 1-based line where it starts."""
    before = path.read_text(encoding="utf-8")
    start = before.count("\n") + 1 + (0 if before.endswith("\n") else 1)
    path.write_text(before + ("" if before.endswith("\n") else "\n") + text, encoding="utf-8")
    return start


def test_a_quote_found_in_several_places_stops_the_build_at_its_line(project, tmp_path):
    claims = project / "sources" / "claims.yml"
    line = append(claims, '- quote: "North Korea"\n  sources: [treasury-jy1938]\n')
    code, out = build(project / "mkdocs.yml", tmp_path / "site")
    assert code != 0
    assert re.search(
        rf"ERROR\s+-\s+sources/claims\.yml:{line}: quote 'North Korea' occurs \d+ times in the article \(¶2 ×2, ¶3 ×2, ¶4 ×5",
        out,
    ), out
    assert "Traceback" not in out


def test_a_quote_that_matches_nowhere_stops_the_build(project, tmp_path):
    notes = project / "sources" / "notes.yml"
    line = append(notes, '- id: drifted\n  quote: "Russias war effort"\n  title: T\n  text: x\n')
    code, out = build(project / "mkdocs.yml", tmp_path / "site")
    assert code != 0
    assert f"sources/notes.yml:{line + 1}: quote 'Russias war effort' is not in the article's paragraphs" in out
    assert "Traceback" not in out


def test_an_unused_source_is_a_warning_that_fails_strict(project, tmp_path):
    registry = project / "sources" / "sources.yml"
    line = append(
        registry,
        "- id: nobody-cites-me\n  title: Lonely\n  publisher: P\n"
        '  url: "https://example.org/lonely"\n  kind: secondary\n  status: seen\n',
    )
    code, out = build(project / "mkdocs.yml", tmp_path / "site", strict=True)
    assert code != 0
    assert f"{registry}:{line}: source 'nobody-cites-me' is cited by no claim, note or other data file" in out
    assert "Cite it (in sources/claims.yml or sources/notes.yml)" in out
    assert "WARNING" in out
    code, out = build(project / "mkdocs.yml", tmp_path / "site2", strict=False)
    assert code == 0


def test_data_reaches_the_page_escaped(project, tmp_path):
    evil = '<script>alert(1)</script> "onmouseover=alert(2)'
    append(
        project / "sources" / "sources.yml",
        yaml.safe_dump(
            [
                {
                    "id": "evil-source",
                    "title": evil,
                    "publisher": evil,
                    "url": "https://example.org/evil",
                    "kind": "primary",
                    "locator": evil,
                    "status": "derived",
                }
            ],
            allow_unicode=True,
        ),
    )
    append(project / "sources" / "claims.yml", '- quote: "do not lend themselves"\n  sources: [evil-source]\n')
    append(
        project / "sources" / "notes.yml",
        yaml.safe_dump(
            [{"id": "evil-note", "quote": "Simply put", "title": evil, "text": evil, "sources": ["evil-source"]}],
            allow_unicode=True,
        ),
    )
    code, out = build(project / "mkdocs.yml", tmp_path / "site")
    assert code == 0, out
    section = tmp_path / "site" / "read" / "russian-strife-in-space" / "index.html"
    for page in (section, tmp_path / "site" / "sources" / "index.html"):
        soup = parse(page)
        assert soup.find("script", string=re.compile("alert")) is None
        assert not [t for t in soup.find_all(True) if any(a.startswith("onmouseover") for a in t.attrs)]
        assert evil in soup.get_text()
    soup = parse(section)
    assert evil in soup.find(id="note-evil-note").get_text()
    [item] = [li for li in soup.select("ol.ar-sources > li") if li["data-source-id"] == "evil-source"]
    assert evil in item.select_one("cite").get_text()
    assert item.select_one(".ar-badge").get_text() == "address not checked"
