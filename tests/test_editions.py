"""The two editions, built for real: the student edition holds no teacher page
and no answer key anywhere (files, navigation, search index, sitemap, links),
and a `check` quiz carries no answer in any form; the teacher edition is the
whole site with its marker on every page. Mistakes stop the build with
path:line in both editions."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from helpers import ROOT, build, build_env, copy_project, early_output, may_start_early, parse, parsed

TEACHER_PAGES = ("teachers.md",)  # the pages whose front matter says `edition: teacher`


def _site(tmp_path_factory: pytest.TempPathFactory, name: str, edition: str, quiz: str | None = None) -> Path:
    """The site built in `edition`; with `quiz`, from a copy whose student quizzes are in that mode."""
    config = ROOT / "mkdocs.yml"
    if quiz:
        config = copy_project(tmp_path_factory.mktemp(f"{name}-project")) / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        assert "      student: practice\n" in text
        config.write_text(text.replace("      student: practice\n", f"      student: {quiz}\n"), encoding="utf-8")
    site = tmp_path_factory.mktemp(name) / "site"
    code, output = build(config, site, edition=edition)
    assert code == 0, output
    return site


@pytest.fixture(scope="module")
def student(tmp_path_factory):
    return _site(tmp_path_factory, "student", "student")


@pytest.fixture(scope="module")
def teacher(built_site):
    """The teacher edition: the session's build of the site (helpers.build's default edition)."""
    return built_site


@pytest.fixture(scope="module")
def check(tmp_path_factory):
    """The student edition with every quiz in check mode."""
    return _site(tmp_path_factory, "check", "student", quiz="check")


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def _texts(site: Path) -> dict[Path, str]:
    """Every HTML and JSON file of the site, as text (JSON decoded, so escapes do not hide words)."""
    out = {}
    for path in sorted([*site.rglob("*.html"), *site.rglob("*.json")]):
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".json":
            text = json.dumps(json.loads(text), ensure_ascii=False)
        out[path] = text
    return out


def _teacher_only_front_matter() -> list[str]:
    found = []
    for path in sorted((ROOT / "docs").rglob("*.md")):
        head = path.read_text(encoding="utf-8").split("\n---", 1)[0]
        if re.search(r"^edition:\s*teacher\s*$", head, re.M):
            found.append(path.relative_to(ROOT / "docs").as_posix())
    return found


def test_the_teacher_pages_are_marked_in_their_front_matter():
    assert _teacher_only_front_matter() == list(TEACHER_PAGES)


# -- The student edition ----------------------------------------------------------


def test_student_edition_files_hold_no_teacher_page_and_no_answer_key(student):
    assert not (student / "teachers").exists()
    for path, text in _texts(student).items():
        assert "Teaching with this reading" not in text, path
        assert "Answer key" not in text and 'id="answer-key"' not in text, path
        assert "quiz-key" not in text.replace("quiz-key-options", "").replace("quiz-key-mistakes", "").replace(
            "quiz-key-order", ""
        ), path
        assert "Leave the answers out" not in text, path
        assert "ed-marker" not in text, path


def test_student_navigation_search_and_sitemap_never_reach_a_teacher_page(student):
    sitemap = (student / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>" in sitemap and "teachers" not in sitemap
    index = json.loads((student / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = [d["location"] for d in index["docs"]]
    assert any(loc.startswith("read/sanctions/") for loc in locations)
    assert not [loc for loc in locations if loc.startswith("teachers")]
    assert not [d for d in index["docs"] if "Answer key" in d["title"] or "answer key" in d["text"].lower()]
    for page in _pages(student):
        soup = parsed(page)
        assert "For teachers" not in soup.select_one("nav.md-nav--primary").get_text(), page
        for a in soup.select("a[href]"):
            assert not re.search(r"(^|/)teachers(/|\.html|\.md|$)", a["href"].split("#")[0]), (page, a["href"])


def test_student_print_page_keeps_article_notes_and_glossary_but_no_answers(student):
    soup = parsed(student / "print" / "index.html")
    content = soup.select_one("article")
    h2 = [h.get_text(" ", strip=True).rstrip("¶").strip() for h in content.select("h2")]
    assert h2[-1] == "Glossary" and "Answer key" not in h2
    assert content.select(".pr-note") and content.select(".pr-glossary dt")
    assert content.select("#p-1") and content.select("#p-12")
    assert not content.select(".pr-key, #pr-omit-key")
    assert "answers" not in content.select_one(".pr-screen-only").get_text()


def test_student_practice_quizzes_keep_feedback_try_again_explanation_and_reread(student):
    soup = parsed(student / "read" / "sanctions" / "index.html")
    quizzes = soup.select("section.quiz")
    assert quizzes
    for quiz in quizzes:
        assert quiz.get("data-quiz-mode") is None  # practice
        assert quiz.select_one(".quiz-retry").get_text() == "Try again"
        assert quiz.select_one(".quiz-explanation").get_text(strip=True)
        assert quiz.select("a.quiz-reread-link")
        if quiz["data-quiz-type"] in ("single", "multiple"):
            assert all(
                li.select_one(".quiz-fb-text").get_text(strip=True) for li in quiz.select(".quiz-key-options li")
            )
    assert not soup.select("section.quiz-key")  # the printed key is the teacher edition's


# -- Check quizzes in the student edition ------------------------------------------


def _questions():
    import sys

    sys.path.insert(0, str(ROOT / "hooks"))
    from readkit.quiz import load_page

    out = []
    for path in sorted((ROOT / "docs" / "read").glob("*.md")):
        out += load_page(path.read_text(encoding="utf-8"), path, path.name)
    assert len(out) > 20
    return out


def _plain(markdown_text: str) -> str:
    from readkit.quiz_render import md_inline

    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", md_inline(markdown_text)))).strip()


# What would give an answer away next to an option's text.
ANSWER_CONTEXT = re.compile(
    r"Answer:|Right[:.]|✓|✗|data-correct|correct[\"']?\s*[:=]|is-right|quiz-fb|Show answer", re.I
)


def _visible(text: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", text)))


def test_check_quizzes_carry_no_answer_anywhere_in_html_or_json(check):
    questions = _questions()
    texts = _texts(check)
    everything = {path: _visible(text) for path, text in texts.items()}
    for path, text in texts.items():
        for giveaway in (
            "data-correct",
            "quiz-answer",
            "<summary>Show answer",
            ">Show answer</button>",
            "quiz-show",
            "quiz-key",
            "data-answer",
            "data-tolerance",
            "quiz-explanation",
            "quiz-fb-text",
            "Answer:",
        ):
            assert giveaway not in text, (path, giveaway)
    for q in questions:
        secret = [_plain(q.explanation)] + [_plain(o.feedback) for o in q.options if o.feedback]
        secret += [_plain(m.feedback) for m in q.mistakes] + ([_plain(q.feedback)] if q.feedback else [])
        for words in secret:
            probe = words[:80]
            for path, text in everything.items():
                assert probe not in text, (q.id, path, probe)
        right = [_plain(o.text) for o in q.correct_options] if q.type != "truefalse" else []
        if q.type == "numeric":
            right = [f"{q.answer:g}"]
        for answer in right:
            for path, text in everything.items():
                for m in re.finditer(re.escape(answer), text):
                    before = text[max(0, m.start() - 60) : m.start()]
                    assert not ANSWER_CONTEXT.search(before), (q.id, path, before + answer)


def test_check_quizzes_keep_every_question_as_a_plain_sheet_in_an_order_that_tells_nothing(check):
    questions = {q.id: q for q in _questions()}
    seen = set()
    first_is_right = []
    for page in sorted((check / "read").rglob("index.html")):
        soup = parsed(page)
        for quiz in soup.select("section.quiz"):
            assert quiz["data-quiz-mode"] == "check"
            q = questions[quiz["data-quiz-id"]]
            seen.add(q.id)
            assert _plain(q.prompt) in quiz.select_one("legend").get_text(" ", strip=True).replace("  ", " ")
            assert not quiz.select("button, details, [hidden]")
            labels = [label.get_text(" ", strip=True) for label in quiz.select("label")]
            if q.type in ("single", "multiple"):
                shown = [re.sub(r"^[A-Z]\. ", "", t) for t in labels]
                assert sorted(shown) == sorted(_plain(o.text) for o in q.options)
                first_is_right.append(shown[0] in {_plain(o.text) for o in q.correct_options})
                assert [i["value"] for i in quiz.select("input")] == [chr(97 + i) for i in range(len(shown))]
            if q.type == "ordering":
                assert sorted(labels) == sorted(_plain(i) for i in q.items)
                assert all(li["data-item"].startswith("s") for li in quiz.select(".quiz-item"))
        if soup.select("section.quiz"):
            handin = soup.select_one("section.quiz-handin")
            assert "Name:" in handin.select_one(".quiz-handin-nojs").get_text()
    assert seen == set(questions)
    # The authored order puts the right option first; the check sheet must not.
    assert not all(first_is_right)


def test_a_check_page_in_the_teacher_edition_shows_the_key_on_screen(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "read" / "sanctions.md"
    page.write_text("---\nquiz: check\n---\n" + page.read_text(encoding="utf-8"), encoding="utf-8")
    code, output = build(project / "mkdocs.yml", tmp_path / "site", edition="teacher")
    assert code == 0, output
    soup = parse(tmp_path / "site" / "read" / "sanctions" / "index.html")
    assert soup.select("section.quiz--check")
    assert soup.select_one("section.quiz-key.quiz-key--shown").select("li")
    other = parse(tmp_path / "site" / "read" / "opening" / "index.html")
    assert not other.select("section.quiz--check") and other.select("details.quiz-answer")


# -- The teacher edition ------------------------------------------------------------


def test_teacher_edition_is_the_whole_site_with_its_marker_on_every_page(teacher):
    assert (teacher / "teachers" / "index.html").is_file()
    pages = _pages(teacher)
    for page in pages:
        marker = parsed(page).select_one(".md-content > .ed-marker")
        assert marker is not None and "Teacher edition" in marker.get_text(), page
    nav = parsed(teacher / "index.html").select_one("nav.md-nav--primary").get_text()
    assert "For teachers" in nav
    print_page = parsed(teacher / "print" / "index.html")
    assert print_page.select_one("#answer-key") and print_page.select(".pr-key li")
    assert parsed(teacher / "read" / "sanctions" / "index.html").select("section.quiz-key li")
    index = json.loads((teacher / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(d["location"].startswith("teachers/") for d in index["docs"])


# -- Mistakes stop the build, in both editions ----------------------------------------


@pytest.mark.parametrize("edition", ["student", "teacher"])
def test_a_link_to_a_teacher_page_from_a_kept_page_stops_both_editions(tmp_path, edition):
    project = copy_project(tmp_path / "project")
    about = project / "docs" / "about.md"
    lines = about.read_text(encoding="utf-8").splitlines()
    lines.insert(5, "See [the plan](teachers.md#a-50-minute-class).")
    about.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, output = build(project / "mkdocs.yml", tmp_path / "site", edition=edition)
    assert code != 0
    assert "docs/about.md:6: the link to 'teachers.md#a-50-minute-class' would break in the student edition" in output


def test_a_link_inside_a_teacher_passage_is_fine_and_left_out_of_the_student_edition(tmp_path):
    project = copy_project(tmp_path / "project")
    about = project / "docs" / "about.md"
    about.write_text(
        about.read_text(encoding="utf-8")
        + "\n<!-- edition:teacher -->\nSee [the plan](teachers.md).\n<!-- edition:end -->\n",
        encoding="utf-8",
    )
    for edition in ("student", "teacher"):
        code, output = build(project / "mkdocs.yml", tmp_path / edition, edition=edition)
        assert code == 0, output
        text = (tmp_path / edition / "about" / "index.html").read_text(encoding="utf-8")
        assert ("See <a" in text) == (edition == "teacher")
        assert "edition:" not in text


@pytest.mark.parametrize(
    ("where", "old", "new", "message"),
    [
        (
            "mkdocs.yml",
            "    edition: student\n",
            "    edition: students\n",
            "mkdocs.yml:{line}: extra.reading.edition 'students' is not an edition. Use student or teacher",
        ),
        (
            "mkdocs.yml",
            "      student: practice\n",
            "      student: exam\n",
            "mkdocs.yml:{line}: extra.reading.quiz for the student edition is 'exam'",
        ),
        (
            "docs/teachers.md",
            "edition: teacher\n",
            "edition: teachers\n",
            "docs/teachers.md:{line}: front matter `edition: teachers` is not an edition",
        ),
        (
            "docs/read/sanctions.md",
            None,
            "---\nquiz: exam\n---\n",
            "docs/read/sanctions.md:2: front matter `quiz:` for the student edition is 'exam'",
        ),
        (
            "docs/about.md",
            None,
            "<!-- edition:teacher -->\nOnly for teachers.\n",
            "docs/about.md:{line}: the `<!-- edition:teacher -->` passage is never closed",
        ),
    ],
)
def test_a_bad_setting_stops_the_build_with_its_line(tmp_path, where, old, new, message):
    project = copy_project(tmp_path / "project")
    path = project / where
    text = path.read_text(encoding="utf-8")
    if old is None:
        text = new + text if new.startswith("---") else text + "\n" + new
        line = 2 if new.startswith("---") else text.splitlines().index("<!-- edition:teacher -->") + 1
    else:
        assert old in text
        line = text[: text.index(old)].count("\n") + 1
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    code, output = build(project / "mkdocs.yml", tmp_path / "site", edition=None)
    assert code != 0
    assert message.format(line=line) in output, output


def test_a_bad_edition_from_the_environment_names_the_setting(tmp_path):
    code, output = build(ROOT / "mkdocs.yml", tmp_path / "site", edition="pupil")
    assert code != 0
    line = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines().index("    edition: student") + 1
    assert f"mkdocs.yml:{line}: READING_EDITION='pupil' (from the environment) is not an edition" in output


# -- The offline zip, for either edition ------------------------------------------------


# Both with READING_EDITION=teacher: the first takes its edition from the
# environment, the second's --student flag wins over it.
for _name, _flags in (("offline-teacher", []), ("offline-student", ["--student"])):
    may_start_early(
        _name,
        "test_editions.py::test_build_offline_makes_either_edition",
        [str(ROOT / "scripts" / "build-offline"), "--out", "{out}", *_flags],
        env={**build_env(), "READING_EDITION": "teacher"},
    )


def test_build_offline_makes_either_edition():
    import zipfile

    def run(name: str) -> tuple[str, Path]:
        code, output, out = early_output(name)
        assert code == 0, output
        return output, out

    output, out = run("offline-teacher")
    assert "reading-offline-teacher.zip" in output  # from the environment
    with zipfile.ZipFile(out / "reading-offline-teacher.zip") as z:
        names = z.namelist()
        assert "reading-offline-teacher/teachers.html" in names
        assert "Teacher edition" in z.read("reading-offline-teacher/README.txt").decode()
        assert 'class="ed-marker"' in z.read("reading-offline-teacher/index.html").decode()
    _, out = run("offline-student")  # the flag wins over the environment
    with zipfile.ZipFile(out / "reading-offline.zip") as z:
        names = z.namelist()
        assert "reading-offline/read/sanctions.html" in names
        assert not [n for n in names if "teachers" in n]
        assert "Answer key" not in z.read("reading-offline/print.html").decode()
