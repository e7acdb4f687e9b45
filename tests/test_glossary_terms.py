"""Finding terms in text, and marking them in HTML through the annotation pass."""

from __future__ import annotations

import html
from html.parser import HTMLParser

from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import ROOT
from readkit.annotate import FORBIDDEN_CLASSES, FORBIDDEN_TAGS, VOID, PageState, annotate
from readkit.glossary import Entry, Glossary, load_glossary
from readkit.glossary_html import TermProvider, occurrences
from readkit.seed import load_reading
from readkit.sources import load_sources
from readkit.terms import compile_forms, form_key, is_acronym

SOURCES = load_sources(ROOT / "sources" / "sources.yml")
REAL = load_glossary(ROOT / "glossary", SOURCES)
READING = load_reading(ROOT / "seeds" / "necessity-knows-no-law.yml")


def found(matcher, text: str) -> list[tuple[str, str]]:
    return [(m.text, m.entry) for m in matcher.find(text)]


# -- The article's own wording reaches its entries ------------------------------


def test_the_articles_wording_reaches_the_right_entries():
    f = REAL.matcher
    assert ("Intercontinental Ballistic Missiles", "icbm") in found(
        f, "the country’s Intercontinental Ballistic Missiles –"
    )
    assert found(f, "within the UN Security Council (together")[-1] == ("UN Security Council", "un-security-council")
    assert ("UN Security Council", "un-security-council") in found(f, "adopted by the UN Security Council, which")
    assert ("a resolution from 2016", "unscr-2270") in found(f, "Further, a resolution from 2016 calls on states")
    assert found(f, "as one of the resolutions adopted by the UN Security Council – of which")[0] == (
        "one of the resolutions adopted by the UN Security Council",
        "unscr-1718",
    )
    hits = found(f, "that support the DPRK’s weapons of mass destruction (WMD) programs")
    assert ("DPRK", "dprk") in hits and ("WMD", "wmd") in hits
    assert ("Roscosmos", "roscosmos") in found(f, "In fact, Roscosmos, Russia’s space agency")


def test_back_links_cover_the_required_entries():
    occ = occurrences(REAL, READING.paragraphs)
    for entry in ["icbm", "un-security-council", "unscr-1718", "unscr-2270", "dprk", "wmd", "roscosmos"]:
        assert occ.get(entry), f"{entry} occurs in no paragraph"
    # The two 2016 and 2006 resolutions are both in the Sanctions section's first paragraph.
    assert 4 in occ["unscr-1718"] and 4 in occ["unscr-2270"]


# -- Matching rules ----------------------------------------------------------------

SMALL = compile_forms(
    [
        ("nasa", "NASA"),
        ("un", "UN"),
        ("unsc", "UN Security Council"),
        ("council", "Security Council"),
        ("missile", "ballistic missile"),
        ("agency", "space agency"),
        ("dash", "Kim-Jong Un"),
        ("possessive", "Russia’s space agency"),
        ("cpu", "CPU"),
        ("party", "party"),
        ("box", "box"),
    ]
)


def test_acronyms_match_exactly_and_words_ignore_case():
    assert found(SMALL, "NASA nasa Nasa") == [("NASA", "nasa")]
    assert found(SMALL, "Ballistic Missile, BALLISTIC MISSILE") == [("Ballistic Missile", "missile")]
    assert is_acronym("CPUs") and not is_acronym("Un") and not is_acronym("A")


def test_plurals_are_generated():
    assert found(SMALL, "ballistic missiles, parties, boxes, CPUs") == [
        ("ballistic missiles", "missile"),
        ("parties", "party"),
        ("boxes", "box"),
        ("CPUs", "cpu"),
    ]


def test_word_boundaries():
    assert found(SMALL, "CPUs-like junk and anti-NASA talk") == []  # glued to a hyphenated compound
    assert found(SMALL, "the UNSC and UNESCO") == []  # never inside a longer word
    assert found(SMALL, "NASA’s budget, NASA's plan") == [("NASA", "nasa"), ("NASA", "nasa")]  # possessives are fine
    assert found(SMALL, "Kim-Jong Un met") == [("Kim-Jong Un", "dash")]
    assert found(SMALL, "Kim Jong Un met") == []  # the separator must match too


def test_longest_match_wins():
    assert found(SMALL, "the UN Security Council met") == [("UN Security Council", "unsc")]
    assert found(SMALL, "the Security Council met") == [("Security Council", "council")]
    assert found(SMALL, "Russia’s space agency and Russia's space agency") == [
        ("Russia’s space agency", "possessive"),
        ("Russia's space agency", "possessive"),
    ]
    assert found(SMALL, "the UN\n  Security   Council") == [("UN\n  Security   Council", "unsc")]


def test_form_keys_normalise_case_and_separators():
    assert form_key("UN  Security Council") == ("UN", " ", "security", " ", "council")
    assert form_key("Russia’s") == form_key("russia's")
    assert form_key("U.K.") == ("u", ".", "k")  # single letters are not acronyms
    assert form_key("--") == ()


# -- The provider in the annotation pass -------------------------------------------


def make_glossary(forms: dict[str, list[str]], marks: dict[str, str] | None = None) -> Glossary:
    entries = {
        eid: Entry(
            eid,
            fs[0],
            fs[1:],
            "concept",
            f"About {eid}.",
            f"About {eid}.",
            None,
            None,
            ["x"],
            [],
            (marks or {}).get(eid),
            f"{eid}.yml",
            1,
        )
        for eid, fs in forms.items()
    }
    return Glossary(entries, compile_forms((e, f) for e, fs in forms.items() for f in fs), ROOT)


class FakeSource:
    title, publisher, url, status, checked, status_label = "T", "P", "https://example.org/", "seen", True, "checked"


def provider(glossary: Glossary, mark: str = "first") -> TermProvider:
    return TermProvider(glossary, {"x": FakeSource()}, "../glossary/", mark)


def run(html_text: str, glossary: Glossary, mark: str = "first") -> str:
    p = provider(glossary, mark)
    state = PageState()
    return p.finish(annotate(html_text, [p], state), state)


def marked(out: str) -> list[tuple[str, str]]:
    soup = BeautifulSoup(out, "html.parser")
    return [(a["data-term"], a.get_text()) for a in soup.select("a.gl-term")]


G = make_glossary({"nasa": ["NASA"], "orbit": ["orbit"], "un": ["UN"]}, {"un": "none"})


def test_first_every_and_none():
    text = "<p>NASA and NASA in orbit; UN.</p><p>NASA again, orbit again.</p>"
    assert marked(run(text, G)) == [("nasa", "NASA"), ("orbit", "orbit")]
    assert marked(run(text, G, "every")) == [
        ("nasa", "NASA"),
        ("nasa", "NASA"),
        ("orbit", "orbit"),
        ("nasa", "NASA"),
        ("orbit", "orbit"),
    ]
    assert marked(run(text, G, "none")) == []


def test_never_inside_links_headings_code_or_quizzes():
    text = (
        '<h2>NASA</h2><p><a href="/x">NASA</a> <code>NASA</code> <button>NASA</button></p>'
        '<nav class="md-nav">NASA</nav><div class="md-toc">NASA</div><div class="quiz"><label>NASA</label></div>'
        '<p title="NASA">text</p><p>now NASA</p>'
    )
    out = run(text, G)
    assert marked(out) == [("nasa", "NASA")]
    assert 'title="NASA"' in out
    assert BeautifulSoup(out, "html.parser").select_one("a.gl-term").parent.get_text() == "now NASA"


def test_term_markup_links_titles_and_describes():
    out = run("<p>NASA</p>", G)
    soup = BeautifulSoup(out, "html.parser")
    a = soup.select_one("a.gl-term")
    assert a["href"] == "../glossary/#nasa" and a["title"] == "About nasa." and a["aria-describedby"] == "gl-def-nasa"
    target = soup.find(id="gl-def-nasa")
    assert target.get_text() == "About nasa." and target.find_parent(attrs={"hidden": True}) is not None


def test_escaping_reaches_title_and_hidden_definition():
    g = make_glossary({"evil": ["Evil"]})
    evil = g.entries["evil"]
    evil.definition_html = html.escape('<script>alert(1)</script> "onmouseover=alert(1)', quote=False)
    out = run("<p>Evil here</p>", g)
    soup = BeautifulSoup(out, "html.parser")
    assert soup.find("script") is None
    a = soup.select_one("a.gl-term")
    assert a["title"] == '<script>alert(1)</script> "onmouseover=alert(1)'
    assert "onmouseover" not in a.attrs
    assert soup.find(id="gl-def-evil").get_text() == '<script>alert(1)</script> "onmouseover=alert(1)'


# -- Properties over generated HTML and term sets ------------------------------------

WORDS = ["NASA", "nasa", "orbit", "orbits", "UN", "UNSC", "space", "agency", "Space Agency", "the", "a-b", "x"]
TAGS = ["p", "div", "span", "em", "li"] + sorted(
    FORBIDDEN_TAGS - {"script", "style", "svg", "math", "textarea", "title", "select", "option"}
)

text_st = st.lists(st.sampled_from(WORDS + [" ", ", ", "’s ", "-", " & ", " < ", "\n"]), max_size=12).map("".join)


@st.composite
def fragments(draw, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        if depth < 3 and draw(st.booleans()):
            tag = draw(st.sampled_from(TAGS))
            cls = draw(
                st.sampled_from(["", ' class="quiz"', ' class="md-nav"', ' class="plain"', ' aria-hidden="true"'])
            )
            parts.append(f"<{tag}{cls}>{draw(fragments(depth + 1))}</{tag}>")
        else:
            parts.append(html.escape(draw(text_st), quote=False))
    return "".join(parts)


form_st = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join)
glossary_st = st.dictionaries(
    st.sampled_from(["e1", "e2", "e3", "e4"]), st.lists(form_st, min_size=1, max_size=3), min_size=1
)


class _Balance(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.ok = True

    def handle_starttag(self, tag, attrs) -> None:
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.ok = False


def balanced(markup: str) -> bool:
    checker = _Balance()
    checker.feed(markup)
    checker.close()
    return checker.ok and not checker.stack


def test_the_balance_check_can_fail():
    assert balanced("<p><a>x</a></p>") and not balanced("<p><a>x</p></a>") and not balanced("<p>x")


class _Text(HTMLParser):
    """Text of an HTML fragment without inserted elements (exact, no whitespace tidying)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stack: list[bool] = []  # per open element: inside an insertion?

    def handle_starttag(self, tag, attrs) -> None:
        if tag not in VOID:
            inside = bool(self.stack and self.stack[-1]) or "data-ar-insert" in dict(attrs)
            self.stack.append(inside)

    def handle_endtag(self, tag) -> None:
        if self.stack:
            self.stack.pop()

    def handle_data(self, data) -> None:
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)


def visible(out: str) -> str:
    parser = _Text()
    parser.feed(out)
    parser.close()
    return "".join(parser.parts)


def forbidden_ancestor(tag) -> bool:
    for parent in tag.parents:
        if (
            parent.name in FORBIDDEN_TAGS
            or set(parent.get("class") or []) & FORBIDDEN_CLASSES
            or parent.get("aria-hidden") == "true"
        ):
            return True
    return False


@settings(max_examples=300, deadline=None)
@given(fragment=fragments(), forms=glossary_st, mark=st.sampled_from(["first", "every"]))
def test_marking_keeps_text_is_idempotent_and_well_formed(fragment, forms, mark):
    g = make_glossary(forms)
    once = run(fragment, g, mark)
    # Visible text unchanged: same characters in the same order.
    assert visible(once) == visible(fragment)
    # Twice is the same as once.
    assert run(once, g, mark) == once
    soup = BeautifulSoup(once, "html.parser")
    for a in soup.select("a.gl-term"):
        # Never inside a forbidden element, never nested in another term.
        assert not forbidden_ancestor(a)
        assert g.matcher.find(a.get_text())[0].entry == a["data-term"]
    # Well-formed: every element closes in order, and nothing is left open.
    assert balanced(once)
    if mark == "first":
        keys = [a["data-term"] for a in soup.select("a.gl-term")]
        assert len(keys) == len(set(keys))
