"""readkit.edition and readkit.quiz_check as plain functions: settings, the
passages each edition keeps, links that would break, the pruned navigation,
and check quizzes whose HTML does not depend on which option is right."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import ROOT

sys.path.insert(0, str(ROOT / "hooks"))

from readkit import edition, quiz_check  # noqa: E402
from readkit.errors import ContentError  # noqa: E402
from readkit.quiz import Option, Question  # noqa: E402

CONFIG = Path("mkdocs.yml")


# -- Settings -------------------------------------------------------------------------


def test_the_environment_wins_over_mkdocs_yml_and_student_is_the_default():
    assert edition.edition({}, {}, CONFIG) == "student"
    assert edition.edition({"edition": "teacher"}, {}, CONFIG) == "teacher"
    assert edition.edition({"edition": "teacher"}, {"READING_EDITION": "student"}, CONFIG) == "student"
    assert edition.edition({"edition": "student"}, {"READING_EDITION": " teacher "}, CONFIG) == "teacher"


def test_a_bad_edition_names_where_it_came_from(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nextra:\n  reading:\n    manifest: a.yml\n    edition: pupil\n", encoding="utf-8")
    with pytest.raises(ContentError) as err:
        edition.edition({"edition": "pupil"}, {}, config)
    assert err.value.line == 5 and "extra.reading.edition 'pupil' is not an edition" in str(err.value)
    with pytest.raises(ContentError) as err:
        edition.edition({}, {"READING_EDITION": "Teacher"}, config)
    assert "READING_EDITION='Teacher' (from the environment)" in str(err.value)


def test_quiz_modes_per_edition_and_per_page():
    site = edition.Edition("student", edition.mode_setting({"student": "check", "teacher": "practice"}, CONFIG, 1, "q"))
    assert site.quiz_mode({}) == "check"
    assert site.quiz_mode(edition.mode_setting("practice", CONFIG, 1, "q")) == "practice"
    assert dataclasses.replace(site, name="teacher").quiz_mode({}) == "practice"
    assert dataclasses.replace(site, name="teacher").quiz_mode({"student": "practice"}) == "practice"
    assert edition.Edition("student", {}).quiz_mode({}) == "practice"


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("exam", "for the student edition is 'exam'"),
        ({"pupil": "check"}, "'pupil' is not an edition"),
        (["check"], "must be `practice`, `check`, or one of them per edition"),
    ],
)
def test_a_bad_quiz_mode_is_refused_at_its_line(value, words):
    with pytest.raises(ContentError) as err:
        edition.mode_setting(value, "docs/x.md", 3, "front matter `quiz:`")
    assert str(err.value).startswith("docs/x.md:3: front matter `quiz:`") and words in str(err.value)


def test_front_matter_keeps_the_files_lines():
    meta = edition.front_matter("---\ntitle: T\nedition: teacher\n---\n# T\n", "docs/t.md")
    assert meta["edition"] == "teacher" and meta.line_of("edition") == 3
    assert edition.page_edition(meta, "docs/t.md") == "teacher"
    assert edition.front_matter("# No front matter\n", "docs/t.md") == {}
    with pytest.raises(ContentError, match=r"docs/t.md:2: front matter `edition: teachers`"):
        edition.page_edition(edition.front_matter("---\nedition: teachers\n---\n", "docs/t.md"), "docs/t.md")


# -- Passages ---------------------------------------------------------------------------

PAGE = """# Title

Both.
<!-- edition:teacher -->
Teacher [plan](teachers.md).
<!-- edition:end -->
- one
<!-- edition:student -->
- student item
<!-- edition:end -->
- two

```text
<!-- edition:teacher -->
shown as code
```
"""


def test_each_edition_keeps_its_own_passages_and_never_the_markers():
    teacher = edition.for_edition(PAGE, "teacher", "p.md")
    student = edition.for_edition(PAGE, "student", "p.md")
    assert "Teacher [plan]" in teacher and "Teacher [plan]" not in student
    assert "- student item" in student and "- student item" not in teacher
    for text in (teacher, student):
        assert "<!-- edition:end -->" not in text
        assert "shown as code" in text and text.count("<!-- edition:teacher -->") == 1  # the fenced one
        # A marker on its own line goes with its line: no blank line loosens the list.
        assert "- one\n- " in text
    assert "- one\n- student item\n- two" in student


@given(
    st.lists(
        st.sampled_from(
            [
                "text",
                "<!-- edition:teacher -->",
                "<!-- edition:student -->",
                "<!-- edition:end -->",
                "",
                "[a](teachers.md)",
            ]
        ),
        max_size=12,
    )
)
def test_kept_lines_keep_every_line_number(lines):
    page = "\n".join(lines) + "\n"
    try:
        out = edition.for_edition(page, "student", "p.md", keep_lines=True)
    except ContentError:
        return  # unbalanced markers: refused, tested below
    assert out.count("\n") == page.count("\n")
    assert "edition:" not in out


@pytest.mark.parametrize(
    ("page", "line", "words"),
    [
        ("a\n<!-- edition:teacher -->\nb\n", 2, "passage is never closed"),
        ("a\n<!-- edition:end -->\n", 2, "closes no passage"),
        (
            "<!-- edition:teacher -->\n<!-- edition:student -->\n<!-- edition:end -->\n",
            2,
            "opens inside the passage opened at line 1",
        ),
        ("x\n\n<!-- edition:teachers -->\n", 3, "unknown marker 'edition:teachers'"),
    ],
)
def test_unbalanced_or_unknown_markers_stop_at_their_line(page, line, words):
    with pytest.raises(ContentError) as err:
        edition.for_edition(page, "teacher", "docs/p.md", line_offset=0)
    assert err.value.line == line and words in str(err.value)


# -- Links ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("src", "target", "resolved"),
    [
        ("index.md", "teachers.md", "teachers.md"),
        ("read/opening.md", "../teachers.md#a-50-minute-class", "teachers.md"),
        ("read/opening.md", "/teachers/", "teachers"),
        ("index.md", "https://example.org/teachers.md", None),
        ("index.md", "#teachers", None),
        ("index.md", "mailto:a@b.c", None),
    ],
)
def test_links_resolve_against_the_linking_page(src, target, resolved):
    assert edition.resolve(src, target) == resolved


def test_links_are_found_in_markdown_references_and_html_but_not_in_code():
    page = '[a](one.md)\n`[b](two.md)`\n[c]: three.md\n<a href="four.md">x</a>\n```\n[d](five.md)\n```\n'
    assert list(edition.links(page)) == [(1, "one.md"), (3, "three.md"), (4, "four.md")]


@pytest.mark.parametrize("target", ["../teachers.md#plan", "../teachers.md", "../teachers/", "/teachers/index.html"])
def test_a_link_to_a_teacher_page_from_a_page_both_build_is_refused(target):
    with pytest.raises(ContentError) as err:
        edition.check_links(
            "read/x.md", f"# X\n\nSee [plan]({target}).\n", "docs/read/x.md", {"teachers.md": "teacher"}
        )
    assert err.value.line == 3 and "would break in the student edition" in str(err.value)


def test_links_inside_a_passage_or_from_a_page_of_the_same_edition_are_fine():
    only = {"teachers.md": "teacher", "more.md": "teacher"}
    edition.check_links("x.md", "<!-- edition:teacher -->\n[p](teachers.md)\n<!-- edition:end -->\n", "x.md", only)
    edition.check_links("more.md", "[p](teachers.md)\n", "more.md", only)
    with pytest.raises(ContentError, match="would break in the teacher edition"):
        edition.check_links("x.md", "[s](student.md)\n", "x.md", {"student.md": "student"})


# -- Navigation ---------------------------------------------------------------------------------

NAV = [
    {"Home": "index.md"},
    {"For teachers": [{"Plan": "teachers.md"}, {"Key": "key.md"}]},
    {"Mixed": [{"Print": "print.md"}, {"Plan": "teachers.md"}]},
    "about.md",
]


def test_the_student_navigation_drops_teacher_pages_and_emptied_sections():
    assert edition.prune_nav(NAV, {"teachers.md", "key.md"}) == [
        {"Home": "index.md"},
        {"Mixed": [{"Print": "print.md"}]},
        "about.md",
    ]
    assert edition.prune_nav(NAV, set()) == NAV


def _pages(nav) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [p for item in nav for p in _pages(item)]
    if isinstance(nav, dict):
        return [p for item in nav.values() for p in _pages(item)]
    return []


@given(st.sets(st.sampled_from(["index.md", "teachers.md", "key.md", "print.md", "about.md"])))
def test_pruning_keeps_every_other_page_in_order(drop):
    assert _pages(edition.prune_nav(NAV, drop) or []) == [p for p in _pages(NAV) if p not in drop]


# -- Check quizzes: the HTML does not depend on which option is right -------------------------


def _question(texts: list[str], right: set[int], kind: str = "single") -> Question:
    options = tuple(Option(chr(97 + i), t, i in right, f"Because {t}") for i, t in enumerate(texts))
    return Question(
        id="q-1", type=kind, prompt="Which?", paras=(1,), explanation="Why.", path="p.md", line=1, options=options
    )


@given(st.permutations(["Alpha", "beta", "Gamma", "delta"]), st.integers(0, 3))
def test_a_check_question_reads_the_same_whichever_option_is_right_and_in_whatever_order_it_was_written(order, right):
    base = quiz_check.question_html(
        _question(["Alpha", "beta", "Gamma", "delta"], {0}), 1, 1, lambda n: f"#p-{n}", "s", page_title="T", seq=1
    )
    other = quiz_check.question_html(
        _question(list(order), {right}), 1, 1, lambda n: f"#p-{n}", "s", page_title="T", seq=1
    )
    assert other == base
    assert "Because" not in base and "Why." not in base and "correct" not in base


@given(st.permutations(["The first", "The second", "The third", "The fourth"]))
def test_a_check_ordering_question_reads_the_same_whatever_the_right_order(items):
    def html(order):
        q = Question(
            id="o-1",
            type="ordering",
            prompt="Order?",
            paras=(1,),
            explanation="Why.",
            path="p.md",
            line=1,
            items=tuple(order),
        )
        return quiz_check.question_html(q, 1, 1, lambda n: f"#p-{n}", "s", page_title="T", seq=1)

    assert html(items) == html(["The first", "The second", "The third", "The fourth"])


def test_a_link_to_the_teacher_editions_answer_key_is_refused_but_the_page_is_fine():
    anchors = {"print.md": {"answer-key"}}
    edition.check_links("x.md", "[key](print.md)\n[notes](print.md#notes-opening)\n", "x.md", {}, anchors)
    with pytest.raises(ContentError) as err:
        edition.check_links("read/x.md", "\n[key](../print.md#answer-key)\n", "docs/read/x.md", {}, anchors)
    assert err.value.line == 2 and "only the teacher edition has #answer-key on print.md" in str(err.value)
    edition.check_links(
        "x.md", "<!-- edition:teacher -->\n[key](print.md#answer-key)\n<!-- edition:end -->\n", "x.md", {}, anchors
    )
