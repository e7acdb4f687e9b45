"""The site outside MkDocs: what another generator reading mkdocs.yml makes of it.

1. A generator that reads mkdocs.yml but not our hooks (Zensical, for one)
   renders each page with Python-Markdown and the extensions mkdocs.yml
   lists. It must never show a quiz's answers: quizzes are written as
   `<!-- quiz ... -->` comments, which such a renderer does not display.
2. ProperDocs, the maintained MkDocs 1.x fork, runs our hooks: it must build
   the same pages, article for article.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup, Comment

from helpers import ROOT, build, parse, parsed
from readkit.quiz import load_page, texts


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml with MkDocs' own tags (`!ENV`, `!!python/name:`) read as None."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def theme_extensions() -> tuple[list[str], dict[str, dict]]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506
    names, configs = [], {}
    for item in config.get("markdown_extensions") or []:
        if isinstance(item, dict):
            ((name, options),) = item.items()
            names.append(name)
            configs[name] = options or {}
        else:
            names.append(item)
    return names, configs


def without_front_matter(text: str) -> str:
    return re.sub(r"\A---\n.*?\n---\n", "", text, count=1, flags=re.S)


PAGES = sorted((ROOT / "docs").rglob("*.md"))
QUIZ_PAGES = [p for p in PAGES if load_page(p.read_text(encoding="utf-8"), str(p), p.name)]


def test_the_site_has_quizzes_to_hide():
    assert len(QUIZ_PAGES) >= 5


@pytest.mark.parametrize("md_page", QUIZ_PAGES, ids=lambda p: p.relative_to(ROOT / "docs").as_posix())
def test_plain_python_markdown_shows_no_quiz_answers(md_page: Path):
    page = md_page  # (not `page`: that name is the browser fixture)
    source = page.read_text(encoding="utf-8")
    names, configs = theme_extensions()
    html = markdown.Markdown(extensions=names, extension_configs=configs).convert(without_front_matter(source))
    soup = BeautifulSoup(html, "html.parser")
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()  # what a browser shows: no comments
    shown = " ".join(soup.get_text(" ").split())
    assert "correct:" not in shown
    assert "correct:" not in re.sub(r"<!--.*?-->", "", html, flags=re.S), "answers in the page's HTML"
    for q in load_page(source, str(page), page.name):
        assert f"id: {q.id}" not in shown, f"{page.name}: question {q.id}'s YAML is page text"
        for text in texts(q):
            words = " ".join(text.split())
            if len(words) > 30:  # long enough to be the answer's own words, not a heading
                assert words not in shown, f"{page.name}: {q.id} shows {words[:60]!r}"


# -- ProperDocs ---------------------------------------------------------------------------------


def articles(site: Path, read=parse) -> dict[str, str]:
    out = {}
    for page in sorted(site.rglob("*.html")):
        article = read(page).find("article")
        if article is not None:
            out[page.relative_to(site).as_posix()] = str(article)
    return out


def test_properdocs_builds_the_same_articles(_served_site, tmp_path: Path):
    site, url = _served_site
    if importlib.util.find_spec("properdocs") is None:
        pytest.fail("properdocs is not installed: run `pip install -r requirements-dev.txt`")
    other = tmp_path / "properdocs-site"
    code, out = build(ROOT / "mkdocs.yml", other, env={"SITE_URL": url}, program="properdocs")
    assert code == 0, out
    ours, theirs = articles(site, parsed), articles(other)  # the session's pages: parsed once
    assert ours and sorted(ours) == sorted(theirs)
    differ = [name for name in ours if ours[name] != theirs[name]]
    assert not differ, f"ProperDocs builds these pages' <article> differently: {differ}"
