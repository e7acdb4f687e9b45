"""The Content-Security-Policy every page carries (readkit/csp.py, hooks/csp.py).

Pure functions: which inline scripts a page has, their hashes, the policy.
The built site: every page has one policy, before any script, naming exactly
the hashes of its own inline scripts and no other host. In Chromium: a script
and an event attribute injected into a built page run neither, while search,
instant navigation, the light/dark toggle, tooltips and quizzes work with no
policy violation; the offline copy (file://) searches with its variant.
"""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from playwright.sync_api import expect

from helpers import ROOT, build_env, draw_all
from readkit.csp import CSPError, add_policy, inline_scripts, policy, script_hash, shim_frame_script

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
SHIM = ROOT / "docs" / "assets" / "vendor" / "iframe-worker" / "shim.js"


def directives(content: str) -> dict[str, list[str]]:
    out = {}
    for part in content.split(";"):
        name, *values = part.split()
        out[name] = values
    return out


# -- Pure functions ----------------------------------------------------------------------


def test_only_scripts_the_browser_runs_are_hashed():
    page = (
        '<head><meta charset="utf-8"><script>a()</script><script src="x.js"></script>'
        '<script id="__config" type="application/json">{"a": 1}</script>'
        '<script type="module">b()</script><script type="text/javascript">c()</script></head>'
    )
    assert inline_scripts(page) == ["a()", "b()", "c()"]


TEXT = st.characters(blacklist_categories=("Cs",))  # what an HTML file can hold


@given(st.text(alphabet=TEXT, max_size=200))
def test_a_hash_is_the_sha256_of_the_scripts_utf8_text(text):
    expected = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()
    assert script_hash(text) == f"'sha256-{expected}'"


@given(
    st.lists(
        st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="<"), max_size=40), max_size=4
    )
)
def test_the_policy_comes_first_and_names_each_inline_script(bodies):
    page = (
        '<html><head><meta charset="utf-8"><title>t</title>'
        + "".join(f"<script>{b}</script>" for b in bodies)
        + "</head></html>"
    )
    out = add_policy(page)
    m = META.search(out)
    assert m and m.start() < out.find("<script") if bodies else m
    assert out.replace(m.group(0), "") == page
    script_src = directives(m.group(1))["script-src"]
    assert script_src[0] == "'self'"
    assert set(script_src[1:]) == {script_hash(b) for b in bodies}


def test_a_script_before_the_charset_is_refused():
    with pytest.raises(CSPError):
        add_policy('<html><head><script>x()</script><meta charset="utf-8"></head></html>')
    with pytest.raises(CSPError):
        add_policy("<p>no head</p>")


def test_the_policy_names_no_host_and_allows_nothing_inline():
    for offline in (False, True):
        d = directives(policy(["'sha256-x'"], offline=offline))
        for name, values in d.items():
            for value in values:
                assert value in ("'self'", "'none'", "data:", "file:", "'sha256-x'"), (name, value)
        assert "'unsafe-inline'" not in str(d) and "'unsafe-eval'" not in str(d)
        assert d["object-src"] == ["'none'"] and d["base-uri"] == ["'self'"] and d["form-action"] == ["'self'"]
        assert "data:" in d["img-src"] and "data:" not in d["script-src"] + d["default-src"]


def test_the_shims_frame_script_is_spelled_out():
    script = shim_frame_script(SHIM.read_text(encoding="utf-8"), "../assets/w.js")
    assert script.startswith('postMessage=function c(s,n){parent.postMessage(s,n||"*")};importScripts=function d(')
    assert 'filename:"../assets/w.js"' in script and "${" not in script


# -- The built site ---------------------------------------------------------------------------


def test_every_page_has_one_policy_before_any_script_with_its_own_hashes(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) >= 10 and built_site / "404.html" in pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        metas = META.findall(text)
        assert len(metas) == 1, page
        head = text[: text.index("</head>")]
        assert head.index("Content-Security-Policy") < head.index("<script"), page
        d = directives(metas[0])
        scripts = inline_scripts(text)
        assert len(scripts) >= 3, page  # Material's three
        assert d["script-src"] == ["'self'", *dict.fromkeys(script_hash(s) for s in scripts)], page
        assert d["style-src"] == ["'self'"]
        # Nothing in the page needs inline styles: no style attribute, no <style>.
        assert not re.search(r"<[a-zA-Z][^>]*\sstyle\s*=|<style[\s>]", text), page


# -- In the browser ------------------------------------------------------------------------------

WATCH = """
  window.__csp = [];
  document.addEventListener("securitypolicyviolation",
    e => window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sample || "")));
"""


STUDY = "try { localStorage.setItem('ar-reading-mode', 'study'); } catch (e) {}"  # the mode with glossary cards


def watched(page):
    """Record policy violations (events and console messages) for this page."""
    console: list[str] = []
    page.add_init_script(WATCH)
    page.add_init_script(STUDY)
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    return console


def violations(page, console) -> list[str]:
    events = page.evaluate("window.__csp")
    assert events is not None, "the violation listener is in place"
    return list(events) + console


def test_an_injected_script_and_event_attribute_run_neither(built_site, tmp_path, serve_dir, page):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    target = site / "read" / "sanctions" / "index.html"
    text = target.read_text(encoding="utf-8")
    injected = (
        '<script>window.__pwned = "script"</script>'
        '<img id="evil" src="data:," onerror="window.__pwned = \'onerror\'">'
        '<button id="evil-button" onclick="window.__pwned = \'onclick\'">x</button>'
        '<a id="evil-link" href="javascript:window.__pwned=\'link\'">y</a>'
    )
    target.write_text(
        text.replace(
            '<article class="md-content__inner md-typeset">',
            '<article class="md-content__inner md-typeset">' + injected,
            1,
        ),
        encoding="utf-8",
    )
    assert injected in target.read_text(encoding="utf-8")
    console = watched(page)
    page.goto(serve_dir(site) + "read/sanctions/")
    page.locator("#evil-button").click()
    page.locator("#evil-link").click()
    page.wait_for_timeout(200)
    assert page.evaluate("window.__pwned") is None
    events = page.evaluate("window.__csp")
    # The browser refused each injection and nothing else: the inline script
    # and the javascript: link (script-src-elem), both event attributes (script-src-attr).
    assert sorted(e.split()[0] for e in events) == ["script-src-attr"] * 2 + ["script-src-elem"] * 2, events
    assert len(console) == len(events), (console, events)
    assert page.evaluate("document.documentElement.classList.contains('js')"), "Material's own scripts still ran"


def test_the_site_works_under_its_policy_with_no_violation(page, site_server):
    console = watched(page)
    page.emulate_media(color_scheme="light")
    page.goto(site_server + "read/russian-strife-in-space/", wait_until="networkidle")
    # Tooltips.
    term = page.locator('article a.gl-term[data-term="roscosmos"]')
    term.scroll_into_view_if_needed()
    term.hover()
    expect(page.locator(".gl-tip")).to_be_visible(timeout=3000)
    page.mouse.move(5, 890)
    # The light/dark toggle.
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    seen = [page.evaluate(scheme)]
    for _ in range(2):
        page.locator("form[data-ar-palette] label:visible").click()
        seen.append(page.evaluate(scheme))
    assert seen == ["default", "default", "slate"]  # system (light here) -> light -> dark
    # Waiting on a bare expression needs no eval (conftest hands it over as a function).
    page.evaluate("setTimeout(() => { window.__later = true }, 50)")
    page.wait_for_function("window.__later === true")
    # A quiz.
    page.wait_for_function("window.__quizBound === true")
    quiz = page.locator("section.quiz").first
    quiz.scroll_into_view_if_needed()
    quiz.locator("input").first.check()
    quiz.locator(".quiz-check").click()
    expect(quiz.locator(".quiz-status")).not_to_be_empty()
    # Instant navigation, across folder depths (each page's hashes differ).
    page.evaluate("window.__sameDocument = true")
    page.locator("a.md-footer__link--next").click()
    expect(page).to_have_url(re.compile(r"whats-in-it-for-russia/$"))
    page.locator(".md-nav a[href$='glossary/']").first.click()
    expect(page).to_have_url(re.compile(r"/glossary/$"))
    page.locator("article a[href*='/read/']").first.click()
    expect(page).to_have_url(re.compile(r"/read/[a-z-]+/(#.*)?$"))
    assert page.evaluate("window.__sameDocument === true")
    # Search.
    page.keyboard.press("s")
    page.locator("input.md-search__input").press_sequentially("Vostochny", delay=30)
    expect(page.locator(".md-search-result")).to_contain_text("Vostochny Cosmodrome", timeout=15_000)
    page.keyboard.press("Escape")
    assert violations(page, console) == []
    assert page.errors == []


def test_every_page_loads_fully_drawn_with_no_violation(page, site_server, built_site):
    console = watched(page)
    pages = sorted(p.parent.relative_to(built_site).as_posix() for p in built_site.rglob("index.html"))
    assert len(pages) >= 10
    for rel in pages:
        page.goto(site_server + ("" if rel == "." else rel + "/"), wait_until="networkidle")
        draw_all(page)
        page.mouse.wheel(0, 4000)
        page.wait_for_timeout(100)
        assert violations(page, console) == [], rel
    assert page.errors == []


def test_the_offline_copy_searches_from_disk_under_its_policy(page, tmp_path):
    proc = subprocess.run(
        [str(ROOT / "scripts" / "build-offline"), "--out", str(tmp_path)],
        cwd=ROOT,
        env=build_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout
    shutil.unpack_archive(tmp_path / "reading-offline.zip", tmp_path / "unzipped")
    site = tmp_path / "unzipped" / "reading-offline"
    text = (site / "read" / "sanctions.html").read_text(encoding="utf-8")
    d = directives(META.search(text).group(1))
    assert d["script-src"][:2] == ["'self'", "file:"]
    assert len(d["script-src"]) == 2 + len(inline_scripts(text)) + 1  # + the shim's frame script
    console = watched(page)
    page.goto((site / "read" / "sanctions.html").as_uri())
    page.keyboard.press("s")
    page.locator("input.md-search__input").press_sequentially("Vostochny", delay=30)
    expect(page.locator(".md-search-result")).to_contain_text("Vostochny", timeout=15_000)
    term = page.locator("article a.gl-term").first
    page.keyboard.press("Escape")
    term.scroll_into_view_if_needed()
    term.hover()
    expect(page.locator(".gl-tip")).to_be_visible(timeout=3000)
    assert violations(page, console) == []
    assert page.errors == []


def test_a_copy_without_the_offline_plugin_keeps_the_strict_policy(built_site):
    text = (Path(built_site) / "index.html").read_text(encoding="utf-8")
    assert "file:" not in META.search(text).group(1)


def test_the_hook_adds_the_policy_to_built_pages_but_not_under_serve():
    import importlib.util
    from types import SimpleNamespace

    spec = importlib.util.spec_from_file_location("csp_hook", ROOT / "hooks" / "csp.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    page = SimpleNamespace(file=SimpleNamespace(src_uri="x.md"))
    html = '<html><head><meta charset="utf-8"><script>a()</script></head></html>'
    online = SimpleNamespace(plugins={"search": None}, extra={}, docs_dir=str(ROOT / "docs"))
    offline = SimpleNamespace(
        plugins={"search": None, "material/offline": None},
        extra={"polyfills": ["assets/vendor/iframe-worker/shim.js"]},
        docs_dir=str(ROOT / "docs"),
    )
    hook.on_startup(command="build", dirty=False)
    built = hook.on_post_page(html, page=page, config=online)
    assert META.search(built) and "file:" not in built
    assert "file:" in hook.on_post_page(html, page=page, config=offline)
    assert META.search(hook.on_post_template(html, template_name="404.html", config=online))
    assert hook.on_post_template("<urlset/>", template_name="sitemap.xml", config=online) == "<urlset/>"
    hook.on_startup(command="serve", dirty=False)
    try:
        assert hook.on_post_page(html, page=page, config=online) == html  # live reload adds an inline script
    finally:
        hook.on_startup(command="build", dirty=False)
    from mkdocs.exceptions import PluginError

    with pytest.raises(PluginError, match="x.md: a script comes before"):
        hook.on_post_page(
            '<html><head><script>a()</script><meta charset="utf-8"></head></html>', page=page, config=online
        )
