"""LMS export: the QTI 2.1 package's structure and Moodle GIFT, question by
question, for the fixture page and the site's own quizzes."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import ROOT
from readkit.quiz import Question, load_page
from readkit.quiz_export import CP, QTI, Quiz, choice_ids, collect, gift, gift_escape, ident, qti_zip
from readkit.seed import load_reading

READING = load_reading(ROOT / "seeds" / "necessity-knows-no-law.yml")
FIXTURE = ROOT / "tests" / "fixtures" / "quiz" / "all-types.md"
Q = f"{{{QTI}}}"


@pytest.fixture(scope="module")
def site_quizzes() -> list[Quiz]:
    return collect(ROOT / "docs", READING, ROOT)


@pytest.fixture(scope="module")
def fixture_quizzes() -> list[Quiz]:
    return [Quiz("Fixture", "fx.md", load_page(FIXTURE.read_text(encoding="utf-8"), "fx.md", "fx.md"))]


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        return {name: z.read(name) for name in z.namelist()}


def test_site_quizzes_are_collected_in_reading_order(site_quizzes: list[Quiz]) -> None:
    assert [z.title for z in site_quizzes] == [s.title for s in READING.sections]
    assert sum(len(z.questions) for z in site_quizzes) >= 24


# -- QTI 2.1 ------------------------------------------------------------------


def test_manifest_points_at_every_item_and_the_test(site_quizzes: list[Quiz]) -> None:
    files = unzip(qti_zip(site_quizzes, READING.title))
    manifest = ET.fromstring(files["imsmanifest.xml"])
    assert manifest.tag == f"{{{CP}}}manifest"
    assert manifest.find(f"{{{CP}}}metadata/{{{CP}}}schema").text == "QTIv2.1 Package"
    resources = manifest.findall(f"{{{CP}}}resources/{{{CP}}}resource")
    ids = [r.get("identifier") for r in resources]
    assert len(ids) == len(set(ids))
    questions = [q for z in site_quizzes for q in z.questions]
    items = [r for r in resources if r.get("type") == "imsqti_item_xmlv2p1"]
    assert len(items) == len(questions)
    for res in resources:
        href = res.get("href")
        assert href in files, href
        assert [f.get("href") for f in res.findall(f"{{{CP}}}file")] == [href]
    (test,) = [r for r in resources if r.get("type") == "imsqti_test_xmlv2p1"]
    assert {d.get("identifierref") for d in test.findall(f"{{{CP}}}dependency")} == {r.get("identifier") for r in items}
    assert set(files) == {"imsmanifest.xml"} | {r.get("href") for r in resources}


def test_assessment_test_has_a_section_per_page(site_quizzes: list[Quiz]) -> None:
    files = unzip(qti_zip(site_quizzes, READING.title))
    test = ET.fromstring(files["assessment.xml"])
    assert test.tag == Q + "assessmentTest"
    sections = test.findall(f"{Q}testPart/{Q}assessmentSection")
    assert [s.get("title") for s in sections] == [z.title for z in site_quizzes]
    for section, quiz in zip(sections, site_quizzes):
        refs = section.findall(Q + "assessmentItemRef")
        assert [r.get("identifier") for r in refs] == [ident(q.id) for q in quiz.questions]
        for ref in refs:
            item = ET.fromstring(files[ref.get("href")])
            assert item.get("identifier") == ref.get("identifier")


def check_item(q: Question, xml: bytes) -> None:
    item = ET.fromstring(xml)
    assert item.tag == Q + "assessmentItem" and item.get("identifier") == ident(q.id)
    assert all(el.tag.startswith(Q) for el in item.iter()), "every element is in the QTI namespace"
    assert item.get("adaptive") == "false" and item.get("timeDependent") == "false"
    (rd,) = item.findall(Q + "responseDeclaration")
    assert rd.get("identifier") == "RESPONSE"
    correct = [v.text for v in rd.findall(f"{Q}correctResponse/{Q}value")]
    outcomes = {o.get("identifier"): o for o in item.findall(Q + "outcomeDeclaration")}
    assert outcomes["SCORE"].get("baseType") == "float" and outcomes["SCORE"].get("cardinality") == "single"
    rp = item.find(Q + "responseProcessing")
    assert rp.get("template", "").endswith("/rptemplates/match_correct")
    body = item.find(Q + "itemBody")
    modal = {m.get("identifier"): m for m in item.findall(Q + "modalFeedback")}
    assert "EXPLANATION" in modal and "".join(modal["EXPLANATION"].itertext()).strip()
    ids = choice_ids(q)
    if q.type in ("single", "multiple", "truefalse"):
        inter = body.find(Q + "choiceInteraction")
        assert inter.get("responseIdentifier") == "RESPONSE"
        assert inter.get("maxChoices") == ("0" if q.type == "multiple" else "1")
        assert rd.get("baseType") == "identifier"
        assert rd.get("cardinality") == ("multiple" if q.type == "multiple" else "single")
        choices = [c.get("identifier") for c in inter.findall(Q + "simpleChoice")]
        assert choices == [ids[o.key] for o in q.options]
        assert correct == [ids[o.key] for o in q.correct_options]
        for choice, option in zip(inter.findall(Q + "simpleChoice"), q.options):
            fb = choice.find(Q + "feedbackInline")
            assert (fb is not None) == bool(option.feedback)
            if fb is not None:
                assert fb.get("outcomeIdentifier") == "FEEDBACK" and fb.get("identifier") == choice.get("identifier")
        assert "FEEDBACK" in outcomes
    elif q.type == "ordering":
        inter = body.find(Q + "orderInteraction")
        assert rd.get("cardinality") == "ordered" and rd.get("baseType") == "identifier"
        texts = {c.get("identifier"): "".join(c.itertext()).strip() for c in inter.findall(Q + "simpleChoice")}
        assert [texts[v] for v in correct] == list(q.items)
    else:
        assert rd.get("baseType") == "float" and rd.get("cardinality") == "single"
        assert float(correct[0]) == q.answer
        assert body.find(f".//{Q}textEntryInteraction").get("responseIdentifier") == "RESPONSE"
        equal = rp.find(f"{Q}responseCondition/{Q}responseIf/{Q}equal")
        if q.tolerance:
            assert equal.get("toleranceMode") == "absolute"
            assert [float(t) for t in equal.get("tolerance").split()] == [q.tolerance, q.tolerance]
        else:
            assert equal.get("toleranceMode") == "exact"
        assert {f"MISTAKE_{n}" for n in range(1, len(q.mistakes) + 1)} <= set(modal)


def test_every_item_has_the_structure_qti_requires(site_quizzes: list[Quiz], fixture_quizzes: list[Quiz]) -> None:
    for quizzes in (site_quizzes, fixture_quizzes):
        files = unzip(qti_zip(quizzes, "T"))
        for quiz in quizzes:
            for q in quiz.questions:
                check_item(q, files[f"items/{ident(q.id)}.xml"])


def test_package_is_reproducible(fixture_quizzes: list[Quiz]) -> None:
    assert qti_zip(fixture_quizzes, "T") == qti_zip(fixture_quizzes, "T")


# -- GIFT ---------------------------------------------------------------------

SPECIAL = {"\\\\": "\\", "\\:": ":", "\\#": "#", "\\=": "=", "\\{": "{", "\\}": "}", "\\~": "~", "\\n": "\n"}


def gift_unescape(text: str) -> str:
    return re.sub(r"\\[\\:#={}~n]", lambda m: SPECIAL[m.group(0)], text)


@given(st.text())
def test_gift_escape_round_trips_and_hides_every_special_character(text: str) -> None:
    text = text.replace("\r", "")
    escaped = gift_escape(text)
    assert gift_unescape(escaped) == text
    bare = re.sub(r"\\.", "", escaped)
    assert not set(bare) & set("~=#{}:\n")


def parse_gift(text: str) -> dict[str, dict]:
    """A small reader following Moodle's GIFT importer: name, text, answers."""
    out = {}
    for chunk in re.split(r"\n\s*\n", text):
        lines = [line for line in chunk.splitlines() if not line.strip().startswith("//")]
        block = "\n".join(lines).strip()
        if not block or block.startswith("$CATEGORY:"):
            continue
        m = re.fullmatch(r"::(.+?)::\[markdown\](.*?)\{(.*)\}", block, re.S)
        assert m, block
        name, question, answers = m.groups()
        general = ""
        if "####" in answers:
            answers, general = answers.rsplit("####", 1)
        out[gift_unescape(name)] = {
            "text": gift_unescape(question),
            "answers": answers.strip(),
            "general": gift_unescape(general.strip()),
        }
    return out


def split_answers(answers: str) -> list[tuple[str, str, str]]:
    """(marker with weight, text, feedback) per answer line."""
    rows = []
    for line in answers.splitlines():
        m = re.fullmatch(r"\s*([=~](?:%-?[\d.]+%)?)((?:\\.|[^#\\])*)(?:#(.*))?", line)
        assert m, line
        rows.append((m.group(1), gift_unescape(m.group(2)), gift_unescape(m.group(3) or "")))
    return rows


def test_gift_question_by_question(site_quizzes: list[Quiz], fixture_quizzes: list[Quiz]) -> None:
    for quizzes in (site_quizzes, fixture_quizzes):
        parsed = parse_gift(gift(quizzes, "A/B: title"))
        questions = [q for z in quizzes for q in z.questions]
        assert list(parsed) == [q.id for q in questions]
        for q in questions:
            g = parsed[q.id]
            assert g["text"].startswith(q.prompt)
            assert g["general"].startswith(q.explanation) and "¶" in g["general"]
            if q.type == "truefalse":
                right = next(o for o in q.options if o.correct)
                wrong = next(o for o in q.options if not o.correct)
                assert (
                    g["answers"]
                    == f"{right.key.upper()}#{gift_escape(wrong.feedback or '')}#{gift_escape(right.feedback or '')}"
                )
                continue
            if q.type == "numeric":
                assert g["answers"].startswith("#")
                rows = g["answers"][1:].strip().splitlines()
                m = re.match(r"=%100%(-?[\d.]+):([\d.]+)#", rows[0].strip())
                assert m and (float(m.group(1)), float(m.group(2))) == (q.answer, q.tolerance), rows[0]
                assert len([r for r in rows if r.strip().startswith("=%0%")]) == len(q.mistakes)
                continue
            rows = split_answers(g["answers"])
            if q.type == "ordering":
                assert [(t.rsplit(" -> ", 1)[0].strip(), t.rsplit(" -> ", 1)[1]) for _, t, _ in rows] == [
                    (item, str(i)) for i, item in enumerate(q.items, start=1)
                ]
                continue
            assert [t for _, t, _ in rows] == [o.text for o in q.options]
            assert [f for _, _, f in rows] == [o.feedback or "" for o in q.options]
            if q.type == "single":
                assert [m for m, _, _ in rows] == ["=" if o.correct else "~" for o in q.options]
            else:  # multiple: the right answers share 100%, wrong ones take it away
                weights = [float(m[2:-1]) for m, _, _ in rows]
                assert sum(w for w in weights if w > 0) == pytest.approx(100, abs=0.01)
                assert all((w > 0) == o.correct for w, o in zip(weights, q.options))


def test_gift_categories_follow_the_sections(site_quizzes: list[Quiz]) -> None:
    text = gift(site_quizzes, "Reading / one")
    categories = re.findall(r"^\$CATEGORY: (.*)$", text, re.M)
    assert categories == [f"$course$/Reading // one/{z.title}" for z in site_quizzes]


# -- The command ----------------------------------------------------------------


def test_export_command_writes_both_files(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "export_quiz.py"), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Exported" in result.stdout
    files = unzip((tmp_path / "quiz-qti.zip").read_bytes())
    assert "imsmanifest.xml" in files
    assert "::opening-1::" in (tmp_path / "quiz.gift.txt").read_text(encoding="utf-8")


def test_export_command_reports_bad_content_with_line(tmp_path: Path) -> None:
    from helpers import copy_project

    project = copy_project(tmp_path / "p")
    page = project / "docs" / "read" / "opening.md"
    page.write_text(page.read_text(encoding="utf-8").replace("paras: [1]", "paras: [99]", 1), encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "export_quiz.py"),
            "-f",
            str(project / "mkdocs.yml"),
            "--out",
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert re.match(r"error: docs/read/opening\.md:\d+: question '\S+' names paragraph 99", result.stderr), (
        result.stderr
    )
