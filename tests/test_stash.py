"""Finished HTML blocks skip Markdown: set aside before it, put back after."""

from __future__ import annotations

import markdown as md
from hypothesis import given, settings
from hypothesis import strategies as st

from readkit.stash import put_back, set_aside

EXTENSIONS = ["md_in_html", "attr_list", "admonition", "pymdownx.superfences"]


def render(text: str) -> str:
    return md.markdown(text, extensions=EXTENSIONS)


def via_stash(text: str) -> str:
    short, blocks = set_aside(text)
    return put_back(render(short), blocks)


def test_blocks_are_set_aside_and_markdown_is_not():
    text = (
        '# Title\n\nSome *prose*.\n\n<div class="quiz"><p>Q <em>1</em></p>\n<ul><li>a</li></ul></div>\n\n'
        '<p class="ar-para" id="p-1">Words &amp; more</p>\n\n## Next\n'
    )
    short, blocks = set_aside(text)
    assert list(blocks.values()) == [
        '<div class="quiz"><p>Q <em>1</em></p>\n<ul><li>a</li></ul></div>',
        '<p class="ar-para" id="p-1">Words &amp; more</p>',
    ]
    assert short.startswith("# Title\n\nSome *prose*.\n\n<!--rk-stash-") and short.endswith("## Next\n")
    assert via_stash(text) == render(text)


def test_what_markdown_must_read_stays():
    kept = [
        '<div class="admonition" markdown>\n**bold** text\n</div>\n',  # md_in_html
        '```html\n\n<div class="x">in a fence</div>\n\n```\n',  # code fence
        '<div class="x"><script>var a = "</div>";</script></div>\n',  # raw text
        '<div class="x"><!-- a comment --></div>\n',
        'Text right before\n<div class="x">y</div>\n',  # no blank line before
        '<div class="x">y</div>\nText right after\n',  # no blank line after
        '<div class="x">y</div> and text on its line\n',
        '<div class="x"><p>never closed\n',
    ]
    for text in kept:
        short, blocks = set_aside(text)
        assert blocks == {} and short == text, text


words = st.sampled_from(["word", "*em*", "&amp;", "a < b", "[link](x.md)", "`code`", "’"])
html_block = st.builds(
    lambda tag, cls, inner: f'<{tag} class="{cls}">{inner}</{tag}>',
    st.sampled_from(["div", "section", "p", "ul", "aside"]),
    st.sampled_from(["quiz", "ar-para", "x y"]),
    st.lists(words, max_size=5).map(" ".join),
)
md_block = st.one_of(
    st.lists(words, min_size=1, max_size=5).map(" ".join),
    st.builds(lambda w: f"## {w}", words),
    st.builds(lambda w: f'```\n<div class="q">{w}</div>\n```', words),
    st.builds(lambda w: f'<div class="admonition" markdown>\n{w}\n</div>', words),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(html_block, md_block), max_size=8))
def test_same_html_as_markdown_alone(parts):
    text = "\n\n".join(parts) + "\n"
    assert via_stash(text) == render(text)
