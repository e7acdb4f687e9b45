"""The offline copy: `scripts/build-offline` makes dist/reading-offline.zip,
and the site in it works opened from disk (file://) with no other host."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from helpers import ROOT, early_output, may_start_early, parsed

SHIM = ROOT / "docs" / "assets" / "vendor" / "iframe-worker" / "shim.js"
SHIM_SHA256 = "e8e412dbcfea9b7e31b5ffa288d7b6035915e714c542f4176a0cdbe262fc9609"
LOCAL = ("file://", "data:", "blob:", "about:")


def _config(name: str) -> dict:
    # mkdocs.yml uses !ENV; a loader that keeps unknown tags as plain values is enough here.
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    return yaml.load((ROOT / name).read_text(encoding="utf-8"), Loader=Loader)


may_start_early(
    "build-offline",
    "test_offline.py::test_the_zip_holds_a_complete_site_that_loads_nothing_from_elsewhere",
    [str(ROOT / "scripts" / "build-offline"), "--out", "{out}"],
)


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Runs the documented command (perhaps early: helpers.may_start_early) and unzips what it wrote."""
    code, output, out = early_output("build-offline")
    unzipped = tmp_path_factory.mktemp("offline")
    assert code == 0, output
    archive = out / "reading-offline.zip"
    assert archive.is_file(), output
    with zipfile.ZipFile(archive) as z:
        names = z.namelist()
        assert all(n.startswith("reading-offline/") for n in names), "everything sits in one folder"
        z.extractall(unzipped)
    return unzipped / "reading-offline"


def test_offline_config_differs_from_the_site_only_where_it_must():
    online, offline = _config("mkdocs.yml"), _config("mkdocs.offline.yml")
    assert offline["INHERIT"] == "mkdocs.yml"
    assert offline["use_directory_urls"] is False
    # The feature list is repeated (YAML lists are replaced, not merged): keep it in step.
    expected = [f for f in online["theme"]["features"] if not f.startswith("navigation.instant")]
    assert offline["theme"]["features"] == expected
    assert offline["plugins"] == [*online.get("plugins", []), "offline"]
    assert offline["extra"]["polyfills"] == ["assets/vendor/iframe-worker/shim.js"]


def test_the_vendored_shim_is_the_published_file_with_its_licence():
    assert hashlib.sha256(SHIM.read_bytes()).hexdigest() == SHIM_SHA256
    assert "MIT" in (SHIM.parent / "SOURCE.txt").read_text(encoding="utf-8")
    assert "Permission is hereby granted" in (SHIM.parent / "LICENSE.txt").read_text(encoding="utf-8")


def test_the_zip_holds_a_complete_site_that_loads_nothing_from_elsewhere(offline_site):
    assert (offline_site / "README.txt").is_file()
    pages = sorted(offline_site.rglob("*.html"))
    assert offline_site / "read" / "sanctions.html" in pages
    assert (offline_site / "search" / "search_index.js").is_file(), "search index inlined for file://"
    for page in pages:
        soup = parsed(page)
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for el in soup.find_all(tag):
                value = el.get(attr) or ""
                if tag == "link" and "stylesheet" not in (el.get("rel") or []) and el.get("rel") != ["icon"]:
                    continue  # canonical and alternate links fetch nothing
                assert not value.startswith(("http:", "https:", "//")), f"{page.name} loads {value}"
        # Links between pages are relative .html files, which work from a folder.
        for a in soup.select("nav a[href]"):
            href = a["href"]
            assert not href.endswith("/") or href.startswith(("http", "#")), f"{page.name}: {href}"


def test_opened_from_disk_search_text_and_tooltips_work_without_any_other_host(page, offline_site):
    index = (offline_site / "index.html").as_uri()
    page.goto(index)
    # Search: Material's worker runs through the local shim from file://.
    page.keyboard.press("s")
    page.locator("input.md-search__input").press_sequentially("Vostochny", delay=30)
    results = page.locator(".md-search-result")
    expect(results).to_contain_text("Vostochny", timeout=15_000)
    hrefs = results.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert any("read/opening.html" in h for h in hrefs), hrefs
    page.keyboard.press("Escape")

    # A section page shows the article's words.
    page.goto((offline_site / "read" / "sanctions.html").as_uri())
    expect(page.locator("#p-4")).to_contain_text("Guterres")

    # In Study (previews show only there), a glossary term opens its card on hover.
    page.locator("input[value='study']").check()
    expect(page.locator("html")).to_have_attribute("data-reading-mode", "study")
    term = page.locator("article a.gl-term").first
    term.scroll_into_view_if_needed()
    term.hover()
    expect(page.locator(".gl-tip")).to_be_visible(timeout=3000)

    # The teaching pages' figure and form work too.
    # The what-if form's script is fetched as the form nears the screen.
    page.goto((offline_site / "numbers.html").as_uri())
    page.locator("svg.ts-chart").scroll_into_view_if_needed()
    expect(page.locator("form.ts-whatif")).to_be_visible()

    others = [url for url in page.requests_seen if not url.startswith(LOCAL)]
    assert others == [], f"requests to other hosts: {others}"
    assert page.errors == []
