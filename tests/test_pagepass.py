"""The one marker pass and the one fragment path (readkit.pagepass), as pure functions.

What a maintainer relies on: every marker of every namespace is expanded in
one pass over the page's own text, errors name the page file's own line,
the other edition's passages are left out before anything reads them, and
finished HTML reaches the page exactly as a feature wrote it (Markdown never
parses it; the annotation pass reads only the prose)."""

from __future__ import annotations

import markdown as md
import pytest
from hypothesis import given
from hypothesis import strategies as st

from readkit import edition
from readkit.annotate import PageState, annotate
from readkit.errors import ContentError
from readkit.pagepass import Fragments, Html, PageInfo, Span, blocks, expand_page, html_of, rstrip

INFO = PageInfo(page=None, files=None, uri="x.md", path="docs/x.md", offset=3)


class Feature:
    def __init__(self, **handlers):
        self.handlers = handlers


def run(text: str, features: dict, cuts=()) -> tuple[str, Fragments]:
    fragments = Fragments()
    return expand_page(text, features, INFO, fragments, list(cuts)), fragments


def test_every_namespace_is_expanded_in_one_pass_in_place():
    text = "a <!-- one:x --> b <!-- two:y z --> c <!-- one:x -->"
    seen = []

    def y(marker):
        seen.append((marker.args, marker.line))
        return "Y"

    out, _ = run(text, {"one": Feature(x=lambda m: "X"), "two": Feature(y=y)})
    assert out == "a X b Y c X"
    assert seen == [("z", 4)]  # the line in the page's file: front matter counted


def test_a_handler_output_is_never_read_for_markers():
    out, _ = run("<!-- one:x -->", {"one": Feature(x=lambda m: "<!-- nobody:here -->")})
    assert out == "<!-- nobody:here -->"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("\n\n<!-- glosary:index -->", "docs/x.md:6: marker 'glosary:index' was not expanded by any hook"),
        ("\n<!-- one:y -->", "docs/x.md:5: unknown marker 'one:y'. Known one markers: x"),
    ],
)
def test_an_unknown_marker_stops_the_build_at_its_line(text, message):
    with pytest.raises(ContentError) as err:
        run(text, {"one": Feature(x=lambda m: "X")})
    assert str(err.value).startswith(message)


def test_markers_in_fenced_code_are_left_alone():
    text = "```\n<!-- nobody:here -->\n```\n<!-- one:x -->"
    out, _ = run(text, {"one": Feature(x=lambda m: "X")})
    assert out == "```\n<!-- nobody:here -->\n```\nX"


def test_the_other_editions_passages_go_before_any_marker_is_read():
    text = (
        "intro\n\n<!-- edition:teacher -->\n<!-- nobody:here -->\nkey\n<!-- edition:end -->\n\n"
        "<!-- edition:student -->\nfor you <!-- one:x -->\n<!-- edition:end -->\n"
    )
    student = edition.cuts(text, "student", "docs/x.md")
    out, _ = run(text, {"one": Feature(x=lambda m: "X")}, student)
    assert out == "intro\n\n\nfor you X\n"
    teacher = edition.cuts(text, "teacher", "docs/x.md")
    with pytest.raises(ContentError, match="docs/x.md:7: marker 'nobody:here'"):
        run(text, {"one": Feature(x=lambda m: "X")}, teacher)


def test_a_feature_adds_its_own_spans_and_the_page_start_end_and_checks():
    calls = []

    class Quiz:
        handlers: dict = {}

        def spans(self, text):
            at = text.index("[q]")
            return [Span(at, at + 3, 1, lambda: Html("<section>Q</section>"))]

        def before(self):
            return "# Title\n\n"

        def after(self, parts):
            return rstrip(parts) + ["\n", Html("<p>end</p>")]

        def done(self, parts):
            calls.append(html_of(parts))

    out, fragments = run("text [q] more\n\n", {"quiz": Quiz()})
    assert calls == ["# Title\n\ntext <section>Q</section> more\n<p>end</p>"]
    assert fragments.restore(out) == calls[0]


def test_a_marker_inside_another_span_is_refused():
    class Block:
        handlers = {"x": lambda m: "X"}

        def spans(self, text):
            return [Span(0, len(text), 1, lambda: "")]

    with pytest.raises(ContentError, match="docs/x.md:4: a marker stands inside another one"):
        run("[<!-- block:x -->]", {"block": Block()})


# -- Fragments ---------------------------------------------------------------------

html_text = st.text(alphabet="ab *_`#<>/&;\n[]()!-=", min_size=1, max_size=60)


@given(html_text)
def test_markdown_never_parses_a_fragment(raw):
    fragments = Fragments()
    page = fragments.text(["Some *text*.", *blocks(raw)])
    out = fragments.restore(md.markdown(page))
    assert out == "<p>Some <em>text</em>.</p>\n" + raw


def test_the_annotation_pass_reads_only_the_prose():
    fragments = Fragments()
    page = fragments.text(
        blocks("<p>prose words</p>", prose=True) + blocks("<section>quiz words</section>") + ["plain *words*\n"]
    )
    read: list[str] = []

    def provider(node, state):
        read.append(node.text)
        return []

    html = fragments.restore(md.markdown(page), prose=True)
    annotate(html, [provider], PageState())
    assert read == ["prose words", "plain ", "words"]
    assert "quiz words" not in fragments.restore(html, prose=True)
    assert "<section>quiz words</section>" in fragments.restore(html)


def test_two_pages_never_take_each_others_fragments():
    one, two = Fragments(), Fragments()
    a, b = one.put(Html("<p>one</p>")), two.put(Html("<p>two</p>"))
    assert one.restore(a + b) == "<p>one</p>" + b
    assert two.restore(a + b) == a + "<p>two</p>"
