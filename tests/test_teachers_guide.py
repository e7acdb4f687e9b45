"""The instructor page's instructions, followed to the letter on a copy of the
project: its example files are taken from the page itself, so the page and
the code cannot drift apart."""

from __future__ import annotations

import re
import shutil
import textwrap

from helpers import ROOT, build, copy_project, parse

GUIDE = (ROOT / "docs" / "teachers.md").read_text(encoding="utf-8")


def section(heading: str) -> str:
    """The guide's text under a heading, up to the next heading."""
    start = GUIDE.index(heading + "\n")
    rest = GUIDE[start + len(heading) + 1 :]
    end = re.search(r"^#{2,3} ", rest, re.M)
    return rest[: end.start()] if end else rest


def blocks(heading: str, dedent: bool = True) -> list[str]:
    found = re.findall(r"^ *```[a-z]*\n(.*?)^ *```", section(heading), re.M | re.S)
    return [textwrap.dedent(b) if dedent else b for b in found]


def test_the_guide_names_the_commands_that_exist():
    for command in ("scripts/export-quiz", "scripts/build-offline", "scripts/serve", "scripts/test"):
        assert command in GUIDE
        assert (ROOT / command).is_file() and (ROOT / command).stat().st_mode & 0o111, command
    for output in ("dist/quiz-qti.zip", "dist/quiz.gift.txt", "dist/reading-offline.zip"):
        assert output in GUIDE
        assert output.split("/")[1] in (
            ROOT / ("scripts/export_quiz.py" if "quiz" in output else "scripts/build-offline")
        ).read_text(encoding="utf-8")


def test_a_second_article_builds_by_following_the_guide(tmp_path):
    project = copy_project(tmp_path / "project")

    # Steps 1 and 2: the seed and its manifest, exactly as the guide shows them.
    (seed,) = blocks("### Step 1: the text")
    (manifest,) = blocks("### Step 2: the manifest")
    assert "`seeds/my-article.txt`" in section("### Step 1: the text")
    (project / "seeds" / "my-article.txt").write_text(seed, encoding="utf-8")
    (project / "seeds" / "my-article.yml").write_text(manifest, encoding="utf-8")

    # Step 3: point the site at it.
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^(\s+manifest: ).*$", r"\1seeds/my-article.yml", config)
    config = re.sub(r"(?m)^site_name: .*$", "site_name: Rivers", config)

    # Step 4: new section pages, with the marker line the guide gives.
    (marker,) = blocks("### Step 4: the section pages")
    quiz = (
        blocks("### A quiz question")[0].replace("paras: [4]", "paras: [1]").replace("id: sanctions-9", "id: rivers-1")
    )
    shutil.rmtree(project / "docs" / "read")
    (project / "docs" / "read").mkdir()
    (project / "docs" / "read" / "opening.md").write_text(
        "Who controls the river?\n\n"
        + marker
        + "\n## Key points\n\n- Water.\n\n## Check your understanding\n\n"
        + quiz,
        encoding="utf-8",
    )
    # what-comes-next.md is left out: the guide says a missing page is generated.

    # Step 5: the navigation.
    (nav,) = blocks("### Step 5: the navigation", dedent=False)  # indented as under `nav:`
    config = re.sub(r"(?ms)^  - The article:\n(?:      - .*?\n)+", nav, config)

    # Step 6: the data about the old article.
    (project / "sources" / "claims.yml").write_text("", encoding="utf-8")
    (project / "sources" / "notes.yml").write_text("", encoding="utf-8")
    source = blocks("### A source")[0]
    (project / "sources" / "sources.yml").write_text(source, encoding="utf-8")
    source_id = re.search(r"- id: (\S+)", source).group(1)
    shutil.rmtree(project / "glossary")
    (project / "glossary").mkdir()
    term = blocks("### A glossary term")[0]
    term = re.sub(r"(?m)^term: .*$", "term: gauging station", term)
    term = re.sub(r"(?m)^aliases: .*$", "aliases: [joint gauging station]", term)
    term = re.sub(r"(?m)^sources: \[[^]]*\]", f"sources: [{source_id}]", term)
    term = re.sub(r"(?m)^related: .*$", "", term)
    (project / "glossary" / "gauging-station.yml").write_text(term, encoding="utf-8")
    event = blocks("### A timeline event")[0]
    event = re.sub(r"terms: \[[^]]*\]", "terms: [gauging-station]", event)
    event = re.sub(r"sources: \[[^]]*\]", f"sources: [{source_id}]", event)
    # No article_date: the manifest's date is used.
    (project / "teaching" / "timeline.yml").write_text("events:\n" + event, encoding="utf-8")
    config = re.sub(r"(?m)^\s+shells: .*\n", "", config)
    config = re.sub(r"(?m)^  - Check the numbers: numbers.md\n", "", config)
    (project / "docs" / "numbers.md").unlink()
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")

    # Step 7: pages that speak of the old article.
    (project / "docs" / "teachers.md").write_text("# Teaching with this reading\n\nOur notes.\n", encoding="utf-8")
    index = project / "docs" / "index.md"
    index.write_text(
        "".join(
            line for line in index.read_text(encoding="utf-8").splitlines(keepends=True) if "(numbers.md)" not in line
        ),
        encoding="utf-8",
    )

    # Step 8: build.
    code, output = build(project / "mkdocs.yml", tmp_path / "site")
    assert code == 0, output
    site = tmp_path / "site"
    opening = parse(site / "read" / "opening" / "index.html")
    assert "a new dam upstream" in opening.select_one("#p-1").get_text()
    assert opening.select_one(".quiz") is not None
    generated = parse(site / "read" / "what-comes-next" / "index.html")
    assert generated.select_one("#p-3 .gl-term") is not None, "the new glossary term is marked"
    timeline = parse(site / "timeline" / "index.html")
    # The guide's event (21 November 2023) comes before the manifest's date (1 March 2024).
    assert [li.get("id") for li in timeline.select("ol.tl > li")][-1] == "tl-article"
    assert "The article is published (1 March 2024)" in timeline.select_one("#tl-article").get_text()
    assert not timeline.select("li.tl-later")
    whole = parse(site / "print" / "index.html")
    assert [p["id"] for p in whole.select("p.ar-para")] == ["p-1", "p-2", "p-3"]
    assert "gauging station" in whole.select_one("dl.pr-glossary").get_text()
    assert whole.select_one("details.pr-key") is not None
