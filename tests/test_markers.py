"""HTML-comment markers in Markdown (pure functions)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from readkit.errors import ContentError
from readkit.markers import expand, find_markers, front_matter_lines, masked


def test_markers_are_found_with_their_lines():
    md = "# T\n\n<!-- reading:article -->\n\ntext <!-- quiz:progress --> more\n"
    found = [(m.namespace, m.name, m.line) for m in find_markers(md, line_offset=3)]
    assert found == [("reading", "article", 6), ("quiz", "progress", 8)]


@pytest.mark.parametrize("fence", ["```", "~~~", "````"])
@pytest.mark.parametrize("indent", ["", "    ", "  "])
def test_markers_inside_fenced_code_are_left_alone(fence, indent):
    md = f"1. Step\n\n{indent}{fence}markdown\n{indent}<!-- reading:article -->\n{indent}{fence}\n\n<!-- reading:title -->\n"
    assert [m.name for m in find_markers(md)] == ["title"]


def test_expand_replaces_only_its_namespace_and_refuses_unknown_names():
    md = "a <!-- reading:title --> b <!-- other:thing --> c\n<!-- reading:titel -->"
    with pytest.raises(ContentError) as info:
        expand(md, "reading", {"title": lambda m: "T"}, "docs/x.md", line_offset=2)
    assert str(info.value).startswith("docs/x.md:4: unknown marker 'reading:titel'")
    assert expand(md.splitlines()[0], "reading", {"title": lambda m: "T"}, "x") == "a T b <!-- other:thing --> c"


def test_front_matter_offset():
    source = "---\ntitle: Home\n---\n\n# Hello\n"
    assert front_matter_lines(source, "# Hello\n") == 4


@given(st.text(alphabet="ab`~ \n<!->:", max_size=80))
def test_masking_keeps_length_and_line_count(text):
    out = masked(text)
    assert len(out) == len(text) and out.count("\n") == text.count("\n")


def test_lines_come_from_the_pages_own_markdown_after_earlier_expansion():
    original = "<!-- a:one -->\n\ntext\n\n<!-- b:two -->\n<!-- b:two -->\n"
    expanded = "first\nsecond\nthird\n\ntext\n\n<!-- b:two -->\n<!-- b:two -->\n"
    assert [m.line for m in find_markers(expanded, 3, original)] == [8, 9]
    assert [m.line for m in find_markers(expanded, 3)] == [10, 11]
