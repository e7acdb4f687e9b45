"""HTML-comment markers in Markdown (pure functions)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from readkit.markers import find_markers, front_matter_lines, masked


def test_markers_are_found_with_their_lines():
    md = "# T\n\n<!-- reading:article -->\n\ntext <!-- quiz:progress --> more\n"
    found = [(m.namespace, m.name, m.line) for m in find_markers(md, line_offset=3)]
    assert found == [("reading", "article", 6), ("quiz", "progress", 8)]


@pytest.mark.parametrize("fence", ["```", "~~~", "````"])
@pytest.mark.parametrize("indent", ["", "    ", "  "])
def test_markers_inside_fenced_code_are_left_alone(fence, indent):
    md = f"1. Step\n\n{indent}{fence}markdown\n{indent}<!-- reading:article -->\n{indent}{fence}\n\n<!-- reading:title -->\n"
    assert [m.name for m in find_markers(md)] == ["title"]


def test_front_matter_offset():
    source = "---\ntitle: Home\n---\n\n# Hello\n"
    assert front_matter_lines(source, "# Hello\n") == 4


@given(st.text(alphabet="ab`~ \n<!->:", max_size=80))
def test_masking_keeps_length_and_line_count(text):
    out = masked(text)
    assert len(out) == len(text) and out.count("\n") == text.count("\n")
