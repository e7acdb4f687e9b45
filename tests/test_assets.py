"""Pages load the site's own CSS and JS as one file each (fewer requests
before a phone can draw the page), made from the widgets' files in order,
minified, and within the weight budget a phone downloads."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from helpers import ROOT, parsed
from readkit.bundle import (
    BUDGET,
    SHORT_PAGE,
    bundle,
    fetch_after_load,
    gzipped_size,
    is_local,
    loader,
    minify,
    on_demand_uri,
)
from readkit.seed import load_reading

MATERIAL = ("assets/stylesheets/", "assets/javascripts/")


def config_lists() -> tuple[list[str], list[str]]:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    # site_url uses !ENV; the lists we read are plain.
    data = yaml.safe_load(text.replace("!ENV", ""))
    return data["extra_css"], data["extra_javascript"]


def on_demand() -> dict[str, str]:
    """Scripts loaded on demand: path -> CSS selector of what needs them."""
    data = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    return dict(data["extra"]["reading"].get("on_demand") or {})


def test_every_page_links_one_stylesheet_and_one_script_of_ours(built_site):
    for page in built_site.rglob("*.html"):
        soup = parsed(page)
        ours_css = [
            link["href"] for link in soup.select('link[rel="stylesheet"]') if "assets/stylesheets/" not in link["href"]
        ]
        ours_js = [s["src"] for s in soup.select("script[src]") if "assets/javascripts/" not in s["src"]]
        later = [s["data-later"] for s in soup.select("script[data-later]")]
        assert [h.rsplit("/", 1)[-1] for h in ours_css] == ["site.css"], page
        # mode.js: the one-line script in the head that sets the reading mode
        # before the first paint; site.js is either linked or loaded by it.
        assert [h.rsplit("/", 1)[-1] for h in ours_js + later] == ["mode.js", "site.js"], page
        ref = (later or ours_js)[-1]
        assert len(later) <= 1 and (
            ref == "/assets/site.js" or (page.parent / ref).resolve() == built_site / "assets" / "site.js"
        )


def test_section_and_long_pages_start_the_bundle_at_once_and_short_pages_once_they_have_loaded(built_site):
    # A section page's first screen waits for the bundle (the glosses of
    # Explain words), and on a long page a deferred script after Material's
    # keeps Material's start-up out of its bundle's task: `defer`. On a short
    # page nothing shown at first needs it: mode.js fetches it after the load event.
    how = {}
    for page in built_site.rglob("*.html"):
        soup = parsed(page)
        mode = soup.head.select_one('script[src$="assets/js/mode.js"]')
        linked = soup.select_one('body script[src$="/site.js"], body script[src="assets/site.js"]')
        assert (linked is None) == mode.has_attr("data-later"), page  # one way or the other, never both
        how[page.relative_to(built_site).as_posix()] = "after load" if linked is None else "at once"
    reading = load_reading(ROOT / "seeds" / "necessity-knows-no-law.yml")
    sections = {f"{reading.section_dir}/{s.slug}/index.html" for s in reading.sections}
    assert {p for p, h in how.items() if h == "at once"} == sections | {
        "404.html",  # a theme page, rendered without a page of ours
        "glossary/index.html",
        "sources/index.html",
        "print/index.html",
        "teachers/index.html",
        "timeline/index.html",
    }
    assert {p for p, h in how.items() if h == "after load"} == {
        "index.html",
        "about/index.html",
        "notes/index.html",
        "numbers/index.html",
        "progress/index.html",
        "review/index.html",
    }


def test_only_short_pages_outside_the_sections_fetch_the_bundle_after_load():
    assert fetch_after_load(SHORT_PAGE - 1, section=False)
    assert not fetch_after_load(SHORT_PAGE, section=False)
    assert not fetch_after_load(0, section=True)


def test_the_mode_script_runs_in_the_head_before_any_stylesheet_and_stays_tiny(built_site):
    for page in built_site.rglob("*.html"):
        head = parsed(page).head
        mode = head.select_one('script[src$="assets/js/mode.js"]')
        assert mode is not None and not mode.has_attr("defer") and not mode.has_attr("async"), page
        first_sheet = head.select_one('link[rel="stylesheet"]')
        assert first_sheet is not None
        assert mode.sourceline < first_sheet.sourceline or (
            mode.sourceline == first_sheet.sourceline and mode.sourcepos < first_sheet.sourcepos
        ), page
    assert len((built_site / "assets" / "js" / "mode.js").read_bytes()) < 512


def test_every_script_waits_for_the_page_and_material_runs_first(built_site):
    # `defer`: a phone draws the page before the scripts run, and they run in
    # document order (ours subscribe to Material's document$).
    for page in built_site.rglob("*.html"):
        scripts = parsed(page).select("body script[src]")
        assert scripts, page
        assert all(s.has_attr("defer") for s in scripts), page
        names = [s["src"].rsplit("/", 1)[-1] for s in scripts]
        assert names[0].startswith("bundle."), (page, names)
        # Ours comes last, or after the load event (mode.js's data-later).
        assert names[-1] == "site.js" or parsed(page).select_one("script[data-later]"), (page, names)


WHEN_FETCHED = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const js = performance.getEntriesByType("resource").find(e => new URL(e.name).pathname.endsWith("/assets/site.js"));
  return {js: js ? js.startTime : null, parsed: nav.domContentLoadedEventStart, loaded: nav.loadEventStart};
}"""


def test_off_the_article_the_bundle_comes_after_the_page_has_loaded_and_still_works(page, site_server):
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    # Home: fetched once the load event has fired; the light/dark toggle then works.
    page.goto(site_server)
    times = page.evaluate(WHEN_FETCHED)
    assert times["js"] is not None and times["js"] >= times["loaded"] > 0, times
    seen = [page.evaluate(scheme)]
    for _ in range(2):
        page.locator("form[data-ar-palette] label:visible").click()
        seen.append(page.evaluate(scheme))
    assert seen == ["default", "default", "slate"]  # system (light here) -> light -> dark
    # A section page: with the page, before it is parsed (`defer`).
    page.goto(site_server + "read/sanctions/")
    times = page.evaluate(WHEN_FETCHED)
    assert times["js"] is not None and times["js"] < times["parsed"], times
    # A short page, the address naming a place in it: as soon as the page is
    # parsed, so lazy.js can draw the page whole for the anchor early.
    page.goto(site_server + "about/#how-the-text-is-reproduced")
    times = page.evaluate(WHEN_FETCHED)
    assert times["js"] is not None and times["parsed"] <= times["js"] <= times["loaded"], times
    assert page.errors == []  # type: ignore[attr-defined]


def test_the_bundles_hold_every_widget_file_in_order_minified(built_site):
    css, js = config_lists()
    docs = ROOT / "docs"
    site_css = (built_site / "assets" / "site.css").read_text(encoding="utf-8")
    site_js = (built_site / "assets" / "site.js").read_text(encoding="utf-8")
    later = on_demand()
    bundled_js = [u for u in js if u not in later]
    assert site_css == bundle(docs, css, "css", minified=True)
    assert site_js == bundle(docs, bundled_js, "js", minified=True) + loader(later)
    for uri in later:
        served = (built_site / on_demand_uri(uri)).read_text(encoding="utf-8")
        assert served == minify((docs / uri).read_text(encoding="utf-8"), "js")
        assert served not in site_js
    for text, uris, kind in ((site_css, css, "css"), (site_js, bundled_js, "js")):
        positions = [text.index(minify((docs / uri).read_text(encoding="utf-8"), kind)) for uri in uris]
        assert positions == sorted(positions), kind
        # What the source files say to their readers stays out of what phones download.
        assert "/* assets/" not in text and len(text) < len(bundle(docs, uris, kind)) * 0.8, kind


def own_assets(page: Path, site: Path) -> list[Path]:
    """The project's own stylesheets and scripts a built page loads (not Material's)."""
    soup = parsed(page)
    refs = [link["href"] for link in soup.select('link[rel="stylesheet"][href]')] + [
        s["src"] for s in soup.select("script[src]")
    ]
    refs += [s["data-later"] for s in soup.select("script[data-later]")]  # fetched after the load event
    out = []
    for ref in refs:
        if not is_local(ref) or any(m in ref for m in MATERIAL):
            continue
        out.append((page.parent / ref.split("?")[0]).resolve())
    assert all(p.is_relative_to(site.resolve()) and p.is_file() for p in out), (page, out)
    return out


def test_every_pages_own_bundles_weigh_at_most_the_budget_gzipped(built_site):
    # What each built page links, counted as served: gzip, JS and CSS together.
    weights = {}
    for page in built_site.rglob("*.html"):
        files = own_assets(page, built_site)
        weights[page.relative_to(built_site).as_posix()] = (
            sum(gzipped_size(f.read_text(encoding="utf-8")) for f in files),
            [f.name for f in files],
        )
    heaviest = max(weights, key=lambda k: weights[k][0])
    size, names = weights[heaviest]
    assert size <= BUDGET, (
        f"{heaviest} links {size} bytes of our JS and CSS gzipped ({', '.join(names)}), over the "
        f"{BUDGET}-byte budget. Make the new code smaller, or load it only when it is first used "
        "(bench/asset_weight.py shows each file's share)"
    )


OWN_FETCHED = """() => performance.getEntriesByType("resource").map(e => new URL(e.name).pathname)
  .filter(p => /\\/assets\\/.*\\.(js|css)$/.test(p) && !/\\/assets\\/(javascripts|stylesheets)\\//.test(p))"""


# Main code of a layer fetched on its first use (the contract for such
# layers): on the page that is that use (the notes review), it comes at once.
FIRST_USE = {"assets/js/mine.js"}


@pytest.mark.parametrize("width,height", [(390, 844), (1280, 720)])
def test_what_every_page_fetches_of_ours_at_start_up_stays_within_the_budget(
    browser, site_server, built_site, width, height
):
    # In the browser, before any scrolling: the bundles and whatever they fetch.
    base = urlparse(site_server).path
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    heaviest: tuple[int, str, list[str]] = (0, "", [])
    try:
        for html in sorted(built_site.rglob("index.html")):
            rel = html.parent.relative_to(built_site).as_posix()
            path = "" if rel == "." else rel + "/"
            page.goto(site_server + path, wait_until="networkidle")
            fetched = sorted(p for p in set(page.evaluate(OWN_FETCHED)) if p[len(base) :] not in FIRST_USE)
            size = sum(gzipped_size((built_site / p[len(base) :]).read_text(encoding="utf-8")) for p in fetched)
            heaviest = max(heaviest, (size, path, fetched))
    finally:
        context.close()
    size, path, fetched = heaviest
    assert size <= BUDGET, f"/{path} fetches {size} bytes of our JS and CSS at start-up ({fetched})"
    assert any(p.endswith("/site.js") for p in fetched)


def test_minify_keeps_what_the_code_means():
    js = 'var a = "/* not a comment */"; // gone\nvar re = /\\/+/g\nvar b = a\n+1'
    out = minify(js, "js")
    assert '"/* not a comment */"' in out and "gone" not in out and "/\\/+/g" in out
    # A line break that ends a statement (no semicolon) is kept.
    assert "/g\n" in out or "/g;" in out
    css = '/* gone */\n.a  >  .b { color : red ; }\n@media (min-width: 60em) { .c { content: "/* kept */"; } }'
    out = minify(css, "css")
    assert "gone" not in out and '"/* kept */"' in out and ".a>.b{color:red}" in out
    assert "@media (min-width:60em)" in out or "@media(min-width:60em)" in out


def test_unminified_bundle_names_each_file(tmp_path):
    (tmp_path / "a.css").write_text("/* why */ .a { color: red }", encoding="utf-8")
    assert "/* a.css */" in bundle(tmp_path, ["a.css"], "css")
    assert "why" not in bundle(tmp_path, ["a.css"], "css", minified=True)


def test_bundle_separates_scripts_so_they_cannot_run_together(tmp_path):
    (tmp_path / "a.js").write_text("var a = 1", encoding="utf-8")
    (tmp_path / "b.js").write_text("(function () {})()", encoding="utf-8")
    out = bundle(tmp_path, ["a.js", "b.js"], "js")
    assert "var a = 1\n;" in out and out.index("a.js") < out.index("b.js")
    assert is_local("assets/x.css") and not is_local("https://example.org/x.css") and not is_local("//cdn/x.js")


def test_a_script_few_pages_need_loads_only_where_its_content_is(page, site_server):
    # The what-if form of "Check the numbers": its script is not in the bundle
    # every page loads; it comes when a page holds the form, also after
    # instant navigation, and the form works.
    page.goto(site_server + "read/opening/", wait_until="networkidle")
    assert not [u for u in page.requests_seen if "/on-demand/" in u]  # type: ignore[attr-defined]
    page.evaluate("window.__sameDocument = true")
    page.locator(".md-sidebar--primary a[href$='numbers/']").first.click()
    page.wait_for_url("**/numbers/")
    assert page.evaluate("window.__sameDocument") is True  # instant navigation
    form = page.locator("form.ts-whatif")
    # Not on the first screen: fetched as the reader scrolls towards it.
    page.wait_for_timeout(300)
    assert not [u for u in page.requests_seen if "/on-demand/" in u]  # type: ignore[attr-defined]
    page.evaluate("document.querySelector('form.ts-whatif').previousElementSibling.scrollIntoView()")
    form.wait_for(state="visible")
    assert [u for u in page.requests_seen if u.endswith("/on-demand/shells.js")]  # type: ignore[attr-defined]
    before = form.locator(".ts-result").inner_text()
    field = form.locator("input").first
    field.fill(str(float(field.input_value() or 0) * 2 + 1))
    field.dispatch_event("change")
    page.wait_for_function("b => document.querySelector('form.ts-whatif .ts-result').innerText !== b", arg=before)
    assert not page.errors  # type: ignore[attr-defined]


def test_on_demand_must_name_a_bundled_script(tmp_path):
    from helpers import build, copy_project

    project = copy_project(tmp_path / "p")
    cfg = project / "mkdocs.yml"
    cfg.write_text(
        cfg.read_text(encoding="utf-8").replace(
            "assets/js/shells.js: form.ts-whatif", "assets/js/nowhere.js: form.ts-whatif"
        ),
        encoding="utf-8",
    )
    code, out = build(cfg, tmp_path / "site")
    assert code != 0 and "extra.reading.on_demand: 'assets/js/nowhere.js' must be a plain script" in out
