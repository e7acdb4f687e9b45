"""Content errors, as a maintainer sees them: a real build of a copy of the
project stops with `path:line: what is wrong. How to fix it.`, the path
relative to the project (as typed in an editor), the line of the offending
field or option, and no traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import build, copy_project
from readkit.errors import ContentError, display_path
from readkit.sources import real_date
from readkit.yamlio import key_line, load_yaml


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def failed_build(project: Path, tmp_path: Path) -> str:
    code, out = build(project / "mkdocs.yml", tmp_path / "site")
    assert code != 0, out
    assert "Traceback" not in out, out
    assert str(project) not in out, f"an absolute path in the message:\n{out}"
    return out


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def test_a_glossary_error_names_the_repo_relative_file_and_line(project, tmp_path):
    entry = project / "glossary" / "roscosmos.yml"
    replace(entry, "category: organisation", "category: agency")
    out = failed_build(project, tmp_path)
    assert re.search(rf"ERROR\s+-\s+glossary/roscosmos\.yml:{line_of(entry, 'category:')}: ", out), out


def test_a_quiz_field_error_points_at_the_field_not_the_block(project, tmp_path):
    page = project / "docs" / "read" / "sanctions.md"
    text = page.read_text(encoding="utf-8")
    first = text.index("paras: [4]")
    page.write_text(text[:first] + "paras: [99]" + text[first + len("paras: [4]") :], encoding="utf-8")
    out = failed_build(project, tmp_path)
    line = line_of(page, "paras: [99]")
    assert f"docs/read/sanctions.md:{line}: " in out and "paragraph 99" in out, out


def test_an_option_error_in_mkdocs_yml_carries_its_line(project, tmp_path):
    config = project / "mkdocs.yml"
    replace(config, "glossary_mark: first", "glossary_mark: sometimes")
    out = failed_build(project, tmp_path)
    assert (
        f"mkdocs.yml:{line_of(config, 'glossary_mark: sometimes')}: extra.reading.glossary_mark is 'sometimes'" in out
    ), out


def test_a_data_file_that_is_not_utf8_names_the_line(project, tmp_path):
    entry = project / "glossary" / "roscosmos.yml"
    lines = entry.read_bytes().split(b"\n")
    lines[6] = lines[6] + " caf\xe9".encode("latin-1")  # line 7, as a Latin-1 editor would save it
    entry.write_bytes(b"\n".join(lines))
    out = failed_build(project, tmp_path)
    assert "glossary/roscosmos.yml:7: not UTF-8 text" in out, out


def test_an_impossible_source_date_is_a_content_error(project, tmp_path):
    registry = project / "sources" / "sources.yml"
    replace(registry, 'date: "2023-10-17"', 'date: "2023-13-45"')
    out = failed_build(project, tmp_path)
    line = line_of(registry, '"2023-13-45"')
    assert f"sources/sources.yml:{line}: source " in out and "'2023-13-45' is not a real date" in out, out


# -- The pieces, without a build ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "real"),
    [
        ("2023", True),
        ("2023-02", True),
        ("2024-02-29", True),
        ("2023-13", False),
        ("2023-00", False),
        ("2023-02-29", False),
        ("2023-13-45", False),
        ("0000", False),
    ],
)
def test_real_date(date, real):
    assert real_date(date) is real


def test_display_path_is_relative_to_the_folder_of_mkdocs_yml(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (tmp_path / "glossary").mkdir()
    assert display_path(tmp_path / "glossary" / "a.yml") == "glossary/a.yml"
    assert display_path("docs/x.md") == "docs/x.md"
    err = ContentError(tmp_path / "glossary" / "a.yml", 3, "bad", "Fix it")
    assert err.display() == "glossary/a.yml:3: bad. Fix it"
    assert str(err) == f"{tmp_path}/glossary/a.yml:3: bad. Fix it"  # the exception keeps the full path
    other = ContentError(tmp_path / "glossary" / "a.yml", 3, "bad", f"Use an id from {tmp_path}/sources/s.yml")
    assert other.display() == "glossary/a.yml:3: bad. Use an id from sources/s.yml"


def test_key_line_reads_mkdocs_yml_with_its_tags(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        'site_url: !ENV [SITE_URL, "http://x/"]\nextra:\n  a: 1\n  reading:\n'
        "    manifest: m.yml\n    glossary_mark: first\n",
        encoding="utf-8",
    )
    assert key_line(config, ["extra", "reading", "glossary_mark"]) == 6
    assert key_line(config, ["extra", "reading", "missing"]) == 4  # the deepest key present
    assert key_line(tmp_path / "nope.yml", ["extra"]) is None


def test_non_utf8_line_counts_lines_before_the_bad_byte(tmp_path):
    path = tmp_path / "a.yml"
    path.write_bytes(b"a: 1\nb: 2\nc: \xff\n")
    with pytest.raises(ContentError) as info:
        load_yaml(path)
    assert info.value.line == 3 and "not UTF-8" in info.value.message


def test_an_option_naming_a_missing_file_points_at_the_option(project, tmp_path):
    config = project / "mkdocs.yml"
    replace(config, "sources: sources/sources.yml", "sources: sources/registry.yml")
    out = failed_build(project, tmp_path)
    line = line_of(config, "sources: sources/registry.yml")
    assert f"mkdocs.yml:{line}: extra.reading.sources names sources/registry.yml, which does not exist" in out, out
