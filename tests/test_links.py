"""Every internal link of the built site leads somewhere: the file exists, and
the #anchor names an element on that page. External links are checked by
scripts/check-external-links, outside the default tests (no network here)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from helpers import page_ids, parsed

# The site is built with directory URLs; pages are served from this origin.
ORIGIN = "http://site.invalid/"
LINK_ATTRS = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src"}


def page_url(site: Path, html: Path) -> str:
    rel = html.relative_to(site).as_posix()
    if rel.endswith("index.html"):
        rel = rel[: -len("index.html")]
    return ORIGIN + rel


def target_file(site: Path, url: str) -> Path | None:
    path = unquote(urlsplit(url).path)[len(urlsplit(ORIGIN).path) :]
    candidate = site / path
    if path == "" or path.endswith("/"):
        candidate = candidate / "index.html"
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def internal_links(site: Path):
    """(page, url, attribute value) for every same-site link of every HTML page."""
    for html in sorted(site.rglob("*.html")):
        soup = parsed(html)  # one parse per page for both tests (and any other test reading it)
        base = page_url(site, html)
        for tag, attr in LINK_ATTRS.items():
            for el in soup.find_all(tag, attrs={attr: True}):
                value = el[attr].strip()
                if not value or value.startswith(("mailto:", "tel:", "javascript:", "data:")):
                    continue
                url = urljoin(base, value)
                if url.startswith(ORIGIN):
                    yield html, url, value


def test_the_crawl_sees_the_whole_site(built_site):
    pages = list(built_site.rglob("*.html"))
    links = list(internal_links(built_site))
    assert len(pages) >= 10
    assert len(links) > 500, "the crawl found too few links to prove anything"
    anchors = [u for _, u, _ in links if urlsplit(u).fragment]
    assert len(anchors) > 100


def broken_links(site: Path) -> list[str]:
    broken = []
    for html, url, value in internal_links(site):
        target = target_file(site, url)
        where = html.relative_to(site).as_posix()
        if target is None:
            broken.append(f"{where}: {value!r} -> no such file")
            continue
        fragment = unquote(urlsplit(url).fragment)
        if fragment and target.suffix == ".html" and fragment not in page_ids(target):
            broken.append(f"{where}: {value!r} -> no element with id {fragment!r}")
    return broken


def test_every_internal_link_and_anchor_resolves(built_site):
    broken = broken_links(built_site)
    assert not broken, f"{len(broken)} broken internal links:\n" + "\n".join(broken[:50])


def test_the_crawl_catches_missing_files_and_anchors(tmp_path):
    # The crawl itself must be able to fail.
    (tmp_path / "index.html").write_text('<a href="page/#here">x</a><a href="page/#gone">y</a>', encoding="utf-8")
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text('<p id="here">x</p><a href="../nowhere.html">z</a>', encoding="utf-8")
    assert sorted(broken_links(tmp_path)) == [
        "index.html: 'page/#gone' -> no element with id 'gone'",
        "page/index.html: '../nowhere.html' -> no such file",
    ]
