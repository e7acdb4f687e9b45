"""Pages load the site's own CSS and JS as one file each (fewer requests
before a phone can draw the page), made from the widgets' files in order."""

from __future__ import annotations

import yaml

from helpers import ROOT, parse
from readkit.bundle import bundle, is_local


def config_lists() -> tuple[list[str], list[str]]:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    # site_url uses !ENV; the lists we read are plain.
    data = yaml.safe_load(text.replace("!ENV", ""))
    return data["extra_css"], data["extra_javascript"]


def test_every_page_links_one_stylesheet_and_one_script_of_ours(built_site):
    for page in built_site.rglob("*.html"):
        soup = parse(page)
        ours_css = [l["href"] for l in soup.select('link[rel="stylesheet"]') if "assets/stylesheets/" not in l["href"]]
        ours_js = [s["src"] for s in soup.select("script[src]") if "assets/javascripts/" not in s["src"]]
        assert [h.rsplit("/", 1)[-1] for h in ours_css] == ["site.css"], page
        assert [h.rsplit("/", 1)[-1] for h in ours_js] == ["site.js"], page


def test_every_script_waits_for_the_page_and_material_runs_first(built_site):
    # `defer`: a phone draws the page before the scripts run, and they run in
    # document order (ours subscribe to Material's document$).
    for page in built_site.rglob("*.html"):
        scripts = parse(page).select("body script[src]")
        assert scripts, page
        assert all(s.has_attr("defer") for s in scripts), page
        names = [s["src"].rsplit("/", 1)[-1] for s in scripts]
        assert names[0].startswith("bundle.") and names[-1] == "site.js", (page, names)


def test_the_bundles_hold_every_widget_file_in_order(built_site):
    css, js = config_lists()
    docs = ROOT / "docs"
    assert (built_site / "assets" / "site.css").read_text(encoding="utf-8") == bundle(docs, css, "css")
    site_js = (built_site / "assets" / "site.js").read_text(encoding="utf-8")
    assert site_js == bundle(docs, js, "js")
    positions = [site_js.index((docs / uri).read_text(encoding="utf-8").strip()) for uri in js]
    assert positions == sorted(positions)


def test_bundle_separates_scripts_so_they_cannot_run_together(tmp_path):
    (tmp_path / "a.js").write_text("var a = 1", encoding="utf-8")
    (tmp_path / "b.js").write_text("(function () {})()", encoding="utf-8")
    out = bundle(tmp_path, ["a.js", "b.js"], "js")
    assert "var a = 1\n;" in out and out.index("a.js") < out.index("b.js")
    assert is_local("assets/x.css") and not is_local("https://example.org/x.css") and not is_local("//cdn/x.js")
