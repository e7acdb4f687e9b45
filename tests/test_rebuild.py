"""hooks/rebuild.py keeps compiled templates between the builds of one
process (`mkdocs serve`): an edited template must still show on the next build."""

from __future__ import annotations

from pathlib import Path

from helpers import build, copy_project, parse


def test_a_template_edit_shows_on_the_next_build_in_the_same_process(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    assert "  - hooks/rebuild.py\n" in config.read_text(encoding="utf-8")
    template = project / "overrides" / "main.html"
    code, out = build(config, tmp_path / "one")  # in this process, as mkdocs serve rebuilds
    assert code == 0, out
    assert parse(tmp_path / "one" / "about" / "index.html").find("meta", attrs={"name": "theme-color"}) is not None
    text = template.read_text(encoding="utf-8")
    assert '<meta name="theme-color"' in text
    template.write_text(text.replace('<meta name="theme-color"', '<meta name="x-edited-template"'), encoding="utf-8")
    code, out = build(config, tmp_path / "two")
    assert code == 0, out
    page = parse(tmp_path / "two" / "about" / "index.html")
    assert page.find("meta", attrs={"name": "x-edited-template"}) is not None
    assert page.find("meta", attrs={"name": "theme-color"}) is None
