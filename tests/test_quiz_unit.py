"""Quiz parsing, validation and HTML, without MkDocs: readkit.quiz and
readkit.quiz_render. Every content error must name the page file and line."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from helpers import ROOT
from readkit.authoring import UnsafeMarkdown
from readkit.errors import ContentError
from readkit.quiz import (
    Block,
    Question,
    check_paras,
    check_quotes,
    check_unique,
    find_blocks,
    load_page,
    to_comment_form,
)
from readkit.quiz_render import key_html, md_inline, question_html

FIXTURE = ROOT / "tests" / "fixtures" / "quiz" / "all-types.md"
PATH = "docs/read/x.md"


def page(body: str, before: str = "# Title\n\n") -> str:
    """A page whose quiz header is on line 3 (body line k is file line 3 + k)."""
    return before + "/// quiz\n" + body + "///\n"


def load(body: str) -> list[Question]:
    return load_page(page(body), PATH, "read/x.md")


def error(body: str) -> ContentError:
    with pytest.raises(ContentError) as info:
        load(body)
    return info.value


GOOD = """\
id: q1
type: single
prompt: Which?
paras: [4]
explanation: Because.
options:
  - text: One
    correct: true
  - text: Two
"""


# -- Parsing -------------------------------------------------------------------


def test_fixture_page_parses_every_type_with_file_lines() -> None:
    questions = load_page(FIXTURE.read_text(encoding="utf-8"), "fx.md", "fx.md")
    assert [q.type for q in questions] == ["single", "multiple", "truefalse", "numeric", "ordering"]
    assert [q.id for q in questions] == ["fx-single", "fx-multiple", "fx-truefalse", "fx-numeric", "fx-ordering"]
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    for q in questions:  # q.line is the `/// quiz` line of the page file (front matter included)
        assert lines[q.line - 1] == "/// quiz"
    single, multiple, tf, numeric, ordering = questions
    assert [o.key for o in single.correct_options] == ["a"] and single.options[1].feedback == "No."
    assert [o.key for o in multiple.correct_options] == ["a", "b"]
    assert [(o.key, o.correct, o.feedback) for o in tf.options] == [
        ("true", False, "Look up."),
        ("false", True, "Right."),
    ]
    assert (numeric.answer, numeric.tolerance, numeric.unit) == (400, 0.5, "days")
    assert [m.answer for m in numeric.mistakes] == [40] and numeric.feedback == "Divide."
    assert ordering.items == ("first", "second", "third", "fourth") and ordering.paras == (3,)


def test_reading_a_page_again_gives_its_current_text_and_separate_questions() -> None:
    # Pages are parsed more than once a build and again on every `mkdocs serve`
    # rebuild: an edit must show, and one caller's change must not leak to another.
    first = load(GOOD)
    again = load(GOOD)
    assert again == first and again[0] is not first[0]
    again[0].page = "elsewhere.md"
    assert load(GOOD)[0].page == "read/x.md"
    assert load_page(page(GOOD), PATH, "read/y.md")[0].page == "read/y.md"
    assert load(GOOD.replace("prompt: Which?", "prompt: Which one?"))[0].prompt == "Which one?"
    broken = GOOD.replace("type: single", "type: essay")
    for _ in range(2):  # an error is raised on every read, never remembered as a result
        assert "essay" in str(error(broken))


def test_fenced_code_is_not_a_quiz() -> None:
    text = "```\n/// quiz\nid: nope\n///\n```\n\n" + page(GOOD, "")
    blocks = find_blocks(text, PATH)
    assert len(blocks) == 1 and blocks[0].line == 7


def test_nested_fence_length_must_match() -> None:
    text = "//// quiz\n" + GOOD + "///\nstill body? no: this line ends nothing\n////\n"
    with pytest.raises(ContentError):  # the `///` line is inside the YAML and breaks it
        load_page(text, PATH, "x.md")
    ok = "//// quiz\n" + GOOD + "////\n"
    assert [q.id for q in load_page(ok, PATH, "x.md")] == ["q1"]


def test_line_offset_counts_front_matter() -> None:
    blocks = find_blocks(page(GOOD), PATH, line_offset=4)
    assert isinstance(blocks[0], Block) and blocks[0].line == 7


# -- Every content error: path:line and a hint -------------------------------

BAD = [
    # (what, body, line of the error in the page, words in the message)
    (
        "no correct option",
        GOOD.replace("    correct: true\n", ""),
        9,
        "question 'q1': no option is marked correct. Mark the right option with `correct: true`",
    ),
    (
        "two correct on single",
        GOOD.replace("  - text: Two\n", "  - text: Two\n    correct: true\n"),
        9,
        "single choice, but options A, B are all marked correct",
    ),
    (
        "numeric without answer",
        "id: n1\ntype: numeric\nprompt: How many?\nparas: [10]\nexplanation: x\n",
        4,
        "needs `answer:`",
    ),
    (
        "numeric answer not a number",
        "id: n1\ntype: numeric\nprompt: How many?\nparas: [10]\nanswer: 400 days\nexplanation: x\n",
        8,
        "must be a number",
    ),
    (
        "ordering with duplicates",
        "id: o1\ntype: ordering\nprompt: Order\nparas: [2]\nexplanation: x\nitems:\n  - a\n  - b\n  - a\n",
        12,
        "item 3 repeats item 1",
    ),
    ("unknown field", GOOD + "hint: no such field\n", 13, "unknown field 'hint'"),
    (
        "unknown option field",
        GOOD.replace("    correct: true\n", "    correct: true\n    feedbak: typo\n"),
        12,
        "unknown field 'feedbak'",
    ),
    ("unknown type", GOOD.replace("type: single", "type: essay"), 5, "'type' is 'essay'"),
    ("malformed YAML", GOOD.replace("prompt: Which?", "prompt: [Which?"), 6, "invalid YAML"),
    ("missing paras", GOOD.replace("paras: [4]\n", ""), 4, "must name the paragraph"),
    ("paragraph ref not a number", GOOD.replace("paras: [4]", "paras: [four]"), 7, "is not a number"),
    ("missing explanation", GOOD.replace("explanation: Because.\n", ""), 4, "'explanation' is missing"),
    ("bad id", GOOD.replace("id: q1", "id: Q 1"), 4, "must be lowercase"),
    ("one option only", GOOD.replace("  - text: Two\n", ""), 9, "at least 2 options"),
    ("duplicate options", GOOD.replace("  - text: Two\n", "  - text: One\n"), 12, "repeats an earlier option"),
    (
        "truefalse without answer",
        "id: t1\ntype: truefalse\nprompt: Yes?\nparas: [1]\nexplanation: x\n",
        4,
        "answer: true",
    ),
    (
        "javascript link",
        GOOD.replace("Because.", "'[see](javascript:alert(1))'"),
        8,
        "question 'q1', explanation: link target 'javascript:alert(1)' is not allowed",
    ),
    ("relative link", GOOD.replace("Because.", "'[see](../sources.md)'"), 8, "full https://"),
    ("indented body", "    id: q1\n    type: single\n", 4, "indented by 4 spaces"),
    ("argument after quiz", None, 3, "unexpected text after"),
    (
        "mistake inside tolerance",
        "id: n1\ntype: numeric\nprompt: How many?\nparas: [10]\nanswer: 400\ntolerance: 5\nexplanation: x\nmistakes:\n  - answer: 402\n    feedback: close\n",
        12,
        "would count as right",
    ),
]


@pytest.mark.parametrize("what, body, line, words", BAD, ids=[b[0] for b in BAD])
def test_bad_input_names_file_line_and_fix(what: str, body: str | None, line: int, words: str) -> None:
    if body is None:
        with pytest.raises(ContentError) as info:
            load_page("# T\n\n/// quiz | Which?\n" + GOOD + "///\n", PATH, "x.md")
        err = info.value
    else:
        err = error(body)
    message = str(err)
    assert message.startswith(f"{PATH}:{line}: "), message
    assert words in message
    assert err.hint, f"no hint on how to fix it: {message}"


def test_unclosed_block() -> None:
    with pytest.raises(ContentError) as info:
        load_page("# T\n\n/// quiz\n" + GOOD, PATH, "x.md")
    assert str(info.value).startswith(f"{PATH}:3: the quiz block opened here has no closing")


def test_yes_is_not_text() -> None:
    # YAML reads an unquoted `yes` as true: the error says where, not a blank.
    err = error(GOOD.replace("  - text: Two\n", "  - text: Two\n    feedback: yes\n"))
    assert str(err).startswith(f"{PATH}:13: ") and "'feedback' must be text" in str(err)


def test_paragraph_that_does_not_exist() -> None:
    q = load(GOOD.replace("[4]", "[4, 13]"))[0]
    check_paras(q, 13, PATH)
    with pytest.raises(ContentError) as info:
        check_paras(q, 12, PATH)
    # The line of `paras:` (body line 4), not the `/// quiz` line.
    assert str(info.value).startswith(f"{PATH}:7: question 'q1' names paragraph 13, which does not exist")
    assert "paragraphs 1 to 12" in str(info.value)


def test_duplicate_id_across_pages_names_both() -> None:
    a = load_page(page(GOOD), "docs/read/a.md", "read/a.md")
    b = load_page("\n\n" + page(GOOD), "docs/read/b.md", "read/b.md")
    with pytest.raises(ContentError) as info:
        check_unique(a + b)
    # Both `id:` lines (body line 1), not the `/// quiz` lines.
    assert str(info.value).startswith("docs/read/b.md:6: question id 'q1' is already used at docs/read/a.md:4")


def test_article_quotes_are_checked() -> None:
    text = "the apparent success follows"
    q = load(GOOD.replace("Which?", "Why “apparent success”?"))[0]
    check_quotes(q, lambda s: [1] if s in text else [], PATH)
    q = load(GOOD.replace("Which?", "Why “a roaring success”? ‘Other sources’ are not checked"))[0]
    with pytest.raises(ContentError) as info:
        check_quotes(q, lambda s: [1] if s in text else [], PATH)
    # The line of the field that quotes (`prompt:`, body line 3).
    assert str(info.value).startswith(
        f"{PATH}:6: question 'q1' quotes “a roaring success”, which is not in the article"
    )
    q = load(GOOD.replace("  - text: Two\n", "  - text: Two\n    feedback: Not “a roaring success”\n"))[0]
    with pytest.raises(ContentError) as info:
        check_quotes(q, lambda s: [1] if s in text else [], PATH)
    assert str(info.value).startswith(f"{PATH}:13: question 'q1' quotes “a roaring success”")


# -- Ordering display ------------------------------------------------------------


@given(st.from_regex(r"[a-z0-9]+(-[a-z0-9]+)*", fullmatch=True), st.integers(min_value=3, max_value=12))
def test_display_order_is_a_fixed_shuffle_never_the_answer(qid: str, n: int) -> None:
    q = Question(qid, "ordering", "p", (1,), "e", PATH, 1, items=tuple(f"item {i}" for i in range(n)))
    order = q.display_order()
    assert sorted(order) == list(range(n))
    assert order != list(range(n))
    assert order == q.display_order()


# -- HTML ---------------------------------------------------------------------


def render(q: Question) -> BeautifulSoup:
    html = question_html(q, 1, 1, lambda n: f"../p/#p-{n}", "store")
    return BeautifulSoup(html, "html.parser")


def test_every_type_renders_fieldset_legend_and_labelled_inputs() -> None:
    for q in load_page(FIXTURE.read_text(encoding="utf-8"), "fx.md", "fx.md"):
        soup = render(q)
        section = soup.select_one("section.quiz")
        assert section["data-quiz-id"] == q.id and section["data-quiz-type"] == q.type
        fieldset = section.select_one("fieldset")
        assert fieldset.select_one("legend").get_text(" ", strip=True).startswith("Question 1 of 1")
        controls = fieldset.select("input, select")
        assert controls, q.type
        for control in controls:
            label = soup.select_one(f'label[for="{control["id"]}"]')
            assert label is not None and label.get_text(strip=True), (q.id, control)
        details = section.select_one("details.quiz-answer")
        assert details.select_one("summary").get_text() == "Show answer"
        assert details.select_one(".quiz-explanation").get_text(strip=True)
        assert [a["href"] for a in details.select("a.quiz-reread-link")] == [f"../p/#p-{n}" for n in q.paras]
        assert section.select_one(".quiz-actions").has_attr("hidden")  # no dead buttons without JS


def test_author_text_is_escaped_everywhere() -> None:
    evil = '<script>alert(1)</script> "onmouseover=alert(2) <img src=x onerror=alert(3)>'
    body = (
        GOOD.replace("Which?", f"'{evil} *kept*'")
        .replace("Because.", f"'{evil}'")
        .replace("  - text: Two\n", f"  - text: '{evil}'\n    feedback: '{evil}'\n")
    )
    q = load(body)[0]
    for html in (question_html(q, 1, 1, lambda n: "#p-1", "s"), key_html([q], lambda n: "#p-1")):
        soup = BeautifulSoup(html, "html.parser")
        assert not soup.find("script") and not soup.find("img")
        assert not any(attr.startswith("on") for tag in soup.find_all(True) for attr in tag.attrs)
    soup = BeautifulSoup(question_html(q, 1, 1, lambda n: "#p-1", "s"), "html.parser")
    assert (
        soup.get_text().count("<script>alert(1)</script>") == 5
    )  # prompt, option label, option in the answer, feedback, explanation
    assert "<em>kept</em>" in question_html(q, 1, 1, lambda n: "#p-1", "s")  # Markdown still works


@given(st.text(max_size=60))
def test_md_inline_never_lets_a_tag_through(text: str) -> None:
    try:
        out = md_inline(text)
    except UnsafeMarkdown:
        return  # refused (parse_block reports it at the field's line)
    soup = BeautifulSoup(out, "html.parser")
    allowed = {"em", "strong", "code", "a"}
    assert {tag.name for tag in soup.find_all(True)} <= allowed


def test_answer_key_lists_answers_and_paragraphs() -> None:
    questions = load_page(FIXTURE.read_text(encoding="utf-8"), "fx.md", "fx.md")
    soup = BeautifulSoup(key_html(questions, lambda n: f"#p-{n}"), "html.parser")
    rows = [li.get_text(" ", strip=True) for li in soup.select("section.quiz-key li")]
    assert rows[0].startswith("Question 1: A. Right one") and "¶1" in rows[0]
    assert "A. A right one" in rows[1] and "B. Another right one" in rows[1]
    assert "False" in rows[2]
    assert "400 days" in rows[3] and "399.5 to 400.5" in rows[3]
    assert re.search(r"1\. first .*2\. second .*3\. third .*4\. fourth", rows[4])


# -- Weight budget (bytes, not time) -------------------------------------------


def test_quiz_js_and_css_fit_in_8_kb_gzipped() -> None:
    assets = ROOT / "docs" / "assets"
    size = sum(len(gzip.compress(Path(assets / p).read_bytes(), 9)) for p in ("js/quiz.js", "css/quiz.css"))
    assert size <= 8 * 1024, f"quiz.js + quiz.css are {size} bytes gzipped (budget 8192)"


# -- The comment form --------------------------------------------------------------


def comment_page(body: str, before: str = "# Title\n\n") -> str:
    return before + "<!-- quiz\n" + body + "-->\n"


def test_the_comment_form_reads_as_the_block_form() -> None:
    block = load_page(page(GOOD), PATH, "read/x.md")
    comment = load_page(comment_page(GOOD), PATH, "read/x.md")
    assert comment == block and [q.line for q in comment] == [3]
    assert comment[0].line_of("paras") == 7


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("# T\n\n<!-- quiz\n" + GOOD, 3, "has no closing `-->` line"),
        ("# T\n\n<!-- quiz -->\n", 3, "must end on a line of its own"),
        (
            comment_page(GOOD.replace("Because.", "Because -> therefore.").replace("Because", "B --> A")),
            8,
            "cannot contain `-->`",
        ),
        ("# T\n\n- item\n\n    <!-- quiz\n    id: q1\n    -->\n", 5, "is indented, so it would stay hidden"),
    ],
)
def test_comment_form_mistakes_name_their_line(text: str, line: int, words: str) -> None:
    with pytest.raises(ContentError) as info:
        load_page(text, PATH, "read/x.md")
    assert str(info.value).startswith(f"{PATH}:{line}: ") and words in str(info.value), str(info.value)


def test_to_comment_form_changes_only_the_fences() -> None:
    text = FIXTURE.read_text(encoding="utf-8")
    converted = to_comment_form(text, str(FIXTURE))
    assert converted != text and converted.count("\n") == text.count("\n")
    assert load_page(converted, "fx.md", "fx.md") == load_page(text, "fx.md", "fx.md")
    assert to_comment_form(converted) == converted
    changed = [(a, b) for a, b in zip(text.splitlines(), converted.splitlines()) if a != b]
    assert changed and all(b.strip() in ("<!-- quiz", "-->") for _, b in changed)
    assert "```" in converted and "/// quiz" in converted  # the example in a code fence stays as written
