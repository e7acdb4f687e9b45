"""Hostile data: nothing a maintainer writes in a data file runs as a script.

Every field that accepts Markdown (glossary definitions and notes, note texts,
quiz prompts, options, items, feedback and explanations) goes through the one
policy in readkit/authoring.py; timeline and figure texts are plain text. The
property tests feed generated payloads (inline, reference and autolinks, raw
HTML, encoded schemes, attribute break-outs) through the real loaders and
renderers: each either stops with a ContentError at the field's line, or
renders HTML in which every element, attribute and link passes the policy.
The build tests run `mkdocs build` on a copy of the site carrying the two
exploits that once got through; the browser tests click what hostile data
can put in a page and check that no script ran.
"""

from __future__ import annotations

import copy
import re
import tempfile
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from playwright.sync_api import Error as PlaywrightError

from helpers import ROOT, build, copy_project
from readkit.authoring import BLOCK_TAGS, UnsafeMarkdown, href_allowed, markdown_html
from readkit.claims import load_notes
from readkit.errors import ContentError
from readkit.glossary import load_glossary
from readkit.quiz import load_page
from readkit.quiz_render import key_html, question_html
from readkit.seed import load_reading
from readkit.shells import load_shells
from readkit.shells_html import chart_html, figures_html
from readkit.sources import load_sources
from readkit.timeline import load_timeline, timeline_html

READING = load_reading(ROOT / "seeds" / "necessity-knows-no-law.yml")
A_SOURCE = "a-source"


def _registry() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sources.yml"
        path.write_text(
            f"- id: {A_SOURCE}\n  title: T\n  publisher: P\n  url: https://example.org/\n"
            "  kind: primary\n  status: seen\n",
            encoding="utf-8",
        )
        return load_sources(path)


SOURCES = _registry()
NOTE_QUOTE = "leader Kim-Jong Un"  # occurs once in the article

# -- Payloads -------------------------------------------------------------------

SCHEMES = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "  javascript:alert(1)",
    "\tjavascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\x01javascript:alert(1)",
    "javascript&#58;alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "&#0000106avascript:alert(1)",
    "%6Aavascript:alert(1)",
    "javascript://%0aalert(1)",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:image/svg+xml,<svg onload=alert(1)>",
    "http://example.org/",
    "//example.org/",
    "../sources/",
    "mailto:x@example.org",
    "https:alert(1)",
    'https://example.org/" onmouseover="alert(1)',
    "https://example.org/ok",
]
FORMS = [
    "[click]({u})",
    '[click]({u} "more")',
    "[click](<{u}>)",
    "[click][r]\n\n[r]: {u}",
    '[click][r]\n\n[r]: {u} "more"',
    "[click][r]\n\n[r]: <{u}> 'more'",
    "[r][]\n\n[r]: {u} (more)",
    "[r]\n\n[r]: {u}",
    "<{u}>",
    '<a href="{u}">click</a>',
    "<a href='{u}' onclick='alert(1)'>click</a>",
    '<img src="{u}" onerror="alert(1)">',
    "![pic]({u})",
    "![pic][i]\n\n[i]: {u}",
    "<script>alert(1)</script>",
    "<svg onload=alert(1)>",
    "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
    '" onmouseover="alert(1)',
    "' onfocus='alert(1)' autofocus='",
    '[click](https://example.org/ "x" onmouseover="alert(1)")',
    '[click](https://example.org/" onmouseover="alert(1))',
    "`<script>alert(1)</script>`",
    "*<b onclick=alert(1)>bold</b>*",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
]
RAW = ["<script", "<img", "<svg", "<iframe", "<a href", "<a ", "<b "]

words = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12)
payloads = st.builds(
    lambda before, form, url, after: before + form.format(u=url) + after,
    words,
    st.sampled_from(FORMS),
    st.sampled_from(SCHEMES),
    words,
)


class Tags(HTMLParser):
    """Every start tag with its attributes, entities decoded as a browser does."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def assert_field_safe(out: str) -> None:
    """A rendered field: only the policy's elements, attributes and links."""
    for tag, attrs in Tags(out).tags:
        assert tag in BLOCK_TAGS, (tag, out)
        for name, value in attrs:
            assert tag == "a" and name in ("href", "title"), (tag, name, out)
            if name == "href":
                assert href_allowed(value or ""), (value, out)
    assert_no_raw(out)


def assert_no_raw(out: str, own: tuple[str, ...] = ()) -> None:
    """No markup from a payload: the text may show `<script>` escaped, the HTML
    may not contain it. `own`: elements the renderer itself writes (the chart's <svg>)."""
    lowered = out.lower()
    for needle in ("<script", "<img", "<svg", "<iframe", "<b ", "<b>", "<object", "<embed", "<style", "<a href='"):
        if needle.strip("<> ") not in own:
            assert needle not in lowered, (needle, out)
    for tag, attrs in Tags(out).tags:
        assert tag in own or tag not in (
            "script",
            "img",
            "svg",
            "iframe",
            "object",
            "embed",
            "style",
            "base",
            "meta",
            "link",
        ), out
        for name, value in attrs:
            assert not name.startswith("on"), (name, out)
            assert name not in ("style", "src", "srcdoc", "formaction", "action"), (name, out)
            if value and name in ("href", "xlink:href"):
                squeezed = re.sub(r"[\x00-\x20]", "", value).lower()
                assert not squeezed.startswith(("javascript:", "vbscript:", "data:")), (value, out)


def assert_page_safe(out: str, built_hrefs: set[str], own: tuple[str, ...] = ()) -> None:
    """Renderer output around fields: no script, no handler, and every link is
    either the renderer's own (`built_hrefs`) or passes the policy."""
    assert_no_raw(out, own)
    for _tag, attrs in Tags(out).tags:
        for name, value in attrs:
            if name == "href":
                assert value in built_hrefs or href_allowed(value or ""), (value, out)


def escaped_text_kept(payload: str, out: str) -> None:
    """Raw HTML without Markdown in it is shown to the reader exactly as written."""
    payload = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", payload)  # invisible, dropped
    if not re.search(r"[\[\]*_`!\\]|&|^\s|\s$|\n", payload):
        shown = " ".join(BeautifulSoup(out, "html.parser").get_text().split())
        assert " ".join(payload.split()) in shown, (payload, out)


# -- Every field, through its loader and renderer -------------------------------------

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(payload=payloads, inline=st.booleans())
def test_the_policy_refuses_or_renders_safely(payload: str, inline: bool) -> None:
    try:
        out = markdown_html(payload, inline=inline)
    except UnsafeMarkdown as err:
        assert "https://" in err.hint or "one paragraph" in err.what or "images" in err.what
        return
    assert_field_safe(out)
    escaped_text_kept(payload, out)


def _glossary(tmp: Path, definition: str, note: str | None) -> tuple[str, str]:
    folder = tmp / "glossary"
    folder.mkdir(exist_ok=True)
    for old in folder.glob("*.yml"):
        old.unlink()
    entry = {"term": "Hostile", "category": "concept", "definition": definition, "sources": [A_SOURCE]}
    if note is not None:
        entry["note"] = note
    (folder / "hostile.yml").write_text(yaml.safe_dump(entry, allow_unicode=True, sort_keys=False), encoding="utf-8")
    e = load_glossary(folder, SOURCES).entries["hostile"]
    return e.definition_html + (e.note_html or "")


def key_line(path: Path, key: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if line.startswith(f"{key}:"))


@SETTINGS
@given(payload=payloads, where=st.sampled_from(["definition", "note"]))
def test_glossary_definitions_and_notes(payload: str, where: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        try:
            out = _glossary(
                Path(tmp), payload if where == "definition" else "Plain.", payload if where == "note" else None
            )
        except ContentError as err:
            # The field's own line.
            assert err.line == key_line(Path(tmp) / "glossary" / "hostile.yml", where), str(err)
            assert f"glossary entry 'hostile', {where}: " in err.message and err.hint
            return
    # Glossary links may also be `#entry-id` (checked to name an entry).
    for tag, attrs in Tags(out).tags:
        assert tag in BLOCK_TAGS
        for name, value in attrs:
            assert name in ("href", "title")
            if name == "href":
                assert href_allowed(value or "", fragments=True), value
    assert_no_raw(out)


@SETTINGS
@given(payload=payloads)
def test_note_texts(payload: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "notes.yml"
        path.write_text(
            yaml.safe_dump(
                [{"id": "hostile", "quote": NOTE_QUOTE, "title": "T", "text": payload}],
                allow_unicode=True,
                sort_keys=False,
            ),
            encoding="utf-8",
        )
        try:
            [note] = load_notes(path, READING, SOURCES)
        except ContentError as err:
            assert err.line == 4 and "note 1, text: " in err.message, str(err)
            return
    assert_field_safe(note.html)


def quiz_page(fields: dict) -> str:
    return "# Page\n\n/// quiz\n" + yaml.safe_dump(fields, allow_unicode=True, sort_keys=False) + "///\n"


def quiz_fields(payload: str, where: str) -> dict:
    single = {
        "id": "h1",
        "type": "single",
        "prompt": "Which?",
        "paras": [1],
        "options": [{"text": "One", "correct": True, "feedback": "Yes."}, {"text": "Two", "feedback": "No."}],
        "explanation": "Because.",
    }
    if where in ("prompt", "explanation"):
        single[where] = payload
    elif where == "option":
        single["options"][1]["text"] = payload
    elif where == "feedback":
        single["options"][1]["feedback"] = payload
    elif where == "item":
        return {
            "id": "h1",
            "type": "ordering",
            "prompt": "Order",
            "paras": [1],
            "explanation": "x",
            "items": ["First", payload, "Third"],
        }
    elif where == "mistake":
        return {
            "id": "h1",
            "type": "numeric",
            "prompt": "How many?",
            "paras": [1],
            "answer": 400,
            "explanation": "x",
            "mistakes": [{"answer": 40, "feedback": payload}],
            "feedback": payload,
        }
    elif where == "truefalse":
        return {
            "id": "h1",
            "type": "truefalse",
            "prompt": payload,
            "paras": [1],
            "answer": True,
            "explanation": payload,
            "feedback_true": payload,
            "feedback_false": payload,
        }
    return single


QUIZ_FIELDS = ["prompt", "explanation", "option", "feedback", "item", "mistake", "truefalse"]
HREFS = {"#p-1", "../progress/"}


@SETTINGS
@given(payload=payloads, where=st.sampled_from(QUIZ_FIELDS))
def test_quiz_prompts_options_items_feedback_and_explanations(payload: str, where: str) -> None:
    text = quiz_page(quiz_fields(payload, where))
    if payload.strip() in ("One", "First", "Third"):
        return  # a repeated option or item is a different error
    try:
        [q] = load_page(text, "docs/read/x.md", "read/x.md")
    except ContentError as err:
        lines = text.splitlines()
        line = lines[err.line - 1]
        # The error is at the offending field's own line, not the `/// quiz` line.
        assert err.line > 3, str(err)
        assert re.match(
            r"\s*(-\s*)?(prompt|explanation|text|feedback|feedback_true|feedback_false|- )", line
        ) or line.strip().startswith("-"), (str(err), line)
        return
    for out in (question_html(q, 1, 1, lambda n: "#p-1", "s"), key_html([q], lambda n: "#p-1")):
        assert_page_safe(out, HREFS)


SHELLS = yaml.safe_load((ROOT / "teaching" / "shells.yml").read_text(encoding="utf-8"))
PLAIN = st.builds(
    lambda before, form, url: before + form.format(u=url), words, st.sampled_from(FORMS), st.sampled_from(SCHEMES)
)


@settings(max_examples=60, deadline=None)
@given(payload=PLAIN)
def test_timeline_texts_are_plain_text(payload: str) -> None:
    data = {
        "article_date": "2023-11-30",
        "events": [
            {"date": "2023-09-13", "title": payload, "text": payload, "when": payload, "paras": [1], "sources": ["s"]}
        ],
    }
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "timeline.yml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        tl = load_timeline(path, paragraphs=len(READING.paragraphs), sources=["s"])
    out = timeline_html(
        tl,
        para_href=lambda n: f"#p-{n}",
        term=lambda i: (i, None),
        source=lambda i: ("T", "https://example.org/s", "checked"),
    )
    assert_page_safe(out, {f"#p-{n}" for n in range(1, 100)})
    assert " ".join(payload.split()) in BeautifulSoup(out, "html.parser").get_text()


@settings(max_examples=60, deadline=None)
@given(payload=PLAIN)
def test_figure_texts_are_plain_text(payload: str) -> None:
    data = copy.deepcopy(SHELLS)
    data["caution"] = payload
    data["figures"][0]["label"] = payload
    data["figures"][0]["estimate"] = payload
    data["scenarios"][0]["label"] = payload + " A"
    data["scenarios"][0]["note"] = payload
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "shells.yml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        shells = load_shells(path, locate=READING.locate)
    source = lambda i: ("T", "https://example.org/s", "checked")  # noqa: E731
    out = figures_html(shells, para_href=lambda n: f"#p-{n}", source=source) + chart_html(shells, source=source)
    assert_page_safe(out, {f"#p-{n}" for n in range(1, 100)}, own=("svg",))
    assert " ".join(payload.split()) in BeautifulSoup(out, "html.parser").get_text()


# -- Concrete cases ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "[see][x]\n\n[x]: javascript:alert(1)",  # the note exploit
        '[see][x]\n\n[x]: javascript:alert(1) "more"',  # the quiz explanation exploit
        "[see](JaVaScRiPt:alert(1))",
        "[see](&#106;avascript:alert(1))",
        "[see](java\tscript:alert(1))",
        "[see]( javascript:alert(1))",
        "[see](data:text/html,x)",
        "[see](vbscript:x)",
        "[see](http://example.org/)",
        "![x](https://example.org/x.png)",
    ],
)
@pytest.mark.parametrize("inline", [True, False])
def test_the_known_bad_links_are_refused(text: str, inline: bool) -> None:
    with pytest.raises(UnsafeMarkdown) as info:
        markdown_html(text, inline=inline)
    assert "https://" in info.value.hint or "images" in info.value.what


@pytest.mark.parametrize(
    "text, html",
    [
        ("[a](https://example.org/a?b=1&c=2)", '<a href="https://example.org/a?b=1&amp;c=2">a</a>'),
        ('[a][r]\n\n[r]: https://example.org/r "more"', '<a href="https://example.org/r" title="more">a</a>'),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("<https://example.org/>", "&lt;https://example.org/&gt;"),  # autolinks stay text
        ("`<b>` & *x*", "<code>&lt;b&gt;</code> &amp; <em>x</em>"),
    ],
)
def test_what_the_policy_lets_through(text: str, html: str) -> None:
    assert markdown_html(text, inline=True) == html


# -- The two exploits, in a real build ------------------------------------------------------


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def where(path: Path, project: Path) -> str:
    """`path` as an error may print it: absolute or relative to the project."""
    return f"(?:{re.escape(str(path))}|{re.escape(str(path.relative_to(project)))})"


def test_a_reference_link_in_a_note_text_stops_the_build(project, tmp_path):
    notes = project / "sources" / "notes.yml"
    before = notes.read_text(encoding="utf-8")
    start = before.count("\n") + 1
    notes.write_text(
        before
        + textwrap.dedent("""\
        - id: hostile-ref
          quote: "Simply put"
          title: A note
          text: |-
            Read [this][x] first.

            [x]: javascript:alert(document.domain)
        """),
        encoding="utf-8",
    )
    code, out = build(project / "mkdocs.yml", tmp_path / "site")
    assert code != 0
    assert re.search(
        where(notes, project) + rf":{start + 3}: note \d+, text: link target 'javascript:alert\(document.domain\)' "
        r"is not allowed\. Links must be full https:// addresses",
        out,
    ), out
    assert "Traceback" not in out
    assert not (tmp_path / "site" / "read" / "russian-strife-in-space" / "index.html").exists()


def test_a_reference_link_with_a_title_in_a_quiz_explanation_stops_the_build(project, tmp_path):
    page = project / "docs" / "read" / "sanctions.md"
    text = page.read_text(encoding="utf-8")
    at = text.index("explanation: >-\n")
    line = text.count("\n", 0, at) + 1
    text = (
        text[:at]
        + 'explanation: "See [more][x].\\n\\n[x]: javascript:alert(1) \\"more\\""\n'
        + re.sub(r"^explanation: >-\n(  .*\n)+", "", text[at:], count=1, flags=re.M)
    )
    page.write_text(text, encoding="utf-8")
    code, out = build(project / "mkdocs.yml", tmp_path / "site")
    assert code != 0
    assert re.search(
        where(page, project) + rf":{line}: question 'sanctions-1', explanation: link target "
        r"'javascript:alert\(1\)' is not allowed\. Links must be full https:// addresses",
        out,
    ), out
    assert "Traceback" not in out


# -- In the browser: hostile data shown as text, no script runs ------------------------------

HOSTILE = (
    '<script>window.__pwned="script"</script> <img src=x onerror="window.__pwned=\'img\'"> '
    '<a href="javascript:window.__pwned=\'link\'">js link</a> " onmouseover="window.__pwned=\'attr\'" '
    "<svg onload=window.__pwned='svg'></svg> &lt;b&gt;"
)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory, serve_dir):
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    site = project.parent / "site"
    site.mkdir()  # served from the start: the build is made for the server's address
    text_with_link = HOSTILE + " See [the source](https://example.org/hostile)."
    # A note on a section page.
    notes = project / "sources" / "notes.yml"
    notes.write_text(
        notes.read_text(encoding="utf-8")
        + yaml.safe_dump(
            [{"id": "hostile-note", "quote": "Simply put", "title": HOSTILE, "text": text_with_link}],
            allow_unicode=True,
            sort_keys=False,
        ),
        encoding="utf-8",
    )
    # A glossary definition and note (tooltips on every page that uses the term).
    entry_path = project / "glossary" / "roscosmos.yml"
    entry = yaml.safe_load(entry_path.read_text(encoding="utf-8"))
    entry["definition"] = entry["definition"] + " " + text_with_link
    entry["note"] = text_with_link
    entry_path.write_text(yaml.safe_dump(entry, allow_unicode=True), encoding="utf-8")
    # A quiz whose prompt, options, feedback and explanation are hostile.
    page = project / "docs" / "read" / "russian-strife-in-space.md"
    paras = re.search(r"^paras: (\[[^\]]*\])", page.read_text(encoding="utf-8"), re.M).group(1)
    quiz = {
        "id": "hostile-1",
        "type": "single",
        "prompt": HOSTILE,
        "paras": yaml.safe_load(paras),
        "options": [
            {"text": "Right " + HOSTILE, "correct": True, "feedback": "Yes " + HOSTILE},
            {"text": "Wrong " + HOSTILE, "feedback": "No " + text_with_link},
        ],
        "explanation": text_with_link,
    }
    page.write_text(
        page.read_text(encoding="utf-8")
        + "\n/// quiz\n"
        + yaml.safe_dump(quiz, allow_unicode=True, sort_keys=False)
        + "///\n",
        encoding="utf-8",
    )
    url = serve_dir(site)
    code, out = build(project / "mkdocs.yml", site, env={"SITE_URL": url})
    assert code == 0, out
    return site, url


def watch(page):
    """Record dialogs; show every layer (the Study reading mode)."""
    page.add_init_script("try { localStorage.setItem('ar-reading-mode', 'study'); } catch (e) {}")
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    return dialogs


def no_script_ran(page, dialogs) -> None:
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    # Every link the page has, as the browser resolved it, is http(s).
    protocols = page.evaluate("[...new Set([...document.querySelectorAll('a[href]')].map(a => a.protocol))]")
    assert set(protocols) <= {"http:", "https:"}, protocols
    # No element the data could have made: no handler, no image, no script of its own.
    assert (
        page.evaluate("""document.querySelectorAll('[onerror], [onload], [onmouseover], [onclick], [onfocus], '
                         + 'img[src="x"], .md-content svg:not(.ts-chart):not(.ts-swatch) script').length""")
        == 0
    )
    assert not page.evaluate("[...document.scripts].some(s => s.textContent.includes('__pwned'))")


def test_hostile_data_shows_as_text_and_clicking_every_link_runs_nothing(hostile_site, page):
    site, url = hostile_site
    dialogs = watch(page)
    outside: list[str] = []
    page.route(
        re.compile(r"^(?!" + re.escape(url) + ").*"), lambda route: (outside.append(route.request.url), route.abort())
    )
    address = url + "read/russian-strife-in-space/"
    page.goto(address)
    page.evaluate("document.querySelector('.md-content')?.classList.add('ar-render-all')")
    for selector in ("#note-hostile-note", "#quiz-hostile-1"):
        assert HOSTILE in " ".join(page.locator(selector).text_content().split())
    # Hover and focus everything the data could have decorated.
    page.evaluate("""document.querySelectorAll('.md-content *').forEach(el => {
        el.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
        el.dispatchEvent(new FocusEvent('focus'));
    })""")
    no_script_ran(page, dialogs)
    regions = ".ar-note-body a, #quiz-hostile-1 a, .gl-def-text a, .quiz-explanation a"
    count = page.locator(regions).count()
    assert count >= 2, "the hostile page must have data links to click"
    for i in range(count):
        page.goto(address)
        page.evaluate("document.querySelector('.md-content')?.classList.add('ar-render-all')")
        link = page.locator(regions).nth(i)
        link.evaluate("a => { a.closest('details')?.setAttribute('open', ''); }")
        href = link.evaluate("a => a.href")
        link.dispatch_event("click")
        if not href.startswith(url):
            page.wait_for_timeout(300)
            assert href in outside, (href, outside)  # the click went there (and was stopped at the network)
        for attempt in range(3):  # a link to another page may still be loading it
            page.wait_for_load_state("networkidle")
            try:
                no_script_ran(page, dialogs)
                break
            except PlaywrightError:
                if attempt == 2:
                    raise
    assert dialogs == []
    assert all(u.startswith("https://example.org/") for u in outside), outside


def test_glossary_page_with_hostile_data_runs_nothing(hostile_site, page):
    site, url = hostile_site
    dialogs = watch(page)
    page.route(re.compile(r"^(?!" + re.escape(url) + ").*"), lambda route: route.abort())
    page.goto(url + "glossary/")
    assert HOSTILE in " ".join(page.locator("#roscosmos-term").locator("xpath=..").text_content().split())
    no_script_ran(page, dialogs)


def test_quiz_feedback_inserted_by_quiz_js_stays_text(hostile_site, page):
    site, url = hostile_site
    dialogs = watch(page)
    page.route(re.compile(r"^(?!" + re.escape(url) + ").*"), lambda route: route.abort())
    page.goto(url + "read/russian-strife-in-space/")
    quiz = page.locator("#quiz-hostile-1")
    quiz.scroll_into_view_if_needed()
    quiz.locator("input[value=b]").check()
    quiz.locator(".quiz-check").click()
    feedback = quiz.locator(".quiz-fb")
    feedback.first.wait_for()
    # quiz.js copied the built feedback with innerHTML: still text, no element made from it.
    shown = feedback.first.inner_text()
    assert "<img src=x onerror=\"window.__pwned='img'\">" in shown and "<script>" in shown
    assert quiz.locator(".quiz-fb img, .quiz-fb script, .quiz-fb svg, .quiz-fb [onmouseover]").count() == 0
    assert feedback.first.locator("a").evaluate_all("els => els.map(a => a.href)") == ["https://example.org/hostile"]
    no_script_ran(page, dialogs)


def test_hostile_data_reaches_every_built_page_escaped(hostile_site):
    site, _ = hostile_site
    pages = {p: p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    showing = [p for p, text in pages.items() if "&lt;script&gt;window.__pwned" in text]
    names = {p.relative_to(site).as_posix() for p in showing}
    # The section page (note, quiz, tooltip), the glossary and the print page all show it as text.
    assert {"read/russian-strife-in-space/index.html", "glossary/index.html", "print/index.html"} <= names, names
    for page, text in pages.items():
        assert "<script>window.__pwned" not in text and "<img src=x" not in text, page
        for _tag, attrs in Tags(text).tags:
            for name, value in attrs:
                assert not (name.startswith("on") and value and "__pwned" in value), (page, name)
                assert not (value and "__pwned" in value and name in ("href", "src")), (page, name, value)
