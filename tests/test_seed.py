"""The reading model: the seed split by its manifest (pure functions)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import ROOT
from readkit.errors import ContentError
from readkit.render import md_escape
from readkit.seed import load_reading, split_blocks

MANIFEST = ROOT / "seeds" / "necessity-knows-no-law.yml"
SEED = ROOT / "seeds" / "necessity-knows-no-law.txt"


@pytest.fixture
def reading():
    return load_reading(MANIFEST)


def test_the_standfirst_is_paragraph_one_and_the_last_paragraph_is_twelve(reading):
    paras = reading.paragraphs
    assert paras[0].text.startswith("In return for providing ammunition")
    assert paras[-1].number == 12 and paras[-1].text.startswith("Whether it’s on space")
    assert [p.number for p in paras] == list(range(1, 13))


def test_sections_follow_the_article_with_the_untitled_opening_first(reading):
    assert [s.heading for s in reading.sections] == [
        None,
        "Sanctions against North Korea",
        "Russian Strife in Space",
        "What’s in it for Russia?",
        "Beggars Can’t be Choosers",
    ]
    assert [[p.number for p in s.paragraphs] for s in reading.sections] == [
        [1, 2, 3],
        [4, 5],
        [6, 7, 8],
        [9, 10, 11],
        [12],
    ]


def test_every_line_of_the_seed_is_accounted_for(reading):
    """Paragraphs + structure + chrome = every non-blank line, none twice."""
    manifest = reading.manifest_path.read_text(encoding="utf-8")
    paragraph_lines = {p.line for p in reading.paragraphs}
    pull_lines = {i.line for s in reading.sections for i in s.items if not hasattr(i, "number")}
    for block in split_blocks(SEED.read_text(encoding="utf-8")):
        if block.line in paragraph_lines or block.line in pull_lines:
            continue
        assert block.text in manifest, f"line {block.line} is neither a paragraph nor named by the manifest"


def test_pull_quotes_are_not_counted_as_paragraphs(reading):
    texts = [p.text for p in reading.paragraphs]
    assert "In the end, it is North Korea that is set to benefit the most from this partnership" not in texts
    pulls = [i for s in reading.sections for i in s.items if not hasattr(i, "number")]
    assert len(pulls) == 2


def test_chrome_and_byline_are_not_paragraphs(reading):
    joined = "\n".join(p.text for p in reading.paragraphs)
    for chrome in (
        "Have an idea for a Commentary",
        "View profile",
        "Explore our related content",
        "Juliana Suess",
        "The views expressed",
    ):
        assert chrome not in joined


def test_paragraph_text_is_the_seed_line_exactly(reading):
    lines = SEED.read_text(encoding="utf-8").splitlines()
    for p in reading.paragraphs:
        assert lines[p.line - 1] == p.text


def test_locate_finds_exact_quotes_with_curly_apostrophes(reading):
    hits = reading.locate("DPRK’s weapons of mass destruction")
    assert [(p.number, off) for p, off in hits] == [(3, reading.paragraph(3).text.index("DPRK’s weapons"))]
    assert reading.locate("DPRK's weapons") == []  # a straight apostrophe is another text


# -- bad input: each stops with path:line and a hint --------------------------


def _project(tmp_path: Path) -> tuple[Path, Path]:
    manifest = tmp_path / MANIFEST.name
    seed = tmp_path / SEED.name
    shutil.copy(MANIFEST, manifest)
    shutil.copy(SEED, seed)
    return manifest, seed


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def _error(manifest: Path) -> ContentError:
    with pytest.raises(ContentError) as info:
        load_reading(manifest)
    return info.value


def test_missing_seed(tmp_path):
    manifest, seed = _project(tmp_path)
    seed.unlink()
    err = _error(manifest)
    assert str(err).startswith(f"{manifest}:{_line_of(manifest, 'seed:')}: ")
    assert "not found" in str(err)


def test_edited_seed_is_refused(tmp_path):
    manifest, seed = _project(tmp_path)
    seed.write_text(seed.read_text(encoding="utf-8").replace("brazen", "bold"), encoding="utf-8")
    err = _error(manifest)
    assert f"{manifest}:{_line_of(manifest, 'sha256:')}:" in str(err) and "never edited" in str(err)


def _unpin(manifest: Path, old: str, new: str) -> None:
    text = manifest.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new)
    text = "\n".join(line for line in text.splitlines() if not line.startswith("sha256:")) + "\n"
    manifest.write_text(text, encoding="utf-8")


def test_heading_not_in_the_text(tmp_path):
    manifest, _ = _project(tmp_path)
    _unpin(manifest, '"Russian Strife in Space"', '"Russian Strife in Orbit"')
    err = _error(manifest)
    assert str(err).startswith(f"{manifest}:{_line_of(manifest, 'Russian Strife in Orbit')}: ")
    assert "is not a line of the seed" in str(err) and "Copy it exactly" in str(err)


def test_heading_twice_in_the_text(tmp_path):
    manifest, seed = _project(tmp_path)
    seed.write_text(
        seed.read_text(encoding="utf-8").replace(
            "Beggars Can’t be Choosers\n", "Beggars Can’t be Choosers\n\nSome words.\n\nRussian Strife in Space\n"
        ),
        encoding="utf-8",
    )
    _unpin(manifest, "sha256", "sha256")
    err = _error(manifest)
    assert str(err).startswith(f"{manifest}:{_line_of(manifest, 'Russian Strife in Space')}: ")
    assert "occurs 2 times" in str(err)


def test_pull_quote_not_in_the_text(tmp_path):
    manifest, _ = _project(tmp_path)
    _unpin(manifest, 'food and fuel"', 'food and fuel!"')
    err = _error(manifest)
    assert str(err).startswith(f"{manifest}:{_line_of(manifest, 'food and fuel!')}: ") and "pull quote" in str(err)


def test_empty_section(tmp_path):
    manifest, seed = _project(tmp_path)
    text = seed.read_text(encoding="utf-8")
    start = text.index("Whether it’s on space")
    end = text.index("The views expressed")
    seed.write_text(text[:start] + text[end:], encoding="utf-8")
    _unpin(manifest, "sha256", "sha256")
    err = _error(manifest)
    assert str(err).startswith(f"{manifest}:{_line_of(manifest, 'slug: beggars')}: ")
    assert "has no paragraphs" in str(err)


def test_malformed_manifest_yaml(tmp_path):
    manifest, _ = _project(tmp_path)
    text = manifest.read_text(encoding="utf-8").replace("section_dir: read", "section_dir: [read")
    manifest.write_text(text, encoding="utf-8")
    err = _error(manifest)
    assert str(err).startswith(f"{manifest}:") and "invalid YAML" in str(err)


def test_unknown_manifest_field(tmp_path):
    manifest, _ = _project(tmp_path)
    manifest.write_text(manifest.read_text(encoding="utf-8") + "sectoins: []\n", encoding="utf-8")
    err = _error(manifest)
    assert str(err).startswith(f"{manifest}:{_line_of(manifest, 'sectoins')}: ") and "unknown field 'sectoins'" in str(
        err
    )


def test_sections_out_of_order(tmp_path):
    manifest, _ = _project(tmp_path)
    text = manifest.read_text(encoding="utf-8")
    a = '  - slug: russian-strife-in-space\n    heading: "Russian Strife in Space"\n'
    b = '  - slug: whats-in-it-for-russia\n    heading: "What’s in it for Russia?"\n'
    manifest.write_text(text.replace(a + b, b + a), encoding="utf-8")
    err = _error(manifest)
    assert "out of the seed's order" in str(err)


# -- Markdown escaping of headings --------------------------------------------


@given(
    st.text(
        alphabet=st.characters(whitelist_categories=("L", "N", "P", "S"), whitelist_characters=" "),
        min_size=1,
        max_size=40,
    )
    .map(str.strip)
    .filter(bool)
)
def test_escaped_heading_renders_as_its_own_text(text):
    import markdown
    from bs4 import BeautifulSoup

    # The site's own extensions: attr_list would read a trailing {...} as attributes.
    html = markdown.markdown(
        "# " + md_escape(text), extensions=["attr_list", "md_in_html", "toc", "def_list", "tables", "admonition"]
    )
    h1 = BeautifulSoup(html, "html.parser").find("h1")
    assert h1 is not None
    assert h1.get_text() == text
