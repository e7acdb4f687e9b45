"""Options under `extra: reading:` in mkdocs.yml are honoured by every hook."""

from __future__ import annotations

from pathlib import Path

from helpers import build, copy_project, parse


def test_glossary_page_option_moves_the_glossary_for_every_hook(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    (project / "docs" / "glossary.md").rename(project / "docs" / "terms.md")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - Glossary: glossary.md\n" in text and "    glossary: glossary\n" in text
    text = text.replace("  - Glossary: glossary.md\n", "  - Glossary: terms.md\n")
    text = text.replace("    glossary: glossary\n", "    glossary: glossary\n    glossary_page: terms.md\n")
    config.write_text(text, encoding="utf-8")
    for page in (project / "docs").rglob("*.md"):
        body = page.read_text(encoding="utf-8")
        if "(glossary.md" in body:
            page.write_text(body.replace("(glossary.md", "(terms.md"), encoding="utf-8")
    code, out = build(config, tmp_path / "site")
    assert code == 0, out
    site = tmp_path / "site"
    assert (site / "terms" / "index.html").exists() and not (site / "glossary" / "index.html").exists()
    # The Sources page lists the glossary entries citing each source, linked to the moved page.
    hrefs = [a["href"] for a in parse(site / "sources" / "index.html").select("article a[href]")]
    to_terms = [h for h in hrefs if h.startswith("../terms/#")]
    assert to_terms, "the Sources page links no glossary entry"
    assert not [h for h in hrefs if "glossary/" in h], "a link still points at the old glossary page"
    # Term links in the article lead there too.
    terms = parse(site / "read" / "sanctions" / "index.html").select("article a.gl-term")
    assert terms and all("/terms/#" in a["href"] for a in terms)
