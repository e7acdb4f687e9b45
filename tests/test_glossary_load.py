"""Loading and checking glossary entries: every bad input stops the build at
its file and line, with a hint; every field that reaches HTML is safe."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from helpers import ROOT
from readkit.errors import ContentError
from readkit.glossary import load_glossary, plain_text, render_markdown
from readkit.sources import load_sources

FIXTURE = ROOT / "tests" / "fixtures" / "glossary-site"
SOURCES = load_sources(FIXTURE / "sources" / "sources.yml")

GOOD = {
    "orbit.yml": """\
        term: orbit
        category: concept
        definition: The path of an object around a planet.
        sources: [agency-site]
        """,
    "nasa.yml": """\
        term: NASA
        aliases:
          - Space Agency
        category: organisation
        definition: A space agency.
        sources: [agency-site]
        related: [orbit]
        """,
}


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def load_error(tmp_path: Path, files: dict[str, str]) -> ContentError:
    folder = write(tmp_path / "glossary", {**GOOD, **files})
    with pytest.raises(ContentError) as info:
        load_glossary(folder, SOURCES, "sources/sources.yml")
    return info.value


def test_the_fixture_glossary_loads(tmp_path):
    glossary = load_glossary(write(tmp_path / "g", GOOD), SOURCES)
    assert sorted(glossary.entries) == ["nasa", "orbit"]
    nasa = glossary.entries["nasa"]
    assert (nasa.term, nasa.aliases, nasa.category, nasa.related) == (
        "NASA",
        ["Space Agency"],
        "organisation",
        ["orbit"],
    )
    assert nasa.mark is None and nasa.line == 1


@pytest.mark.parametrize(
    ("files", "where", "what"),
    [
        # duplicate term (words match whatever their case)
        (
            {"orbits.yml": "term: Orbit\ncategory: concept\ndefinition: x\nsources: [agency-site]\n"},
            "orbits.yml:1",
            "duplicate term 'Orbit'",
        ),
        # an alias claimed by two entries
        (
            {
                "space.yml": "term: Agency\naliases:\n  - other name\n  - space agency\ncategory: concept\ndefinition: x\nsources: [agency-site]\n"
            },
            "space.yml:4",
            "alias 'space agency' is claimed by two entries",
        ),
        # a term that is another entry's alias
        (
            {"zzz.yml": "term: Space Agency\ncategory: concept\ndefinition: x\nsources: [agency-site]\n"},
            "zzz.yml:1",
            "term 'Space Agency' is claimed by two entries",
        ),
        # an empty definition, written two ways
        (
            {"empty.yml": "term: Empty\ncategory: concept\ndefinition: ''\nsources: [agency-site]\n"},
            "empty.yml:3",
            "'definition' is empty",
        ),
        (
            {"empty.yml": "term: Empty\ncategory: concept\ndefinition:\nsources: [agency-site]\n"},
            "empty.yml:3",
            "'definition' is missing or empty",
        ),
        # a source that does not exist
        (
            {
                "bad-source.yml": "term: Bad\ncategory: concept\ndefinition: x\nsources:\n  - agency-site\n  - no-such-source\n"
            },
            "bad-source.yml:6",
            "unknown source 'no-such-source'",
        ),
        # no source at all
        (
            {"no-source.yml": "term: Bad\ncategory: concept\ndefinition: x\nsources: []\n"},
            "no-source.yml:4",
            "'sources' is empty",
        ),
        # a related term that does not exist
        (
            {
                "bad-related.yml": "term: Bad\ncategory: concept\ndefinition: x\nsources: [agency-site]\nrelated:\n  - orbit\n  - nowhere\n"
            },
            "bad-related.yml:7",
            "unknown related entry 'nowhere'",
        ),
        # malformed data: YAML syntax, wrong shapes, unknown field, bad choices
        ({"broken.yml": "term: Broken\ncategory: [concept\ndefinition: x\n"}, "broken.yml:", "invalid YAML"),
        ({"list.yml": "- term: A list\n"}, "list.yml:1", "must be a mapping of fields"),
        (
            {"typo.yml": "term: Typo\ncategory: concept\ndefiniton: x\nsources: [agency-site]\n"},
            "typo.yml:3",
            "unknown field 'definiton'",
        ),
        (
            {"cat.yml": "term: Cat\ncategory: animal\ndefinition: x\nsources: [agency-site]\n"},
            "cat.yml:2",
            "'category' is 'animal'",
        ),
        (
            {"mark.yml": "term: Mark\ncategory: concept\ndefinition: x\nsources: [agency-site]\nmark: sometimes\n"},
            "mark.yml:5",
            "'mark' is 'sometimes'",
        ),
        (
            {"aliases.yml": "term: Al\naliases: {a: b}\ncategory: concept\ndefinition: x\nsources: [agency-site]\n"},
            "aliases.yml:2",
            "'aliases' must be a list",
        ),
        (
            {"Bad_Name.yml": "term: Named\ncategory: concept\ndefinition: x\nsources: [agency-site]\n"},
            "Bad_Name.yml:1",
            "not a valid entry id",
        ),
        (
            {"self.yml": "term: Self\ncategory: concept\ndefinition: x\nsources: [agency-site]\nrelated: [self]\n"},
            "self.yml:5",
            "lists itself as related",
        ),
        (
            {"dash.yml": "term: '--'\ncategory: concept\ndefinition: x\nsources: [agency-site]\n"},
            "dash.yml:1",
            "has no letters or digits",
        ),
        ({"empty-file.yml": ""}, "empty-file.yml:1", "the file is empty"),
        # Markdown that could not be shown safely
        (
            {
                "js.yml": "term: Js\ncategory: concept\ndefinition: '[click](javascript:alert(1))'\nsources: [agency-site]\n"
            },
            "js.yml:3",
            "link target 'javascript:alert(1)' is not allowed",
        ),
        (
            {"ref.yml": "term: Ref\ncategory: concept\ndefinition: 'See [it](#nowhere).'\nsources: [agency-site]\n"},
            "ref.yml:3",
            "link to '#nowhere' names no glossary entry",
        ),
        (
            {"two.yml": 'term: Two\ncategory: concept\ndefinition: "One.\\n\\nTwo."\nsources: [agency-site]\n'},
            "two.yml:3",
            "glossary entry 'two', definition: the text must be one paragraph",
        ),
    ],
)
def test_bad_input_stops_with_path_line_and_hint(tmp_path, files, where, what):
    err = load_error(tmp_path, files)
    message = str(err)
    assert message.startswith(str(tmp_path / "glossary" / where)), message
    assert what in message
    if "invalid YAML" not in what:
        assert err.hint, "every error says how to fix it"


def test_a_missing_folder_is_an_error(tmp_path):
    with pytest.raises(ContentError, match="the glossary folder does not exist"):
        load_glossary(tmp_path / "nope", SOURCES)


# -- Markdown and escaping -------------------------------------------------------


def test_definition_markdown_keeps_emphasis_code_and_links():
    out = render_markdown(
        "An *agency* with `code` and [a site](https://example.org/a?b=1&c=2).", "x.yml", 3, inline=True
    )
    assert (
        out == 'An <em>agency</em> with <code>code</code> and <a href="https://example.org/a?b=1&amp;c=2">a site</a>.'
    )


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        '"onmouseover=alert(1) x',
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">x</a>',
        "<b onclick='x()'>bold</b> & more",
    ],
)
def test_raw_html_in_a_definition_shows_as_text(text):
    out = render_markdown(text, "x.yml", 1, inline=True)
    assert "<script" not in out and "<img" not in out and "<b" not in out and "<a" not in out
    assert plain_text(out) == text  # the reader sees exactly what was written


def test_images_stop_the_build_and_block_markup_stays_text():
    with pytest.raises(ContentError, match="images are not allowed"):
        render_markdown("![pic](https://example.org/x.png)", "x.yml", 1, inline=True)
    out = render_markdown("# not a heading", "x.yml", 1, inline=True)
    assert "<h1" not in out
    assert render_markdown("1. not a list", "x.yml", 1, inline=True) == "1. not a list"


def test_a_note_may_have_paragraphs_and_lists():
    out = render_markdown("First.\n\n- one\n- two", "x.yml", 1, inline=False)
    assert out == "<p>First.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>"


def test_the_repositorys_glossary_loads_and_meets_the_brief():
    sources_path = ROOT / "sources" / "sources.yml"
    glossary = load_glossary(ROOT / "glossary", load_sources(sources_path), sources_path)
    assert len(glossary.entries) >= 35
    for required in [
        "un-security-council",
        "unscr-1718",
        "unscr-2270",
        "unscr-2321",
        "roscosmos",
        "icbm",
        "dprk",
        "wmd",
    ]:
        assert required in glossary.entries
    for entry in glossary.entries.values():
        assert entry.sources and entry.definition_text
